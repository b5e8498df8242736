"""The casework pages, form by form, as an investigator and a reviewer would use them."""

from __future__ import annotations

import io
import re

import yaml

from .conftest import SEED_FACTS, client_for, form_values, sign_in

SEED = SEED_FACTS / "000_5d44b0c00c107248.yaml"
LETTER = """Dear Ombudsman,

I complained to Leicestershire County Council about my social worker in January. They did not
help me and I am still upset. Please look into it.

Miss X
"""


def _post(client, path: str, page_path: str | None = None, **data):
    page = client.get(page_path or path.rsplit("/", 1)[0])
    return client.post(path, data={**form_values(page.text), **data})


def _new_letter_case(client) -> int:
    response = _post(client, "/cases/new/letter", "/cases/new", letter=LETTER)
    assert response.status_code == 303
    return int(response.headers["location"].rsplit("/", 1)[1])


def test_a_case_from_a_letter_is_read_assessed_and_its_evidence_highlighted(app_client):
    sign_in(app_client)
    case = _new_letter_case(app_client)
    page = app_client.get(f"/cases/{case}").text
    assert "Reading not available" not in page
    assert "Assessment" in page  # read and assessed at once
    # Each fact's words are marked in the letter, named for the fact they support.
    assert re.search(
        r'<mark class="evidence" title="body">Leicestershire County Council<span', page
    )
    letter = re.sub(r"<span class=\"govuk-visually-hidden\">[^<]*</span>|<[^>]+>", "", page)
    assert "I complained to Leicestershire County Council about my social worker" in letter


def test_without_the_reader_a_letter_is_kept_and_reading_is_not_available(app_client, monkeypatch):
    monkeypatch.setattr("ombuds.casework.reader.READER_MODULE", "ombuds.no_such_reader")
    sign_in(app_client)
    case = _new_letter_case(app_client)
    page = app_client.get(f"/cases/{case}").text
    assert "I complained to Leicestershire County Council" in page
    assert "Reading not available" in page
    assert "Received" in page


def test_an_uploaded_letter_is_kept_with_its_file_name(app_client):
    sign_in(app_client)
    page = app_client.get("/cases/new")
    response = app_client.post(
        "/cases/new/letter",
        data=form_values(page.text),
        files={"upload": ("letter.txt", io.BytesIO(LETTER.encode("cp1252")), "text/plain")},
    )
    assert response.status_code == 303
    shown = app_client.get(response.headers["location"]).text
    assert "letter.txt" in shown and "my social worker" in shown


def test_an_empty_letter_is_an_error_in_the_summary_with_the_title_prefix(app_client):
    sign_in(app_client)
    response = _post(app_client, "/cases/new/letter", "/cases/new", letter="   ")
    assert response.status_code == 400
    assert "<title>Error: Start a new case" in response.text
    assert 'href="#letter"' in response.text and "The letter is empty" in response.text


def test_facts_that_do_not_fit_the_schema_are_listed_and_the_input_kept(app_client):
    sign_in(app_client)
    case = _new_letter_case(app_client)
    bad = "body: Kent County Council\ncomplainant: {title: Mrs}\nheads: []\n"
    response = _post(app_client, f"/cases/{case}/facts", f"/cases/{case}/facts", facts=bad)
    assert response.status_code == 422
    assert "<title>Error:" in response.text
    assert "complainant.alias" in response.text and "heads" in response.text
    assert "Kent County Council" in response.text  # what was typed is still there


def test_entering_the_facts_assesses_the_case_and_shows_the_trace(app_client):
    sign_in(app_client)
    case = _new_letter_case(app_client)
    response = _post(
        app_client, f"/cases/{case}/facts", f"/cases/{case}/facts", facts=SEED.read_text()
    )
    assert response.status_code == 303
    page = app_client.get(f"/cases/{case}").text
    assert "Closed after initial enquiries" in page
    assert "Trace of every test for part 1" in page
    assert "Local Government Act 1974" in page
    assert "heads[0].judgement.council_investigation_thorough = True" in page


def test_the_guided_form_asks_one_question_a_page_until_the_engine_needs_nothing(app_client):
    sign_in(app_client)
    page = app_client.get("/cases/new/guided")
    response = app_client.post(
        "/cases/new/guided",
        data={
            **form_values(page.text),
            "body": "Kent County Council",
            "title": "Mrs",
            "alias": "Mrs X",
            "summary": "Mrs X complains the council did not repair the pothole outside her home",
            "about": "a service the council provided or failed to provide",
            "assessment_date-day": "10",
            "assessment_date-month": "2",
            "assessment_date-year": "2025",
        },
    )
    assert response.status_code == 303 and response.headers["location"].endswith("/questions")
    asked = []
    for _ in range(12):
        question = app_client.get(response.headers["location"])
        if question.status_code == 303:
            break
        assert question.status_code == 200
        values = form_values(question.text)
        path = question.text.split('name="path" value="', 1)[1].split('"', 1)[0]
        asked.append(path)
        name = "f_" + "".join(c if c.isalnum() else "_" for c in path).strip("_")
        while "__" in name:
            name = name.replace("__", "_")
        if 'type="text" inputmode' in question.text or f'name="{name}-day"' in question.text:
            data = {f"{name}-day": "3", f"{name}-month": "1", f"{name}-year": "2025"}
        elif 'type="checkbox"' in question.text:
            data = {}
            data["action"] = "skip"
        else:
            first = question.text.split(f'name="{name}" type="radio" value="', 1)[1].split('"', 1)[
                0
            ]
            data = {name: first}
        data.setdefault("action", "answer")
        response = app_client.post(
            f"/cases/{response.headers['location'].split('/')[2]}/questions",
            data={**values, "path": path, **data},
        )
        assert response.status_code == 303, response.text[:2000]
    assert asked, "the engine asked nothing"
    assert len(asked) == len(set(asked)), asked  # never the same question twice
    assert "dates.came_to_ombudsman" in asked


def test_a_bad_answer_is_shown_on_the_question_page(app_client):
    sign_in(app_client)
    case = _new_letter_case(app_client)
    facts = yaml.safe_load(SEED.read_text())
    del facts["heads"][0]["judgement"]
    _post(app_client, f"/cases/{case}/facts", f"/cases/{case}/facts", facts=yaml.safe_dump(facts))
    question = app_client.get(f"/cases/{case}/questions")
    path = question.text.split('name="path" value="', 1)[1].split('"', 1)[0]
    response = app_client.post(
        f"/cases/{case}/questions",
        data={**form_values(question.text), "path": path, "action": "answer"},
    )
    assert response.status_code == 400 and "<title>Error:" in response.text


def _drafted_case(client) -> int:
    case = _new_letter_case(client)
    _post(client, f"/cases/{case}/facts", f"/cases/{case}/facts", facts=SEED.read_text())
    response = _post(client, f"/cases/{case}/draft", f"/cases/{case}")
    assert response.status_code == 200 and "The statement is drafted" in response.text
    return case


def test_two_people_editing_one_statement_lose_nothing(db_url, clock):
    with client_for(db_url, clock) as ivan, client_for(db_url, clock) as rita:
        sign_in(ivan, "investigator")
        sign_in(rita, "reviewer")
        case = _drafted_case(ivan)
        mine = ivan.get(f"/cases/{case}/statement")
        theirs = rita.get(f"/cases/{case}/statement")
        text = form_values(mine.text)
        saved = ivan.post(
            f"/cases/{case}/statement", data={**text, "text": "Ivan's version\n1. One."}
        )
        assert saved.status_code == 303
        refused = rita.post(
            f"/cases/{case}/statement",
            data={**form_values(theirs.text), "text": "Rita's version\n1. Two."},
        )
        assert refused.status_code == 409
        assert "<title>Error:" in refused.text and "changed by someone else" in refused.text
        assert "Rita&#39;s version" in refused.text  # her edit is kept on the page
        assert "statement edited" in refused.text and "ivan@council.example" in refused.text
        page = rita.get(f"/cases/{case}").text
        assert "Ivan&#39;s version" in page  # the first save stands


def test_the_whole_case_through_review_and_publication(db_url, clock):
    import docx
    import pypdf

    with client_for(db_url, clock) as ivan, client_for(db_url, clock) as rita:
        sign_in(ivan, "investigator")
        sign_in(rita, "reviewer")
        case = _drafted_case(ivan)
        anonymised = _post(ivan, f"/cases/{case}/anonymise", f"/cases/{case}")
        assert "check every replacement" in anonymised.text
        assert _post(ivan, f"/cases/{case}/submit", f"/cases/{case}").status_code == 200
        returned = _post(
            rita, f"/cases/{case}/review", f"/cases/{case}/review", decision="return", comment=""
        )
        assert returned.status_code == 400 and "What needs changing" not in returned.text
        assert "Say what needs changing" in returned.text
        _post(
            rita,
            f"/cases/{case}/review",
            f"/cases/{case}/review",
            decision="return",
            comment="Shorten the summary.",
        )
        page = ivan.get(f"/cases/{case}").text
        assert "Shorten the summary." in page and "Draft" in page
        _post(ivan, f"/cases/{case}/anonymise", f"/cases/{case}")
        _post(ivan, f"/cases/{case}/submit", f"/cases/{case}")
        approved = _post(rita, f"/cases/{case}/review", f"/cases/{case}/review", decision="approve")
        assert approved.status_code == 303
        gate = rita.get(f"/cases/{case}/publish")
        assert gate.status_code == 200
        published = rita.post(f"/cases/{case}/publish", data=form_values(gate.text))
        assert published.status_code == 200 and "Published as 24 015 969" in published.text
        found = rita.get("/search", params={"q": "social worker"}).text
        assert "/decisions/24-015-969" in found
        word = ivan.get(f"/cases/{case}/statement.docx")
        assert word.headers["content-type"].startswith("application/vnd.openxml")
        paragraphs = [p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs]
        assert any("Leicestershire County Council" in p for p in paragraphs)
        pdf = ivan.get(f"/cases/{case}/statement.pdf")
        text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
        assert "Summary" in text and "Miss X" in text
        audit = ivan.get(f"/cases/{case}/audit.csv").text
        for action in (
            "case created",
            "statement drafted",
            "returned for changes",
            "approved",
            "published",
        ):
            assert action in audit
        assert "rita@council.example" in audit


def test_a_binary_upload_is_refused_as_not_text(app_client):
    sign_in(app_client)
    page = app_client.get("/cases/new")
    response = app_client.post(
        "/cases/new/letter",
        data=form_values(page.text),
        files={
            "upload": ("scan.pdf", io.BytesIO(b"%PDF-1.7\x00\x01\x02binary"), "application/pdf")
        },
    )
    assert response.status_code == 400 and "The file is not text" in response.text
