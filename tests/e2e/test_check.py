"""The self-check in a real browser, JavaScript off: every ending reached by clicking through,
each page axe clean, and the saved copy downloaded."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .pages import axe_violations

pytestmark = pytest.mark.browser

# Answers by question text (a regular expression on the page's heading): the label to choose,
# "I don't know", or a date as (day, month, year). A question not listed is answered "I don't
# know"; the flow decides which questions come.
ENDINGS = {
    "can_look": (
        {
            "Who did the thing": "A council in England",
            "What is your complaint about": "Care for adults or children",
            "What is the care problem": "An adult's care assessment or care plan",
            "What are you mainly unhappy about": "A service the council gave or did not give",
            "Who is making": "A person",
            "for yourself or for someone else": "For myself",
            "affected you": "Yes",
            "Who does the problem affect": "Me or my household",
            "employer of a school": "No",
            "When did you first know": ("1", "10", "2024"),
            "Have you complained to the council": "Yes",
            "When did you first complain": ("5", "10", "2024"),
            "Where has your complaint": "It has sent its final reply",
            "When did the council send": ("20", "11", "2024"),
            "children's social care complaints": "No",
            "appealed": "No",
            "reason you could not appeal": "None of these",
            "own review or appeal": "There is no review",
            "already made a decision": "No",
            "anything that shows": "Yes, it is clear from what I have",
            "turned out the same": "No, it would have been better",
            "real harm": "Yes",
            "look into your complaint properly": "No",
            "agree that it got things wrong": "No",
            "put things right": "No",
            "still put right": "Yes",
        },
        "The Ombudsman can probably look at your complaint",
    ),
    "council_first": (
        {
            "Who did the thing": "A council in England",
            "What is your complaint about": "Something else (for example bins, roads or noise)",
            "What is it about": "Roads, pavements or street lights",
            "Have you complained to the council": "No, not yet",
            "at risk of serious harm": "No",
            "Who is making": "A person",
            "for yourself or for someone else": "For myself",
            "affected you": "Yes",
        },
        "Complain to the council first",
    ),
    "elsewhere": (
        {
            "Who did the thing": "A council in Scotland",
            "Who is making": "A person",
            "for yourself or for someone else": "For myself",
            "affected you": "Yes",
        },
        "Another organisation is better placed to help",
    ),
    "cannot": (
        {"Who is making": "A parish or town council"},
        "The Ombudsman probably cannot look at your complaint",
    ),
    "depends": (
        {
            "Who did the thing": "A council in England",
            "What is your complaint about": "Something else (for example bins, roads or noise)",
            "What is it about": "Roads, pavements or street lights",
            "Have you complained to the council": "No, not yet",
        },
        "The Ombudsman may be able to look at your complaint",
    ),
}


def _heading(page) -> str:
    return page.locator("h1").first.inner_text()


def _submit(page, button: str) -> None:
    """Press a form's button and wait for the page it leads to (reading the next question off
    the old page would answer the wrong one)."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def _walk(page, base: str, answers: dict, found: list | None) -> None:
    """Click through the check; with `found`, run axe on every page on the way."""
    page.goto(base + "/check")
    if found is not None:
        found += axe_violations(page)
    _submit(page, "Start now")
    for _ in range(60):
        if page.locator('input[name="key"]').count() == 0:
            return
        heading = _heading(page)
        choice = next((v for k, v in answers.items() if re.search(k, heading)), None)
        if choice is None:
            _submit(page, "I don't know")
            continue
        if isinstance(choice, tuple):
            for label, value in zip(("Day", "Month", "Year"), choice, strict=True):
                page.get_by_label(label, exact=True).fill(value)
        else:
            page.get_by_label(choice, exact=True).check()
        _submit(page, "Continue")
        if page.locator(".govuk-error-summary").count():
            raise AssertionError(f"{heading}: {page.locator('.govuk-error-summary').inner_text()}")
        if found is not None:
            found += axe_violations(page)
    raise AssertionError("the check did not end")


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_every_ending_without_javascript(browser, live_server, ending):
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        answers, heading = ENDINGS[ending]
        _walk(page, live_server, answers, None)
        expect(page.locator("h1")).to_have_text(heading)
        assert page.get_by_text("This is not a decision").count() == 1
        assert context.cookies() == []  # nothing kept, not even a cookie
        with page.expect_download() as download:
            page.get_by_role("button", name="Save my answers and result").click()
        saved = download.value.path().read_text(encoding="utf-8")
        assert heading in saved
    finally:
        context.close()


@pytest.mark.parametrize("ending", ["can_look", "elsewhere"])
def test_every_page_on_the_way_is_axe_clean(context, live_server, ending):
    """With JavaScript on (axe runs in the page): the start page, each question page and the
    ending of the longest path, and of a path with a better-placed body."""
    page = context.new_page()
    found: list = []
    answers, heading = ENDINGS[ending]
    _walk(page, live_server, answers, found)
    expect(page.locator("h1")).to_have_text(heading)
    found += axe_violations(page)
    assert not found, found


def test_an_error_is_shown_and_linked(context, live_server):
    page = context.new_page()
    page.goto(live_server + "/check/questions")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    page.locator(".govuk-error-summary a").first.click()
    assert axe_violations(page) == []
