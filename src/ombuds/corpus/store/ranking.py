"""Match and rank a search from the store's own word counts: BM25, the same on both backends.

    ids, scores = match(connection, index, text, phrase_ids)
    page = top(index, ids, scores, offset, limit)

Why: every search is ranked, however broad, within the search budget, and SQLite and PostgreSQL
give the same order. The words of a search are matched and scored here from `rank_postings`
(see `terms.py`) with NumPy over arrays indexed by decision id; only a quoted phrase asks the
backend's full-text index (FTS5, or tsvector and GIN) which decisions hold its words in a row.

The score is Okapi BM25 (k1 = 1.2, b = 0.75) with the idf of Lucene and Elasticsearch,
ln(1 + (N - df + 0.5) / (df + 0.5)), which stays above zero for a word found in most decisions,
so that such a word still ranks by how much a decision is about it. A search word stands for
every stored word with its stem (`delays`: delay, delayed, delaying...), or, written `word*`,
for the stored words that begin with it; their counts are added. A phrase is scored as one term:
its count in a decision is taken as the smallest count of its words there, and its df is the
number of decisions holding the phrase. A decision's score is the sum over the search's terms
it holds (an OR group adds those of its terms that the decision holds).

Ordering rules (both backends): higher score first; equal scores newest decision first, then
the higher id (the browse order).

What is kept between searches (`index.terms`, one per state of the store): each term's decisions
and counts, and the scores of a term ranked whole. A search narrowed by a filter or another term
scores only the decisions it matched. After a write, a word's counts are carried to the new
state and brought up to date from the rows written since (`_brought_up_to_date`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sqlalchemy as sa

from ombuds.corpus.store.facet_index import LOOK_UP_UNDER, FacetIndex, Selection
from ombuds.corpus.store.query_text import STOPWORDS, Term, TextQuery
from ombuds.corpus.store.rank_index import PostingsCache, expand, postings
from ombuds.corpus.store.terms import PHRASE_STOPWORDS, stem

K1 = 1.2
B = 0.75


# (connection, phrase, the column index the search uses) -> ids of the decisions holding it
PhraseIds = Callable[[sa.Connection, Term, FacetIndex], np.ndarray]


def bm25(counts: np.ndarray, ids: np.ndarray, df: int, index: FacetIndex) -> np.ndarray:
    """BM25 of one term held by decisions `ids` with these `counts` of it; their length norms
    come from `index.length_norm`, computed once per state of the store."""
    norm = index.length_norm(K1, B)[ids]
    n = max(index.count, 1)
    idf = np.log1p((n - df + 0.5) / (df + 0.5))
    return idf * counts * (K1 + 1) / (counts + norm)


def _word(
    connection: sa.Connection,
    index: FacetIndex,
    word: str,
    prefix: bool,
    cache: PostingsCache | None,
) -> tuple[np.ndarray, np.ndarray]:
    """(ids, in id order, and counts) of a search word's current counts, kept in `index.terms`
    while the index is current: the same word searched again, alone or in a phrase, costs
    nothing. Counts are uint16 (see `postings`)."""
    key = term_key(Term((word,), prefix))

    def make() -> tuple[np.ndarray, np.ndarray]:
        word_ids = expand(connection, word, prefix=prefix)
        stale = index.terms.stale(key)
        if stale is not None:  # kept from the state before a write: read what was written since
            since, (ids, counts) = stale
            return _brought_up_to_date(connection, index, word_ids, since, ids, counts)
        found, counts = postings(connection, word_ids, index.block, cache, index.generation)
        if len(found) > 1 and not bool(np.all(found[1:] > found[:-1])):
            order = np.argsort(found, kind="stable")  # (a decision stored again: a later block)
            found, counts = found[order], counts[order]
        return found, counts

    return index.terms.kept(key, make)


def _brought_up_to_date(
    connection: sa.Connection,
    index: FacetIndex,
    word_ids: list[int],
    since: int,
    ids: np.ndarray,
    counts: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """A word's (ids, counts) as of generation `since`, brought to `index`'s state: the
    decisions written since (their block is later) lose their old counts and get their new
    ones, read from the rows of the later blocks alone. At a million decisions, after a write
    of a few, this is a few small rows and two passes over the kept arrays, where making the
    counts again reads about 500 rows (docs/performance.md, "Counts kept across a write")."""
    if len(ids):
        written = index.written_since(since)  # in id order
        at = np.searchsorted(ids, written)
        held = at[(at < len(ids)) & (ids[np.minimum(at, len(ids) - 1)] == written)]
        ids, counts = np.delete(ids, held), np.delete(counts, held)
    found, new_counts = postings(connection, word_ids, index.block, since=since)
    order = np.argsort(found, kind="stable")
    found, new_counts = found[order], new_counts[order]
    places = np.searchsorted(ids, found)
    return np.insert(ids, places, found), np.insert(counts, places, new_counts)


def _term(
    connection: sa.Connection,
    index: FacetIndex,
    term: Term,
    phrase_ids: PhraseIds,
    cache: PostingsCache | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(ids of the stored decisions holding `term`, in id order, the term's BM25 in each),
    kept in `index.terms`: for searches that rank every decision holding it (the term alone,
    without filters, or in an OR group)."""

    def make() -> tuple[np.ndarray, np.ndarray]:
        ids, counts = _counted(connection, index, term, phrase_ids, cache)
        return ids, bm25(counts, ids, len(ids), index)

    return index.terms.kept(("scores", term_key(_phrase_core(term))), make)


def _counted(
    connection: sa.Connection,
    index: FacetIndex,
    term: Term,
    phrase_ids: PhraseIds,
    cache: PostingsCache | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(ids of the stored decisions holding `term`, in id order, int32, and its count in each,
    uint16), kept in `index.terms`. Scores are made from counts where a search needs them
    (`bm25`), for its matches only: a search narrowed by a filter or another term scores a
    few decisions, not every one holding a common word.

    A lone stop word (a search of nothing else, see query_text) has no counts: the backend's
    index finds it, and each decision holding it counts it once."""
    term = _phrase_core(term)
    word = term.words[0].lower()
    if len(term.words) == 1 and (term.prefix or word not in STOPWORDS):
        return _word(connection, index, term.words[0], term.prefix, cache)
    return index.terms.kept(
        term_key(term), lambda: _phrase_counts(connection, index, term, phrase_ids, cache)
    )


def term_key(term: Term) -> tuple:
    """The key of a term's counts in `index.terms`. A single word stands for every stored word
    with its stem (see `expand`), so its key is the stem: "delays" and "delayed" share one
    entry, and the start-up warming (`warm`) can fill it without knowing which form a user
    will type."""
    word = term.words[0].lower()
    if len(term.words) == 1 and not term.prefix and word not in STOPWORDS:
        return ("stem", stem(word))
    if len(term.words) == 1 and term.prefix:
        return ("word", word)
    return ("term", tuple(w.lower() for w in term.words), term.prefix)


def _phrase_counts(
    connection: sa.Connection,
    index: FacetIndex,
    term: Term,
    phrase_ids: PhraseIds,
    cache: PostingsCache | None,
) -> tuple[np.ndarray, np.ndarray]:
    """A phrase's (or a lone stop word's) decisions and counts: the smallest count of its
    words in each (see the module's rules)."""
    ids = phrase_ids(connection, term, index)
    ids = ids[ids < index.size]
    ids = ids[index.present[ids]]
    if len(ids) > 1 and not bool(np.all(ids[1:] > ids[:-1])):
        ids = np.sort(ids)
    smallest = np.full(len(ids), np.inf)
    last = len(term.words) - 1
    for position, word in enumerate(term.words):
        prefix = term.prefix and position == last
        if word.lower() in STOPWORDS and not prefix:
            continue
        # Each word's count in the phrase's decisions alone, looked up (`_positions`): a
        # phrase of a few decisions does not spread counts held by most of the store.
        found, counts = _word(connection, index, word, prefix, cache)
        at = _positions(index, ids, found)
        held = np.where(at >= 0, counts[at], 0) if len(found) else np.zeros(len(ids))
        smallest = np.minimum(smallest, held)
    # A phrase of stop words only, or words the counts missed: it occurs at least once.
    counts = np.where(np.isfinite(smallest) & (smallest > 0), smallest, 1)
    return ids.astype(np.int32), counts.astype(np.uint16)


def _phrase_core(term: Term) -> Term:
    """A phrase without the stop words at its ends ("carer s" -> "carer"), which PostgreSQL's
    tsvector does not hold, so both backends match the same decisions."""
    words = list(term.words)
    while len(words) > 1 and words[0].lower() in PHRASE_STOPWORDS:
        words.pop(0)
    while len(words) > 1 and not term.prefix and words[-1].lower() in PHRASE_STOPWORDS:
        words.pop()
    return term if len(words) == len(term.words) else Term(tuple(words), term.prefix)


def match(
    connection: sa.Connection,
    index: FacetIndex,
    text: TextQuery,
    phrase_ids: PhraseIds,
    cache: PostingsCache | None = None,
    within: Selection | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(ids of the stored decisions matching `text`, in id order, and their scores), of those
    `within` the selection of a query's filters when given (`FacetIndex.selection`).

    Every group must match (a group: any of its terms); no excluded term may occur."""
    if len(text.groups) == 1 and len(text.groups[0]) == 1 and not text.excluded:
        # One term (most searches): its own ids (in id order) and scores.
        term = text.groups[0][0]
        if within is None:
            ids, scores = _term(connection, index, term, phrase_ids, cache)
            return ids.astype(np.int64), scores
        ids, counts = _counted(connection, index, term, phrase_ids, cache)
        held, counts = index.restrict(ids.astype(np.int64), counts, within)
        return held, bm25(counts, held, len(ids), index)
    if text.groups and all(len(group) == 1 for group in text.groups):
        # Words and phrases, all required (most searches): their id lists intersected.
        terms = [_counted(connection, index, group[0], phrase_ids, cache) for group in text.groups]
        return _all_of(connection, index, terms, text, phrase_ids, cache, within)
    score = np.zeros(index.size, dtype=np.float64)
    groups_held = np.zeros(index.size, dtype=np.int32)
    for group in text.groups:
        held = np.zeros(index.size, dtype=bool)
        for term in group:
            ids, scores = _term(connection, index, term, phrase_ids, cache)
            held[ids] = True
            score[ids] += scores
        groups_held += held
    matched = (groups_held == len(text.groups)) & index.present
    for term in text.excluded:
        ids, _counts = _counted(connection, index, term, phrase_ids, cache)
        matched[ids] = False
    ids = np.flatnonzero(matched)
    return index.restrict(ids, score[ids], within)


def _positions(index: FacetIndex, ids: np.ndarray, held: np.ndarray) -> np.ndarray:
    """For each of `ids` (in id order), its position in `held` (in id order), or -1.

    When `ids` are few beside `held`, each is looked up by binary search (some 50 ns each);
    otherwise `held` is spread over an array as long as the store and read at `ids` (some 3 ns
    a decision of either), so the work follows the terms' matches, never more than twice."""
    if not len(held) or not len(ids):
        return np.full(len(ids), -1, dtype=np.int64)
    if len(ids) * LOOK_UP_UNDER < len(held):  # (facet_index's rule, for terms as for filters)
        at = np.minimum(np.searchsorted(held, ids), len(held) - 1)
        return np.where(held[at] == ids, at, -1)
    spread = np.full(index.size, -1, dtype=np.int32)
    spread[held] = np.arange(len(held), dtype=np.int32)
    return spread[ids]


def _all_of(
    connection: sa.Connection,
    index: FacetIndex,
    terms: list[tuple[np.ndarray, np.ndarray]],
    text: TextQuery,
    phrase_ids: PhraseIds,
    cache: PostingsCache | None,
    within: Selection | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The decisions holding every one of `terms` (each (ids in id order, counts)) and `within`
    the filters' selection, less those holding an excluded term, and their scores summed in the
    terms' order (as the dense sum of `match` adds them, so the same numbers). The smallest set
    is narrowed by each other in turn, smallest first, and only the decisions left are scored,
    so the work follows the terms' matches (or the filters'), not the store's size."""
    sizes = [len(ids) for ids, _counts in terms]
    if within is not None:
        sizes.append(within.count)  # the selection: position len(terms)
    order = sorted(range(len(sizes)), key=sizes.__getitem__)
    parts: dict[int, np.ndarray] = {}  # each term's counts at ids
    if order[0] == len(terms):
        ids = within.ids.astype(np.int64)  # type: ignore[union-attr]
    else:
        ids = terms[order[0]][0].astype(np.int64)
        parts[order[0]] = terms[order[0]][1]
    for t in order[1:]:
        if t == len(terms):  # the filters' selection, read from its mask
            keep = np.flatnonzero(within.mask[ids])  # type: ignore[union-attr]
            ids = ids[keep]
            parts = {u: part[keep] for u, part in parts.items()}
            continue
        held, counts = terms[t]
        at = _positions(index, ids, held)
        keep = np.flatnonzero(at >= 0)  # (positions, then take: a boolean index is slower)
        ids = ids[keep]
        parts = {u: part[keep] for u, part in parts.items()}
        parts[t] = counts[at[keep]]
    for term in text.excluded:
        held, _counts = _counted(connection, index, term, phrase_ids, cache)
        keep = np.flatnonzero(_positions(index, ids, held) < 0)
        ids = ids[keep]
        parts = {u: part[keep] for u, part in parts.items()}
    score = np.zeros(len(ids), dtype=np.float64)
    for t in range(len(terms)):
        score += bm25(parts[t], ids, len(terms[t][0]), index)
    return ids, score


# Above SAMPLE_OVER matches a page, `top` first narrows the scores by a sample's threshold.
SAMPLE_OVER = 1024


def top(
    index: FacetIndex, ids: np.ndarray, scores: np.ndarray, offset: int, limit: int
) -> list[int]:
    """The page `offset`..`offset + limit` of `ids` in ranking order (see the module's rules)."""
    wanted = offset + limit
    if wanted <= 0 or not len(ids):
        return []
    if len(ids) > 4 * wanted:  # sort only what can reach the page (and every tie with it)
        if len(ids) > SAMPLE_OVER * wanted:
            # The wanted-th highest score of an evenly spaced sample is at most the wanted-th
            # highest of all (the sample's own scores are that many at or above it), so the
            # scores at or above it hold the page and its ties: a few thousand, not a million.
            sample = scores[:: len(ids) // (SAMPLE_OVER * wanted // 4)]
            least = np.partition(sample, len(sample) - wanted)[len(sample) - wanted]
            keep = np.flatnonzero(scores >= least)
            ids, scores = ids[keep], scores[keep]
        kth = np.partition(scores, len(scores) - wanted)[len(scores) - wanted]
        keep = np.flatnonzero(scores >= kth)
        ids, scores = ids[keep], scores[keep]
    order = np.lexsort((-ids, -index.day[ids], -scores))
    return [int(i) for i in ids[order][offset:wanted]]


# Start-up warming fills at most this share of each cache (the rest is for the words users
# search that warming did not guess, and for the scores and phrases searches make), and leaves
# out stems held by fewer than WARM_LEAST of the decisions: their counts are few, so a first
# search of them is cheap anyway. At a million decisions, half the terms' cache held 103 stems
# (4.4 s) and three quarters 202 (7.1 s), and the first pass's p95 went from 33 to 26 ms
# (docs/performance.md, "First searches within 50 ms at a million").
WARM_SHARE = 0.75
WARM_LEAST = 0.01


def commonest_stems(connection: sa.Connection) -> list[tuple[str, int]]:
    """(a stored word of each stem, how many counts its words hold), the largest first: the
    terms whose first search costs most (reading and scoring grow with the counts). Reads only
    the lengths of the stored rows (neither backend reads a long value to measure it)."""
    rows = connection.execute(
        sa.text(
            "SELECT min(w.word), sum(p.n) FROM (SELECT word_id, sum(length(counts)) AS n "
            "FROM rank_postings GROUP BY word_id) p JOIN rank_words w ON w.id = p.word_id "
            "GROUP BY w.stem ORDER BY 2 DESC, 1"
        )
    )
    return [(str(word), int(n)) for word, n in rows]


def warm(
    connection: sa.Connection,
    index: FacetIndex,
    cache: PostingsCache,
    stop: Callable[[], bool] = lambda: False,
) -> int:
    """Read the counts of the commonest stems into `index.terms`, largest first, within
    WARM_SHARE of its budget (or until `stop()` says so); returns the stems warmed. After this,
    a first search of a common word costs what a repeated one does. Their rows are kept in
    `cache` too while WARM_SHARE of its budget lasts (a write's new state of the store then
    reads only its new rows); past that, warming reads without keeping them, since a stem's
    counts take 6 bytes a decision in `index.terms` and its rows 9 in `cache`."""
    postings_room = cache.budget * WARM_SHARE / 9  # a decoded row's count: id, count, block
    counts_room = index.terms.budget * WARM_SHARE / 6  # a stem's count: id, count
    least = max(1, int(index.count * WARM_LEAST))
    warmed = 0
    for word, n in commonest_stems(connection):
        if n < least or stop():
            break
        held = min(n, index.count)
        if held > counts_room or word in STOPWORDS:
            continue  # too large for what is left (or not searched as a word: see query_text)
        keeping = n <= postings_room
        _word(connection, index, word, False, cache if keeping else None)
        postings_room -= n if keeping else 0
        counts_room -= held
        warmed += 1
    return warmed
