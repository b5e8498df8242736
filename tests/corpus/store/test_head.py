"""A new database is created at the head directly (store/head.py), without Alembic: what it
creates must be what the migrations make, catalogue entry by entry and row by row, on SQLite and
PostgreSQL. A migration added without its counterpart in head.py fails here."""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest
import sqlalchemy as sa
from alembic import command

from ombuds.corpus.store import migrate, open_store
from ombuds.corpus.store.engine import driver_url


@pytest.fixture(params=["sqlite", "postgresql"])
def two_urls(request, tmp_path):
    """Two new, empty databases of one backend (two fresh schemas on the PostgreSQL server)."""
    if request.param == "sqlite":
        yield [f"sqlite:///{tmp_path / name}.db" for name in ("migrated", "direct")]
        return
    server = request.getfixturevalue("postgres_url")
    admin = sa.create_engine(driver_url(server))
    schemas = [f"t_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    with admin.begin() as connection:
        for schema in schemas:
            connection.execute(sa.text(f'create schema "{schema}"'))
    sep = "&" if "?" in server else "?"
    yield [f"{server}{sep}options=-csearch_path%3D{schema}" for schema in schemas]
    with admin.begin() as connection:
        for schema in schemas:
            connection.execute(sa.text(f'drop schema "{schema}" cascade'))
    admin.dispose()


def _migrated(url: str) -> sa.Engine:
    """A database made by running every migration, as open_store did before head.py."""
    engine = sa.create_engine(driver_url(url))
    config = migrate._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return engine


def _sqlite_catalogue(connection: sa.Connection) -> dict:
    """Every table, index, trigger and FTS5 table, by SQLite's own account of it."""
    pragma = connection.exec_driver_sql
    found: dict = {}
    master = pragma("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").all()
    for kind, name, table, sql in master:
        # A table's CREATE text holds the columns a migration added with ALTER TABLE after its
        # constraints; the pragmas below compare what it is. Indexes and triggers by their text.
        entry: dict = {"type": kind, "table": table}
        if kind != "table" or (sql or "").startswith("CREATE VIRTUAL"):
            entry["sql"] = " ".join((sql or "").split())
        if kind == "table":
            entry["list"] = pragma(f"PRAGMA table_list('{name}')").all()
            entry["columns"] = pragma(f"PRAGMA table_xinfo('{name}')").all()
            entry["foreign keys"] = pragma(f"PRAGMA foreign_key_list('{name}')").all()
            # (without its first field, the order in which the indexes were made)
            entry["indexes"] = sorted(r[1:] for r in pragma(f"PRAGMA index_list('{name}')"))
            entry["rows"] = sorted(map(repr, pragma(f'SELECT * FROM "{name}"').all()))
        if kind == "index":
            entry["columns"] = pragma(f"PRAGMA index_xinfo('{name}')").all()
        found[name] = entry
    return found


def _postgres_catalogue(connection: sa.Connection) -> dict:
    """Every relation, column, constraint, index, trigger and function of the schema, by the
    server's own account (pg_catalog), with the schema's name taken out of the definitions."""
    schema = connection.exec_driver_sql("SELECT current_schema()").scalar_one()

    def rows(sql: str) -> list:
        return sorted(
            tuple(str(v).replace(f"{schema}.", "") for v in row)
            for row in connection.exec_driver_sql(sql, {"schema": schema}).all()
        )

    in_schema = "n.nspname = %(schema)s"
    found = {
        "relations": rows(
            "SELECT c.relname, c.relkind, c.relpersistence FROM pg_class c "
            f"JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {in_schema}"
        ),
        "columns": rows(
            "SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), "
            "a.attnotnull, a.attgenerated, a.attidentity, co.collname, "
            "pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a "
            "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0 "
            f"WHERE {in_schema} AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN "
            "('r', 'v', 'm', 'p', 'f')"
        ),
        "constraints": rows(
            "SELECT c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid) "
            "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
            f"JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {in_schema}"
        ),
        "indexes": rows(
            "SELECT indexname, indexdef FROM pg_indexes n WHERE n.schemaname = %(schema)s"
        ),
        "triggers": rows(
            "SELECT t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            f"WHERE {in_schema} AND NOT t.tgisinternal"
        ),
        "functions": rows(
            "SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p "
            f"JOIN pg_namespace n ON n.oid = p.pronamespace WHERE {in_schema}"
        ),
        "sequences": rows(
            "SELECT sequencename, data_type, start_value, increment_by, max_value "
            "FROM pg_sequences WHERE schemaname = %(schema)s"
        ),
        "owned sequences": rows(
            "SELECT s.relname, c.relname, a.attname FROM pg_depend d "
            "JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' "
            "JOIN pg_class c ON c.oid = d.refobjid "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid "
            f"JOIN pg_namespace n ON n.oid = s.relnamespace WHERE {in_schema}"
        ),
    }
    tables = connection.exec_driver_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = %(schema)s", {"schema": schema}
    ).scalars()
    found["rows"] = {
        table: sorted(map(repr, connection.exec_driver_sql(f'SELECT * FROM "{table}"').all()))
        for table in tables
    }
    return found


def _catalogue(engine: sa.Engine) -> dict:
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            return _sqlite_catalogue(connection)
        return _postgres_catalogue(connection)


def test_a_new_database_is_created_as_the_migrations_make_it(two_urls):
    migrated = _migrated(two_urls[0])
    store = open_store(two_urls[1])  # new: created by head.py
    try:
        expected, found = _catalogue(migrated), _catalogue(store.engine)
    finally:
        migrated.dispose()
        store.close()
    assert found.keys() == expected.keys()
    for part in expected:  # one part at a time, so that a failure says which
        assert found[part] == expected[part], part
    if "decisions" in expected:  # SQLite: the catalogue holds what it should
        assert {"decisions_fts", "case_audit_no_update", "ix_rank_words_stem"} <= expected.keys()
    else:
        assert {"decisions", "corpus_state", "rank_words"} <= expected["rows"].keys()


def test_a_new_database_is_ready_and_at_the_head(two_urls):
    with open_store(two_urls[1]) as store, store.engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.HEAD


def test_opening_a_new_database_does_not_import_alembic(tmp_path):
    """The point of head.py: Alembic's import is ingest's start-up cost on a new database."""
    code = (
        "import sys; from ombuds.corpus.store import open_store; "
        f"open_store('sqlite:///{tmp_path / 'new.db'}').close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
