"""The public, read-only JSON API over the corpus of published decisions.

    app = create_app("sqlite:///data/ombuds.db")   # then: uvicorn, or `ombuds serve`

Why it looks like this:
- The store is opened once, in the app's lifespan, and shared by every request (a store holds a
  connection pool; opening one per request would re-run the migration check each time).
- Only GET endpoints: the corpus is written by `ombuds ingest`, never over HTTP.
- Errors have one JSON shape, `{"error", "message", "source", "hint"}`. Domain errors
  (`ombuds.errors`) become their `http_status` in ONE handler; a bad parameter is a 422 naming
  the parameter and what was expected. User text never reaches a query language unescaped (the
  store reads search text into plain terms), so no search string can cause a 500.
- Snippets are HTML-safe: the excerpt is escaped and the matched words wrapped in `<mark>`.
"""

from __future__ import annotations

import datetime as dt
import html
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from ombuds import __version__
from ombuds.corpus.models import SearchHit, SearchQuery, SearchResults
from ombuds.corpus.store import SNIPPET_END, SNIPPET_START, Store, open_store
from ombuds.errors import OmbudsError
from ombuds.inputs import CONTROL_CHARACTERS
from ombuds.vocabulary import Ground, Referral, normalise_reference

MAX_LIMIT = 100
MAX_OFFSET = 100_000
MAX_TEXT = 500  # characters in a search string or a filter value
# Stored with a decision but not published: the file path on the server that ingested it, and
# the publication gate's record (which may quote the personal data it found).
PRIVATE_FIELDS = frozenset({"source", "publication"})

DESCRIPTION = """\
Search and read the published decisions of the Local Government and Social Care Ombudsman.

* `GET /api/decisions` searches the full text (ranked), filters by category, decision, body,
  ground, referral and date, and returns facet counts for the whole result set.
* `GET /api/decisions/{reference}` returns one decision: header fields, sections, numbered
  paragraphs, statutes, grounds and referrals.

Search text accepts words (all required), `"quoted phrases"`, `word*` prefixes, `OR`, and
`-word` to exclude. Anything else is read as plain words, so no input is an error.

Errors are JSON: `{"error": "...", "message": "...", "source": "...", "hint": "..."}`; a bad
parameter is a 422, an unknown reference a 404. This API is read-only.
"""


class ErrorBody(BaseModel):
    error: str = Field(description="The kind of error, e.g. NotFound or InvalidParameter.")
    message: str = Field(description="What went wrong, in plain words.")
    source: str | None = Field(None, description="The parameter or input concerned.")
    hint: str | None = Field(None, description="How to fix it.")
    problems: list[dict[str, Any]] = Field(
        default_factory=list, description="One entry per invalid parameter."
    )


class DecisionSummary(SearchHit):
    """One search result. `snippet` is HTML-safe, matched words wrapped in `<mark>`."""


class SearchResponse(BaseModel):
    total: int = Field(description="How many decisions match (all pages).")
    results: list[DecisionSummary]
    facets: dict[str, dict[str, int]] = Field(
        description="Counts over all matches: category, decision, body, ground, referral, year."
    )


class DecisionDetail(BaseModel):
    """One stored decision, as parsed (the `ombuds parse --json` fields but `source`) plus its
    text, content hash and when it was stored."""

    model_config = ConfigDict(extra="allow")
    reference: str
    body: str | None = None
    category: str | None = None
    decision: str | None = None
    decision_date: dt.date | None = None
    summary: str | None = None
    grounds: list[str] = Field(default_factory=list)
    referrals: list[str] = Field(default_factory=list)


_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Unknown reference."},
    422: {"model": ErrorBody, "description": "A parameter is invalid."},
    503: {"model": ErrorBody, "description": "The database cannot be reached."},
}


def _error(
    status: int,
    kind: str,
    message: str,
    *,
    source: str | None = None,
    hint: str | None = None,
    problems: list | None = None,
) -> JSONResponse:
    body = ErrorBody(error=kind, message=message, source=source, hint=hint, problems=problems or [])
    return JSONResponse(status_code=status, content=body.model_dump())


def _invalid(name: str, value: Any, expected: str, where: str = "query") -> RequestValidationError:
    """A 422 for one parameter, raised through the same handler as FastAPI's own checks."""
    return RequestValidationError(
        [{"loc": (where, name), "msg": expected, "type": "value_error", "input": value}]
    )


def _describe(problem: dict) -> dict:
    location = [str(p) for p in problem.get("loc", ())]
    if location and location[0] in ("query", "path", "header", "cookie", "body"):
        location = location[1:]  # where the parameter was, not its name
    name = ".".join(location) or "request"
    expected = problem.get("msg", "invalid value")
    context = problem.get("ctx") or {}
    if "expected" in context:
        expected = f"expected {context['expected']}"
    value = problem.get("input")
    return {
        "parameter": name,
        "value": value if isinstance(value, (str, int, float, type(None))) else str(value),
        "expected": expected,
    }


def mark_snippet(snippet: str | None) -> str | None:
    """Escape a store snippet for HTML and turn its match marks into <mark> tags."""
    if snippet is None:
        return None
    return (
        html.escape(snippet, quote=False)
        .replace(SNIPPET_START, "<mark>")
        .replace(SNIPPET_END, "</mark>")
    )


def _text_param(name: str, value: str | None) -> str | None:
    """Strip a free-text parameter; refuse control characters and overlong values."""
    if value is None:
        return None
    if CONTROL_CHARACTERS.search(value):
        raise _invalid(name, value, "text without control characters")
    if len(value) > MAX_TEXT:
        raise _invalid(name, value[:40] + "…", f"at most {MAX_TEXT} characters")
    return value.strip() or None


def create_app(db_url: str, *, opened: Store | None = None) -> FastAPI:
    """The FastAPI app serving the corpus at `db_url`, read-only: the database must exist (it is
    never created here). It is opened at start-up (or `opened`, already open, is used) and closed
    at shutdown. Start-up also runs one search, so that the first request does not pay for
    building the facet index."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.store = opened or open_store(db_url, create=False)
        try:
            app.state.store.search(SearchQuery(limit=1))
            yield
        finally:
            app.state.store.close()

    app = FastAPI(
        title="ombuds: published decisions API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=[{"name": "decisions", "description": "Search and read published decisions."}],
    )

    @app.exception_handler(OmbudsError)
    async def domain_error(_request: Request, error: OmbudsError) -> JSONResponse:
        response = _error(
            error.http_status,
            type(error).__name__,
            error.message,
            source=error.source,
            hint=error.hint,
            problems=getattr(error, "problems", None),
        )
        if error.retry_after is not None:  # a 503 that may pass: when to try again
            response.headers["Retry-After"] = str(error.retry_after)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_parameter(_request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [_describe(p) for p in error.errors()]
        message = "; ".join(
            f"{p['parameter']}: {p['expected']} (got {p['value']!r})" for p in problems
        )
        return _error(
            422,
            "InvalidParameter",
            message or "invalid request",
            source=", ".join(p["parameter"] for p in problems) or None,
            hint="see /docs for each parameter's accepted values",
            problems=problems,
        )

    def store(request: Request) -> Store:
        return request.app.state.store

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/docs")

    @app.get(
        "/api/decisions",
        response_model=SearchResponse,
        tags=["decisions"],
        responses=_ERRORS,
        summary="Search published decisions",
    )
    def search_decisions(
        request: Request,
        q: Annotated[
            str,
            Query(
                description='Search text: words, "phrases", word*, OR, -word.',
                examples=["social worker"],
            ),
        ] = "",
        category: Annotated[
            str | None,
            Query(
                description='"Top > Sub", or a top-level category for all its sub-categories.',
                examples=["Children's care services > Child protection"],
            ),
        ] = None,
        decision: Annotated[
            str | None, Query(description="Closed after initial enquiries, Upheld or Not upheld.")
        ] = None,
        body: Annotated[
            str | None,
            Query(
                description="The council, exactly as published.", examples=["Kent County Council"]
            ),
        ] = None,
        ground: Annotated[Ground | None, Query(description="A ground id.")] = None,
        referral: Annotated[Referral | None, Query(description="A referral id.")] = None,
        date_from: Annotated[
            dt.date | None, Query(alias="from", description="Decided on or after (YYYY-MM-DD).")
        ] = None,
        date_to: Annotated[
            dt.date | None, Query(alias="to", description="Decided on or before (YYYY-MM-DD).")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Results per page.")] = 20,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Results to skip.")] = 0,
    ) -> SearchResponse:
        if date_from and date_to and date_from > date_to:
            raise _invalid(
                "from", date_from.isoformat(), f"a date on or before 'to' ({date_to.isoformat()})"
            )
        query = SearchQuery(
            q=_text_param("q", q) or "",
            category=_text_param("category", category),
            decision=_text_param("decision", decision),
            body=_text_param("body", body),
            ground=ground,
            referral=referral,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
            offset=offset,
        )
        found: SearchResults = store(request).search(query)
        return SearchResponse(
            total=found.total,
            facets=found.facets,
            results=[
                DecisionSummary(
                    **hit.model_dump(exclude={"snippet"}), snippet=mark_snippet(hit.snippet)
                )
                for hit in found.results
            ],
        )

    @app.get(
        "/api/decisions/{reference}",
        response_model=DecisionDetail,
        tags=["decisions"],
        responses=_ERRORS,
        summary="Read one decision",
    )
    def get_decision(
        request: Request,
        reference: Annotated[
            str,
            Path(description='"24 015 969", "24-015-969" or "24015969".', examples=["24-015-969"]),
        ],
    ) -> dict:
        normalised = normalise_reference(reference)
        if normalised is None and not reference.startswith("sha256:"):
            raise _invalid(
                "reference",
                reference,
                "a reference such as 24 015 969, 24-015-969 or 24015969",
                "path",
            )
        record = store(request).get(normalised or reference)
        return {key: value for key, value in record.items() if key not in PRIVATE_FIELDS}

    return app


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the API with uvicorn until interrupted; StorageError first if the store cannot open."""
    import uvicorn

    store = open_store(db_url, create=False)  # fail here, with a clear message, not in uvicorn
    uvicorn.run(create_app(db_url, opened=store), host=host, port=port, log_level="info")
