"""Settings shared by the CLI, the web app and the library: one place for each default."""

from __future__ import annotations

import os

# The embedded default: an SQLite file, no server. `OMBUDS_DB` overrides it everywhere.
DEFAULT_DB_URL = "sqlite:///data/ombuds.db"


def db_url(explicit: str | None = None) -> str:
    return explicit or os.environ.get("OMBUDS_DB") or DEFAULT_DB_URL
