"""Quoted phrases on PostgreSQL from adjacent word pairs and triples of our own (`rank_pairs`).

Why: PostgreSQL's GIN index on the tsvector has no positions, so for a phrase it returns every
decision holding all its words and then reads each one's tsvector to check their order (10-60
us a candidate): 50-1,300 ms for a phrase of common words at 100,000 decisions, seconds at a
million. Like Elasticsearch's `index_phrases`, we store for each decision its pairs of adjacent
words, and its triples of words in a row, per ingest block beside `rank_postings`
(rank_index.py): a two-word phrase is then one indexed read of a few rows, exact, and so is a
three-word phrase from its one triple; a longer one intersects its overlapping triples and asks
the tsvector only about the few decisions left (`PostgresSearch.phrase_ids`). Before the
triples (migration 0005_phrase_triples), a three-word phrase intersected its two pairs and had
the tsvector check every candidate: 54-90 ms cold at 100,000 decisions, 0.5-1 s at a million,
the slowest first search on PostgreSQL (docs/performance.md, "Phrase triples").

What a pair is, so that it matches what `phraseto_tsquery` matches: the text is split into the
tokens PostgreSQL's default parser gives a position (`_TOKEN`: words; a hyphenated word is one
position for itself then one per part; numbers such as `1.5`, `-19` and names such as
`www.lgo.org.uk` or `s.26` are one position that no search word can match), and each word
outside PostgreSQL's English stop words (`terms.PHRASE_STOPWORDS`) is paired with the next such
word, with the distance between their positions: "policy of care" is (polici, care, 2), as
`phraseto_tsquery` reads "policy of care" as `polici <2> care`. Words are compared by their
Snowball stem, as the tsvector compares lexemes. A pair's key is a 64-bit number mixed from a
64-bit hash of each stem and the distance (`_keys`): the parsing processes compute it without
the vocabulary, and a search reads one key per pair rather than the cross product of the forms
of each stem. Two pairs sharing a key by chance is about as likely as two 64-bit hashes
meeting: at a hundred million distinct pairs, one search in a hundred billion. A triple is
three such words in a row, each gap at most MAX_GAP, keyed from the three hashes and the two
gaps (`_triple_keys`) with mixing constants of its own, so that it does not systematically meet
a pair's key; pairs and triples share the table (`phrase_pairs` gives both). A three-word
phrase's triple is exact as a pair is: only stop words between, any stop words. Triples are
rarer to share than pairs, so they cost more rows: `rank_pairs` holds 3.7 times the rows of
pairs alone, 2.7 times the bytes (docs/performance.md, "Phrase triples").

Not the same as the tsvector (see docs/performance.md, "Fourth round: phrases"): PostgreSQL's
`<2>` matches any word between (so "policy of care" also finds "policy social care"); a pair
only stop words between. Positions past 16,383 are all 16,383 in a tsvector (no phrase matches
there); pairs have no such limit. Rarer token forms (URLs, e-mail addresses) may be split a
little differently.

SQLite is unchanged: FTS5 keeps positions, and its ingest does not compute pairs.

Stored keys depend on the tokens, the stop words, the stemmer (PyStemmer, pinned) and `_keys`'
and `_triple_keys`' mixing: a change to any of them needs a migration that rebuilds
`rank_pairs`, or phrase searches miss the rows stored before it;
`tests/corpus/store/test_pairs.py` pins some keys to catch it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from hashlib import blake2b
from itertools import chain

import numpy as np
import sqlalchemy as sa

from ombuds.corpus.store.bulk import BINARY_RESULTS, copy_rows
from ombuds.corpus.store.rank_index import PostingsCache

# terms.WIDE_PUNCTUATION: PostgreSQL's parser reads each of these marks as a space, as
# terms.count_words does.
from ombuds.corpus.store.terms import PHRASE_STOPWORDS, WIDE_PUNCTUATION, stem

MAX_GAP = 4  # pairs further apart (3 stop words or more between) are not stored
_CHUNK = 500  # keys per ANY(...) read

# The tokens to which PostgreSQL's parser gives positions, in one pass: a signed number ("-19"
# in "covid-19"), or a run of letters and digits joined by hyphens, dots, slashes or "@". Dotted,
# slashed and e-mail forms ("www.lgo.org.uk", "s.26", "1/3", "and/or") are one position that no
# search word matches; hyphenated words are sorted out by `_hyphenated`.
_TOKEN = re.compile(r"-\d+(?![^\W_])|/?[^\W_]+(?:[-./@][^\W_]+)*")
_OPAQUE = re.compile(r"[./@]")
_URL = re.compile(r"[^\W_]+(?:[.\-][^\W_]+)*\.[^\W\d_]{2,}/")  # a host, then a path
_PROTOCOL = re.compile(r"[^\W_]+://")
_DECIMAL_WORD = re.compile(r"\d+\.\d+([^\W\d_][^\W_]*)$")
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F))
# A triple's mixing: odd constants of their own (splitmix64's and murmur3's finalisers), so that
# a triple key never systematically equals a pair key.
_MIX3 = (
    np.uint64(0xBF58476D1CE4E5B9),
    np.uint64(0x94D049BB133111EB),
    np.uint64(0xFF51AFD7ED558CCD),
)
_hashes: dict[str, int] = {}  # word -> the hash of its stem (0 for a stop word)
_tokens: dict[str, tuple[int, ...]] = {}  # token of the split -> its positions (`_token`)


def _word_hash(word: str) -> int:
    """A 64-bit hash of the word's stem, 0 for a stop word (cached: a few thousand words make
    most of any text)."""
    found = _hashes.get(word)
    if found is None:
        if word in PHRASE_STOPWORDS:
            found = 0
        else:
            digest = blake2b(stem(word).encode(), digest_size=8).digest()
            found = int.from_bytes(digest, "little") or 1
        if len(_hashes) > 1 << 19:
            _hashes.clear()
        _hashes[word] = found
    return found


def _hyphenated(token: str, out: list[int]) -> None:
    """A hyphenated token's positions: the whole (unmatchable), then each part; a part of
    digits alone is a signed number of its own ("covid-19" is covid, -19) and ends the word."""
    segment: list[str] = []
    for number, part in enumerate(token.split("-")):
        if number and part.isdigit():
            _segment(segment, out)
            segment = []
            out.append(0)
        else:
            segment.append(part)
    _segment(segment, out)


def _segment(parts: list[str], out: list[int]) -> None:
    if len(parts) > 1:
        out.append(0)
    out.extend(_word_hash(p) for p in parts)


# ASCII texts (most) are split by a byte translation, as terms.count_words does, several times
# quicker than the regex: every byte but letters, digits and the joiners "-./@" becomes a space.
_KEEP = bytes(
    i if (chr(i).isalnum() and i < 128) or chr(i) in "-./@" else ord(" ") for i in range(256)
).lower()


def _positions(text: str) -> list[int]:
    """The text's positions as the tsvector counts them: the hash of the word's stem, or 0 for a
    position no phrase can match (a stop word, a number or name, a hyphenated whole)."""
    if "://" in text:  # a protocol ("https://") has no position
        text = _PROTOCOL.sub(" ", text)
    if not text.isascii():  # marks PostgreSQL's parser also reads as spaces (terms.py's list)
        for mark in WIDE_PUNCTUATION:
            if mark in text:
                text = text.replace(mark, " ")
    if text.isascii():
        tokens = text.encode().translate(_KEEP).decode().split()
    else:
        tokens = _TOKEN.findall(text.lower())
    found = list(map(_tokens.get, tokens))
    if None in found:
        found = [f if f is not None else _token(t) for t, f in zip(tokens, found, strict=True)]
    return list(chain.from_iterable(found))  # type: ignore[arg-type]


def _token(token: str) -> tuple[int, ...]:
    """The positions of one token of the split (cached: a few thousand tokens make most of any
    text, "care." and "council-tax" as well as plain words)."""
    if token.isalnum():
        found: tuple[int, ...] = (_word_hash(token),)
    else:
        out: list[int] = []
        _joined(token, out)
        found = tuple(out)
    if len(_tokens) > 1 << 19:
        _tokens.clear()
    _tokens[token] = found
    return found


def _joined(token: str, out: list[int]) -> None:
    """The positions of a token holding joiners (or, from the byte split, stray ones: "care."
    is care, "-" is nothing)."""
    for part in _TOKEN.findall(token) if not _TOKEN.fullmatch(token) else [token]:
        if _URL.match(part):
            out.extend((0, 0, 0))  # the URL, its host, its path
        elif decimal := _DECIMAL_WORD.match(part):
            out.append(0)  # "09.30am" is a number, then a word
            out.append(_word_hash(decimal.group(1)))
        elif part[0] in "-/" or _OPAQUE.search(part):
            out.append(0)
        elif "-" in part:
            _hyphenated(part, out)
        else:
            out.append(_word_hash(part))


def _keys(positions: list[int] | np.ndarray) -> np.ndarray:
    """The pair keys (int64) of consecutive matchable positions at most MAX_GAP apart."""
    hashes = np.asarray(positions, dtype=np.uint64)
    at = np.flatnonzero(hashes)
    if len(at) < 2:
        return np.zeros(0, dtype="<i8")
    gaps = np.diff(at)
    near = gaps <= MAX_GAP
    first, second = hashes[at[:-1][near]], hashes[at[1:][near]]
    with np.errstate(over="ignore"):
        keys = first * _MIX[0] + (second ^ gaps[near].astype(np.uint64)) * _MIX[1]
    return keys.view("<i8")


def _triple_keys(positions: list[int] | np.ndarray) -> np.ndarray:
    """The triple keys (int64) of three consecutive matchable positions whose two gaps are each
    at most MAX_GAP: mixed from the three stems' hashes and the two gaps."""
    hashes = np.asarray(positions, dtype=np.uint64)
    at = np.flatnonzero(hashes)
    if len(at) < 3:
        return np.zeros(0, dtype="<i8")
    gaps = np.diff(at)
    near = (gaps[:-1] <= MAX_GAP) & (gaps[1:] <= MAX_GAP)
    first, second, third = hashes[at[:-2][near]], hashes[at[1:-1][near]], hashes[at[2:][near]]
    gap1, gap2 = gaps[:-1][near].astype(np.uint64), gaps[1:][near].astype(np.uint64)
    with np.errstate(over="ignore"):
        keys = (
            first * _MIX3[0]
            + (second ^ gap1) * _MIX3[1]
            + (third ^ (gap2 << np.uint64(8))) * _MIX3[2]
        )
    return keys.view("<i8")


def phrase_pairs(text: str) -> bytes:
    """The distinct pair and triple keys of a text, as little-endian int64 bytes (cheap to pass
    between processes). Runs in ingest's parsing processes (PostgreSQL only)."""
    hashes = np.array(_positions(text), dtype=np.uint64)  # made once for both kinds of key
    return np.unique(np.concatenate((_keys(hashes), _triple_keys(hashes)))).tobytes()


def pairs_of(texts: list[str]) -> list[bytes]:
    """The distinct pair keys alone of each text, as `phrase_pairs` gives them (migration 0004's
    backfill, and 0005's downgrade, in a pool of processes)."""
    return [np.unique(_keys(_positions(text))).tobytes() for text in texts]


def triples_of(texts: list[str]) -> list[bytes]:
    """The distinct triple keys alone of each text (migration 0005's backfill)."""
    return [np.unique(_triple_keys(_positions(text))).tobytes() for text in texts]


def query_pairs(words: tuple[str, ...] | list[str]) -> list[int] | None:
    """The keys to read for a quoted phrase's words: its one pair when two of its words are
    outside the stop words, its overlapping triples in order when three or more; None when
    neither can answer it (fewer than two such words, or two of them too far apart). One key
    is an exact answer (as pairs define it); several are candidates for the tsvector to check."""
    positions = _positions(" ".join(words))
    at = np.flatnonzero(positions)
    if len(at) < 2 or int(np.diff(at).max()) > MAX_GAP:
        return None
    keys = _keys(positions) if len(at) == 2 else _triple_keys(positions)
    return [int(k) for k in keys]


def write_pairs(
    connection: sa.Connection, docs: list[tuple[int, bytes]], block: int, table: str = "rank_pairs"
) -> None:
    """Store the keys of `docs` — (decision id, `phrase_pairs` bytes) — as block `block`: one
    row per distinct key, its decisions' ids as uint32 little-endian (PostgreSQL, by COPY into
    `table`)."""
    docs = [d for d in docs if d[1]]
    if not docs:
        return
    keys = np.frombuffer(b"".join(d[1] for d in docs), dtype="<i8")
    ids = np.repeat(np.array([d[0] for d in docs], dtype="<u4"), [len(d[1]) // 8 for d in docs])
    order = np.lexsort((ids, keys))
    keys, ids = keys[order], ids[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    copy_rows(
        connection,
        table,
        ["pair", "block", "ids"],
        (
            (k, block, ids[s:e].tobytes())
            for k, s, e in zip(keys[starts].tolist(), starts.tolist(), ends.tolist(), strict=True)
        ),
    )


_EMPTY = (np.zeros(0, dtype="<u4"), np.zeros(0, dtype=np.int32))


class PairsCache(PostingsCache):
    """The rows of `rank_pairs` of the pairs searched, decoded, kept between searches: (decision
    ids, blocks) of each pair, kept and refreshed as `rank_index.PostingsCache` keeps words'."""

    _empty = _EMPTY

    def __init__(self, budget: int = 32 << 20):
        super().__init__(budget)

    @staticmethod
    def _read(
        connection: sa.Connection, keys: list[int], since: int, upto: int
    ) -> Mapping[int, tuple[list[np.ndarray], ...]]:
        return _read(connection, keys, since, upto)


def _read(
    connection: sa.Connection, keys: list[int], since: int, upto: int
) -> dict[int, tuple[list[np.ndarray], list[np.ndarray]]]:
    """key -> (decision ids, blocks) arrays of its rows with since < block <= upto."""
    found: dict[int, tuple[list[np.ndarray], list[np.ndarray]]] = {}
    for start in range(0, len(keys), _CHUNK):
        rows = connection.execute(
            sa.text(
                "SELECT pair, block, ids FROM rank_pairs WHERE pair = ANY(:keys) "
                "AND block > :since AND block <= :upto"
            ),
            {"keys": keys[start : start + _CHUNK], "since": since, "upto": upto},
            execution_options={BINARY_RESULTS: True},
        )
        for key, block, raw in rows:
            parts = found.setdefault(int(key), ([], []))
            ids = np.frombuffer(raw, dtype="<u4")
            parts[0].append(ids)
            parts[1].append(np.full(len(ids), block, dtype=np.int32))
    return found


def _sorted_distinct(ids: np.ndarray) -> np.ndarray:
    """`np.unique(ids)`, quicker for what a key's rows give: each decision once (its current
    block's row only), in block order, so nearly sorted already. Why not np.unique: NumPy 2.4's
    took 166 ms for the 700,000 ids of "social worker" at a million decisions (a hash, then a
    sort), a sort and a pass 6 ms."""
    if len(ids) > 1 and not bool(np.all(ids[1:] > ids[:-1])):
        ids = np.sort(ids)
        ids = ids[np.r_[True, ids[1:] != ids[:-1]]]
    return ids


def pair_ids(
    connection: sa.Connection,
    keys: list[int],
    current_block: np.ndarray,
    generation: int,
    cache: PairsCache,
) -> np.ndarray:
    """The ids (sorted, int64) of the decisions holding every pair of `keys`, counting only a
    decision's current block (`current_block[id]`, as `rank_index.postings` does)."""
    held: np.ndarray | None = None
    for ids, blocks in cache.rows(connection, keys, generation):
        found = ids.astype(np.int64)
        keep = found < len(current_block)
        keep[keep] = current_block[found[keep]] == blocks[keep]
        found = _sorted_distinct(found[keep])
        held = found if held is None else np.intersect1d(held, found, assume_unique=True)
        if not len(held):
            break
    return np.zeros(0, dtype=np.int64) if held is None else held
