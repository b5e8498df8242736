"""The public `/insight` page: what the corpus shows, filtered as the search is.

    GET /insight?category=Education&from=2024-01-01   the figures, charts and tables
    GET /insight.csv?table=uphold&...                   one table as CSV
    GET /insight/charts/uphold.svg?...                  one chart (SVG, drawn by vl-convert)

The tables are the page; the charts are images with the table beside them as their text
alternative, so the page needs no JavaScript. A chart is drawn once per filter set and write
generation of the corpus (a small cache), since drawing takes a tenth of a second.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ombuds.corpus.models import SearchQuery
from ombuds.corpus.service import make_query
from ombuds.errors import NotFound
from ombuds.insight import charts
from ombuds.insight.service import MIN_CLOSED, MIN_INVESTIGATED, TABLES, Insight, csv_text, insight
from ombuds.vocabulary import DECISION_LABELS, Ground, Referral
from ombuds.web.api import MAX_TEXT
from ombuds.web.auth import Public, optional_session

router = APIRouter(include_in_schema=False)
FILTERS = ("q", "category", "decision", "body", "ground", "referral", "from", "to")
MAX_FILTER = 300
_CACHE: OrderedDict[tuple, str] = OrderedDict()
_CACHE_SIZE = 64
_LOCK = threading.Lock()

Text = Annotated[str, Query(max_length=MAX_FILTER)]


def _query(values: dict[str, str]) -> SearchQuery:
    return make_query(
        values.get("q", ""),
        category=values.get("category") or None,
        decision=values.get("decision") or None,
        body=values.get("body") or None,
        ground=values.get("ground") or None,
        referral=values.get("referral") or None,
        date_from=values.get("from") or None,
        date_to=values.get("to") or None,
    )


def _values(request: Request) -> dict[str, str]:
    values = {}
    for name in FILTERS:
        value = request.query_params.get(name, "")
        value = value[: MAX_TEXT if name == "q" else MAX_FILTER]
        if value.strip():
            values[name] = value.strip()
    return values


def _figures(request: Request, values: dict[str, str]) -> Insight:
    return insight(request.app.state.store, _query(values))


@router.get("/insight", response_class=HTMLResponse)
async def insight_page(request: Request, _: Public) -> HTMLResponse:
    await optional_session(request)
    values = _values(request)
    figures = await run_in_threadpool(_figures, request, values)
    suffix = ("?" + urlencode(values)) if values else ""
    joiner = "&" if values else "?"
    return request.app.state.pages.render(
        request,
        "insight.html",
        {
            "title": "What the published decisions show",
            "figures": figures,
            "tables": TABLES,
            "charts": list(charts.specs(figures)),
            "values": values,
            "suffix": suffix,
            "joiner": joiner,
            "decisions": DECISION_LABELS,
            "grounds": [g.value for g in Ground],
            "referrals": [r.value for r in Referral],
            "outliers": [c for c in figures.consistency if c.outlier],
            "min_investigated": MIN_INVESTIGATED,
            "min_closed": MIN_CLOSED,
        },
    )


@router.get("/insight.csv")
async def insight_csv(request: Request, _: Public, table: Text = "outcome") -> Response:
    if table not in TABLES:
        raise NotFound(
            f"no insight table {table[:40]!r}",
            source="table",
            hint="one of: " + ", ".join(TABLES),
        )
    figures = await run_in_threadpool(_figures, request, _values(request))
    return Response(
        csv_text(figures, table),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="insight-{table}.csv"'},
    )


def _chart(request: Request, name: str, values: dict[str, str]) -> str:
    store = request.app.state.store
    with store.engine.connect() as connection:
        generation = connection.exec_driver_sql(
            "SELECT generation FROM corpus_state WHERE id = 1"
        ).scalar_one()
    key = (id(store), generation, name, tuple(sorted(values.items())))
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    specs = charts.specs(_figures(request, values))
    if name not in specs:
        raise NotFound(f"no chart {name[:40]!r} for these decisions", source="chart")
    drawn = charts.svg(specs[name])
    with _LOCK:
        _CACHE[key] = drawn
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return drawn


@router.get("/insight/charts/{name}.svg")
async def insight_chart(request: Request, _: Public, name: str) -> Response:
    drawn = await run_in_threadpool(_chart, request, name[:40], _values(request))
    return Response(drawn, media_type="image/svg+xml")
