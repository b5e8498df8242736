"""Ingest: walking paths, idempotency, failures reported and skipped, and surviving a kill."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ombuds.corpus.ingest import _read_chunk, find_files, ingest
from ombuds.corpus.models import SearchQuery
from ombuds.corpus.parse import parse_file
from ombuds.corpus.store import open_store
from ombuds.errors import InputError, OmbudsError

_TITLE_REFERENCE = re.compile(r"\(\d\d \d{3} \d{3}\)")


def write_corpus(seed_files: list[Path], folder: Path, count: int) -> list[Path]:
    """`count` distinct decisions made from the seeds, each with its own reference."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(count):
        seed = seed_files[i % len(seed_files)].read_text(encoding="utf-8")
        reference = f"30 {i // 1000:03d} {i % 1000:03d}"
        text = _TITLE_REFERENCE.sub(f"({reference})", seed, count=1)
        path = folder / f"{i // 100:02d}" / f"decision-{i:05d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'db' / 'corpus.db'}")
    yield opened
    opened.close()


def test_ingesting_the_seeds_twice_stores_each_once(store, seeds_dir):
    first = ingest(store, [seeds_dir])
    assert (first.added, first.updated, first.unchanged, first.failed) == (5, 0, 0, [])
    second = ingest(store, [seeds_dir])
    assert (second.added, second.updated, second.unchanged) == (0, 0, 5)
    assert second.summary() == "added 0, updated 0, unchanged 5, failed 0"
    assert store.count() == 5
    assert store.get("24-015-969")["body"] == "Leicestershire County Council"


def test_a_changed_text_updates_the_record_and_its_index(store, seed_files, tmp_path):
    folder = tmp_path / "corpus"
    paths = write_corpus(seed_files, folder, 5)
    ingest(store, [folder])
    paths[2].write_text(
        paths[2]
        .read_text(encoding="utf-8")
        .replace("Final decision", "A zanzibar aside.\nFinal decision"),
        encoding="utf-8",
    )
    report = ingest(store, [folder])
    assert (report.added, report.updated, report.unchanged) == (0, 1, 4)
    assert [h.reference for h in store.search(SearchQuery(q="zanzibar")).results] == ["30 000 002"]
    assert store.count() == 5


def test_a_file_that_cannot_be_parsed_is_reported_and_skipped(store, seed_files, tmp_path):
    folder = tmp_path / "mixed"
    write_corpus(seed_files, folder, 3)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (folder / "menu.html").write_text("<html><body><nav>Home</nav><p>Contact us</p></body></html>")
    report = ingest(store, [folder])
    assert report.added == 3 and not report.ok
    failed = {Path(f).name: reason for f, reason in report.failed}
    assert set(failed) == {"empty.txt", "binary.txt", "menu.html"}
    assert all(reason for reason in failed.values())
    assert "decision" in failed["menu.html"]
    assert store.count() == 3


def test_folders_are_walked_for_decision_suffixes_and_html_is_stored_as_text(
    store, seed_files, tmp_path
):
    folder = tmp_path / "site"
    (folder / "deep" / "er").mkdir(parents=True)
    text = seed_files[0].read_text(encoding="utf-8")
    body = "".join(f"<p>{line}</p>\n" for line in text.splitlines())
    (folder / "deep" / "er" / "24-015-969.HTML").write_text(
        "<html><head><script>var trackingpixel = 1;</script></head><body><nav>Menu</nav>"
        f"<main>{body}</main><footer>Cookie settings</footer></body></html>",
        encoding="utf-8",
    )
    (folder / "notes.md").write_text("not a decision file")
    (folder / ".hidden.txt").write_text("editor backup")
    assert [p.name for p in find_files([folder])] == ["24-015-969.HTML"]
    report = ingest(store, [folder])
    assert report.added == 1 and report.ok
    stored = store.get("24 015 969")["text"]
    assert "trackingpixel" not in stored and "<p>" not in stored
    assert store.search(SearchQuery(q="trackingpixel")).total == 0
    assert store.search(SearchQuery(q="social worker")).total == 1


def test_a_file_named_directly_is_taken_whatever_its_suffix(store, seed_files, tmp_path):
    path = tmp_path / "decision.dat"
    path.write_text(seed_files[1].read_text(encoding="utf-8"), encoding="utf-8")
    assert ingest(store, [path]).added == 1


def test_an_empty_folder_says_nothing_was_found(store, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError) as error:
        ingest(store, [tmp_path / "empty"])
    assert "no decision files found" in str(error.value)
    assert str(tmp_path / "empty") in str(error.value)


def test_a_missing_path_stops_before_anything_is_stored(store, seeds_dir, tmp_path):
    with pytest.raises(InputError) as error:
        ingest(store, [seeds_dir, tmp_path / "typo"])
    assert "no such file or folder" in str(error.value)
    assert store.count() == 0


def test_batches_stream_and_progress_is_reported(store, seed_files, tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    write_corpus(seed_files, folder, 7)
    batch_sizes: list[int] = []
    original = store.upsert_many

    def spy(items):
        batch_sizes.append(len(items))
        return original(items)

    monkeypatch.setattr(store, "upsert_many", spy)
    progress: list[tuple[int, int]] = []
    report = ingest(store, [folder], batch_size=3, on_progress=lambda d, t: progress.append((d, t)))
    assert batch_sizes == [3, 3, 1]
    assert progress[-1] == (7, 7) and len(progress) == 7
    assert report.added == 7


def test_a_decision_without_reference_is_counted(store, seed_files, tmp_path):
    text = seed_files[0].read_text(encoding="utf-8")
    _title, rest = text.split("\n", 1)
    path = tmp_path / "untitled.txt"
    path.write_text(rest, encoding="utf-8")  # no "<body> (<reference>)" title line
    report = ingest(store, [path])
    assert report.added == 1 and report.without_reference == [str(path)]
    assert ingest(store, [path]).unchanged == 1  # found again by the hash of its text
    assert store.search(SearchQuery(q="social worker")).results[0].reference.startswith("sha256:")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'killed.db'}"
    return request.getfixturevalue("postgres_schema_url")


def _count_while_running(url: str) -> int:
    """Decisions committed so far, read from outside the ingest (0 before the tables exist)."""
    import sqlalchemy as sa

    from ombuds.corpus.store.engine import driver_url

    engine = sa.create_engine(driver_url(url))
    try:
        with engine.connect() as connection:
            return connection.execute(sa.text("SELECT count(*) FROM decisions")).scalar_one()
    except sa.exc.DBAPIError:
        return 0
    finally:
        engine.dispose()


@pytest.mark.slow
def test_killed_midway_leaves_whole_batches_and_a_rerun_completes(seed_files, tmp_path, db_url):
    folder = tmp_path / "corpus"
    total = 3000  # enough that ingest is still running when the first batches land
    paths = write_corpus(seed_files, folder, total)
    command = [
        sys.executable,
        "-c",
        "from ombuds.cli import main; main()",
        "ingest",
        str(folder),
        "--db",
        db_url,
        "--batch-size",
        "10",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if _count_while_running(db_url) >= 10:
            break
        time.sleep(0.002)
    assert process.poll() is None, "ingest finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL

    with open_store(db_url) as store:
        count = store.count()
        assert 10 <= count < total
        assert count % 10 == 0, "a partial batch was committed"
        assert store.check_consistency() == []
        assert store.search(SearchQuery(q="council")).total == count  # every row is indexed
        stored_refs = [h.reference for h in store.search(SearchQuery(limit=500)).results]
        for reference in stored_refs[:40]:
            index = int(reference.replace(" ", "")[2:])
            expected = [str(g) for g in parse_file(paths[index]).grounds]
            assert store.get(reference)["grounds"] == expected
            facet = store.search(SearchQuery(q=f'"{reference}"')).facets["ground"]
            assert set(facet) == set(expected)

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.strip() == f"added {total - count}, updated 0, unchanged {count}, failed 0"
    with open_store(db_url) as store:
        assert store.count() == total
        assert store.check_consistency() == []


@pytest.mark.slow
def test_ctrl_c_midway_says_what_is_kept_and_leaves_whole_batches(seed_files, tmp_path, db_url):
    folder = tmp_path / "corpus"
    total = 3000
    write_corpus(seed_files, folder, total)
    # Ctrl-C as in a terminal (a test runner's worker may ignore SIGINT, and its children too)
    start = "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    command = [sys.executable, "-c", start + "from ombuds.cli import main; main()", "ingest"]
    command += [str(folder), "--db", db_url, "--batch-size", "10"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if _count_while_running(db_url) >= 10:
            break
        time.sleep(0.002)
    assert process.poll() is None, "ingest finished before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.strip() == (
        "ingest: interrupted; the batches already stored are kept whole (run the same command "
        "again to store the rest: what is stored is skipped as unchanged)"
    )
    with open_store(db_url) as store:
        count = store.count()
        assert 10 <= count < total and count % 10 == 0
        assert store.check_consistency() == []


def test_parsing_in_worker_processes_stores_the_same_as_in_process(seed_files, tmp_path):
    folder = tmp_path / "corpus"
    write_corpus(seed_files, folder, 60)
    (folder / "broken.txt").write_bytes(b"\x00" * 10)
    results = []
    for workers in (1, 2):
        with open_store(f"sqlite:///{tmp_path / f'w{workers}.db'}") as store:
            report = ingest(store, [folder], workers=workers, batch_size=25)
            results.append((report.as_dict(), store.stats(), store.get("30 000 042")["grounds"]))
    assert results[0] == results[1]
    assert results[0][0]["added"] == 60 and len(results[0][0]["failed"]) == 1


def test_a_parser_crash_on_one_file_is_reported_and_the_rest_are_stored(
    store, seed_files, tmp_path, monkeypatch
):
    from ombuds.corpus import ingest as ingest_module

    folder = tmp_path / "corpus"
    paths = write_corpus(seed_files, folder, 4)
    real_parse = ingest_module.parse_document

    def parse_or_crash(text, source):
        if source == str(paths[1]):
            raise IndexError("list index out of range")
        return real_parse(text, source)

    monkeypatch.setattr(ingest_module, "parse_document", parse_or_crash)
    report = ingest(store, [folder], workers=1)
    assert report.added == 3
    assert report.failed == [
        (str(paths[1]), "the parser failed (IndexError: list index out of range); please report it")
    ]


def _read_noting_niceness(chunk, pairs=False):
    """A parsing task that also notes its process's niceness in the folder $NOTE_TO."""
    Path(os.environ["NOTE_TO"], str(os.getpid())).write_text(str(os.nice(0)))
    return _read_chunk(chunk, pairs)


def test_the_parsing_processes_give_the_writer_the_cores_first(seed_files, tmp_path, monkeypatch):
    from ombuds.corpus import ingest as ingest_module

    folder, notes = tmp_path / "corpus", tmp_path / "notes"
    notes.mkdir()
    write_corpus(seed_files, folder, 80)
    monkeypatch.setenv("NOTE_TO", str(notes))
    monkeypatch.setattr(ingest_module, "_read_chunk", _read_noting_niceness)
    with open_store(f"sqlite:///{tmp_path / 'nice.db'}") as store:
        assert ingest(store, [folder], workers=2).added == 80
    seen = {int(note.read_text()) for note in notes.iterdir()}
    assert seen == {min(19, os.nice(0) + ingest_module.PARSE_NICENESS)}  # this one unchanged


def _read_or_die(chunk, pairs=False):
    """A parsing task that ends its process, as if killed, on the file named by $DIE_AT."""
    if os.environ["DIE_AT"] in chunk:
        os._exit(9)
    return _read_chunk(chunk, pairs)


def test_a_parsing_process_that_dies_ends_the_ingest_with_a_message_and_keeps_whole_batches(
    seed_files, tmp_path, monkeypatch
):
    from ombuds.corpus import ingest as ingest_module

    folder = tmp_path / "corpus"
    paths = write_corpus(seed_files, folder, 200)
    monkeypatch.setenv("DIE_AT", str(paths[150]))
    monkeypatch.setattr(ingest_module, "_read_chunk", _read_or_die)  # the forked workers' too
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    with open_store(url) as store:
        with pytest.raises(OmbudsError, match="a parsing process stopped") as raised:
            ingest(store, [folder], workers=2, batch_size=25)
        assert "run the same ingest again" in str(raised.value)
        stored = store.count()
        assert stored < 200 and store.check_consistency() == []
    monkeypatch.setattr(ingest_module, "_read_chunk", _read_chunk)
    with open_store(url) as store:
        report = ingest(store, [folder], workers=2, batch_size=25)
        assert (report.added, report.unchanged) == (200 - stored, stored)
        assert store.count() == 200


def test_a_store_given_as_a_function_is_opened_while_parsing_and_closed(seed_files, tmp_path):
    folder = tmp_path / "corpus"
    write_corpus(seed_files, folder, 60)  # enough for the parsing processes
    url = f"sqlite:///{tmp_path / 'opened.db'}"
    events: list[str] = []

    def open_later():
        store = open_store(url)
        real_close = store.close
        events.append("opened")
        store.close = lambda: (events.append("closed"), real_close())  # type: ignore[method-assign]
        return store

    report = ingest(open_later, [folder], workers=2, batch_size=25)
    assert report.added == 60 and events == ["opened", "closed"]
    with open_store(url) as store:
        assert store.count() == 60


def test_bad_paths_are_refused_before_a_store_given_as_a_function_is_opened(tmp_path):
    opened = []
    with pytest.raises(InputError):
        ingest(lambda: opened.append(1), [tmp_path / "typo"])
    assert opened == []


def test_files_are_named_as_their_paths_whatever_folder_is_given(seed_files, tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    write_corpus(seed_files, folder, 3)
    monkeypatch.chdir(folder)
    expected = [Path("00") / f"decision-0000{i}.txt" for i in range(3)]
    assert find_files(["."]) == expected
    assert [str(p) for p in find_files(["./"])] == [str(p) for p in expected]
    assert find_files([f"{folder}/"]) == [folder / p for p in expected]


def test_batches_start_small_grow_to_the_batch_size_and_shrink_as_the_end_nears():
    from ombuds.corpus.ingest import RAMP_FROM, _batch_limit

    assert [_batch_limit(2000, n, 10**6) for n in range(5)] == [
        RAMP_FROM,
        2 * RAMP_FROM,
        4 * RAMP_FROM,
        2000,
        2000,
    ]
    assert _batch_limit(2000, 10, 3000) == 1500  # at most half of what is left
    assert _batch_limit(2000, 10, 100) == RAMP_FROM  # but never under RAMP_FROM
    assert _batch_limit(2, 0, 10**6) == 2  # a smaller batch size asked for is kept
    assert _batch_limit(2000, 10**6, 10**6) == 2000  # no overflow however many batches


@pytest.mark.parametrize("workers", [1, 2])
def test_the_parsing_processes_compute_phrase_pairs_only_when_asked(seed_files, tmp_path, workers):
    """A PostgreSQL store needs each decision's adjacent word pairs: the parsing processes
    compute them (not the writer) when asked, and a SQLite store is not made to pay for them."""
    folder = tmp_path / "corpus"
    write_corpus(seed_files, folder, 60)
    for asked in (None, True):
        with open_store(f"sqlite:///{tmp_path / f'p{workers}{asked}.db'}") as store:
            seen: list = []

            def upsert_many(items, real=store.upsert_many, seen=seen):
                seen.extend(item.pairs for item in items)
                return real(items)

            store.upsert_many = upsert_many  # type: ignore[method-assign]
            ingest(store, [folder], workers=workers, batch_size=25, phrase_pairs=asked)
        assert len(seen) == 60
        assert all(p is None for p in seen) if asked is None else all(seen)
