"""Bring a database's corpus schema up to date with Alembic, from scripts inside this package.

Why programmatic: `open_store` must work from an installed package on a fresh database, with no
alembic.ini on disk. The scripts are found as package resources ("ombuds.corpus.store:migrations"),
and the migration runs on the caller's connection in one transaction, so a failed upgrade leaves
the database as it was.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

# The execution option of base.WRITE_OPTION (not imported: base imports nothing from here).
WRITE_OPTION = "ombuds_write"
# Our own version table, so that other parts of ombuds may keep their own migrations.
VERSION_TABLE = "ombuds_corpus_version"
SCRIPT_LOCATION = "ombuds.corpus.store:migrations"
LOCK_KEY = 0x0B0D5C0A  # PostgreSQL advisory lock held while migrating the corpus schema


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def head_revision() -> str:
    """The newest revision shipped with this version of ombuds."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships its migrations
        raise RuntimeError("ombuds ships no database migrations: the installation is broken")
    return head


def current_revision(connection: sa.Connection) -> str | None:
    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def upgrade(engine: sa.Engine) -> None:
    """Create or upgrade the schema to the head revision (a no-op when already there).

    Two processes opening a new database at once (a web server and an ingest) must not both
    create the tables: the upgrade holds a lock (PostgreSQL advisory lock; SQLite write lock)
    and looks at the revision again once it has it.
    """
    head = head_revision()
    with engine.connect() as connection:
        if current_revision(connection) == head:
            return
    with (
        engine.connect().execution_options(**{WRITE_OPTION: True}) as connection,
        connection.begin(),
    ):
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        if current_revision(connection) == head:
            return
        config = _config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
