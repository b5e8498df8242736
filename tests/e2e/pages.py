"""Page objects for the browser tests: each names what a person sees and does (W10), by role and
label rather than by CSS, so a test reads as the steps a user takes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, expect

from ..web.conftest import PASSWORD, USERS

# Rules left out of the axe run, each with its reason (the anchors' W11 baseline).
AXE_EXCLUDED = {
    "region": "govuk-frontend issue 1604: the skip link sits outside the landmarks by design",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page: Page) -> list[dict]:
    """Serious and critical axe-core violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical") and v["id"] not in AXE_EXCLUDED
    ]


@dataclass
class App:
    page: Page
    base: str
    shots: Path | None = None

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)

    def shot(self, name: str) -> None:
        """A full-page screenshot, numbered in the order taken across every user's pages."""
        if self.shots is not None:
            step = len(list(self.shots.glob("*.png"))) + 1
            self.page.screenshot(path=str(self.shots / f"{step:02d}-{name}.png"), full_page=True)

    def button(self, name: str) -> None:
        self.page.get_by_role("button", name=name, exact=True).click()

    def sign_in(self, who: str) -> None:
        self.go("/login")
        self.page.get_by_label("Email address").fill(USERS[who][0])
        self.page.get_by_label("Password", exact=True).fill(PASSWORD)
        self.button("Sign in")
        expect(self.page).to_have_url(re.compile(r"/cases$"))

    def sign_out(self) -> None:
        self.button("Sign out")
        expect(self.page).to_have_url(re.compile(r"/login"))

    def heading(self) -> str:
        return self.page.get_by_role("heading", level=1).inner_text()

    def expect_validation_error(self, field_id: str) -> None:
        """The GOV.UK pattern: an "Error: " title, a summary whose link moves focus to the field."""
        assert self.page.title().startswith("Error: "), self.page.title()
        summary = self.page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        summary.locator(f'a[href="#{field_id}"]').first.click()
        expect(self.page.locator(f"#{field_id}")).to_be_focused()


class CasePage:
    def __init__(self, app: App):
        self.app = app
        self.page = app.page

    @property
    def number(self) -> int:
        return int(re.search(r"/cases/(\d+)", self.page.url).group(1))

    def open(self, number: int) -> None:
        self.app.go(f"/cases/{number}")

    def status(self) -> str:
        return (
            self.page.locator(".govuk-summary-list__row", has_text="Status")
            .locator(".govuk-tag")
            .inner_text()
        )

    def edit_facts(self, text: str) -> None:
        self.page.get_by_role("button", name="Edit the facts").click()
        self.page.get_by_label("Facts (YAML)").fill(text)
        self.app.button("Save and assess")

    def record_judgement(self, legend: str, answer: str) -> None:
        self.page.get_by_role("button", name="Record judgements").click()
        self.page.get_by_role("group", name=re.compile(legend)).get_by_label(
            answer, exact=True
        ).check()
        self.app.button("Record and assess again")
