"""The precedents panel on the public decision page and on the case page."""

from __future__ import annotations

import re
import time

from ombuds.corpus.parse import parse_document
from ombuds.corpus.store import open_store

from .conftest import client_for, sign_in
from .test_pages import _new_letter_case


def _panel(page: str) -> str:
    match = re.search(r'<section class="app-precedents".*?</section>', page, re.DOTALL)
    assert match, "no precedents panel"
    return match.group(0)


def test_the_decision_page_lists_the_nearest_others_with_their_vote(app_client):
    page = app_client.get("/decisions/24-015-969")
    assert page.status_code == 200
    panel = _panel(page.text)
    references = re.findall(r'href="/decisions/([\d-]+)"', panel)
    assert references and "24-015-969" not in references  # never itself
    assert "Outcome" in panel and "Category" in panel and "Grounds" in panel
    assert "Why similar" in panel
    assert "data-second-opinion=" in panel
    assert "the published decision" in panel


HEADER = (
    "Sheffield City Council (25 000 777)\n\nCategory : Children's care services > Other\n\n"
    "Decision : Closed after initial enquiries\n\nDecision date : 01 Mar 2025\n\n"
)


def _page_after_storing(db_url, clock, hostile: str, path: str) -> str:
    """Store the decision `hostile`, then the page at `path`."""
    with open_store(db_url) as store:
        parsed, text = parse_document(hostile, source="hostile.txt")
        store.upsert(parsed, text)
    with client_for(db_url, clock) as client:
        return client.get(path).text


def test_a_sentence_from_a_stored_decision_is_escaped(db_url, clock):
    hostile = HEADER + (
        "The complaint\n\n1. Miss X complains about her social worker <script>alert(1)</script> "
        "and the social worker's discriminatory and unprofessional conduct.\n\n"
        "Final decision\n\n2. We will not investigate the social worker complaint.\n"
    )
    panel = _panel(_page_after_storing(db_url, clock, hostile, "/decisions/24-015-969"))
    assert "25 000 777" in panel
    assert "<script>alert(1)</script>" not in panel
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel


def test_the_case_page_shows_the_precedents_beside_the_engine(app_client):
    sign_in(app_client)
    case = _new_letter_case(app_client)
    panel = _panel(app_client.get(f"/cases/{case}").text)
    assert re.findall(r'href="/decisions/([\d-]+)"', panel)
    assert "the engine" in panel  # the vote is set beside the engine's outcome


def test_a_published_case_does_not_list_its_own_decision(db_url):
    from types import SimpleNamespace

    from ombuds.web.pages.precedents import for_case

    with open_store(db_url) as store:
        text = store.get("24 015 969")["summary"]
        case = SimpleNamespace(
            id=1, letter_text=text, facts={}, assessment={}, published_reference="24 015 969"
        )
        shown = [p.reference for p in for_case(store, case)["result"].precedents]
        unpublished = SimpleNamespace(**{**vars(case), "published_reference": None})
        before = [p.reference for p in for_case(store, unpublished)["result"].precedents]
    assert "24 015 969" in before  # its own words find it first...
    assert shown and "24 015 969" not in shown  # ...until it is the case's own decision


def test_the_app_builds_the_precedents_matrix_at_start_up(db_url, clock):
    from ombuds.precedents import lexical

    with client_for(db_url, clock) as client:
        engine = client.app.state.store.engine
        held = None
        deadline = time.monotonic() + 60  # it starts once no request is in flight (web.warming)
        while held is None and time.monotonic() < deadline:
            lexical.wait_for_refresh()
            with lexical._LOCK:
                held = lexical._MATRICES.get(engine)
            time.sleep(0.05)
        assert held is not None  # before any page asked for precedents
        assert client.get("/decisions/24-015-969").status_code == 200


def test_the_decision_page_shows_the_statement_with_its_headings_and_numbers(app_client):
    page = app_client.get("/decisions/24-015-969").text
    statement = page.split('<div class="app-decision">', 1)[1].split('<section class="app-prec')[0]
    assert '<h2 class="govuk-heading-m">The complaint</h2>' in statement
    assert 'id="paragraph-4"' in statement and ">4.</span> We investigate complaints" in statement
    assert '<ul class="govuk-list govuk-list--bullet">' in statement
    assert "<li>we cannot achieve the outcome someone wants, or</li>" in statement
    assert "- Miss X" not in statement and "Category :" not in statement


def test_a_stored_statement_is_escaped_on_its_own_page(db_url, clock):
    hostile = HEADER + (
        "The complaint\n\n1. Miss X complains about <script>alert(1)</script> and more.\n"
        "• <b>bold</b> item\n\nFinal decision\n\n2. We will not investigate.\n"
    )
    page = _page_after_storing(db_url, clock, hostile, "/decisions/25-000-777")
    assert "<script>alert(1)</script>" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt; item</p>" in page
