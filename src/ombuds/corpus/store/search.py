"""Search: full-text with ranking, filters, snippets and facet counts, for SQLite and PostgreSQL.

Why it is shaped this way (100,000 decisions, p95 <= 20 ms on SQLite for keyword + facets):
- Facet counts cover every match, so their cost grows with the number of matches. On SQLite the
  full-text index returns the matching ids once, and filters and all six facets are counted over
  them by a NumPy column index (`facet_index.py`): about a millisecond for 100,000 matches,
  where six SQL GROUP BYs would take a hundred.
- On PostgreSQL the matching set is a MATERIALIZED common table expression and every facet one
  GROUP BY over it, in one statement (UNION ALL); grounds and referrals join on their primary keys.
- Snippets are cut only for the rows shown (ts_headline on PostgreSQL; on SQLite a regular
  expression, see `snippets.py`), never for all matches.
- An empty query browses the filtered set newest first.
Both backends read the user's text through `query_text.py`, so no input reaches a query
language unescaped.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import sqlalchemy as sa

from ombuds.corpus.models import SearchHit, SearchQuery, SearchResults
from ombuds.corpus.store.facet_index import FacetIndex, parse_ids
from ombuds.corpus.store.query_text import TextQuery, parse_user_query, to_fts5
from ombuds.corpus.store.snippets import SNIPPET_END, SNIPPET_START, make_snippet, word_pattern
from ombuds.vocabulary import DECISION_LABELS, normalise_category

FACETS = ("category", "decision", "body", "ground", "referral", "year")
BODY_FACET_LIMIT = 100  # councils are many; the facet lists the commonest

_PAGE_COLUMNS = (
    "d.id, d.reference, d.key, d.body, d.category, d.decision, d.decision_date, d.summary"
)


def decision_label(text: str) -> str:
    """ "not_upheld", "NOT UPHELD" or "Not upheld" -> "Not upheld"; other text is kept as given."""
    wanted = " ".join(text.replace("_", " ").split()).lower()
    for label in DECISION_LABELS:
        if label.lower() == wanted:
            return label
    return text.strip()


def filter_clauses(query: SearchQuery) -> tuple[list[str], dict]:
    """SQL conditions on `decisions d` (and its ground/referral tables) with their parameters.

    The same rules as FacetIndex.filter: exact, case-sensitive values; a top-level category
    matches its sub-categories.
    """
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if query.category:
        category = normalise_category(query.category)
        params["category"] = category
        if " > " in category:
            clauses.append("d.category = :category")
        else:  # a top-level category matches all of its sub-categories
            params["category_prefix"] = category + " > "
            params["category_prefix_length"] = len(category) + 3
            clauses.append(
                "(d.category = :category OR substr(d.category, 1, "
                ":category_prefix_length) = :category_prefix)"
            )
    if query.decision:
        params["decision"] = decision_label(query.decision)
        clauses.append("d.decision = :decision")
    if query.body:
        params["body"] = " ".join(query.body.split())
        clauses.append("d.body = :body")
    if query.ground:
        params["ground"] = str(query.ground)
        clauses.append("d.id IN (SELECT decision_id FROM decision_grounds WHERE ground = :ground)")
    if query.referral:
        params["referral"] = str(query.referral)
        clauses.append(
            "d.id IN (SELECT decision_id FROM decision_referrals WHERE referral = :referral)"
        )
    for name, op in (("date_from", ">="), ("date_to", "<=")):
        value = getattr(query, name)
        if value is not None:
            params[name] = value
            clauses.append(f"d.decision_date {op} :{name}")
    return clauses, params


def _facet_sql(hits_sql: str, ctes: str = "") -> str:
    """One statement: the total and every facet's counts over the hits (`ctes` go before)."""
    parts = [
        f"WITH {ctes}hits AS MATERIALIZED ({hits_sql})",
        "SELECT 'total' AS facet, NULL AS value, count(*) AS n FROM hits",
    ]
    for column in ("category", "decision", "body"):
        parts.append(
            f"UNION ALL SELECT '{column}', {column}, count(*) FROM hits "
            f"WHERE {column} IS NOT NULL GROUP BY {column}"
        )
    parts.append(
        "UNION ALL SELECT 'year', CAST(year AS VARCHAR(8)), count(*) FROM hits "
        "WHERE year IS NOT NULL GROUP BY year"
    )
    for table, column in (("decision_grounds", "ground"), ("decision_referrals", "referral")):
        parts.append(
            f"UNION ALL SELECT '{column}', t.{column}, count(*) FROM hits "
            f"JOIN {table} t ON t.decision_id = hits.id GROUP BY t.{column}"
        )
    return "\n".join(parts)


def _facets(rows) -> tuple[int, dict[str, dict[str, int]]]:
    total = 0
    facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for facet, value, count in rows:
        if facet == "total":
            total = int(count)
        else:
            facets[facet][str(value)] = int(count)
    return total, order_facets(facets)


def order_facets(facets: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Commonest value first (years newest first); the body facet keeps the commonest only."""
    facets = {name: dict(facets.get(name, {})) for name in FACETS}
    for name, counts in facets.items():
        if name == "year":
            ordered = sorted(counts.items(), key=lambda kv: kv[0], reverse=True)
        else:
            ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if name == "body":
            ordered = ordered[:BODY_FACET_LIMIT]
        facets[name] = dict(ordered)
    return facets


def _hit(row, snippet: str | None) -> SearchHit:
    return SearchHit(
        reference=row.reference or row.key,
        body=row.body,
        category=row.category,
        decision=row.decision,
        decision_date=row.decision_date,
        summary=row.summary,
        snippet=snippet,
    )


class PostgresSearch:
    """tsvector (generated column, GIN index) matches; ts_rank ranks; ts_headline cuts snippets.
    Filters and facet counts are SQL: the matching set is computed once per search and every
    facet is one GROUP BY over it, in one statement."""

    nulls_last = " NULLS LAST"
    headline_options = (
        f"StartSel={SNIPPET_START}, StopSel={SNIPPET_END}, MaxWords=30, "
        "MinWords=12, MaxFragments=1, FragmentDelimiter=…"
    )

    def __init__(self) -> None:
        self._browse_cache: tuple[int, int, dict] | None = None  # generation, total, facets

    def search(self, connection: sa.Connection, query: SearchQuery) -> SearchResults:
        text = parse_user_query(query.q)
        clauses, params = filter_clauses(query)
        if text:
            return self._text_search(connection, query, text, clauses, params)
        return self._browse(connection, query, clauses, params)

    def _browse(self, connection, query, clauses, params) -> SearchResults:
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        if clauses:
            total, facets = _facets(
                connection.execute(
                    sa.text(
                        _facet_sql(
                            f"SELECT d.id, d.category, d.decision, d.body, d.year FROM decisions d{where}"
                        )
                    ),
                    params,
                )
            )
        else:
            total, facets = self._unfiltered_facets(connection)
        rows = connection.execute(
            sa.text(
                f"SELECT {_PAGE_COLUMNS} FROM decisions d{where} "
                f"ORDER BY d.decision_date DESC{self.nulls_last}, d.id DESC "
                "LIMIT :limit OFFSET :offset"
            ),
            {**params, "limit": query.limit, "offset": query.offset},
        )
        hits = [_hit(row, None) for row in rows]
        return SearchResults(total=total, results=hits, facets=facets)

    def _unfiltered_facets(self, connection) -> tuple[int, dict]:
        generation = connection.execute(
            sa.text("SELECT generation FROM corpus_state WHERE id = 1")
        ).scalar_one()
        cached = self._browse_cache
        if cached and cached[0] == generation:
            return cached[1], {k: dict(v) for k, v in cached[2].items()}
        total, facets = _facets(
            connection.execute(
                sa.text(
                    _facet_sql(
                        "SELECT d.id, d.category, d.decision, d.body, d.year FROM decisions d"
                    )
                )
            )
        )
        self._browse_cache = (generation, total, facets)
        return total, {k: dict(v) for k, v in facets.items()}

    @staticmethod
    def tsquery(text: TextQuery, params: dict) -> str:
        """A tsquery SQL expression built from bound parameters only (never from user text)."""

        def term(t) -> str:
            name = f"t{len(params)}"
            if t.prefix:
                params[name] = " <-> ".join((*t.words[:-1], t.words[-1] + ":*"))
                return f"to_tsquery('english', :{name})"
            params[name] = " ".join(t.words)
            return f"phraseto_tsquery('english', :{name})"

        groups = []
        for group in text.groups:
            parts = [term(t) for t in group]
            groups.append(parts[0] if len(parts) == 1 else "(" + " || ".join(parts) + ")")
        expression = " && ".join(groups)
        for t in text.excluded:
            expression = f"({expression}) && !!{term(t)}"
        return expression

    def _text_search(self, connection, query, text: TextQuery, clauses, params) -> SearchResults:
        params = dict(params)
        tsq = self.tsquery(text, params)
        where = "".join(f" AND {c}" for c in clauses)
        matched = (
            "FROM decision_documents doc JOIN decisions d ON d.id = doc.decision_id "
            f"CROSS JOIN q WHERE doc.search_vector @@ q.tsq{where}"
        )
        q_cte = f"q AS MATERIALIZED (SELECT {tsq} AS tsq)"
        total, facets = _facets(
            connection.execute(
                sa.text(
                    _facet_sql(
                        f"SELECT d.id, d.category, d.decision, d.body, d.year {matched}",
                        q_cte + ", ",
                    )
                ),
                params,
            )
        )
        rows = connection.execute(
            sa.text(
                f"WITH {q_cte}, top AS (SELECT d.id, ts_rank(doc.search_vector, q.tsq) AS score "
                f"{matched} ORDER BY score DESC, d.id LIMIT :limit OFFSET :offset) "
                f"SELECT {_PAGE_COLUMNS}, ts_headline('english', doc.text, q.tsq, :headline) "
                "AS snippet FROM top JOIN decisions d ON d.id = top.id "
                "JOIN decision_documents doc ON doc.decision_id = d.id CROSS JOIN q "
                "ORDER BY top.score DESC, d.id"
            ),
            {
                **params,
                "limit": query.limit,
                "offset": query.offset,
                "headline": self.headline_options,
            },
        )
        hits = [_hit(row, row.snippet) for row in rows]
        return SearchResults(total=total, results=hits, facets=facets)


class SqliteSearch:
    """FTS5 (bm25) finds and ranks; a NumPy column index filters and counts facets.

    Ranking: by bm25 when few enough decisions match (after filters; see `rank_budget`).
    Otherwise results are listed newest first, with exact totals and facets all the same:
    - words found in more than half of all decisions get no weight from bm25 (FTS5 clamps their
      idf to 1e-6), so ranking would only sort by how often a word recurs;
    - ranking tens of thousands of matches costs more than the whole 20 ms search budget.
    (Datasette's FTS search does not rank at all: it lists matches in row order.)
    """

    # Ranking costs about a microsecond per matching decision per query word: rank when
    # (matches after filters) x (words) is at most this, i.e. within a few milliseconds.
    rank_budget = 12_000

    def __init__(self) -> None:
        self._index: FacetIndex | None = None
        self._lock = threading.Lock()

    def _facet_index(self, connection: sa.Connection) -> FacetIndex:
        # Read in the same transaction as the search: the index matches the rows searched.
        generation = connection.execute(
            sa.text("SELECT generation FROM corpus_state WHERE id = 1")
        ).scalar_one()
        with self._lock:
            if self._index is None or self._index.generation != generation:
                self._index = FacetIndex(connection, generation)
            return self._index

    def search(self, connection: sa.Connection, query: SearchQuery) -> SearchResults:
        text = parse_user_query(query.q)
        index = self._facet_index(connection)
        decision = decision_label(query.decision) if query.decision else None
        match = to_fts5(text) if text else None
        if match is None:  # browse: the filtered set, newest first
            hits = index.filter(index.newest_first, query, decision)
            page = [int(i) for i in hits[query.offset : query.offset + query.limit]]
        else:
            # One pass over the index for every matching id (C-level string, no row objects).
            matched = parse_ids(
                connection.execute(
                    sa.text(
                        "SELECT group_concat(rowid) FROM decisions_fts WHERE decisions_fts MATCH :m"
                    ),
                    {"m": match},
                ).scalar_one()
            )
            hits = index.filter(matched, query, decision)
            if not len(hits):
                page = []
            elif (
                len(matched) <= index.count // 2
                and len(hits) * text.word_count() <= self.rank_budget
            ):
                page = self._ranked_page(
                    connection, match, query, hits if len(hits) < len(matched) else None
                )
            else:
                page = index.newest(hits, query.offset, query.limit)
        return SearchResults(
            total=len(hits),
            results=self._rows(connection, page, text),
            facets=order_facets(index.facets(hits)),
        )

    @staticmethod
    def _ranked_page(
        connection: sa.Connection, match: str, query: SearchQuery, only: np.ndarray | None
    ) -> list[int]:
        """The page by bm25, among `only` these ids when filters removed some matches.

        `+rowid IN (...)` is a plain test on each match (the `+` keeps SQLite from turning it
        into thousands of index seeks), and SQLite computes ORDER BY terms only for rows that
        pass the WHERE clause, so bm25 runs only for the filtered matches.
        """
        among = ""
        if only is not None:  # ids from our own index: integers, safe to write inline
            among = " AND +rowid IN (" + ",".join(map(str, only.tolist())) + ")"
        return [
            int(r[0])
            for r in connection.execute(
                sa.text(
                    f"SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH :m{among} "
                    "ORDER BY bm25(decisions_fts), rowid LIMIT :limit OFFSET :offset"
                ),
                {"m": match, "limit": query.limit, "offset": query.offset},
            )
        ]

    @staticmethod
    def _rows(
        connection: sa.Connection, page: list[int], text: TextQuery | None
    ) -> list[SearchHit]:
        if not page:
            return []
        ids = ", ".join(str(i) for i in page)
        if not text:
            rows = connection.execute(
                sa.text(
                    f"SELECT {_PAGE_COLUMNS}, NULL AS text FROM decisions d WHERE d.id IN ({ids})"
                )
            )
        else:
            rows = connection.execute(
                sa.text(
                    f"SELECT {_PAGE_COLUMNS}, doc.text FROM decisions d JOIN decision_documents doc "
                    f"ON doc.decision_id = d.id WHERE d.id IN ({ids})"
                )
            )
        pattern = word_pattern(text) if text else None
        by_id = {row.id: row for row in rows}
        return [
            _hit(by_id[i], make_snippet(by_id[i].text, pattern) if pattern else None)
            for i in page
            if i in by_id
        ]
