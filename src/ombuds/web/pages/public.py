"""The public pages: decision search and one decision, open to everyone."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ombuds.corpus.layout import lay_out
from ombuds.corpus.models import SearchQuery
from ombuds.errors import NotFound
from ombuds.vocabulary import normalise_reference
from ombuds.web.api import MAX_TEXT, mark_snippet
from ombuds.web.auth import Public, optional_session
from ombuds.web.pages import precedents

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
async def search(
    request: Request,
    _: Public,
    q: Annotated[str, Query(max_length=MAX_TEXT)] = "",
) -> HTMLResponse:
    await optional_session(request)
    results = None
    if request.url.path == "/search" or q:
        found = await run_in_threadpool(request.app.state.store.search, SearchQuery(q=q, limit=20))
        for hit in found.results:
            hit.snippet = mark_snippet(hit.snippet)
        results = found
    return request.app.state.pages.render(
        request, "search.html", {"title": "Published decisions", "q": q, "results": results}
    )


@router.get("/decisions/{reference}", response_class=HTMLResponse)
async def decision(request: Request, _: Public, reference: str) -> HTMLResponse:
    await optional_session(request)
    key = normalise_reference(reference)
    if key is None:
        raise NotFound("not a decision reference", source=reference[:40])
    store = request.app.state.store

    def read() -> tuple[dict, dict]:  # one hop to the thread pool, the decision read once
        found = store.get(key)
        return found, precedents.for_decision(store, found, key)

    record, panel = await run_in_threadpool(read)
    title = f"{record.get('body') or 'Decision'} ({record['reference']})"
    return request.app.state.pages.render(
        request,
        "decision.html",
        {"title": title, "decision": record, "layout": lay_out(record), "precedents": panel},
    )
