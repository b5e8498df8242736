"""Every error the web app returns, in one shape, and never with a database URL or a traceback.

JSON (under /api/, and for clients that ask for JSON): `{"error", "message", "source", "hint",
"problems"}` with the status of the domain error (`ombuds.errors`), 404 for an unknown route,
405 for a method a route does not take, 422 for a bad parameter, 500 for anything unexpected
(logged on the server, never described to the client). Pages get the same facts as a GOV.UK
error page. An error that carries `retry_after` (rate limits, an over-budget query) adds the
Retry-After header.

Nothing a client sees names the database: a message, source or hint that contains a database
URL (any scheme://user@host/name, or the store's own URL) has it replaced by "the database".
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ombuds.errors import AuthenticationRequired, OmbudsError, StorageError

log = logging.getLogger("ombuds.web")

_DATABASE_URL = re.compile(
    r"\b(?:postgres(?:ql)?|sqlite|mysql|mariadb|oracle|mssql)(?:\+\w+)?://[^\s'\")]*[^\s'\").,:;]",
    re.IGNORECASE,
)
REDACTED = "the database"


class ErrorBody(BaseModel):
    error: str = Field(description="The kind of error, e.g. NotFound or InvalidParameter.")
    message: str = Field(description="What went wrong, in plain words.")
    source: str | None = Field(None, description="The parameter or input concerned.")
    hint: str | None = Field(None, description="How to fix it.")
    problems: list[dict[str, Any]] = Field(
        default_factory=list, description="One entry per invalid parameter."
    )


def scrub(text: str | None, secrets: tuple[str, ...] = ()) -> str | None:
    """`text` with every database URL (and each of `secrets`) replaced by "the database"."""
    if text is None:
        return None
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return _DATABASE_URL.sub(REDACTED, text)


def wants_json(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api/") or path == "/api" or path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _secrets(request: Request) -> tuple[str, ...]:
    store = getattr(request.app.state, "store", None)
    return tuple(s for s in (getattr(store, "url", None), request.app.state.db_url) if s)


def error_response(
    request: Request,
    status: int,
    kind: str,
    message: str,
    *,
    source: str | None = None,
    hint: str | None = None,
    problems: list | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    secrets = _secrets(request)
    body = ErrorBody(
        error=kind,
        message=scrub(message, secrets) or "",
        source=scrub(source, secrets),
        hint=scrub(hint, secrets),
        problems=problems or [],
    )
    if wants_json(request):
        return JSONResponse(status_code=status, content=body.model_dump(), headers=headers)
    page = request.app.state.pages.render(
        request,
        "error.html",
        {"status": status, "error": body},
        status_code=status,
    )
    if headers:
        page.headers.update(headers)
    return page


def _describe(problem: dict) -> dict:
    location = [str(p) for p in problem.get("loc", ())]
    if location and location[0] in ("query", "path", "header", "cookie", "body"):
        location = location[1:]
    name = ".".join(location) or "request"
    expected = problem.get("msg", "invalid value")
    context = problem.get("ctx") or {}
    if "expected" in context:
        expected = f"expected {context['expected']}"
    value = problem.get("input")
    if not isinstance(value, (str, int, float, type(None))):
        value = str(value)
    if isinstance(value, str) and len(value) > 200:
        value = value[:200] + "…"
    return {"parameter": name, "value": value, "expected": expected}


def install(app: Any) -> None:
    """Register the handlers on `app`."""

    @app.exception_handler(OmbudsError)
    async def domain_error(request: Request, error: OmbudsError) -> Response:
        if isinstance(error, AuthenticationRequired) and not wants_json(request):
            target = request.url.path
            return RedirectResponse(f"/login?next={target}", status_code=303)
        headers = {}
        retry_after = getattr(error, "retry_after", None)
        if retry_after:
            headers["Retry-After"] = str(int(retry_after))
        elif isinstance(error, StorageError):
            headers["Retry-After"] = "30"
        if isinstance(error, AuthenticationRequired):
            headers["WWW-Authenticate"] = 'Bearer realm="ombuds"'
        return error_response(
            request,
            error.http_status,
            type(error).__name__,
            error.message,
            source=error.source,
            hint=error.hint,
            problems=getattr(error, "problems", None),
            headers=headers or None,
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_parameter(request: Request, error: RequestValidationError) -> Response:
        problems = [_describe(p) for p in error.errors()]
        message = "; ".join(
            f"{p['parameter']}: {p['expected']} (got {p['value']!r})" for p in problems
        )
        return error_response(
            request,
            422,
            "InvalidParameter",
            message or "invalid request",
            source=", ".join(p["parameter"] for p in problems) or None,
            hint="see /docs for each parameter's accepted values",
            problems=problems,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if error.status_code == 404:
            return error_response(
                request,
                404,
                "NotFound",
                "there is nothing at this address",
                source=request.url.path[:200],
                hint="check the address; the API is described at /docs",
            )
        if error.status_code == 405:
            allowed = (error.headers or {}).get("Allow", "")
            return error_response(
                request,
                405,
                "MethodNotAllowed",
                f"{request.method} is not allowed here",
                source=request.url.path[:200],
                hint=f"use {allowed}" if allowed else "see /docs for the methods each route takes",
                headers={"Allow": allowed} if allowed else None,
            )
        return error_response(
            request,
            error.status_code,
            "HTTPError",
            str(error.detail) if error.detail else "the request could not be served",
            headers=dict(error.headers or {}) or None,
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(
            request,
            500,
            "InternalError",
            "something went wrong on the server; the problem has been logged",
            hint="try again; if it happens again, tell the administrator the time it happened",
        )


def page_errors(error: OmbudsError, fields: dict[str, str] | None = None) -> list[dict[str, str]]:
    """The GOV.UK error summary's list for a domain error: one link per field it names
    (`fields` maps a source name to the form field's id)."""
    fields = fields or {}
    items = []
    for problem in getattr(error, "problems", None) or []:
        where = problem.get("path") or ""
        line = f" (line {problem['line']})" if problem.get("line") else ""
        items.append(
            {
                "text": f"{where}{line}: {problem.get('expected', '')}",
                "href": "#" + fields.get("facts", "facts"),
            }
        )
    if not items:
        text = error.message[:1].upper() + error.message[1:]
        if error.hint:
            text += f" ({error.hint})"
        target = fields.get(error.source or "", fields.get("*", "main-content"))
        items.append({"text": text, "href": f"#{target}"})
    return items
