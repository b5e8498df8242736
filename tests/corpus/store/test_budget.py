"""The search budget (issue 10): costly queries refused before they run, a time limit enforced
inside the database, and few costly searches at once; on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
import sqlalchemy as sa

from ombuds.corpus.models import SearchQuery
from ombuds.corpus.store import base, open_store
from ombuds.corpus.store.base import WRITE_OPTION
from ombuds.corpus.store.budget import SearchGate
from ombuds.corpus.store.query_text import (
    MAX_PREFIX_TERMS,
    MAX_QUERY_CHARACTERS,
    MAX_WORDS,
    parse_user_query,
)
from ombuds.errors import QueryTimeout, QueryTooCostly, ServerBusy

from .conftest import decision

# A statement that runs for minutes unless it is stopped: counting to a billion.
ENDLESS_SQLITE = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) "
    "SELECT count(*) FROM n"
)
ENDLESS_POSTGRES = "SELECT pg_sleep(600)"


@pytest.fixture
def filled(store):
    store.upsert_many(
        [
            (decision("24 000 001", summary="A care plan was late."), "care plan late council"),
            (decision("24 000 002", body="Leeds City Council"), "council housing repairs"),
        ]
    )
    return store


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        (" ".join(["co*"] * (MAX_PREFIX_TERMS + 1)), "5 prefixes"),
        ("c* s*", "a one-letter prefix counts as 5"),
        ("c* s* p* a* t*", "a one-letter prefix counts as 5"),
        (" ".join(f"word{i}" for i in range(MAX_WORDS + 1)), "32 words"),
        ('"' + " ".join(f"w{i}" for i in range(MAX_WORDS + 1)) + '"', "32 words"),
        ("x" * (MAX_QUERY_CHARACTERS + 1), "2,000 characters"),
        (" ".join(["a*"] * 33_000), "2,000 characters"),
    ],
)
def test_a_query_over_the_budget_is_refused_naming_the_limits(filled, text, limit):
    with pytest.raises(QueryTooCostly) as caught:
        filled.search(SearchQuery(q=text))
    assert caught.value.http_status == 400
    assert limit in str(caught.value)


def test_a_query_within_the_budget_runs():
    query = parse_user_query(" ".join(["co*"] * MAX_PREFIX_TERMS))
    assert query.prefix_count() == MAX_PREFIX_TERMS and query.is_costly()
    assert parse_user_query("s* council").prefix_count() == MAX_PREFIX_TERMS
    assert not parse_user_query("social worker").is_costly()


def test_a_search_past_its_time_limit_is_stopped_by_the_database(store_url, monkeypatch):
    endless = ENDLESS_SQLITE if store_url.startswith("sqlite") else ENDLESS_POSTGRES
    with open_store(store_url, timeout=0.2) as store:
        assert store.search(SearchQuery(q="care")).total == 0
        # The search's own work made endless: the limit must stop it, in the database.
        monkeypatch.setattr(
            store._search, "search", lambda connection, _query: connection.execute(sa.text(endless))
        )
        with pytest.raises(QueryTimeout) as caught:
            store.search(SearchQuery(q="care"))
        monkeypatch.undo()
        assert caught.value.http_status == 503 and caught.value.retry_after
        assert "0.2-second limit" in caught.value.message
        assert store.search(SearchQuery(q="care")).total == 0  # the pool's connections still work


def test_the_time_limit_stops_the_work_itself_not_just_the_wait(store_url):
    endless = ENDLESS_SQLITE if store_url.startswith("sqlite") else ENDLESS_POSTGRES
    with open_store(store_url, timeout=0.2) as store, store.engine.connect() as connection:
        with pytest.raises(QueryTimeout):
            connection.execute(sa.text(endless)).scalar_one()
        connection.rollback()
        assert connection.execute(sa.text("SELECT 1")).scalar_one() == 1


def test_writers_have_no_time_limit(store_url):
    sqlite = store_url.startswith("sqlite")
    longer = (  # about a second: well past the limit
        ENDLESS_SQLITE.replace("1000000000", "3000000") if sqlite else "SELECT pg_sleep(0.5)"
    )
    with open_store(store_url, timeout=0.1) as store:
        with pytest.raises(QueryTimeout), store.engine.connect() as reader:
            reader.execute(sa.text(ENDLESS_SQLITE if sqlite else ENDLESS_POSTGRES)).scalar_one()
        with (
            store.engine.connect().execution_options(**{WRITE_OPTION: True}) as writer,
            writer.begin(),
        ):
            writer.execute(sa.text(longer)).scalar_one()


def test_costly_searches_beyond_the_slots_are_turned_away_ordinary_ones_are_not(
    filled, monkeypatch
):
    gate = SearchGate(slots=1, wait=0.05, rest=0)
    monkeypatch.setattr(base, "GATE", gate)
    held = threading.Event()
    release = threading.Event()

    def hold_the_slot():
        with gate.admit("care*"):
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold_the_slot)
    holder.start()
    try:
        assert held.wait(30)
        with pytest.raises(ServerBusy) as caught:
            filled.search(SearchQuery(q="car*"))
        assert caught.value.http_status == 503 and caught.value.retry_after
        assert filled.search(SearchQuery(q="care plan")).total == 1  # ordinary: no slot needed
    finally:
        release.set()
        holder.join()
    assert filled.search(SearchQuery(q="car*")).total == 1  # the slot is free again


def test_a_slot_rests_as_long_as_its_search_took():
    gate = SearchGate(slots=1, wait=0, queue=0, rest=1.0)
    with gate.admit("care*"):
        threading.Event().wait(0.2)  # a costly search that took 0.2 s
    with pytest.raises(ServerBusy), gate.admit("car*"):  # the slot rests for another 0.2 s
        pass
    with gate.admit("care"):  # ordinary searches never wait for a slot
        pass


def test_costly_searches_beyond_the_queue_are_turned_away_without_waiting():
    gate = SearchGate(slots=1, wait=30, queue=0, rest=0)
    with gate.admit("care*"), pytest.raises(ServerBusy), gate.admit("car*"):
        pass  # would have waited 30 s for the slot with room in the queue


def test_a_pool_with_nothing_free_is_server_busy_not_an_unhandled_error():
    gate = SearchGate(slots=1, wait=0.05)
    with pytest.raises(ServerBusy, match="no database connection"), gate.admit("care"):
        raise sa.exc.TimeoutError("QueuePool limit reached")


def test_ombuds_search_with_33000_prefixes_returns_at_once(tmp_path, seeds_dir):
    url = f"sqlite:///{tmp_path / 'ombuds.db'}"
    from typer.testing import CliRunner

    from ombuds.cli import app

    assert CliRunner().invoke(app, ["ingest", str(seeds_dir), "--db", url]).exit_code == 0
    # Its own process with a timeout: before the budget this never returned.
    ombuds = [sys.executable, "-c", "from ombuds.cli import main; main()"]
    result = subprocess.run(
        [*ombuds, "search", " ".join(["a*"] * 33_000), "--db", url],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr[-500:]
    assert b"too long" in result.stderr and len(result.stderr) < 1000


def test_analyse_after_a_large_ingest_has_no_time_limit(store_url):
    """ANALYZE of a million decisions takes longer than a search may: it runs as a writer."""
    seen: list[tuple[str, bool]] = []
    with open_store(store_url, timeout=0.1) as store:

        @sa.event.listens_for(store.engine, "before_cursor_execute")
        def record(connection, _cursor, statement, _parameters, _context, _many):
            seen.append((statement, bool(connection.get_execution_options().get(WRITE_OPTION))))

        store.analyse()
    statements = [(s, w) for s, w in seen if s.startswith(("ANALYZE", "PRAGMA optimize"))]
    assert statements and all(writer for _s, writer in statements)
