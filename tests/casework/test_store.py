"""Casework storage on SQLite and PostgreSQL: the migration keeps every decision, the audit trail
is append-only in the database itself, and saves are refused on a stale version."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic import command

from ombuds.casework import Accounts, CaseService, Casework, Role
from ombuds.corpus.models import SearchQuery
from ombuds.corpus.parse import parse_file
from ombuds.corpus.store import Store, migrate, open_store
from ombuds.corpus.store.engine import _sqlite_engine, driver_url
from ombuds.corpus.store.writer import serialise_json
from ombuds.errors import CaseChanged, InputError, NotFound

NOW = dt.datetime(2025, 2, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ombuds.db'}"
    return request.getfixturevalue("postgres_schema_url")


def _engine(url: str) -> sa.Engine:
    parsed = driver_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return sa.create_engine(parsed, json_serializer=serialise_json)


def _copy_as_at_0001(source: Store, engine: sa.Engine) -> None:
    """The source's decisions written into a database at revision 0001_corpus, with the columns
    that revision has (today's writer also keeps word counts, which 0001 has no table for)."""
    from ombuds.corpus.store.schema import (
        decision_documents,
        decision_grounds,
        decision_referrals,
        decisions,
    )

    old_columns = [c for c in decisions.c if c.name not in ("words", "rank_block")]
    with source.engine.connect() as reading, engine.begin() as writing:
        rows = [dict(r) for r in reading.execute(sa.select(*old_columns)).mappings()]
        writing.execute(
            sa.table("decisions", *(sa.column(c.name) for c in old_columns)).insert(), rows
        )
        for table in (decision_documents, decision_grounds, decision_referrals):
            found = [dict(r) for r in reading.execute(sa.select(table)).mappings()]
            if found:
                writing.execute(table.insert(), found)
        if engine.dialect.name == "sqlite":
            writing.execute(sa.text("INSERT INTO decisions_fts(decisions_fts) VALUES ('rebuild')"))
        writing.execute(sa.text("UPDATE corpus_state SET generation = generation + 1"))


def test_upgrading_a_corpus_database_keeps_every_decision(url, seed_files, tmp_path):
    engine = _engine(url)
    config = migrate._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001_corpus")  # the database as it is today
    with open_store(f"sqlite:///{tmp_path / 'source.db'}") as source:
        source.upsert_many([(parse_file(p), p.read_text(encoding="utf-8")) for p in seed_files])
        references = [parse_file(p).reference for p in seed_files]
        before = {ref: source.get(ref) for ref in references}
        _copy_as_at_0001(source, engine)
    engine.dispose()

    store = open_store(url)  # migrates to the head, with the casework tables
    try:
        with store.engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
            tables = set(sa.inspect(connection).get_table_names())
        assert {"users", "cases", "case_audit", "web_sessions", "login_attempts"} <= tables
        assert store.count() == len(seed_files)
        assert {ref: store.get(ref) for ref in references} == before
        assert store.check_consistency() == []
        assert store.search(SearchQuery(q="social worker")).total > 0
    finally:
        store.close()


def test_the_audit_trail_refuses_update_and_delete_in_the_database(url):
    store = open_store(url)
    try:
        repo = Casework(store.engine)
        user = repo.add_user(
            "a@b.org", "A", Role.admin, "hash", at="2025-01-01T00:00:00+00:00", actor="test"
        )
        repo.create_case(
            {"status": "received", "title": "t"}, actor=user, at="2025-01-01T00:00:00+00:00"
        )
        for statement in ("UPDATE case_audit SET actor = 'someone else'", "DELETE FROM case_audit"):
            with (
                pytest.raises(sa.exc.DatabaseError, match="append-only"),
                store.engine.begin() as c,
            ):
                c.execute(sa.text(statement))
        assert [e.actor for e in repo.audit_trail()] == ["test", "a@b.org"]
    finally:
        store.close()


def test_a_save_from_a_stale_version_is_refused_and_the_first_stands(url):
    store = open_store(url)
    try:
        repo = Casework(store.engine)
        user = repo.add_user(
            "a@b.org", "A", Role.admin, "hash", at="2025-01-01T00:00:00+00:00", actor="test"
        )
        case = repo.create_case({"status": "received", "title": "t"}, actor=user, at="t1")
        first = repo.update_case(
            case.id, 1, {"draft_text": "first"}, actor=user, action="edit", at="t2"
        )
        assert first.version == 2
        with pytest.raises(CaseChanged) as refused:
            repo.update_case(
                case.id, 1, {"draft_text": "second"}, actor=user, action="edit", at="t3"
            )
        assert refused.value.changes == [
            {"at": "t2", "actor": "a@b.org", "action": "edit", "fields": ["draft_text"]}
        ]
        assert repo.get_case(case.id).draft_text == "first"
        with pytest.raises(NotFound):
            repo.get_case(999)
        trail = repo.audit_trail(case.id)
        assert [(e.action, e.version) for e in trail] == [("case created", 1), ("edit", 2)]
        assert trail[1].changes == {"draft_text": {"old": None, "new": "first"}}
    finally:
        store.close()


def test_the_service_on_each_backend(url):
    store = open_store(url)
    try:
        accounts = Accounts(Casework(store.engine), clock=lambda: NOW)
        user = accounts.add_user("ivan@council.example", "investigator", "a long enough password")
        service = CaseService(store, clock=lambda: NOW)
        case = service.new_case_from_letter(user, "Dear Ombudsman,\nThe council lost my form.")
        assert case.status.value == "received" and case.assigned_to == user.id
        with pytest.raises(InputError, match="cannot draft"):
            service.draft(user, case.id, case.version)
        total, listed = service.list_cases(status=case.status)
        assert total == 1 and listed[0].assigned_email == "ivan@council.example"
    finally:
        store.close()


def test_pseudonyms_never_reach_the_audit_trail_or_the_case_json(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'o.db'}")
    try:
        repo = Casework(store.engine)
        user = repo.add_user("a@b.org", "A", Role.admin, "hash", at="t0", actor="test")
        case = repo.create_case({"status": "draft", "title": "t"}, actor=user, at="t1")
        people = {"version": 1, "people": [{"names": ["Jane Smith"], "label": "Mrs X"}]}
        case = repo.update_case(case.id, 1, {"pseudonyms": people}, actor=user, action="a", at="t2")
        assert "Jane" not in repr(repo.audit_trail(case.id))
        assert "Jane" not in case.model_dump_json()
    finally:
        store.close()
