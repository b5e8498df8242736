"""Check: two ombuds databases hold exactly the same rows, table by table (SQLite or PostgreSQL).

    python bench/ingest_same.py sqlite:////tmp/a.db sqlite:////tmp/b.db
    python bench/ingest_same.py postgresql://postgres@127.0.0.1/a postgresql://postgres@127.0.0.1/b

Why: a change to ingest's writer or hand-off must store exactly what the code before it stored.
Ingest the same corpus with both versions into two databases, then run this: it reads every
table (on SQLite also the full-text index's own tables; on PostgreSQL the tsvector column with
the rest), sorted, and compares them row by row. The time each decision was stored
(`decisions.stored_at`) is the only value left out: it is the time of the run. Exit status 0 when
every table is equal, 1 otherwise, with the first differences listed.
"""

from __future__ import annotations

import argparse
import hashlib

import sqlalchemy as sa

IGNORED = {("decisions", "stored_at")}


def tables(connection: sa.Connection) -> list[str]:
    if connection.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    else:
        query = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    return sorted(name for (name,) in connection.exec_driver_sql(query))


def rows(connection: sa.Connection, table: str) -> tuple[list[str], list[tuple]]:
    """The table's columns (less the ignored ones) and its rows, sorted by their text."""
    result = connection.exec_driver_sql(f'SELECT * FROM "{table}"')
    names = list(result.keys())
    keep = [i for i, name in enumerate(names) if (table, name) not in IGNORED]
    found = [tuple(row[i] for i in keep) for row in result]
    found.sort(key=repr)
    return [names[i] for i in keep], found


def digest(values: list[tuple]) -> str:
    return hashlib.sha256(repr(values).encode()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", help="database URL")
    parser.add_argument("second", help="database URL")
    args = parser.parse_args(argv)
    engines = [sa.create_engine(url) for url in (args.first, args.second)]
    with engines[0].connect() as a, engines[1].connect() as b:
        names_a, names_b = tables(a), tables(b)
        if names_a != names_b:
            print(f"different tables: {names_a} vs {names_b}")
            return 1
        same = True
        for table in names_a:
            (columns_a, rows_a), (columns_b, rows_b) = rows(a, table), rows(b, table)
            equal = columns_a == columns_b and rows_a == rows_b
            same &= equal
            print(
                f"{table:28} {len(rows_a):>9} rows  {digest(rows_a)}  "
                + ("same" if equal else f"DIFFERENT ({len(rows_b)} rows, {digest(rows_b)})")
            )
            if not equal:
                others = set(rows_b)
                extra = [r for r in rows_a if r not in others][:3]
                print(f"  e.g. only in the first: {str(extra)[:600]}")
    for engine in engines:
        engine.dispose()
    print("every table is the same" if same else "the databases DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
