"""Alembic environment for the corpus store, run programmatically by `open_store`.

The connection comes from `config.attributes["connection"]` (see `..migrate`), so the migration
runs inside the caller's transaction and uses the same URL, schema and driver. Running the
`alembic` command by hand is not supported: use `open_store(url)`, which migrates on open.
"""

from __future__ import annotations

from alembic import context

from ombuds.corpus.store.migrate import VERSION_TABLE
from ombuds.corpus.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - guarded by design
    raise RuntimeError("the corpus migrations run through ombuds.corpus.store.open_store(url)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table=VERSION_TABLE,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
