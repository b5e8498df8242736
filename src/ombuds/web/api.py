"""The public, read-only JSON API over the corpus of published decisions (a router of the web
app, `ombuds.web.app.create_app`, which also serves casework).

Why it looks like this:
- The store is opened once, in the app's lifespan, and shared by every request (a store holds a
  connection pool; opening one per request would re-run the migration check each time).
- Only GET endpoints: the corpus is written by `ombuds ingest` and by publishing a case through
  the gate, never by this API.
- Errors have one JSON shape, `{"error", "message", "source", "hint"}` (`ombuds.web.errors`);
  a bad parameter is a 422 naming the parameter and what was expected. User text never reaches a query language unescaped (the
  store reads search text into plain terms), so no search string can cause a 500.
- Snippets are HTML-safe: the excerpt is escaped and the matched words wrapped in `<mark>`.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field

from ombuds.corpus.filters import E, id_of
from ombuds.corpus.models import SearchHit, SearchQuery, SearchResults
from ombuds.corpus.store import SNIPPET_END, SNIPPET_START, Store
from ombuds.errors import UnknownValue
from ombuds.inputs import CONTROL_CHARACTERS
from ombuds.vocabulary import Ground, Referral, normalise_reference
from ombuds.web.auth import Public
from ombuds.web.errors import ErrorBody

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
parameter is a 422, an unknown reference or route a 404, a method a route does not take a 405.
The decisions API is public and read-only.
"""


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
    503: {
        "model": ErrorBody,
        "description": "The database cannot be reached, or the query is over its budget (see Retry-After).",
    },
}


def _invalid(name: str, value: Any, expected: str, where: str = "query") -> RequestValidationError:
    """A 422 for one parameter, raised through the same handler as FastAPI's own checks."""
    return RequestValidationError(
        [{"loc": (where, name), "msg": expected, "type": "value_error", "input": value}]
    )


def _id_param(name: str, value: str | None, enum: type[E]) -> E | None:
    """A ground or referral id in any case and spacing (`ombuds.corpus.filters.id_of`, the
    CLI's rule too); a 422 naming the parameter and listing the ids for one that names none."""
    try:
        return id_of(_text_param(name, value), enum, name)
    except UnknownValue:
        raise _invalid(name, value, "one of: " + ", ".join(e.value for e in enum)) from None


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


router = APIRouter()


def store(request: Request) -> Store:
    return request.app.state.store


@router.get(
    "/api/decisions",
    response_model=SearchResponse,
    tags=["decisions"],
    responses=_ERRORS,
    summary="Search published decisions",
)
def search_decisions(
    request: Request,
    _: Public,
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
        Query(description="The council, exactly as published.", examples=["Kent County Council"]),
    ] = None,
    ground: Annotated[
        str | None,
        Query(
            description="A ground id, in any case: " + ", ".join(g.value for g in Ground) + ".",
            examples=["better_placed"],
        ),
    ] = None,
    referral: Annotated[
        str | None,
        Query(
            description="A referral id, in any case: " + ", ".join(r.value for r in Referral) + ".",
            examples=["ico"],
        ),
    ] = None,
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
        ground=_id_param("ground", ground, Ground),
        referral=_id_param("referral", referral, Referral),
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


@router.get(
    "/api/decisions/{reference}",
    response_model=DecisionDetail,
    tags=["decisions"],
    responses=_ERRORS,
    summary="Read one decision",
)
def get_decision(
    request: Request,
    _: Public,
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


def create_app(db_url: str, **kwargs: Any) -> FastAPI:
    """The whole web app (see `ombuds.web.app.create_app`); kept here for existing callers."""
    from ombuds.web.app import create_app as create

    return create(db_url, **kwargs)


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8000, **kwargs: Any) -> None:
    from ombuds.web.app import serve as run

    run(db_url, host=host, port=port, **kwargs)
