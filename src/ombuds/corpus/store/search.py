"""Search: full-text matching, ranking, filters, snippets and facet counts, one way for both
backends (SQLite and PostgreSQL).

Why it is shaped this way (100,000 decisions, p95 <= 20 ms for keyword + facets; a million on
PostgreSQL within 50 ms):
- Words are matched and every search is ranked by BM25 from the store's own word counts
  (`ranking.py`, `terms.py`): the same numbers on both backends, so the same order (quoted
  phrases may match a few decisions differently: `pairs.py` says where). Only quoted
  phrases ask the backend's full-text index (FTS5, which knows positions; on PostgreSQL, whose
  GIN index does not, our own pairs of adjacent words first: `pairs.py`).
- Facet counts cover every match, so their cost grows with the number of matches: filters and
  all six facets are counted over the matching ids by a NumPy column index (`facet_index.py`,
  in three joint passes: `facet_counts.py`), about a millisecond for 100,000 matches, where six
  SQL GROUP BYs would take a hundred (and on PostgreSQL, reading every matching row, far more at
  a million). The filters' selection joins the intersection of the terms (`ranking.match`), so
  a council's few decisions are looked up among a common word's matches, not the reverse.
- Snippets are cut only for the rows shown, by one regular expression (`snippets.py`), the same
  on both backends.
- An empty query browses the filtered set newest first.
- Terms all required (most searches) are intersected as sorted id lists (`ranking._all_of`), so
  their cost follows the terms' matches rather than the size of the corpus, and only the
  decisions left are scored; `warm` reads the commonest stems' counts ahead of the first
  searches (the web app, at start-up).
Both backends read the user's text through `query_text.py`, so no input reaches a query
language unescaped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np
import sqlalchemy as sa

from ombuds.corpus.models import SearchHit, SearchQuery, SearchResults
from ombuds.corpus.store import ranking
from ombuds.corpus.store.facet_index import FacetIndex, parse_ids
from ombuds.corpus.store.pairs import PairsCache, pair_ids, query_pairs
from ombuds.corpus.store.query_text import Term, TextQuery, parse_user_query, to_fts5
from ombuds.corpus.store.rank_index import PostingsCache, cache_budget
from ombuds.corpus.store.snippets import make_snippet, word_pattern
from ombuds.vocabulary import DECISION_LABELS

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


class IndexedSearch:
    """Matching and ranking from the word counts, filters and facets from the column index;
    a subclass says how its backend finds the decisions holding a quoted phrase."""

    def __init__(self) -> None:
        self._index: FacetIndex | None = None
        self._lock = threading.Lock()
        self._postings = PostingsCache()  # decoded word counts, kept across writes

    def facet_index(self, connection: sa.Connection) -> FacetIndex:
        """The column index of the data `connection` sees (rebuilt when the generation moved)."""
        generation = connection.execute(
            sa.text("SELECT generation FROM corpus_state WHERE id = 1")
        ).scalar_one()
        with self._lock:
            if self._index is None:
                self._index = FacetIndex(connection, generation)
            elif self._index.generation != generation:
                self._index = self._index.refreshed(connection, generation)
            else:
                return self._index
            self._sized(self._index.count)
            return self._index

    def _sized(self, decisions: int) -> None:
        """Give the caches kept across writes their budgets for a store of `decisions`."""
        self._postings.budget = cache_budget("postings", decisions)

    def phrase_ids(self, connection: sa.Connection, term: Term, index: FacetIndex) -> np.ndarray:
        """The decisions holding the phrase `term`, as of `index` (the search's own state)."""
        raise NotImplementedError

    def warm(self, connection: sa.Connection, stop: Callable[[], bool] = lambda: False) -> int:
        """Build the column index and read and score the commonest words (`ranking.warm`), so
        that the first searches after start-up cost what later ones do; returns the stems
        warmed."""
        return ranking.warm(connection, self.facet_index(connection), self._postings, stop)

    def search(self, connection: sa.Connection, query: SearchQuery) -> SearchResults:
        text, index, hits, scores = self._matched(connection, query)
        if scores is None:  # browse: the filtered set, newest first
            page = [int(i) for i in hits[query.offset : query.offset + query.limit]]
        else:
            page = ranking.top(index, hits, scores, query.offset, query.limit)
        return SearchResults(
            total=len(hits),
            results=self._rows(connection, page, text),
            facets=order_facets(index.facets(hits)),
        )

    def matching(
        self, connection: sa.Connection, query: SearchQuery
    ) -> tuple[FacetIndex, np.ndarray]:
        """The column index and the ids of every decision `query` matches (its text and
        filters; no ranking, page or snippet): for figures over a whole set (ombuds.insight)."""
        _text, index, hits, _scores = self._matched(connection, query)
        return index, hits

    def _matched(
        self, connection: sa.Connection, query: SearchQuery
    ) -> tuple[TextQuery, FacetIndex, np.ndarray, np.ndarray | None]:
        """The query's text, the column index, the ids it matches, and their scores (None for
        an empty text: a browse of the filtered set, newest first)."""
        text = parse_user_query(query.q)
        index = self.facet_index(connection)
        decision = decision_label(query.decision) if query.decision else None
        if not text:
            return text, index, index.filter(index.newest_first, query, decision), None
        hits, scores = ranking.match(
            connection,
            index,
            text,
            self.phrase_ids,
            self._postings,
            index.selection(query, decision),
        )
        return text, index, hits, scores

    @staticmethod
    def _rows(
        connection: sa.Connection, page: list[int], text: TextQuery | None
    ) -> list[SearchHit]:
        if not page:
            return []
        ids = ", ".join(str(i) for i in page)  # ids from our own index: integers, safe inline
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


class SqliteSearch(IndexedSearch):
    """Phrases from FTS5 (porter unicode61), in one pass over its index."""

    def phrase_ids(self, connection: sa.Connection, term: Term, index: FacetIndex) -> np.ndarray:
        return parse_ids(
            connection.execute(
                sa.text(
                    "SELECT group_concat(rowid) FROM decisions_fts WHERE decisions_fts MATCH :m"
                ),
                {"m": to_fts5(TextQuery([[term]]))},
            ).scalar_one()
        )


class PostgresSearch(IndexedSearch):
    """Phrases from our own adjacent word pairs and triples (`pairs.py`: a phrase of two words
    is one indexed read of its pair, of three one read of its triple, exact as pairs define it,
    which its docstring compares with the tsvector; a longer one intersects its triples, then
    asks the tsvector about the candidates left), else from the tsvector column and its GIN
    index (English configuration): a prefix phrase, or one whose words are too far apart."""

    def __init__(self) -> None:
        super().__init__()
        self._pairs = PairsCache()

    def _sized(self, decisions: int) -> None:
        super()._sized(decisions)
        self._pairs.budget = cache_budget("pairs", decisions)

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

    def phrase_ids(self, connection: sa.Connection, term: Term, index: FacetIndex) -> np.ndarray:
        keys = None if term.prefix else query_pairs(term.words)
        if keys is not None:
            held = pair_ids(connection, keys, index.block, index.generation, self._pairs)
            if len(keys) == 1 or not len(held):  # one pair or one triple: exact
                return held
            return np.sort(self.tsvector_ids(connection, term, held))  # the order, exactly
        return self.tsvector_ids(connection, term)

    def tsvector_ids(
        self, connection: sa.Connection, term: Term, among: np.ndarray | None = None
    ) -> np.ndarray:
        """The decisions whose tsvector holds the phrase `term` (only those of `among`, if
        given: the tsvector is read for those alone)."""
        params: dict = {}
        tsq = self.tsquery(TextQuery([[term]]), params)
        where = f"search_vector @@ {tsq}"
        if among is not None:
            params["among"] = among.tolist()
            where = f"decision_id = ANY(:among) AND {where}"
        return parse_ids(
            connection.execute(
                sa.text(
                    "SELECT string_agg(decision_id::text, ',') FROM decision_documents "
                    f"WHERE {where}"
                ),
                params,
            ).scalar_one()
        )
