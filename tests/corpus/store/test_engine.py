"""open_store: URLs, errors that say how to fix them, and migrations from the package."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from ombuds.corpus.store import StorageError, migrate, open_store
from ombuds.corpus.store.engine import driver_url


@pytest.mark.parametrize(
    "url", ["mysql://u@h/db", "data/ombuds.db", "", "http://example.org", "sqlite:///", "sqlite://"]
)
def test_unsupported_or_incomplete_urls_say_what_to_write(url):
    with pytest.raises(StorageError) as error:
        open_store(url)
    assert "sqlite:///" in str(error.value)


def test_postgres_urls_use_psycopg_3():
    assert driver_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert driver_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert driver_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"


def test_unreachable_server_names_the_url_without_its_password():
    with pytest.raises(StorageError) as error:
        open_store("postgresql://someone:secret@127.0.0.1:1/nowhere?connect_timeout=2")
    message = str(error.value)
    assert "127.0.0.1:1/nowhere" in message and "secret" not in message
    assert "server is running" in message
    assert error.value.exit_code == 4


def test_sqlite_creates_parent_folders(tmp_path):
    path = tmp_path / "a" / "b" / "corpus.db"
    with open_store(f"sqlite:///{path}") as store:
        assert store.count() == 0
    assert path.is_file()


def test_a_file_that_is_not_a_database_is_a_storage_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some notes, not SQLite " * 100)
    with pytest.raises(StorageError) as error:
        open_store(f"sqlite:///{path}")
    assert str(path) in str(error.value)
    assert path.read_text().startswith("just some notes")  # left as it was


def test_schema_is_at_the_head_revision_shipped_in_the_package(store):
    assert migrate.SCRIPT_LOCATION == "ombuds.corpus.store:migrations"
    with store.engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
        tables = set(sa.inspect(connection).get_table_names())
    assert {
        "decisions",
        "decision_documents",
        "decision_grounds",
        "decision_referrals",
        migrate.VERSION_TABLE,
    } <= tables


def test_migration_scripts_are_package_data():
    from importlib.resources import files

    versions = files("ombuds.corpus.store") / "migrations" / "versions"
    assert any(p.name.endswith(".py") and p.name[0].isdigit() for p in versions.iterdir())
    assert (files("ombuds.corpus.store") / "migrations" / "script.py.mako").is_file()


def test_in_memory_sqlite_works_for_one_off_runs():
    with open_store("sqlite:///:memory:") as store:
        assert store.stats()["decisions"] == 0


def test_two_processes_opening_a_new_database_at_once_both_succeed(store_url):
    from concurrent.futures import ThreadPoolExecutor

    def open_and_count(_):
        with open_store(store_url) as store:
            return store.count()

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(open_and_count, range(4))) == [0, 0, 0, 0]


def test_create_false_refuses_a_missing_sqlite_file_but_opens_an_existing_one(tmp_path):
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    with pytest.raises(StorageError) as error:
        open_store(url, create=False)
    assert "ombuds ingest" in str(error.value)
    assert not (tmp_path / "corpus.db").exists()
    open_store(url).close()
    with open_store(url, create=False) as store:
        assert store.count() == 0


def test_the_head_written_in_migrate_is_the_head_of_the_shipped_scripts():
    """migrate.HEAD spares every command an import of Alembic: it must name the newest script."""
    from ombuds.corpus.store import migrate

    assert migrate.head_revision() == migrate.HEAD


def test_a_new_database_file_is_readable_by_its_owner_only(tmp_path):
    import stat

    from ombuds.corpus.store import open_store

    path = tmp_path / "new" / "ombuds.db"
    with open_store(f"sqlite:///{path}") as store:
        assert store.count() == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds letters and drafts too
    existing = tmp_path / "shared.db"
    with open_store(f"sqlite:///{existing}"):
        pass
    existing.chmod(0o640)
    with open_store(f"sqlite:///{existing}"):
        pass
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640  # an owner's choice is kept


def test_statements_asking_for_binary_results_get_them_on_postgresql(postgres_schema_url):
    """BINARY_RESULTS sets the psycopg cursor's format (bytea arrives as bytes, not hex text);
    other statements keep the text format, and a time limit still stops a binary statement
    with the store's own error."""
    from ombuds.corpus.store.bulk import BINARY_RESULTS
    from ombuds.errors import QueryTimeout

    with open_store(postgres_schema_url) as store, store.engine.connect() as connection:
        plain = connection.execute(sa.text("SELECT '\\x0102'::bytea"))
        binary = connection.execute(
            sa.text("SELECT '\\x0102'::bytea"), execution_options={BINARY_RESULTS: True}
        )
        assert (plain.context.cursor.format, binary.context.cursor.format) == (0, 1)
        assert plain.scalar_one() == binary.scalar_one() == b"\x01\x02"
    with (
        open_store(postgres_schema_url, timeout=0.05) as store,
        store.engine.connect() as connection,
        pytest.raises(QueryTimeout),
    ):
        connection.execute(sa.text("SELECT pg_sleep(1)"), execution_options={BINARY_RESULTS: True})
