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
from hypothesis import given
from hypothesis import strategies as st

from ombuds.corpus.ingest import ingest
from ombuds.corpus.models import SearchQuery
from ombuds.corpus.store import open_store
from ombuds.corpus.store.migrate import VERSION_TABLE
from ombuds.corpus.store.pairs import (
    _keys,
    _positions,
    _sorted_distinct,
    _triple_keys,
    pairs_of,
    phrase_pairs,
    query_pairs,
    triples_of,
    write_pairs,
)
from ombuds.corpus.store.phrase_backfill import merge_pairs
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
        # (policy care), triples (social worker visit) (worker visit late), (worker social
        # policy) (social policy care); block 2: (care worker) (worker call), (care worker call).
        # The old text's rows stay, unread.
        assert rows == 13


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
    # triples (migration 0005_phrase_triples): three stems and two gaps
    assert query_pairs(("social", "worker", "visited")) == [4416788839424674383]
    assert query_pairs(("house", "in", "multiple", "occupation")) == [-6516784298993681252]
    assert query_pairs(("home", "to", "school", "transport")) == [667715817849797723]


def test_a_triple_is_three_words_in_a_row_by_stem_with_the_stop_words_between():
    text = "A house in multiple occupation; the social workers visited the house."
    assert _held(text, "house", "in", "multiple", "occupation")
    assert _held(text, "house", "of", "multiple", "occupations")  # any stop word, by stem
    assert not _held(text, "house", "multiple", "occupation")  # the gap counts
    assert _held(text, "social", "worker", "visited")
    assert _held(text, "social", "worker", "visited", "the", "house")  # two triples
    assert len(query_pairs(("social", "worker", "visited", "the", "house")) or []) == 2
    assert not _held(text, "occupation", "social", "house")
    # a triple's two gaps are each at most MAX_GAP, as a pair's
    assert query_pairs(("house", "of", "the", "to", "a", "care", "home")) is None
    positions = _positions(text)
    # a text's keys are its pairs and its triples, and never the same number by construction
    assert len(_keys(positions)) == 6 and len(_triple_keys(positions)) == 5
    both = set(_keys(positions).tolist()) | set(_triple_keys(positions).tolist())
    assert set(np.frombuffer(phrase_pairs(text), dtype="<i8").tolist()) == both
    assert len(both) == 11
    assert pairs_of([text]) == [np.unique(_keys(positions)).tobytes()]
    assert triples_of([text]) == [np.unique(_triple_keys(positions)).tobytes()]


def _statements(store) -> list[str]:
    """The SQL statements sent by `store`'s engine from now on (a spy)."""
    sent: list[str] = []

    @sa.event.listens_for(store.engine, "before_cursor_execute")
    def record(_conn, _cursor, statement, _parameters, _context, _many):
        sent.append(statement)

    return sent


def test_a_three_word_phrase_is_one_read_of_its_triple_and_longer_ones_are_checked(
    postgres_schema_url,
):
    texts = {
        "21 000 001": "The social worker visited late.",
        "21 000 002": "A social worker left; another worker visited.",  # both pairs, no triple
        "21 000 003": "A house in multiple occupation was let.",
        "21 000 004": "The house of multiple occupation, and the social worker visited early.",
        "21 000 005": "A house, multiple occupation.",
    }
    with open_store(postgres_schema_url) as store:
        store.upsert_many([(decision(ref), text) for ref, text in texts.items()])
        sent = _statements(store)

        def found(q: str) -> list[str]:
            sent.clear()
            return sorted(h.reference for h in store.search(SearchQuery(q=q)).results)

        def tsvector_read() -> bool:
            return any("search_vector" in s for s in sent)

        assert found('"social worker visited"') == ["21 000 001", "21 000 004"]
        assert not tsvector_read()
        assert found('"house in multiple occupation"') == ["21 000 003", "21 000 004"]
        assert not tsvector_read()
        assert found('"social worker"') == ["21 000 001", "21 000 002", "21 000 004"]
        assert not tsvector_read()
        assert found('"social worker visited late"') == ["21 000 001"]  # 2 triples: checked
        assert tsvector_read()
        assert found('"the social worker visited early"') == ["21 000 004"]
        assert tsvector_read()


def _rows(url: str) -> list:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT pair, block, ids FROM rank_pairs ORDER BY 1, 2")
        ).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def _upgrade_to(url: str, revision: str) -> None:
    from alembic import command

    from ombuds.corpus.store import migrate

    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        config = migrate._config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def _stamp(url: str, revision: str, sql: str = "") -> None:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        if sql:
            connection.execute(sa.text(sql))
        connection.execute(sa.text(f"UPDATE {VERSION_TABLE} SET version_num = '{revision}'"))
    engine.dispose()


def _corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in synthetic.generate(40, seed=11, fmt="mixed"):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_triples_migration_gives_a_0004_database_the_rows_of_a_new_one(
    tmp_path, postgres_schema_url
):
    folder = _corpus(tmp_path)
    with open_store(postgres_schema_url) as store:  # at HEAD: pairs and triples
        assert ingest(store, [folder], workers=1, batch_size=15).added == 40
    expected = _rows(postgres_schema_url)
    # a database as 0004 left it: pairs only
    _stamp(postgres_schema_url, "0003_precedents", "DROP TABLE rank_pairs")
    _upgrade_to(postgres_schema_url, "0004_phrase_pairs")
    pairs_only = _rows(postgres_schema_url)
    assert 0 < len(pairs_only) < len(expected) // 2 + len(expected) // 4
    assert set(pairs_only) != set(expected)
    with open_store(postgres_schema_url) as store:  # migrates to HEAD: 0005
        found = store.search(SearchQuery(q='"social worker visited"')).total
    assert _rows(postgres_schema_url) == expected
    # run on rows that already hold the triples (created at HEAD, stamped back): no duplicate
    # key, nothing changed
    _stamp(postgres_schema_url, "0004_phrase_pairs")
    with open_store(postgres_schema_url) as store:
        assert store.search(SearchQuery(q='"social worker visited"')).total == found
    assert _rows(postgres_schema_url) == expected
    # downgrade: the pairs alone again, as 0004 made them
    from alembic import command

    from ombuds.corpus.store import migrate

    engine = sa.create_engine(
        postgres_schema_url.replace("postgresql://", "postgresql+psycopg://", 1)
    )
    with engine.begin() as connection:
        config = migrate._config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0004_phrase_pairs")
    engine.dispose()
    assert _rows(postgres_schema_url) == pairs_only


def test_merged_rows_get_the_union_of_their_ids(postgres_schema_url):
    with open_store(postgres_schema_url) as store, store.engine.begin() as connection:
        one = np.array([7, 9], dtype="<i8").tobytes()
        write_pairs(connection, [(1, one), (5, np.array([7], dtype="<i8").tobytes())], 3)
        merge_pairs(connection, [(2, one), (5, np.array([7, 8], dtype="<i8").tobytes())], 3)
        merge_pairs(connection, [(2, one)], 3)  # again: nothing new
        rows = connection.execute(
            sa.text("SELECT pair, block, ids FROM rank_pairs ORDER BY 1")
        ).all()
    ids = {int(k): np.frombuffer(v, "<u4").tolist() for k, _b, v in rows}
    assert ids == {7: [1, 2, 5], 8: [5], 9: [1, 2]}


@given(st.lists(st.integers(0, 60), max_size=40), st.booleans())
def test_a_keys_ids_are_sorted_and_distinct_as_np_unique_gives_them(ids, presorted):
    held = np.array(sorted(ids) if presorted else ids, dtype=np.int64)
    assert np.array_equal(_sorted_distinct(held), np.unique(held))
