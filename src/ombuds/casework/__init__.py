"""Casework: complaints worked from arrival to published decision by a team (issue 12).

- `CaseService(store)`: the steps of a case (new case from a letter or from facts, the guided
  interview, assess, judgements, draft, edit, anonymise, review, publish, download);
- `Accounts(Casework(store.engine))`: users, Argon2 passwords, sign-in with a rate limit,
  server-side sessions;
- `repository.Casework`: the only code that touches the casework tables (`schema.py`), with an
  append-only audit row in the same transaction as every change and optimistic locking by
  version;
- `interview`: the engine's questions as form fields, one a page;
- `reader.read_letter`: the one call into the reader (ombuds.reading), when it is there.

Cases live in the corpus database (migration 0002_casework), SQLite or PostgreSQL.
"""

from __future__ import annotations

from ombuds.casework.accounts import Accounts, Limits, stamp, utc_now
from ombuds.casework.models import AuditEvent, Case, CaseStatus, CaseSummary, Role, Session, User
from ombuds.casework.repository import Casework
from ombuds.casework.service import CaseService

__all__ = [
    "Accounts",
    "AuditEvent",
    "Case",
    "CaseService",
    "CaseStatus",
    "CaseSummary",
    "Casework",
    "Limits",
    "Role",
    "Session",
    "User",
    "stamp",
    "utc_now",
]
