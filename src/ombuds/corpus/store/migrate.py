"""Bring a database's corpus schema up to date with Alembic, from scripts inside this package.

Why programmatic: `open_store` must work from an installed package on a fresh database, with no
alembic.ini on disk. The scripts are found as package resources ("ombuds.corpus.store:migrations"),
and the migration runs on the caller's connection in one transaction, so a failed upgrade leaves
the database as it was.

Why HEAD is written here as well: every command that opens a store checks the revision, and
importing Alembic to learn the head costs more than a second of start-up on a busy machine
(ingest's fixed cost, `ombuds search`'s whole run). The check reads the version table with
SQLAlchemy and compares it with HEAD; Alembic is imported only to upgrade an existing database.
A new one is created at HEAD directly (`head.py`; a test compares it with what the migrations
make, on both backends). A test keeps HEAD equal to the head of the shipped scripts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

if TYPE_CHECKING:
    from alembic.config import Config

# The execution option of base.WRITE_OPTION (not imported: base imports nothing from here).
WRITE_OPTION = "ombuds_write"
# Our own version table, so that other parts of ombuds may keep their own migrations.
VERSION_TABLE = "ombuds_corpus_version"
SCRIPT_LOCATION = "ombuds.corpus.store:migrations"
HEAD = "0005_phrase_triples"  # the newest revision in migrations/versions (see the docstring)
LOCK_KEY = 0x0B0D5C0A  # PostgreSQL advisory lock held while migrating the corpus schema


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def head_revision() -> str:
    """The newest revision shipped with this version of ombuds."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships its migrations
        raise RuntimeError("ombuds ships no database migrations: the installation is broken")
    return head


def current_revision(connection: sa.Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def _stored_revision(connection: sa.Connection) -> str | None:
    """The version table's revision, read without Alembic (None when there is no table)."""
    if not sa.inspect(connection).has_table(VERSION_TABLE):
        return None
    rows = connection.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    return rows[0] if len(rows) == 1 else None


def _is_new(connection: sa.Connection) -> bool:
    """Whether the database (its schema, on PostgreSQL) holds no table at all: a new one."""
    return not sa.inspect(connection).get_table_names()


def upgrade(engine: sa.Engine) -> None:
    """Create or upgrade the schema to the head revision (a no-op when already there).

    Two processes opening a new database at once (a web server and an ingest) must not both
    create the tables: the upgrade holds a lock (PostgreSQL advisory lock; SQLite write lock)
    and looks at the revision again once it has it. A new database (no table at all) gets the
    head schema directly (`head.py`), without importing Alembic; any other (an older revision,
    or a database holding other tables) is left to Alembic, as before.
    """
    with engine.connect() as connection:
        if _stored_revision(connection) == HEAD:
            return
    with (
        engine.connect().execution_options(**{WRITE_OPTION: True}) as connection,
        connection.begin(),
    ):
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        if _is_new(connection):  # nothing to migrate: the head schema, without Alembic
            from ombuds.corpus.store import head

            head.create(connection, VERSION_TABLE, HEAD)
            return
        if _stored_revision(connection) == HEAD:  # another process upgraded it meanwhile
            return
        from alembic import command

        config = _config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
