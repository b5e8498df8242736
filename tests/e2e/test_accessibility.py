"""axe-core on every page (0 serious or critical violations), the GOV.UK error pattern, and the
pages working without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .pages import App, axe_violations

pytestmark = pytest.mark.browser

LETTER = "Dear Ombudsman,\n\nThe council lost my housing benefit form twice.\n\nMr Y\n"
SEED_FACTS = """\
body: Kent County Council
reference: 25 000 111
assessment_date: 2025-02-10
complainant: {title: Mr, alias: Mr Y}
heads:
  - summary: Mr Y says the council lost his form
    about: a service the council provided or failed to provide
"""


def _violations(app: App, path: str) -> list:
    app.go(path)
    return axe_violations(app.page)


def test_every_page_has_no_serious_or_critical_violations(context, live_server):
    app = App(context.new_page(), live_server)
    found = {}
    for path in ("/", "/search?q=council", "/decisions/24-015-969", "/login", "/nope"):
        found[path] = _violations(app, path)
    app.sign_in("admin")
    app.go("/cases/new")
    app.page.get_by_label("Paste the letter, email or form").fill(LETTER)
    app.button("Start the case")
    number = re.search(r"/cases/(\d+)", app.page.url).group(1)
    app.page.get_by_role("button", name="Edit the facts").click()
    app.page.get_by_label("Facts (YAML)").fill(SEED_FACTS)
    app.button("Save and assess")
    for path in (
        "/cases",
        "/cases/new",
        "/cases/new/guided",
        f"/cases/{number}",
        f"/cases/{number}/facts",
        f"/cases/{number}/questions",
        f"/cases/{number}/judgements",
        "/admin/users",
    ):
        found[path] = _violations(app, path)
    app.go(f"/cases/{number}")
    app.button("Draft the statement")
    found["drafted case"] = axe_violations(app.page)
    found[f"/cases/{number}/statement"] = _violations(app, f"/cases/{number}/statement")
    failing = {page: v for page, v in found.items() if v}
    assert not failing, failing


def test_a_form_error_links_to_its_field_and_the_title_says_error(context, live_server):
    app = App(context.new_page(), live_server)
    app.sign_in("investigator")
    app.go("/cases/new/guided")
    app.button("Continue")
    app.expect_validation_error("body")
    assert axe_violations(app.page) == []
    app.sign_out()
    app.page.get_by_label("Email address").fill("nobody@council.example")
    app.page.get_by_label("Password", exact=True).fill("wrong password!")
    app.button("Sign in")
    app.expect_validation_error("email")


def test_the_skip_link_is_the_first_thing_the_keyboard_reaches(context, live_server):
    app = App(context.new_page(), live_server)
    app.go("/login")
    app.page.keyboard.press("Tab")
    focused = app.page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    app.page.keyboard.press("Enter")
    expect(app.page).to_have_url(re.compile("#main-content$"))


def test_a_case_can_be_worked_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        app = App(context.new_page(), live_server)
        app.sign_in("investigator")
        app.go("/cases/new")
        app.page.get_by_label("Paste the letter, email or form").fill(LETTER)
        app.button("Start the case")
        app.page.get_by_role("button", name="Edit the facts").click()
        app.page.get_by_label("Facts (YAML)").fill(SEED_FACTS)
        app.button("Save and assess")
        expect(app.page.get_by_text("Outcome:")).to_be_visible()
        app.button("Draft the statement")
        expect(app.page.get_by_text("The statement is drafted")).to_be_visible()
        expect(app.page.get_by_text("Kent County Council (25 000 111)").first).to_be_visible()
    finally:
        context.close()


def test_the_insight_page_is_accessible_and_works_without_javascript(browser, context, live_server):
    app = App(context.new_page(), live_server)
    assert _violations(app, "/insight") == []
    assert _violations(app, "/decisions/24-015-969") == []  # with its precedents panel
    app.go("/insight")
    chart = app.page.locator("img[src^='/insight/charts/outcome.svg']")
    expect(chart).to_be_visible()
    assert (
        app.page.evaluate(
            "document.querySelector(\"img[src^='/insight/charts/outcome.svg']\").naturalWidth"
        )
        > 0
    )  # the chart was drawn and loaded under the page's security policy
    plain = browser.new_context(java_script_enabled=False)
    try:
        page = plain.new_page()
        page.goto(f"{live_server}/insight")
        page.get_by_text("Filter the decisions").click()
        page.get_by_label("Outcome").select_option("Closed after initial enquiries")
        page.get_by_role("button", name="Show figures").click()
        expect(page.get_by_text("match these filters")).to_be_visible()
        expect(page.locator("#table-outcome")).to_contain_text("Closed after initial enquiries")
        href = page.get_by_role(
            "link", name="Download as CSV (decisions by outcome)"
        ).get_attribute("href")
        assert href and "decision=Closed+after+initial+enquiries" in href
    finally:
        plain.close()
