"""PostgreSQL's phrase index of adjacent word pairs (`pairs.py`): what a pair is, that phrases
found from pairs are those the tsvector finds, and that the migration fills the pairs of a
database stored before it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa

from ombuds.corpus.ingest import ingest
from ombuds.corpus.models import SearchQuery
from ombuds.corpus.store import open_store
from ombuds.corpus.store.migrate import VERSION_TABLE
from ombuds.corpus.store.pairs import _positions, phrase_pairs, query_pairs
from ombuds.corpus.store.query_text import Term, parse_user_query

from .conftest import decision

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import realshaped, synthetic  # noqa: E402
from bench import search as search_bench  # noqa: E402

TRICKY = (
    "The decision: council-tax bills of the well-being team (see s.26, para.5 and 1/3 of "
    "www.lgo.org.uk/decisions/x). Covid-19 and 2019-20 costs £1,234.56 at 09.30am; "
    "the carer's out-of-pocket costs, under-18s, and/or a co-operative's re-assessment. "
    "E-mail mr.x@example.org -5 or café-bar naïve Ångström policy of care, see "
    "https://www.lgo.org.uk/decisions/y or http://example.com."
)


def _held(text: str, *words: str) -> bool:
    keys = query_pairs(words)
    assert keys is not None
    stored = set(np.frombuffer(phrase_pairs(text), dtype="<i8").tolist())
    return all(k in stored for k in keys)


def test_a_pair_is_two_words_in_a_row_by_stem_with_the_stop_words_between():
    text = "The social workers' policy of care met a council-tax bill."
    assert _held(text, "social", "worker")  # by stem
    assert _held(text, "policy", "of", "care")  # "of" between, as phraseto_tsquery's <2>
    assert _held(text, "policy", "to", "care")  # any stop word in its place, as the tsvector
    assert not _held(text, "policy", "care")  # not in a row
    assert _held(text, "council", "tax")
    # the hyphenated whole takes a position before its parts, as in the tsvector
    assert not _held(text, "met", "council")
    assert not _held(text, "met", "a", "council")
    assert _held(text, "met", "the", "the", "council")  # met <3> council: "a", the whole
    assert query_pairs(("care",)) is None
    assert query_pairs(("of", "the")) is None
    assert query_pairs(("policy", "of", "the", "to", "a", "care")) is None  # too far apart


def test_positions_are_those_of_postgresqls_tsvector(postgres_url):
    """Every position our split gives a word is where PostgreSQL's English tsvector has that
    word, and every plain word of the tsvector is one of ours, for texts with the forms the
    parser treats apart (hyphens, dotted and slashed names, numbers, e-mail, non-ASCII)."""
    fixtures = sorted((ROOT / "tests/corpus/fixtures").rglob("*.txt"))
    texts = [TRICKY, TRICKY.replace("£", "$")] + [p.read_text(encoding="utf-8", errors="replace") for p in fixtures]
    texts += [text for _name, text in synthetic.generate(20, seed=5, fmt="txt")]
    plain = re.compile(r"^[^\W_]+$")
    engine = sa.create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as connection:
        for text in texts:
            rows = connection.execute(
                sa.text("SELECT lexeme, positions FROM unnest(to_tsvector('english', :t))"),
                {"t": text},
            ).all()
            theirs = {p for lexeme, ps in rows if plain.match(lexeme) for p in ps}
            anything = {p for _lexeme, ps in rows for p in ps}
            ours = {at for at, h in enumerate(_positions(text), 1) if h}
            assert theirs <= ours <= anything, text[:80]
    engine.dispose()
