"""The corpus as the CLI (and any other edge) uses it: one function per command.

Each opens the store named by a URL (or the configured default), does one job and closes it, so
the commands stay thin. User-typed values (ground ids, dates, limits) are checked here and turned
into `InputError`s that name the option and list what it accepts. The reading commands (search,
show, stats) open the store read-only: they never migrate or write it, so they work on a
read-only file, folder or mount.

Filters follow one rule (`ombuds.corpus.filters`): any case, and an unknown value refused with
the valid ones listed. Those that need the store (category, body) are checked by the store's
search; the rest here, before the store is opened, as is the search text's budget (a query of
33,000 `a*` is refused at once).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import ValidationError

from ombuds.config import db_url
from ombuds.corpus.filters import decision_of, id_of
from ombuds.corpus.ingest import BATCH_SIZE, IngestReport, ingest
from ombuds.corpus.models import SearchQuery, SearchResults
from ombuds.corpus.store import Store, open_store
from ombuds.corpus.store.query_text import parse_user_query
from ombuds.errors import InputError, UnknownValue
from ombuds.inputs import parse_date
from ombuds.vocabulary import Ground, Referral


def ingest_paths(
    url: str | None,
    paths: Iterable[str | Path],
    *,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[int, int], None] | None = None,
    on_failure: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """`ombuds ingest`: parse and store every decision file under `paths`. The store is
    opened once the paths are checked, while the first files are parsed."""
    paths = list(paths)
    location = db_url(url)
    return ingest(
        lambda: open_store(location),
        paths,
        batch_size=batch_size,
        on_progress=on_progress,
        on_failure=on_failure,
        phrase_pairs=location.startswith("postgres"),  # pairs: PostgreSQL only
    )


def make_query(
    q: str = "",
    *,
    category: str | None = None,
    decision: str | None = None,
    body: str | None = None,
    ground: str | None = None,
    referral: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchQuery:
    """A SearchQuery from user-typed values; InputError names the first bad one."""
    parse_user_query(q)  # QueryTooCostly before any work
    start, end = parse_date(date_from, "--from"), parse_date(date_to, "--to")
    if start and end and start > end:
        raise InputError(
            f"--from {start} is after --to {end}",
            source="--from/--to",
            hint="give the earlier date first",
        )
    try:
        return SearchQuery(
            q=q or "",
            category=category,
            decision=decision_of(decision, "--decision") if decision else None,
            body=body,
            ground=id_of(ground, Ground, "--ground"),
            referral=id_of(referral, Referral, "--referral"),
            date_from=start,
            date_to=end,
            limit=limit,
            offset=offset,
        )
    except ValidationError as error:
        problem = error.errors()[0]
        name = str(problem["loc"][0]) if problem.get("loc") else "query"
        raise InputError(
            f"{problem['msg']} (got {problem.get('input')!r})",
            source=f"--{name}",
            hint="--limit takes 1 to 500, --offset 0 or more",
        ) from None


def _reading(url: str | None) -> Store:
    """The store at `url` (or the default), opened read-only; it must exist."""
    return open_store(db_url(url), create=False, read_only=True)


def search(url: str | None, query: SearchQuery) -> SearchResults:
    """`ombuds search`: ranked results, snippets and facet counts."""
    with _reading(url) as store:
        try:
            return store.search(query)
        except UnknownValue as error:  # the store names the filter; the CLI calls it an option
            if error.source and not error.source.startswith("-"):
                error.source = f"--{error.source}"
            raise


def show(url: str | None, reference: str) -> dict:
    """`ombuds show`: one stored decision (raises NotFound)."""
    with _reading(url) as store:
        return store.get(reference)


def stats(url: str | None) -> dict:
    """`ombuds stats`: the total and counts by decision, category, body, ground, referral, year."""
    with _reading(url) as store:
        return store.stats()
