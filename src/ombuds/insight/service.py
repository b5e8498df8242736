"""Insight: counts, uphold rates with their intervals, and how consistently grounds are used.

    figures = insight(store, SearchQuery(category="Education"))   # filters as in the search
    figures.model_dump()  # tables; charts(figures) gives the Vega-Lite specs

Every figure is computed from the store's in-memory column index over the decisions the query
matches (`Store.matching`: the search's own text and filters), with NumPy: one pass of bincounts,
milliseconds at 100,000 decisions (bench/insight.py). What each figure means and how it is
computed: docs/insight.md.

- Decisions by outcome, category (top level), ground, referral and year.
- Uphold rate by council: upheld / (upheld + not upheld), i.e. of the complaints investigated,
  with its 95% Wilson interval and both counts. Councils with fewer than MIN_INVESTIGATED
  investigated decisions are counted but not given a rate.
- Consistency: for each council and ground, the share of the council's assessment decisions
  (closed after initial enquiries) giving that ground, against the national share, with the
  share's 95% Wilson interval; marked an outlier only when the national share lies outside the
  council's interval widened for the number of pairs tested (Bonferroni: family-wise 95%) and
  the council has at least MIN_CLOSED such decisions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from statistics import NormalDist
from typing import Any

import numpy as np
from pydantic import BaseModel

from ombuds.corpus.models import SearchQuery
from ombuds.corpus.store import Store
from ombuds.errors import UnknownValue
from ombuds.insight.stats import wilson

UPHELD, NOT_UPHELD, CLOSED = "Upheld", "Not upheld", "Closed after initial enquiries"
MIN_INVESTIGATED = 5  # investigated decisions before a council is given an uphold rate
MIN_CLOSED = 10  # closed decisions before a council's use of a ground can be an outlier
MAX_COUNCILS = 500  # rows of the uphold-rate table (commonest councils first)


class Count(BaseModel):
    value: str
    decisions: int
    share: float  # of the decisions matched


class CouncilRate(BaseModel):
    council: str
    decisions: int
    investigated: int
    upheld: int
    rate: float | None  # upheld / investigated; None under MIN_INVESTIGATED
    low: float | None
    high: float | None


class GroundUse(BaseModel):
    council: str
    ground: str
    closed: int  # the council's decisions closed after initial enquiries
    using: int  # of those, how many give the ground
    share: float
    low: float
    high: float
    national: float
    outlier: str | None  # "more" or "less" than the national share, where the interval allows


class Insight(BaseModel):
    filters: dict[str, Any]
    decisions: int
    by_outcome: list[Count]
    by_category: list[Count]
    by_ground: list[Count]
    by_referral: list[Count]
    by_year: list[Count]
    uphold: list[CouncilRate]
    national_uphold: CouncilRate
    consistency: list[GroundUse]  # the outliers first, then by council and ground


def _counts(values: list[str], counts: np.ndarray, total: int) -> list[Count]:
    rows = [
        Count(value=values[i], decisions=int(counts[i]), share=round(counts[i] / total, 4))
        for i in np.flatnonzero(counts)
    ]
    return sorted(rows, key=lambda c: (-c.decisions, c.value))


def _by_top_category(index, ids: np.ndarray, total: int) -> list[Count]:
    coded = index.scalars["category"]
    tops = [v.split(" > ")[0] for v in coded.values]
    names = sorted(set(tops))
    to_top = np.array([names.index(t) for t in tops] or [0], dtype=np.int64)
    codes = coded.codes[ids]
    known = codes >= 0
    counts = np.bincount(to_top[codes[known]], minlength=len(names))
    return _counts(names, counts, total)


def _pairs_counts(pairs, member: np.ndarray, total: int) -> list[Count]:
    codes = pairs.codes[member[pairs.ids]]
    return _counts(pairs.values, np.bincount(codes, minlength=len(pairs.values)), total)


def _rate(council: str, decisions: int, investigated: int, upheld: int) -> CouncilRate:
    rate = low = high = None
    if investigated >= MIN_INVESTIGATED:
        lows, highs = wilson(np.array([upheld]), np.array([investigated]))
        rate = round(upheld / investigated, 4)
        low, high = round(float(lows[0]), 4), round(float(highs[0]), 4)
    return CouncilRate(
        council=council,
        decisions=decisions,
        investigated=investigated,
        upheld=upheld,
        rate=rate,
        low=low,
        high=high,
    )


def insight(store: Store, query: SearchQuery | None = None) -> Insight:
    """Every figure over the decisions `query` matches (all of them by default)."""
    query = query or SearchQuery()
    index, ids = store.matching(query)
    total = len(ids)
    denominator = max(total, 1)
    member = np.zeros(index.size, dtype=bool)
    member[ids] = True
    outcome = index.scalars["decision"]
    by_outcome = _counts(
        outcome.values,
        np.bincount(outcome.codes[ids] + 1, minlength=len(outcome.values) + 1)[1:],
        denominator,
    )
    years = np.bincount(index.year[ids]) if total else np.zeros(1, dtype=np.int64)
    by_year = sorted(
        (
            Count(value=str(y), decisions=int(years[y]), share=round(years[y] / denominator, 4))
            for y in np.flatnonzero(years)
            if y > 0
        ),
        key=lambda c: c.value,
    )
    uphold, national = _uphold(index, ids)
    return Insight(
        filters={
            k: v
            for k, v in query.model_dump(mode="json").items()
            if v and k not in ("limit", "offset")
        },
        decisions=total,
        by_outcome=by_outcome,
        by_category=_by_top_category(index, ids, denominator),
        by_ground=_pairs_counts(index.grounds, member, denominator),
        by_referral=_pairs_counts(index.referrals, member, denominator),
        by_year=by_year,
        uphold=uphold,
        national_uphold=national,
        consistency=_consistency(index, ids),
    )


def for_url(url: str | None, query: SearchQuery | None = None) -> Insight:
    """`ombuds insight`: the figures of the store at `url`, opened read-only."""
    from ombuds.config import db_url
    from ombuds.corpus.store import open_store

    with open_store(db_url(url), create=False, read_only=True) as store:
        try:
            return insight(store, query)
        except UnknownValue as error:  # the store names the filter; the CLI calls it an option
            if error.source and not error.source.startswith("-"):
                error.source = f"--{error.source}"
            raise


def _outcome_code(index, label: str) -> int:
    return index.scalars["decision"].code_of(label)


def _uphold(index, ids: np.ndarray) -> tuple[list[CouncilRate], CouncilRate]:
    body = index.scalars["body"]
    codes = body.codes[ids]
    outcomes = index.scalars["decision"].codes[ids]
    upheld = outcomes == _outcome_code(index, UPHELD)
    investigated = upheld | (outcomes == _outcome_code(index, NOT_UPHELD))
    known = codes >= 0
    n = len(body.values)
    decisions = np.bincount(codes[known], minlength=n)
    inv = np.bincount(codes[known & investigated], minlength=n)
    up = np.bincount(codes[known & upheld], minlength=n)
    order = sorted(
        np.flatnonzero(decisions), key=lambda i: (-inv[i], -decisions[i], body.values[i])
    )
    rows = [
        _rate(body.values[i], int(decisions[i]), int(inv[i]), int(up[i]))
        for i in order[:MAX_COUNCILS]
    ]
    national = _rate(
        "All councils and bodies", len(ids), int(investigated.sum()), int(upheld.sum())
    )
    return rows, national


def _consistency(index, ids: np.ndarray) -> list[GroundUse]:
    body = index.scalars["body"]
    closed_ids = ids[index.scalars["decision"].codes[ids] == _outcome_code(index, CLOSED)]
    closed_ids = closed_ids[body.codes[closed_ids] >= 0]
    if not len(closed_ids):
        return []
    n_bodies, grounds = len(body.values), index.grounds
    n_grounds = len(grounds.values)
    closed_per_body = np.bincount(body.codes[closed_ids], minlength=n_bodies)
    member = np.zeros(index.size, dtype=bool)
    member[closed_ids] = True
    held = member[grounds.ids]
    pair_body = body.codes[grounds.ids[held]]
    pair_ground = grounds.codes[held]
    using = np.bincount(pair_body * n_grounds + pair_ground, minlength=n_bodies * n_grounds)
    using = using.reshape(n_bodies, n_grounds)
    national = using.sum(axis=0) / len(closed_ids)
    rows_b, rows_g = np.nonzero((closed_per_body[:, None] >= MIN_CLOSED) & (national[None, :] > 0))
    k = using[rows_b, rows_g]
    n = closed_per_body[rows_b]
    low, high = wilson(k, n)
    # The outlier test: the national share outside the council's interval widened for the
    # number of council-ground pairs tested (Bonferroni), so that about 1 in 20 corpora, not 1 in
    # 20 pairs, shows an outlier where every council is alike.
    z = NormalDist().inv_cdf(1 - 0.05 / (2 * max(len(rows_b), 1)))
    strict_low, strict_high = wilson(k, n, z)
    found: list[GroundUse] = []
    for j in range(len(rows_b)):
        b, g = int(rows_b[j]), int(rows_g[j])
        nat = float(national[g])
        outlier = "more" if strict_low[j] > nat else "less" if strict_high[j] < nat else None
        found.append(
            GroundUse(
                council=body.values[b],
                ground=grounds.values[g],
                closed=int(n[j]),
                using=int(k[j]),
                share=round(float(k[j] / n[j]), 4),
                low=round(float(low[j]), 4),
                high=round(float(high[j]), 4),
                national=round(nat, 4),
                outlier=outlier,
            )
        )
    found.sort(key=lambda r: (r.outlier is None, r.council, r.ground))
    return found


# Tables for CSV and the page: name -> (title, columns, rows of the figures).
TABLES: dict[str, tuple[str, list[str], Callable[[Insight], Sequence[BaseModel]]]] = {
    "outcome": ("Decisions by outcome", ["value", "decisions", "share"], lambda i: i.by_outcome),
    "category": ("Decisions by category", ["value", "decisions", "share"], lambda i: i.by_category),
    "ground": ("Decisions by ground", ["value", "decisions", "share"], lambda i: i.by_ground),
    "referral": ("Decisions by referral", ["value", "decisions", "share"], lambda i: i.by_referral),
    "year": ("Decisions by year", ["value", "decisions", "share"], lambda i: i.by_year),
    "uphold": (
        "Uphold rate by council",
        ["council", "decisions", "investigated", "upheld", "rate", "low", "high"],
        lambda i: i.uphold,
    ),
    "consistency": (
        "Grounds used by council against the national share",
        ["council", "ground", "closed", "using", "share", "low", "high", "national", "outlier"],
        lambda i: i.consistency,
    ),
}


def csv_text(figures: Insight, table: str) -> str:
    """One table as CSV (header row first); cells that a spreadsheet would run as a formula
    are prefixed with an apostrophe."""
    import csv
    import io

    _title, columns, rows_of = TABLES[table]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows_of(figures):
        data = row.model_dump()
        writer.writerow([_cell(data[c]) for c in columns])
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value
