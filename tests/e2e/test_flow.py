"""The whole case in a real browser: sign in, a new case from a letter, the facts, assess,
record a judgement, draft, anonymise, return for changes, approve, publish, find it in the public
search, download the PDF. A screenshot of each step is saved, and axe-core checks every page on
the way (0 serious or critical violations)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from .pages import App, CasePage, axe_violations

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seeds" / "000_5d44b0c00c107248.yaml"
README_SHOT = ROOT / "docs" / "images" / "case-page.png"
LETTER = (
    "Dear Ombudsman,\n\nI complained to Leicestershire County Council about my social worker, "
    "who I feel was unprofessional and kept information from me. The council's reply did not "
    "help.\n\nMiss X\n"
)


def _facts_without_the_first_judgement() -> str:
    facts = yaml.safe_load(SEED.read_text())
    del facts["heads"][0]["judgement"]
    return yaml.safe_dump(json.loads(json.dumps(facts, default=str)), sort_keys=False)


def test_a_case_from_letter_to_published_decision(browser, live_server, artefacts):
    seen: dict[str, list] = {}
    shots = artefacts / "flow"
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)

    def check(app: App, name: str) -> None:
        app.shot(name)
        seen[f"{name} {app.page.url}"] = axe_violations(app.page)

    ivan_context = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    rita_context = browser.new_context(viewport={"width": 1280, "height": 900})
    ivan = App(ivan_context.new_page(), live_server, shots)
    rita = App(rita_context.new_page(), live_server, shots)
    try:
        ivan.sign_in("investigator")
        check(ivan, "cases")

        ivan.page.get_by_role("button", name="Start a new case").click()
        check(ivan, "new-case")
        ivan.page.get_by_label("Paste the letter, email or form").fill(LETTER)
        ivan.button("Start the case")
        case = CasePage(ivan)
        # The letter is read at once: its facts assessed, their words marked in the letter.
        expect(ivan.page.locator("mark.evidence").first).to_be_visible()
        assert case.status() == "Assessment"
        check(ivan, "case-read")

        case.edit_facts(_facts_without_the_first_judgement())
        assert case.status() == "Assessment"
        expect(ivan.page.get_by_text("Outcome: Closed after initial enquiries")).to_be_visible()
        ivan.page.get_by_text("Trace of every test for part 1").click()
        check(ivan, "assessed")

        case.record_judgement("Part 1: The council's", "Yes")
        expect(
            ivan.page.get_by_text("council_investigation_thorough = True").first
        ).to_be_attached()
        check(ivan, "judgement-recorded")

        ivan.button("Draft the statement")
        expect(ivan.page.get_by_text("The statement is drafted")).to_be_visible()
        assert case.status() == "Draft"
        check(ivan, "drafted")
        ivan.button("Anonymise the statement")
        expect(ivan.page.get_by_text("check every replacement")).to_be_visible()
        check(ivan, "anonymised")
        ivan.button("Send for review")
        assert case.status() == "Review"
        number = case.number

        rita.sign_in("reviewer")
        rita.go(f"/cases/{number}/review")
        check(rita, "review")
        rita.button("Record the review")
        rita.expect_validation_error("decision")
        check(rita, "review-error")
        rita.page.get_by_label("Return it for changes").check()
        rita.page.get_by_label("Comments for the investigator").fill("Please check the summary.")
        rita.button("Record the review")
        assert CasePage(rita).status() == "Draft"

        ivan.page.reload()
        expect(ivan.page.get_by_text("Please check the summary.").first).to_be_visible()
        ivan.button("Anonymise the statement")
        ivan.button("Send for review")

        rita.go(f"/cases/{number}/review")
        rita.page.get_by_label("Approve it for publication").check()
        rita.button("Record the review")
        assert CasePage(rita).status() == "Decided"
        rita.page.get_by_role("button", name="Publish the decision").click()
        check(rita, "publish")
        rita.button("Publish the decision")
        expect(
            rita.page.get_by_role("alert").get_by_text("Published as 24 015 969")
        ).to_be_visible()
        assert CasePage(rita).status() == "Published"
        check(rita, "published")
        rita.page.set_viewport_size({"width": 1280, "height": 1700})
        rita.page.screenshot(path=str(artefacts / "case-page.png"), full_page=False)
        rita.page.set_viewport_size({"width": 1280, "height": 900})
        if not README_SHOT.exists():  # the README's picture; refreshed by hand, never in CI
            README_SHOT.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(artefacts / "case-page.png", README_SHOT)

        public = App(browser.new_page(), live_server, shots)
        public.go("/")
        public.page.get_by_label("Search decisions").fill("social worker")
        public.button("Search")
        public.page.get_by_role("link", name=re.compile(r"24 015 969")).click()
        expect(public.page.get_by_role("heading", level=1)).to_contain_text("24 015 969")
        check(public, "public-decision")
        public.page.close()

        with ivan.page.expect_download() as download:
            ivan.page.get_by_role("link", name=re.compile("^PDF")).click()
        pdf = artefacts / "statement.pdf"
        download.value.save_as(pdf)
        assert pdf.read_bytes().startswith(b"%PDF")
        import pypdf

        assert "Miss X" in "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    finally:
        ivan_context.close()
        rita_context.close()
    failing = {page: v for page, v in seen.items() if v}
    assert not failing, failing
