"""Rendering pages, and finding the front-end assets the app serves itself.

`Pages.render(request, "case.html", {...})` adds what every page needs: the signed-in user, the
session's CSRF token, the CSP nonce for the one inline script the GOV.UK template has, and an
"Error: " prefix on the title whenever the page shows errors (GOV.UK pattern).

The GOV.UK Frontend and Swagger UI files come from npm (`npm ci`, pinned in package.json) and
are served from /assets/: nothing is loaded from a CDN. They are looked for in
`$OMBUDS_ASSETS` (a node_modules folder), then ./node_modules, then the node_modules beside the
source tree (an editable install).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from ombuds import __version__
from ombuds.web.templating import environment

SERVICE_NAME = "Ombuds casework"


def find_node_modules() -> Path | None:
    candidates = [
        os.environ.get("OMBUDS_ASSETS"),
        Path.cwd() / "node_modules",
        Path(__file__).resolve().parents[3] / "node_modules",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "govuk-frontend" / "dist" / "govuk").is_dir():
            return Path(candidate)
    return None


class Pages:
    def __init__(self) -> None:
        self.env = environment()

    def render(
        self,
        request: Request,
        template: str,
        context: dict[str, Any] | None = None,
        *,
        status_code: int = 200,
    ) -> HTMLResponse:
        session = getattr(request.state, "session", None)
        values: dict[str, Any] = {
            "request_path": request.url.path,
            "user": session.user if session else None,
            "csrf_token": session.csrf_token if session else "",
            "cspNonce": getattr(request.state, "csp_nonce", ""),
            "service_name": SERVICE_NAME,
            "version": __version__,
            "errors": [],
            "assets_missing": request.app.state.node_modules is None,
        }
        values.update(context or {})
        html = self.env.get_template(template).render(values)
        return HTMLResponse(html, status_code=status_code)
