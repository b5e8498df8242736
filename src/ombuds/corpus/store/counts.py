"""The corpus's counts by facet value (`corpus_counts`), kept in step by the writer.

Why: `ombuds stats` and the corpus overview must stay instant at a million decisions; counting
six GROUP BYs over every row takes seconds there. The writer adds each batch's changes (new
decisions +1, a re-stored decision -1 for its old values and +1 for its new ones) in the batch's
own transaction, so the counts can never disagree with the rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import sqlalchemy as sa

from ombuds.corpus.store.schema import corpus_counts

TOTAL = ("total", "")
SCALARS = ("decision", "category", "body", "year")


def facet_values(
    row: dict, grounds: Iterable[str], referrals: Iterable[str]
) -> list[tuple[str, str]]:
    """The (facet, value) pairs one decision counts under, the total included."""
    pairs = [TOTAL]
    pairs += [(f, str(row[f])) for f in SCALARS if row.get(f) is not None]
    pairs += [("ground", g) for g in dict.fromkeys(grounds)]
    pairs += [("referral", r) for r in dict.fromkeys(referrals)]
    return pairs


def stored_values(connection: sa.Connection, ids: list[int]) -> list[tuple[str, str]]:
    """The (facet, value) pairs the stored decisions `ids` count under now (before a rewrite)."""
    if not ids:
        return []
    listed = ", ".join(str(int(i)) for i in ids)  # our own integer ids
    pairs: list[tuple[str, str]] = []
    rows = connection.execute(
        sa.text(f"SELECT id, decision, category, body, year FROM decisions WHERE id IN ({listed})")
    ).mappings()
    for row in rows:
        pairs += facet_values(dict(row), (), ())
    for table, column in (("decision_grounds", "ground"), ("decision_referrals", "referral")):
        pairs += [
            (column, value)
            for (value,) in connection.execute(
                sa.text(f"SELECT {column} FROM {table} WHERE decision_id IN ({listed})")
            )
        ]
    return pairs


def apply(connection: sa.Connection, added: list[tuple[str, str]], removed: list[tuple[str, str]]):
    """Add one for each pair in `added` and take one away for each in `removed`."""
    delta = Counter(added)
    delta.subtract(removed)
    rows = [{"facet": f, "value": v, "n": n} for (f, v), n in delta.items() if n]
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    statement = insert(corpus_counts)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=["facet", "value"], set_={"n": corpus_counts.c.n + statement.excluded.n}
        ),
        rows,
    )
    if any(n < 0 for n in delta.values()):
        connection.execute(corpus_counts.delete().where(corpus_counts.c.n <= 0))


def read(connection: sa.Connection) -> dict[str, dict[str, int]]:
    """facet -> value -> count, from the kept counts."""
    result: dict[str, dict[str, int]] = {}
    for facet, value, n in connection.execute(
        sa.select(corpus_counts.c.facet, corpus_counts.c.value, corpus_counts.c.n)
    ):
        result.setdefault(facet, {})[value] = int(n)
    return result


def recount(connection: sa.Connection) -> dict[str, dict[str, int]]:
    """The same counts as `read`, counted from the rows (check_consistency compares them)."""
    result: dict[str, dict[str, int]] = {}
    total = connection.execute(sa.text("SELECT count(*) FROM decisions")).scalar_one()
    if total:
        result["total"] = {"": int(total)}
    for facet, table in (
        *((f, "decisions") for f in SCALARS),
        ("ground", "decision_grounds"),
        ("referral", "decision_referrals"),
    ):
        for value, n in connection.execute(
            sa.text(
                f"SELECT {facet}, count(*) FROM {table} WHERE {facet} IS NOT NULL GROUP BY {facet}"
            )
        ):
            result.setdefault(facet, {})[str(value)] = int(n)
    return result
