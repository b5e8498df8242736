"""Turn a database URL into a migrated, ready `Store`: the only place that knows URL schemes.

Accepted: `sqlite:///relative/or/absolute.db` (parent folders are created), `sqlite:///:memory:`
(tests and one-off runs), SQLite's own URI form `sqlite:///file:path.db?mode=ro&uri=true` (also
`immutable=1`), and `postgresql://user@host:port/db` (or `postgres://`), which is mapped to the
psycopg 3 driver. Anything else, or a server that does not answer, raises `StorageError` naming
the URL (password hidden) and saying how to fix it.

Read-only opening (`read_only=True`, what search, show and stats ask for; and `create=False`
whenever the database cannot be written: a read-only file, folder or mount, or a `mode=ro` URI):
no migration and no pragma that writes. SQLite is opened `mode=ro`, or `immutable=1` when the
file sits in a folder that cannot be written and has no write-ahead log (then SQLite could not
create its shared-memory file); PostgreSQL sessions are set read-only. A database whose schema
is not the one this ombuds expects is a StorageError saying what to run where it can be written.

Every connection carries the search time limit of `budget.py` (per statement, on both
databases; `open_store(timeout=...)`, or TIMEOUT_OPTION for one connection); writers (ingest,
migrations) are not limited.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import StaticPool

from ombuds.config import search_timeout
from ombuds.corpus.store import migrate
from ombuds.corpus.store.base import WRITE_OPTION, Store
from ombuds.corpus.store.budget import POOL_WAIT
from ombuds.corpus.store.bulk import BINARY_RESULTS
from ombuds.corpus.store.writer import serialise_json
from ombuds.errors import QueryTimeout, StorageError

URL_HINT = "use sqlite:///path/to/file.db or postgresql://user@host:5432/database"

# Why these pragmas: WAL lets readers (the web API) work while ingest writes; synchronous=NORMAL
# is durable at each checkpoint and much faster for bulk loads; a 64 MB page cache and in-memory
# temporary tables keep facet counting off the disk; busy_timeout makes a second writer wait
# instead of failing at once.
SQLITE_PRAGMAS = (
    "PRAGMA busy_timeout=15000",  # first: switching a new file to WAL may wait for another opener
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA cache_size=-65536",
)
# SQLite calls the time limit's check every this many steps of its virtual machine: often enough
# to stop within a few milliseconds of the limit even inside FTS5's merging of prefix lists (few
# steps, much work each), seldom enough to cost nothing measurable.
PROGRESS_STEPS = 100
_DEADLINE = "ombuds_deadline"  # key of a connection's time-limit state in its pool record
# An execution option giving a connection (or, through `engine.execution_options`, every
# connection of an engine) its own time limit in seconds instead of the store's.
TIMEOUT_OPTION = "ombuds_timeout"


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


class _SqliteFile:
    """Where an SQLite URL points, and whether it asks to be read only."""

    def __init__(self, url: sa.URL):
        database = url.database or ""
        query = {key: str(value).lower() for key, value in url.query.items()}
        self.uri = database.startswith("file:") and query.get("uri") in ("true", "1")
        self.path = Path(database[5:] if self.uri else database)
        self.memory = database == ":memory:"
        self.immutable = self.uri and query.get("immutable") in ("1", "true")
        self.asks_read_only = self.uri and (query.get("mode") == "ro" or self.immutable)

    def writable(self) -> bool:
        """Whether this process could write the file and create its journal beside it."""
        if self.asks_read_only:
            return False
        folder = self.path.parent
        return os.access(self.path, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)

    def read_only_uri(self) -> str:
        """`file:` URI opening the file read-only: `mode=ro`, or `immutable=1` when SQLite could
        not open it so (a WAL database in a folder it cannot write) and no log holds changes."""
        base = "file:" + quote(str(self.path.resolve()))
        if self.immutable:
            return base + "?immutable=1"
        try:
            probe = sqlite3.connect(base + "?mode=ro", uri=True)
            try:
                probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                probe.close()
            return base + "?mode=ro"
        except sqlite3.DatabaseError:
            wal = Path(f"{self.path}-wal")
            if wal.exists() and wal.stat().st_size > 0:
                raise StorageError(
                    "cannot read the database: it is read-only and its write-ahead log "
                    f"({wal.name}) holds changes not yet in the file",
                    source=str(self.path),
                    hint="open it once where it can be written (any ombuds command that "
                    "writes, or sqlite3 FILE 'PRAGMA wal_checkpoint'), then make it read-only",
                ) from None
            return base + "?immutable=1"


def _create_private(path: Path) -> None:
    """Create a new database file readable by its owner only (0600): besides the published
    decisions it holds the casework (complainants' letters, unpublished drafts) and the
    publication gate's records. SQLite gives its journal files the database file's mode. A file
    that exists keeps the mode its owner gave it."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError as error:
        raise StorageError(
            f"cannot create the database file: {error.strerror}",
            source=str(path),
            hint="choose a writable path",
        ) from None


def _sqlite_engine(
    url: sa.URL, *, read_only: bool = False, timeout: float | None = None
) -> sa.Engine:
    timeout = search_timeout() if timeout is None else timeout
    file = _SqliteFile(url)
    options: dict[str, Any] = {"json_serializer": serialise_json}
    if file.memory:
        options |= {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        engine = sa.create_engine(url, **options)
    elif read_only:
        uri = file.read_only_uri()
        engine = sa.create_engine(  # the URL names the file; the creator opens it read-only
            sa.URL.create("sqlite", database=str(file.path)),
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
            pool_timeout=POOL_WAIT,
            **options,
        )
    else:
        try:
            file.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(
                f"cannot create the folder for the database: {error.strerror}",
                source=str(file.path),
                hint="choose a writable path",
            ) from None
        _create_private(file.path)
        options["connect_args"] = {"check_same_thread": False}
        engine = sa.create_engine(url, pool_timeout=POOL_WAIT, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so that DDL
        # in migrations and each ingest batch are truly atomic.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            if (file.memory or read_only) and "journal_mode" in pragma:
                continue  # a reader leaves the journal as it is: changing it writes the file
            cursor.execute(pragma)
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()
        deadline = _Deadline()
        record.info[_DEADLINE] = deadline
        dbapi_connection.set_progress_handler(deadline.expired, PROGRESS_STEPS)

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        # Writers ask for IMMEDIATE: they take the write lock first (waiting up to busy_timeout)
        # instead of failing when another writer committed after they started reading.
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @event.listens_for(engine, "before_cursor_execute")
    def _on_execute(connection, *_args):  # type: ignore[no-untyped-def]
        # Each statement of a reader has `timeout` seconds from here (as PostgreSQL's
        # statement_timeout); a writer's have no limit.
        deadline = connection.connection.info.get(_DEADLINE)
        if deadline is not None:
            options = connection.get_execution_options()
            deadline.start(None if options.get(WRITE_OPTION) else _limit(options, timeout))

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection, record):  # type: ignore[no-untyped-def]
        deadline = record.info.get(_DEADLINE)
        if deadline is not None:
            deadline.start(None)

    _stop_at_time_limit(engine, timeout, "interrupted")
    return engine


def _limit(options: Any, default: float) -> float:
    """The time limit of a connection: TIMEOUT_OPTION if it was given one, else the store's."""
    value = options.get(TIMEOUT_OPTION)
    return default if value is None else float(value)


class _Deadline:
    """A connection's time limit: SQLite's progress handler asks `expired` as it works."""

    __slots__ = ("at",)

    def __init__(self) -> None:
        self.at: float | None = None

    def start(self, seconds: float | None) -> None:
        self.at = None if seconds is None else time.monotonic() + seconds

    def expired(self) -> int:
        # Non-zero stops the statement (sqlite3 then raises OperationalError "interrupted").
        return 1 if self.at is not None and time.monotonic() > self.at else 0


def _stop_at_time_limit(engine: sa.Engine, timeout: float, marker: str) -> None:
    """Turn the database's own time-limit error (`marker` in its message) into QueryTimeout."""

    @event.listens_for(engine, "handle_error")
    def _on_error(context):  # type: ignore[no-untyped-def]
        if context.is_pre_ping:  # the pool's liveness check handles its own errors
            return
        original = context.original_exception
        name = type(original).__name__
        if marker in str(original) or name == "QueryCanceled":
            raise QueryTimeout(
                f"the search took longer than its {timeout:g}-second limit and was stopped",
                source="query",
                hint="narrow it: whole words rather than prefixes (word*), or a filter; "
                "or try again later",
            ) from None


def _postgres_engine(url: sa.URL, *, read_only: bool, timeout: float) -> sa.Engine:
    import psycopg  # (here: an SQLite store never loads it)

    engine = sa.create_engine(
        url, pool_pre_ping=True, pool_timeout=POOL_WAIT, json_serializer=serialise_json
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Session settings, outside any transaction (a rollback would undo them otherwise).
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        with dbapi_connection.cursor() as cursor:
            # Milliseconds; never 0, which PostgreSQL reads as no limit at all.
            cursor.execute(f"SET statement_timeout = {max(int(timeout * 1000), 1)}")
            if read_only:
                cursor.execute("SET default_transaction_read_only = on")
            # Long values (texts, documents, tsvectors) compressed with LZ4 where the server
            # has it (PostgreSQL 14+): pglz was the server's largest single cost in a profile
            # of ingest, and LZ4 reads back faster too. Columns left at the default follow this
            # setting, so no migration is needed; values already stored are read either way.
            cursor.execute(
                "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
                "WHERE name = 'default_toast_compression'"
            )
            if (found := cursor.fetchone()) and found[0]:
                cursor.execute("SET default_toast_compression = lz4")
        dbapi_connection.autocommit = autocommit

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        options = connection.get_execution_options()
        if options.get(WRITE_OPTION):  # writers: no time limit
            connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
        elif options.get(TIMEOUT_OPTION) is not None:
            milliseconds = max(int(_limit(options, timeout) * 1000), 1)
            connection.exec_driver_sql(f"SET LOCAL statement_timeout = {milliseconds}")

    @event.listens_for(engine, "before_cursor_execute")
    def _on_execute(_connection, cursor, _statement, _parameters, context, _many):  # type: ignore[no-untyped-def]
        if context is not None and context.execution_options.get(BINARY_RESULTS):
            cursor.format = psycopg.pq.Format.BINARY  # see bulk.py

    _stop_at_time_limit(engine, timeout, "canceling statement due to statement timeout")
    return engine


def _known_revisions() -> set[str]:
    """Every schema revision this ombuds ships (older ones need migrating; others are newer).
    Alembic is imported only here, on the error path: it costs a second of start-up."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", migrate.SCRIPT_LOCATION)
    return {revision.revision for revision in ScriptDirectory.from_config(config).walk_revisions()}


def _check_schema(engine: sa.Engine, shown: str) -> None:
    """For a read-only store: the schema must be this ombuds' own, as nothing may migrate it."""
    with engine.connect() as connection:
        current = migrate._stored_revision(connection)  # read as upgrade() reads it
    head = migrate.HEAD
    if current == head:
        return
    where = f"where it can be written: ombuds ingest FOLDER --db {shown}"
    if current is None:
        raise StorageError(
            "the database holds no ombuds corpus (or one too old to know its version), and it "
            "is opened read-only, so it cannot be set up",
            source=shown,
            hint=f"point --db at an ombuds corpus, or create one {where}",
        )
    if current in _known_revisions():
        raise StorageError(
            f"the database needs migrating (its schema is {current}, this ombuds needs {head}), "
            "and it is opened read-only",
            source=shown,
            hint=f"migrate it once {where} (ingest migrates before it stores anything)",
        )
    raise StorageError(
        f"the database was made by a newer ombuds (schema {current}; this one knows up to {head})",
        source=shown,
        hint="upgrade ombuds to read it",
    )


def open_store(
    url: str,
    *,
    create: bool = True,
    read_only: bool | None = None,
    timeout: float | None = None,
) -> Store:
    """Open (creating or migrating the schema) the corpus store at `url`.

    With `create=False`, a missing SQLite file is an error instead of a new empty corpus: what
    read-only commands (search, show, stats) want, so that a mistyped path says so.
    `read_only=True` opens the store for reading only: no migration, nothing written, and a
    StorageError if its schema is not this version's. The default (None) is read-only when
    `create=False` and the database cannot be written (a read-only file, folder or mount, or a
    `mode=ro` URI), else read-write. `timeout`: the seconds each statement of a reader may run
    in the database before it is stopped (QueryTimeout); by default `config.search_timeout()`.
    Raises StorageError for an unsupported URL, an unreachable server or a failed migration.
    Example: `open_store("sqlite:///data/ombuds.db")`.
    """
    parsed = driver_url(url)
    shown = _safe(url)
    timeout = search_timeout() if timeout is None else timeout
    sqlite = parsed.get_backend_name() == "sqlite"
    file = _SqliteFile(parsed) if sqlite else None
    if file is not None and not file.memory:
        if not create and not file.path.is_file():
            raise StorageError(
                "no corpus database at this path",
                source=str(file.path),
                hint=f"check --db, or store decisions first: ombuds ingest FOLDER --db {shown}",
            )
        if read_only is None:
            read_only = file.asks_read_only or (not create and not file.writable())
    read_only = bool(read_only)
    if file is not None:
        engine = _sqlite_engine(parsed, read_only=read_only, timeout=timeout)
    else:
        engine = _postgres_engine(parsed, read_only=read_only, timeout=timeout)
    try:
        if read_only:
            _check_schema(engine, shown)
        else:
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
    except StorageError:
        engine.dispose()
        raise
    return Store(engine, url=shown)
