"""PostgreSQL's COPY for bulk writes, on the caller's connection and transaction, and binary
results for bulk reads.

Why COPY: ingest writes a few hundred decisions, their documents and thousands of word-count rows
per batch; COPY takes them several times faster than multi-row INSERTs (no statement to parse per
row, one round trip per table), and a million decisions load in minutes rather than hours.

Why binary results: a statement run with the execution option BINARY_RESULTS set to True gets
its rows from PostgreSQL in the binary format (the engine sets the psycopg cursor's `format`
before it runs: `engine._postgres_engine`). A bytea value then arrives as its bytes, not as hex
text twice as long that psycopg must decode: reading the 509 rows of a common word's counts
(720,000 of them) at a million decisions took 12-16 ms, 10 ms of it our processor's, and takes
4-6 ms so (docs/performance.md, "Binary reads"). Errors, time limits and transactions are
SQLAlchemy's as for any statement. SQLite ignores the option.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

BINARY_RESULTS = "ombuds_binary_results"


def copy_rows(
    connection: sa.Connection, table: str, columns: list[str], rows: Iterable[tuple | list]
) -> None:
    """COPY `rows` (values in `columns`' order) into `table`, inside the connection's
    transaction. Table and column names are ours, never user text."""
    raw: Any = connection.connection.dbapi_connection  # psycopg 3
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
