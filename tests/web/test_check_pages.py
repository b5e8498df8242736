"""The self-check pages over HTTP: one question a page, answers carried in the form, every
user string escaped, nothing stored, a saved copy as a download."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from .conftest import client_for

FORM = {"content-type": "application/x-www-form-urlencoded"}

HIDDEN = re.compile(r'<input type="hidden" name="(a:[^"]+)" value="([^"]*)">')


def _post(client, path: str, data: list[tuple[str, str]]):
    """A form post with repeated fields, as a browser sends it."""
    return client.post(path, content=urlencode(data), headers=FORM)


def _carried(html: str) -> list[tuple[str, str]]:
    return HIDDEN.findall(html)


def _answer(client, html: str, key: str, value: str | None = None, action: str = "answer"):
    data = [*_carried(html), ("key", key), ("action", action), ("csrf_token", "")]
    if value is not None:
        data.append(("answer", value))
    return _post(client, "/check/questions", data)


def _key(html: str) -> str:
    return re.search(r'name="key" value="([^"]+)"', html).group(1)


def test_a_council_in_scotland_ends_the_check_at_the_first_question(db_url, clock):
    with client_for(db_url, clock) as client:
        start = client.get("/check")
        assert start.status_code == 200 and "Your answers are not kept" in start.text
        first = client.get("/check/questions")
        assert _key(first.text) == "acting_body@0"
        assert "set-cookie" not in first.headers
        page = _answer(client, first.text, "acting_body@0", "scotland")
        assert page.status_code == 200
        # the validity questions come next: they could still make it invalid rather than closed
        while 'name="key"' in page.text:
            page = _answer(client, page.text, _key(page.text), action="unknown")
        assert "Another organisation is better placed to help" in page.text
        assert "Scottish Public Services Ombudsman" in page.text
        assert "section 25" in page.text or "legislation.gov.uk" in page.text
        assert "set-cookie" not in page.headers


def test_no_answer_is_an_error_linked_to_the_field(db_url, clock):
    with client_for(db_url, clock) as client:
        first = client.get("/check/questions")
        page = _answer(client, first.text, "acting_body@0")
        assert page.status_code == 400
        assert "Error: " in page.text and 'href="#answer"' in page.text


def test_a_tampered_answer_is_refused_and_escaped(db_url, clock):
    with client_for(db_url, clock) as client:
        data = [("a:acting_body@0", "<script>x</script>"), ("key", "area@0"), ("csrf_token", "")]
        page = _post(client, "/check/questions", data)
        assert page.status_code == 400
        assert "<script>x</script>" not in page.text


def test_a_future_date_is_refused(db_url, clock):
    with client_for(db_url, clock) as client:
        page = client.get("/check/questions")
        for value in ("council", "other"):
            page = _answer(client, page.text, _key(page.text), value)
        page = _answer(client, page.text, _key(page.text), "highways")
        while "answer-day" not in page.text and 'name="key"' in page.text:
            key = _key(page.text)
            value = "yes" if key.startswith("raised") else None
            page = _answer(client, page.text, key, value, action="answer" if value else "unknown")
        assert "answer-day" in page.text
        data = [
            *_carried(page.text),
            ("key", _key(page.text)),
            ("action", "answer"),
            ("csrf_token", ""),
        ]
        data += [("answer-day", "1"), ("answer-month", "1"), ("answer-year", "2999")]
        refused = _post(client, "/check/questions", data)
        assert refused.status_code == 400 and "after today" in refused.text


def test_save_returns_the_answers_and_result_as_a_download(db_url, clock):
    with client_for(db_url, clock) as client:
        data = [("a:acting_body@0", "police"), ("csrf_token", "")]
        saved = _post(client, "/check/save", data)
        assert saved.status_code == 200
        assert "attachment" in saved.headers["content-disposition"]
        assert "The police" in saved.text and "not a decision" in saved.text
