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
    texts = [TRICKY, TRICKY.replace("£", "$")] + [
        p.read_text(encoding="utf-8", errors="replace") for p in fixtures
    ]
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


def _phrase_terms(store) -> list[Term]:
    """The bench's quoted phrases and every two- and three-word run of a few stored texts."""
    terms = []
    for query in search_bench.make_queries(300, 0):
        text = parse_user_query(query["q"])
        terms += [t for group in (text.groups if text else []) for t in group if len(t.words) > 1]
    with store.engine.connect() as connection:
        texts = connection.execute(
            sa.text("SELECT text FROM decision_documents ORDER BY decision_id LIMIT 3")
        ).scalars()
        for text in texts:
            words = re.findall(r"[^\W_]+", text.lower())[:400]
            terms += [Term(tuple(words[i : i + 2]), False) for i in range(0, len(words) - 1, 3)]
            terms += [Term(tuple(words[i : i + 3]), False) for i in range(1, len(words) - 2, 7)]
    return list(dict.fromkeys(terms))


@pytest.mark.slow
def test_phrases_from_pairs_are_those_the_tsvector_finds(tmp_path, postgres_schema_url):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in synthetic.generate(150, seed=7, fmt="mixed"):
        (folder / name).write_text(text, encoding="utf-8")
    for name, text in realshaped.generate(50, seed=7, kind="seeds", start=600_000):
        (folder / name).write_text(text, encoding="utf-8")
    with open_store(postgres_schema_url) as store:
        assert ingest(store, [folder], workers=2, batch_size=60).added == 200
        search = store._search
        answered = found = 0
        with store.engine.connect() as connection:
            for term in _phrase_terms(store):
                if query_pairs(term.words) is None:
                    continue
                answered += 1
                ids = search.phrase_ids(connection, term, search.facet_index(connection))
                assert ids.tolist() == sorted(search.tsvector_ids(connection, term).tolist()), term
                found += bool(len(ids))
    assert answered >= 150 and found >= 100  # the pairs answered most phrases, most match


def test_only_a_decisions_current_text_holds_its_pairs(postgres_schema_url):
    with open_store(postgres_schema_url) as store:
        store.upsert_many(
            [
                (decision("21 000 001"), "The social worker visited late."),
                (decision("21 000 002"), "A worker who was social; the policy of care."),
            ]
        )
        store.upsert_many([(decision("21 000 001"), "The care worker called.")])

        def found(q: str) -> list[str]:
            return [h.reference for h in store.search(SearchQuery(q=q)).results]

        assert found('"social worker"') == []
        assert found('"care worker"') == ["21 000 001"]
        assert found('"policy of care"') == ["21 000 002"]
        assert found('"policy care"') == []
        with store.engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT count(*) FROM rank_pairs")).scalar()
        # block 1: (social worker) (worker visit) (visit late), (worker social) (social policy)
        # (policy care); block 2: (care worker) (worker call). The old text's rows stay, unread.
        assert rows == 8


def test_the_migration_fills_the_pairs_of_decisions_stored_before_it(postgres_schema_url):
    texts = {
        "21 000 001": "The social worker visited late.",
        "21 000 002": "A financial assessment of the home to school transport.",
        "21 000 003": "Nothing of the kind.",
    }
    with open_store(postgres_schema_url) as store:
        store.upsert_many([(decision(ref), text) for ref, text in texts.items()])
        store.upsert_many([(decision("21 000 003"), "Another social worker.")])  # a later block
        with store.engine.begin() as connection:
            before = connection.execute(
                sa.text("SELECT pair, block, ids FROM rank_pairs ORDER BY 1, 2")
            ).all()
            connection.execute(sa.text("DROP TABLE rank_pairs"))
            connection.execute(
                sa.text(f"UPDATE {VERSION_TABLE} SET version_num = '0003_precedents'")
            )
    with open_store(postgres_schema_url) as store:  # migrates
        with store.engine.connect() as connection:
            after = connection.execute(
                sa.text("SELECT pair, block, ids FROM rank_pairs ORDER BY 1, 2")
            ).all()
        found = [h.reference for h in store.search(SearchQuery(q='"social worker"')).results]
        school = store.search(SearchQuery(q='"home to school transport"')).results
    # the same rows, less those of the text 21 000 003 held before its update (never read)
    stale = [row for row in before if row not in after]
    assert len(after) > 5 and set(after) < set(before)
    assert [row.ids for row in stale] == [np.array([3], dtype="<u4").tobytes()]
    assert sorted(found) == ["21 000 001", "21 000 003"]
    assert [h.reference for h in school] == ["21 000 002"]


def test_sqlite_neither_computes_nor_stores_pairs(tmp_path):
    from ombuds.corpus.store.writer import UpsertItem, prepare

    assert prepare(UpsertItem(decision(), "The social worker.")).pairs is None
    assert prepare(UpsertItem(decision(), "The social worker."), pairs=True).pairs
    with open_store(f"sqlite:///{tmp_path / 'pairs.db'}") as store:
        store.upsert_many([(decision(), "The social worker visited late.")])
        assert not sa.inspect(store.engine).has_table("rank_pairs")
        found = store.search(SearchQuery(q='"social worker"')).results
    assert [h.reference for h in found] == ["24 015 969"]


def test_stored_pair_keys_do_not_change_without_a_migration():
    """Rows already stored hold these keys: a change to the tokens, stop words, stemmer or key
    mixing must come with a migration that rebuilds rank_pairs (see pairs.py)."""
    assert query_pairs(("social", "worker")) == [3280832003650863370]
    assert query_pairs(("social", "workers")) == [3280832003650863370]  # the same stems
    assert query_pairs(("policy", "of", "care")) == [3950048628515367967]  # polici <2> care
