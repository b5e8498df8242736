"""One rule for every search filter, whichever edge it comes from (the CLI, the API, the casework
app): a value is matched whatever its case and spacing, and a value that matches nothing is
refused with the valid ones listed, never silently answered with no results.

- `decision`: one of the published labels (DECISION_LABELS); `not_upheld`, `NOT UPHELD` and
  `Not upheld` are the same.
- `category`: an open list (new categories appear as the Ombudsman adds them), so it is matched
  against the categories the corpus holds and those the vocabulary knows (KNOWN_CATEGORIES):
  "Top > Sub", or just "Top" for all its sub-categories. A known category with no decisions yet
  is a search with no results, not an error. Any other is refused listing the top-level
  categories or, when only the sub-category is unknown, the sub-categories of that top level.
- `body`: matched against the councils and bodies the corpus holds and the official names of the
  UK's local authorities (`ombuds/data/uk_local_authorities.csv`); any other is refused with the
  closest names (there are hundreds, so not all of them).
- `ground`, `referral`: closed lists of ids (`id_of`), matched whatever their case, spacing and
  hyphens; an unknown one is refused listing the ids. The CLI and the API read them with it.

Why here and not in each edge: `Store.search` calls `resolve_filters`, so every caller gets the
same rule. The values held are read once per write generation of the store (one indexed row to
check), so on a warm store a filter costs a dictionary lookup.
"""

from __future__ import annotations

import difflib
import threading
import weakref
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import TypeVar

import sqlalchemy as sa

from ombuds.corpus.models import SearchQuery
from ombuds.errors import UnknownValue
from ombuds.inputs import quoted
from ombuds.vocabulary import DECISION_LABELS, KNOWN_CATEGORIES, normalise_category

E = TypeVar("E", bound=StrEnum)

MAX_LISTED = 40  # values listed in an error's hint; `ombuds stats` lists them all


def fold(text: str) -> str:
    """The form values are compared in: case folded, spaces collapsed, `_` and `-` as spaces."""
    return " ".join(
        text.replace("_", " ").replace("-", " ").replace("\u00a0", " ").split()
    ).casefold()


def _fold_category(text: str) -> str:
    return " > ".join(fold(part) for part in normalise_category(text).split(" > "))


@dataclass(frozen=True)
class _Held:
    """The filter values a store holds, by their folded form."""

    generation: int
    categories: dict[str, str]  # folded "top > sub" (or "top") -> as stored (or known)
    tops: dict[str, str]  # folded top level -> as stored (or known)
    bodies: dict[str, str]  # folded -> as stored (or a council's official name)


_HELD: weakref.WeakKeyDictionary[sa.Engine, _Held] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()
_DECISIONS = {fold(label): label for label in DECISION_LABELS}


def _held(connection: sa.Connection) -> _Held:
    generation = connection.execute(
        sa.text("SELECT generation FROM corpus_state WHERE id = 1")
    ).scalar_one()
    with _LOCK:
        held = _HELD.get(connection.engine)
    if held is not None and held.generation == generation:
        return held
    categories: dict[str, str] = {}
    tops: dict[str, str] = {}
    # The values held, from the counts the writer keeps (a few hundred rows at any size; a
    # DISTINCT over `decisions` read every row of a million-decision table on PostgreSQL).
    for (category,) in connection.execute(
        sa.text("SELECT value FROM corpus_counts WHERE facet = 'category' AND n > 0")
    ):
        categories.setdefault(_fold_category(category), category)
        top = category.split(" > ")[0]
        tops.setdefault(fold(top), top)
    bodies = {
        fold(body): body
        for (body,) in connection.execute(
            sa.text("SELECT value FROM corpus_counts WHERE facet = 'body' AND n > 0")
        )
    }
    for category in sorted(KNOWN_CATEGORIES):  # known, if not (yet) held
        categories.setdefault(_fold_category(category), category)
        top = category.split(" > ")[0]
        tops.setdefault(fold(top), top)
    for council in _councils():
        bodies.setdefault(fold(council), council)
    held = _Held(generation, categories, tops, bodies)
    with _LOCK:
        _HELD[connection.engine] = held
    return held


@cache
def _councils() -> tuple[str, ...]:
    """The official names of the UK's local authorities, past and present."""
    from ombuds.reading.bodies import authorities

    return tuple(sorted({authority.name for authority in authorities().values()}))


def _listing(values: list[str]) -> str:
    shown = ", ".join(sorted(values)[:MAX_LISTED])
    more = len(values) - MAX_LISTED
    return shown + (f", and {more} more (ombuds stats lists them all)" if more > 0 else "")


def decision_of(value: str, source: str = "decision") -> str:
    """The published label for a decision filter, or UnknownValue listing the labels."""
    label = _DECISIONS.get(fold(value))
    if label is None:
        raise UnknownValue(
            f"unknown decision {quoted(value)}",
            source=source,
            hint="one of: " + ", ".join(DECISION_LABELS) + " (any case)",
        )
    return label


def _category(value: str, held: _Held, source: str) -> str:
    wanted = _fold_category(value)
    if wanted in held.categories:
        return held.categories[wanted]
    if wanted in held.tops:
        return held.tops[wanted]
    top = wanted.split(" > ")[0]
    if " > " in wanted and top in held.tops:
        subs = [
            c.split(" > ", 1)[1] for f, c in held.categories.items() if f.startswith(top + " >")
        ]
        raise UnknownValue(
            f"no decisions in the category {quoted(value)}",
            source=source,
            hint=f"the sub-categories of {held.tops[top]}: {_listing(subs)}",
        )
    raise UnknownValue(
        f"no decisions in the category {quoted(value)}",
        source=source,
        hint=(
            f"the top-level categories: {_listing(list(held.tops.values()))}; give one, or "
            "'Top > Sub'"
        ),
    )


def _body(value: str, held: _Held, source: str) -> str:
    wanted = fold(value)
    if wanted in held.bodies:
        return held.bodies[wanted]
    close = difflib.get_close_matches(wanted, list(held.bodies), n=5, cutoff=0.6)
    suggestion = (
        "the closest: " + "; ".join(held.bodies[c] for c in close)
        if close
        else "no council or body known is close to it"
    )
    raise UnknownValue(
        f"no decisions about the body {quoted(value)}",
        source=source,
        hint=f"{suggestion} (ombuds stats lists every body)",
    )


def id_of(value: str | None, enum: type[E], source: str) -> E | None:
    """The id `value` names ("Better placed", "better-placed", "BETTER_PLACED"), or None when no
    value is given; UnknownValue listing the ids when it names none."""
    if not value:
        return None
    wanted = "_".join(value.replace("-", " ").replace("_", " ").split()).lower()
    try:
        return enum(wanted)
    except ValueError:
        raise UnknownValue(
            f"unknown id {quoted(value)}",
            source=source,
            hint="one of: " + ", ".join(e.value for e in enum),
        ) from None


def resolve_filters(
    connection: sa.Connection, query: SearchQuery, *, prefix: str = ""
) -> SearchQuery:
    """`query` with its decision, category and body filters in the form the store holds them (or
    the vocabulary and the councils' list give them);
    UnknownValue (naming `prefix` + the filter, e.g. "--category") for one that matches nothing.
    """
    changes: dict[str, str] = {}
    if query.decision:
        changes["decision"] = decision_of(query.decision, prefix + "decision")
    if query.category or query.body:
        held = _held(connection)
        if query.category:
            changes["category"] = _category(query.category, held, prefix + "category")
        if query.body:
            changes["body"] = _body(query.body, held, prefix + "body")
    return query.model_copy(update=changes) if changes else query
