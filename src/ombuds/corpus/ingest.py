"""Ingest: walk files and folders, parse each decision, store them in batches.

    report = ingest(store, ["examples/decisions"], on_progress=bar.update)
    print(report.summary())          # "added 5, updated 0, unchanged 0, failed 0"

Why it works this way:
- Streaming: files are parsed a window at a time by worker processes (parsing is CPU-bound
  Python, so one process per core), a few files per task, and stored by one writer in batches,
  so a million files ingest in bounded memory: the folders are walked once to count the files
  and again as they are parsed, never held as a list.
- The parsing processes do all they can: they parse, count the words, encode the JSON document
  and hash the text, and send plain rows (pickled once per task); the main process only writes.
- One transaction per batch (`Store.upsert_many`): a killed ingest leaves whole batches only, and
  a re-run stores the rest, since an unchanged decision is recognised by its text's hash.
- A file that cannot be read or is not a decision is reported (file and reason) and skipped; it
  never stops the others. The caller decides the exit status from `report.failed`.
- What is stored as the text is what the parser read: the file's text, or for a saved HTML page
  the statement taken out of the page (so search never matches menus, scripts or cookie banners).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path

from ombuds.corpus.parse import parse_document, read_decision_file
from ombuds.corpus.store import Store, UpsertItem
from ombuds.corpus.store.writer import Prepared, prepare
from ombuds.errors import InputError, OmbudsError

SUFFIXES = (".txt", ".html", ".htm")
# Decisions per transaction. Each batch also writes one row of word counts per distinct word, and
# the pages those rows touch cost about the same whatever the batch's size: fewer, larger batches
# write far less per decision (and leave fewer rows for a search to read).
BATCH_SIZE = 2000
# The first batches are smaller (250, 500, 1000, then BATCH_SIZE), so that the writer starts while
# the parsing processes are still filling the pipeline rather than after 2,000 files; and as the
# end nears, each batch is at most half of what is left (not under RAMP_FROM), so that little is
# left to write alone once the last file is parsed. Fill and drain cost the same in any ingest,
# which is most of the time a small one takes beside its parsing.
RAMP_FROM = 250
WINDOW = 2000  # parsed decisions that may wait for the writer at most (bounds memory)
CHUNK = 32  # files a parsing process takes at a time
PARALLEL_FROM = 50  # fewer files than this are parsed in-process (a pool costs more)
# The parsing processes' nice increment. The writer is the pipeline's one serial stage and the
# parsers can work ahead of it (up to WINDOW), so when all want a core, the writer should get
# it: a writer waiting behind the parsers left more to write alone once parsing ended. 2-4% off
# a 10,000-decision ingest on 2 cores (docs/performance.md); it also leaves a web server on the
# same machine ahead of an ingest's parsing.
PARSE_NICENESS = 5
ANALYSE_FROM = (
    10_000  # decisions written in one run after which the planner's statistics are refreshed
)


@dataclass
class IngestReport:
    """What an ingest did: counts, and every file that failed with its reason."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    without_reference: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        return self.added + self.updated + self.unchanged + len(self.failed)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"failed {len(self.failed)}"
        )

    def as_dict(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": [{"file": f, "reason": r} for f, r in self.failed],
            "without_reference": self.without_reference,
        }


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every decision file under `paths`: folders are walked recursively for .txt/.html/.htm
    (sorted, so runs are repeatable); a file named directly is taken whatever its suffix.

    Raises InputError for a path that does not exist or cannot be listed, and when nothing at
    all was found, before anything is stored.
    """
    given, _total = _checked(paths)
    return [Path(name) for name in _each_file(given)]


def _checked(paths: Iterable[str | Path]) -> tuple[list[Path], int]:
    """The paths given, checked, and how many decision files they hold (find_files' errors).

    Why count instead of listing: ingest then walks the folders again as it goes, so a million
    files never sit in memory as a list (a list of a million paths took over 100 MB)."""
    given = [Path(p) for p in paths]
    if not given:
        raise InputError("no file or folder given", hint="e.g. ombuds ingest examples/decisions")
    for path in given:
        if not path.is_file() and not path.is_dir():
            raise InputError(
                "no such file or folder",
                source=str(path),
                hint="check the path; give files or folders of decisions",
            )
    total = sum(1 for _name in _each_file(given))
    if not total:
        where = ", ".join(str(p) for p in given)
        raise InputError(
            f"no decision files found (looked for {', '.join(SUFFIXES)})",
            source=where,
            hint="give a folder holding decisions saved as text or "
            "HTML, e.g. examples/decisions/seeds",
        )
    return given, total


def _each_file(given: list[Path]) -> Iterator[str]:
    """The decision files under the (checked) paths, in order, as they are found."""
    for path in given:
        if path.is_dir():
            try:
                yield from _walk(path)
            except OSError as error:
                raise InputError(
                    f"cannot list this folder: {error.strerror}",
                    source=str(path),
                    hint="check its permissions",
                ) from None
        else:
            yield str(path)


def _walk(folder: Path) -> Iterator[str]:
    def fail(error: OSError) -> None:
        raise error

    for root, dirs, files in os.walk(folder, onerror=fail):
        dirs.sort()
        prefix = str(Path(root))  # as str(Path(root) / name) names it ("./a" is "a")
        for name in sorted(files):
            if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                yield name if prefix == "." else os.path.join(prefix, name)


def read_decision(path: str | Path) -> UpsertItem:
    """Read and parse one file into what the store takes; raises OmbudsError (InputError) when
    the file cannot be read or is not a decision."""
    parsed, text = parse_document(read_decision_file(path), str(path))
    return UpsertItem(parsed, text)


Parsed = tuple[str, Prepared | None, str | None]  # (file, item, or the reason it failed)


def _read_or_reason(path: str, pairs: bool = False) -> Parsed:
    """read_decision for a worker process, prepared for the writer (plain rows are far cheaper
    to pass between processes than the parsed model); failures come back as a reason, not an
    exception.

    An unexpected error inside the parser is reported for that file too (with its type, so it
    can be filed as a bug) rather than stopping an ingest of thousands of other files.
    """
    try:
        return path, prepare(read_decision(path), pairs=pairs), None
    except OmbudsError as error:
        return path, None, error.message + (f" ({error.hint})" if error.hint else "")
    except OSError as error:
        return path, None, f"cannot read the file: {error.strerror or error}"
    except Exception as error:
        return path, None, f"the parser failed ({type(error).__name__}: {error}); please report it"


def _read_chunk(paths: list[str], pairs: bool = False) -> bytes:
    """A worker's task: a few files, so that each crossing between processes carries several,
    pickled here: the main process then unpickles them in its own thread, not the pool's result
    thread (which measured a third more of the main process's CPU for the same bytes)."""
    return pickle.dumps([_read_or_reason(path, pairs) for path in paths], pickle.HIGHEST_PROTOCOL)


def _lower_priority() -> None:
    """A parsing process's start: behind the writer for the cores (PARSE_NICENESS)."""
    with suppress(AttributeError, OSError):  # not on this system: as it is
        os.nice(PARSE_NICENESS)


def default_workers() -> int:
    """Parsing is CPU-bound Python: one process per core, the writer shares them."""
    return max(1, min(os.cpu_count() or 1, 8))


def _chunks(files: Iterable[str]) -> Iterator[list[str]]:
    chunk: list[str] = []
    for path in files:
        chunk.append(path)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@contextmanager
def _parsing(
    files: Iterable[str], total: int, workers: int, pairs: bool = False
) -> Iterator[Iterator[Parsed]]:
    """Each file parsed, in order. With several workers, files are parsed in other processes,
    CHUNK at a time, from the moment this is entered (so they work while the store opens), kept
    at most WINDOW ahead of the writer, so memory stays bounded while no worker waits for a
    window to drain.

    Why chunks of files rather than one task per file: each task and each result crosses
    between processes through the pool's threads, which cost the main process (where the
    writer runs) about a tenth of a millisecond a decision when crossed one by one.

    Why `ProcessPoolExecutor` and not `multiprocessing.Pool`: Pool's worker-handler thread
    wakes whenever a result waits in its queue, and results always wait here (the main process
    is the busy one), so it spun: 0.4 s of the main process's CPU in a 10,000-decision ingest
    of 3.9 s. The executor's one thread reads the results as they come. And a parsing process
    that dies (killed, out of memory) ends the ingest with an OmbudsError saying so, where
    Pool waited for its results for ever."""
    if workers <= 1 or total < PARALLEL_FROM:
        yield (_read_or_reason(path, pairs) for path in files)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_lower_priority) as pool:
        task = partial(_read_chunk, pairs=pairs)
        chunks = _chunks(files)
        pending: deque[Future[bytes]] = deque(
            pool.submit(task, chunk) for chunk in islice(chunks, max(1, WINDOW // CHUNK))
        )

        def each() -> Iterator[Parsed]:
            while pending:
                try:
                    done = pending.popleft().result()
                except BrokenProcessPool:
                    raise OmbudsError(
                        "a parsing process stopped before it finished (killed, or out of memory)",
                        hint="the batches already stored are kept: run the same ingest again "
                        "to store the rest",
                    ) from None
                for chunk in islice(chunks, 1):  # one out, the next one in
                    pending.append(pool.submit(task, chunk))
                yield from pickle.loads(done)

        try:
            yield each()
        finally:  # an error or an early stop: what was not begun never begins
            for future in pending:
                future.cancel()


def ingest(
    store: Store | Callable[[], AbstractContextManager[Store]],
    paths: Iterable[str | Path],
    *,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    on_failure: Callable[[str, str], None] | None = None,
    phrase_pairs: bool | None = None,
) -> IngestReport:
    """Parse and store every decision file under `paths`; returns the report.

    `store` is an open Store, or a function that opens one (`lambda: open_store(url)`): the
    store is then opened, and closed at the end, while the first files are already being
    parsed (creating a new database's tables takes a few tenths of a second).

    `workers` parsing processes (default: one per core) feed one writer, which stores batches of
    at most `batch_size` (smaller at the start and the end: `_batch_limit`) in a transaction
    each. `on_progress(done, total)` is called after each file,
    `on_failure(file, reason)` for each file skipped. `phrase_pairs`: whether the parsing
    processes compute each decision's adjacent word pairs (needed by a PostgreSQL store only;
    by default, when `store` is one; otherwise its writer computes them). Raises InputError
    (bad paths, nothing found) before storing anything, and StorageError if the database fails
    (batches already committed stay stored).
    """
    given, total = _checked(paths)
    workers = default_workers() if workers is None else workers
    if phrase_pairs is None:
        phrase_pairs = isinstance(store, Store) and store.dialect == "postgresql"
    with _parsing(_each_file(given), total, workers, phrase_pairs) as parsed:
        if isinstance(store, Store):
            return _store_all(store, parsed, total, batch_size, on_progress, on_failure)
        with store() as opened:
            return _store_all(opened, parsed, total, batch_size, on_progress, on_failure)


def _store_all(
    store: Store,
    parsed: Iterator[Parsed],
    total: int,
    batch_size: int,
    on_progress: Callable[[int, int], None] | None,
    on_failure: Callable[[str, str], None] | None,
) -> IngestReport:
    """Store what `_parsing` gives, in batches, and report on it."""
    report = IngestReport()
    batch: list[Prepared] = []
    # One batch is written by a writer thread while the next is gathered: the database's own
    # work (SQLite's FTS5 insert, PostgreSQL's COPY and tsvector) releases the GIL, so it runs
    # beside the unpickling of parsed decisions instead of after it.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ombuds-writer") as writer:
        in_flight: tuple[list[Prepared], Future[list]] | None = None
        flushed = 0

        def settle() -> None:
            nonlocal in_flight
            if in_flight is None:
                return
            items, future = in_flight
            in_flight = None
            for item, status in zip(items, future.result(), strict=True):
                setattr(report, status, getattr(report, status) + 1)
                if not item.row["reference"]:
                    report.without_reference.append(item.row["source"])

        def flush() -> None:
            nonlocal in_flight
            items = list(batch)
            batch.clear()
            settle()  # the previous batch is committed (or its error raised) first
            in_flight = (items, writer.submit(store.upsert_many, items))

        for done, (path, item, reason) in enumerate(parsed, 1):
            if item is not None:
                batch.append(item)
            else:
                report.failed.append((path, reason or "unreadable"))
                if on_failure:
                    on_failure(path, reason or "unreadable")
            if len(batch) >= _batch_limit(batch_size, flushed, total - done):
                flush()
                flushed += 1
            if on_progress:
                on_progress(done, total)
        if batch:
            flush()
        settle()
    if report.added + report.updated >= ANALYSE_FROM:
        store.analyse()
    return report


def _batch_limit(batch_size: int, flushed: int, remaining: int) -> int:
    """How many decisions the batch being gathered may hold: RAMP_FROM doubled for each batch
    already written, at most `batch_size`, and near the end at most half of the `remaining`
    files (never fewer than RAMP_FROM, nor more than `batch_size`)."""
    ramp = RAMP_FROM << min(flushed, 16)
    return max(1, min(batch_size, ramp, max(RAMP_FROM, remaining // 2)))
