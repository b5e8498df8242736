"""A read-only database (issue 10): search, show, stats and serve read it without migrating or
writing anything, and say so when it would need migrating.

Tested for real: a read-only file in a read-only folder, opened by a user who cannot write them
(as root, which may write anything, the commands run without the capabilities that override
permissions), and SQLite's `mode=ro` and `immutable=1` URIs, which hold even for root.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from ombuds.cli import app
from ombuds.corpus.models import SearchQuery
from ombuds.corpus.store import migrate, open_store
from ombuds.errors import StorageError

NOBODY = 65534
OMBUDS = [sys.executable, "-c", "from ombuds.cli import main; main()"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def corpus_db(seeds_dir):
    """A corpus of the five seeds in a folder any user may enter (tmp_path is private to root),
    removed afterwards."""
    top = Path(tempfile.mkdtemp(prefix="ombuds-ro-"))
    top.chmod(0o755)
    folder = top / "corpus"
    folder.mkdir(mode=0o755)
    path = folder / "ombuds.db"
    result = CliRunner().invoke(app, ["ingest", str(seeds_dir), "--db", f"sqlite:///{path}"])
    assert result.exit_code == 0, result.output
    yield path
    folder.chmod(0o755)
    shutil.rmtree(top)


def _make_read_only(path: Path) -> None:
    path.chmod(0o444)
    path.parent.chmod(0o555)


def _drop_root() -> tuple[list[str], dict]:
    """How to run a command that cannot write through file permissions when we are root (root
    writes through any permission): with setpriv (util-linux), root without the capabilities
    that override permissions, so it still reads the checkout however private its folder is
    (a clone in `mktemp -d` is 0700); else subprocess's switch to `nobody`."""
    if os.geteuid() != 0:
        return [], {}
    setpriv = shutil.which("setpriv")
    if setpriv:
        return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"], {}
    return [], {"user": NOBODY, "group": NOBODY, "extra_groups": []}


def _as_a_user_who_cannot_write(args: list[str]) -> subprocess.CompletedProcess:
    prefix, extra = _drop_root()
    return subprocess.run(
        prefix + OMBUDS + args, capture_output=True, timeout=120, check=False, cwd="/", **extra
    )


def test_the_folder_really_cannot_be_written_by_the_user_running_the_commands(corpus_db):
    _make_read_only(corpus_db)
    prefix, extra = _drop_root()
    code = f"open({str(corpus_db.parent / 'probe')!r}, 'w')"
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", code], capture_output=True, check=False, cwd="/", **extra
    )
    assert probe.returncode != 0 and b"PermissionError" in probe.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["search", "council"], b"decision(s) match"),
        (["show", "24-022-651"], b"Reference: 24 022 651"),
        (["stats"], b"decisions: 5"),
    ],
)
def test_reading_commands_work_on_a_read_only_file_in_a_read_only_folder(corpus_db, args, expected):
    before = _digest(corpus_db)
    _make_read_only(corpus_db)
    result = _as_a_user_who_cannot_write([*args, "--db", f"sqlite:///{corpus_db}"])
    assert result.returncode == 0, result.stderr.decode()[-800:]
    assert expected in result.stdout
    assert _digest(corpus_db) == before
    assert sorted(p.name for p in corpus_db.parent.iterdir()) == ["ombuds.db"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_answers_from_a_read_only_file_in_a_read_only_folder(corpus_db):
    _make_read_only(corpus_db)
    port = _free_port()
    prefix, extra = _drop_root()
    server = subprocess.Popen(
        [*prefix, *OMBUDS, "serve", "--db", f"sqlite:///{corpus_db}", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd="/",
        **extra,
    )
    try:
        response = None
        for _ in range(600):  # up to a minute for start-up on a busy machine
            if server.poll() is not None:
                break
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/decisions?q=council", timeout=10)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert response is not None, server.stderr.read().decode()[-800:] if server.stderr else ""
        assert response.status_code == 200 and response.json()["total"] >= 1
    finally:
        server.terminate()
        server.wait(30)


def test_a_writer_on_a_read_only_database_gets_a_clear_error(corpus_db, seeds_dir):
    _make_read_only(corpus_db)
    result = _as_a_user_who_cannot_write(
        ["ingest", str(seeds_dir), "--db", f"sqlite:///{corpus_db}"]
    )
    assert result.returncode != 0
    assert b"Traceback" not in result.stderr
    assert b"readonly" in result.stderr or b"read-only" in result.stderr


def test_a_mode_ro_uri_opens_read_only_and_never_writes(corpus_db):
    before = _digest(corpus_db)
    url = f"sqlite:///file:{corpus_db}?mode=ro&uri=true"
    with open_store(url, create=False) as store:
        assert store.search(SearchQuery(q="council")).total >= 1
        assert store.get("24-022-651")["reference"] == "24 022 651"
        assert store.stats()["decisions"] == 5
        with pytest.raises(StorageError, match="readonly"):
            store.upsert_many([])
            with store.engine.begin() as connection:
                connection.execute(sa.text("DELETE FROM decision_grounds"))
    assert _digest(corpus_db) == before


def test_an_immutable_uri_reads_a_database_no_one_may_change(corpus_db):
    url = f"sqlite:///file:{corpus_db}?immutable=1&uri=true"
    with open_store(url, create=False) as store:
        assert store.count() == 5


def test_reading_commands_never_migrate_a_writable_database_either(corpus_db, monkeypatch):
    # This ombuds "needs" a newer schema than the file's: readers refuse, saying what to run.
    stored = migrate.HEAD
    monkeypatch.setattr(migrate, "HEAD", "0099_future")
    monkeypatch.setattr(
        "ombuds.corpus.store.engine._known_revisions", lambda: {stored, "0099_future"}
    )
    before = _digest(corpus_db)
    result = CliRunner().invoke(app, ["search", "council", "--db", f"sqlite:///{corpus_db}"])
    assert result.exit_code == 4
    assert "needs migrating" in result.output and "ombuds ingest" in result.output
    assert _digest(corpus_db) == before


def test_a_database_from_a_newer_ombuds_is_named_as_such(corpus_db):
    with sa.create_engine(f"sqlite:///{corpus_db}").begin() as connection:
        connection.execute(sa.text(f"UPDATE {migrate.VERSION_TABLE} SET version_num = '0999_x'"))
    result = CliRunner().invoke(app, ["stats", "--db", f"sqlite:///{corpus_db}"])
    assert result.exit_code == 4 and "newer ombuds" in result.output


def test_a_file_that_is_not_a_corpus_is_refused_not_set_up(tmp_path):
    path = tmp_path / "empty.db"
    sa.create_engine(f"sqlite:///{path}").connect().close()
    path.write_bytes(b"")  # an empty file: a valid, empty SQLite database
    result = CliRunner().invoke(app, ["stats", "--db", f"sqlite:///{path}"])
    assert result.exit_code == 4 and "no ombuds corpus" in result.output
    assert path.read_bytes() == b""


def test_postgres_readers_run_read_only_sessions(postgres_schema_url, seeds_dir):
    open_store(postgres_schema_url).close()  # create the schema
    with open_store(postgres_schema_url, read_only=True) as store:
        assert store.count() == 0
        with pytest.raises(sa.exc.InternalError, match="read-only"), store.engine.begin() as c:
            c.execute(sa.text("DELETE FROM decisions"))
