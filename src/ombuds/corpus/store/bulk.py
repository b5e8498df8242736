"""PostgreSQL's COPY for bulk writes, on the caller's connection and transaction.

Why: ingest writes a few hundred decisions, their documents and thousands of word-count rows per
batch; COPY takes them several times faster than multi-row INSERTs (no statement to parse per
row, one round trip per table), and a million decisions load in minutes rather than hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa


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
