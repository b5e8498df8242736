"""Turn a database URL into a migrated, ready `Store`: the only place that knows URL schemes.

Accepted: `sqlite:///relative/or/absolute.db` (parent folders are created), `sqlite:///:memory:`
(tests and one-off runs) and `postgresql://user@host:port/db` (or `postgres://`), which is
mapped to the psycopg 3 driver. Anything else, or a server that does not answer, raises
`StorageError` naming the URL (password hidden) and saying how to fix it.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import StaticPool

from ombuds.corpus.store import migrate
from ombuds.corpus.store.base import WRITE_OPTION, Store
from ombuds.corpus.store.writer import serialise_json
from ombuds.errors import StorageError

URL_HINT = "use sqlite:///path/to/file.db or postgresql://user@host:5432/database"

# Why these pragmas: WAL lets readers (the web API) work while ingest writes; synchronous=NORMAL
# is durable at each checkpoint and much faster for bulk loads; a 64 MB page cache and in-memory
# temporary tables keep facet counting off the disk; busy_timeout makes a second writer wait
# instead of failing at once.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=15000",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA cache_size=-65536",
)


def _safe(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def driver_url(url: str) -> sa.URL:
    """The SQLAlchemy URL for a user's URL, or StorageError if the scheme is not supported."""
    text = (url or "").strip()
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in ("postgresql", "postgres"):
        text = "postgresql+psycopg://" + text.split("://", 1)[1]
    elif scheme not in ("sqlite", "postgresql+psycopg"):
        got = f"scheme {scheme!r}" if scheme else "no scheme"
        raise StorageError(
            f"unsupported database URL ({got})", source=_safe(text) or "''", hint=URL_HINT
        )
    try:
        parsed = sa.engine.make_url(text)
    except Exception as error:
        raise StorageError(
            f"malformed database URL: {error}", source=_safe(text), hint=URL_HINT
        ) from None
    if parsed.get_backend_name() == "sqlite" and not parsed.database:
        raise StorageError(
            "the SQLite URL names no file",
            source=text,
            hint="three slashes then the path: sqlite:///data/ombuds.db",
        )
    return parsed


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    database = url.database
    if database == ":memory:":
        engine = sa.create_engine(
            url,
            poolclass=StaticPool,
            json_serializer=serialise_json,
            connect_args={"check_same_thread": False},
        )
    else:
        path = Path(database or "")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(
                f"cannot create the folder for the database: {error.strerror}",
                source=str(path),
                hint="choose a writable path",
            ) from None
        engine = sa.create_engine(
            url, json_serializer=serialise_json, connect_args={"check_same_thread": False}
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so that DDL
        # in migrations and each ingest batch are truly atomic.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            if database == ":memory:" and "journal_mode" in pragma:
                continue
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        # Writers ask for IMMEDIATE: they take the write lock first (waiting up to busy_timeout)
        # instead of failing when another writer committed after they started reading.
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def open_store(url: str, *, create: bool = True) -> Store:
    """Open (creating or migrating the schema) the corpus store at `url`.

    With `create=False`, a missing SQLite file is an error instead of a new empty corpus: what
    read-only commands (search, show, stats) want, so that a mistyped path says so.
    Raises StorageError for an unsupported URL, an unreachable server or a failed migration.
    Example: `open_store("sqlite:///data/ombuds.db")`.
    """
    parsed = driver_url(url)
    shown = _safe(url)
    database = parsed.database or ""
    if (
        not create
        and parsed.get_backend_name() == "sqlite"
        and database != ":memory:"
        and not Path(database).is_file()
    ):
        raise StorageError(
            "no corpus database at this path",
            source=database,
            hint=f"check --db, or store decisions first: ombuds ingest FOLDER --db {shown}",
        )
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(parsed)
    else:
        engine = sa.create_engine(parsed, pool_pre_ping=True, json_serializer=serialise_json)
    try:
        migrate.upgrade(engine)
    except sa.exc.OperationalError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise StorageError(
            f"cannot open the database: {reason}",
            source=shown,
            hint="check that the server is running and the URL's host, port, "
            "user and database are right, or use sqlite:///data/ombuds.db",
        ) from None
    except sa.exc.DatabaseError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise StorageError(
            f"cannot prepare the corpus tables: {reason}",
            source=shown,
            hint="point --db at an ombuds database or a new file",
        ) from None
    return Store(engine, url=shown)
