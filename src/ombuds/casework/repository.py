"""The casework data layer: the only code that reads or writes the casework tables.

    repo = Casework(store.engine)           # the corpus store's engine: one database
    user = repo.add_user("a@b.org", "Ann", Role.admin, password_hash, at=now)
    case = repo.create_case(fields, actor=user, at=now)
    case = repo.update_case(case.id, case.version, {"status": "draft"}, actor=user,
                            action="draft", at=now)     # CaseChanged if the version moved on

Every change to a case writes its audit row in the same transaction as the change, so the trail
and the case never disagree. There is no method that updates or deletes an audit row (and the
database refuses it anyway: see migration 0002_casework). Times are given by the caller (the
service reads the clock at its edge), never read here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from ombuds.casework.models import AuditEvent, Case, CaseStatus, CaseSummary, Role, Session, User
from ombuds.casework.schema import (
    PRIVATE_CASE_FIELDS,
    case_audit,
    cases,
    login_attempts,
    users,
    web_sessions,
)
from ombuds.errors import CaseChanged, InputError, NotFound, StorageError

WRITE_OPTION = "ombuds_write"  # as ombuds.corpus.store.base: BEGIN IMMEDIATE on SQLite
CASE_FIELDS = tuple(c.name for c in cases.columns if c.name != "id")
EDITABLE = frozenset(CASE_FIELDS) - {"version", "created_by", "created_at", "updated_at"}


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _change(name: str, old: Any, new: Any) -> dict[str, Any]:
    """A field's before and after for the audit row; private fields (real names) are recorded
    as changed without their values."""
    if name in PRIVATE_CASE_FIELDS:
        return {"old": "(private)" if old else None, "new": "(private)" if new else None}
    return {"old": old, "new": new}


def _user(row: Any) -> User:
    return User(
        id=row.id,
        email=row.email,
        name=row.name,
        role=Role(row.role),
        active=row.active,
        created_at=row.created_at,
    )


class Casework:
    """Users, sessions, sign-in attempts, cases and the audit trail in one database."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        try:
            with (
                self.engine.connect().execution_options(**{WRITE_OPTION: True}) as connection,
                connection.begin(),
            ):
                yield connection
        except sa.exc.OperationalError as error:
            raise StorageError(
                "cannot write to the database",
                hint="try again in a moment; if it persists, ask the administrator to check "
                f"the database ({type(error.orig).__name__})",
            ) from None

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        try:
            with self.engine.connect() as connection:
                yield connection
        except sa.exc.OperationalError as error:
            raise StorageError(
                "cannot read the database",
                hint=f"try again in a moment ({type(error.orig).__name__})",
            ) from None

    # Users ---------------------------------------------------------------------------------

    def add_user(
        self, email: str, name: str, role: Role, password_hash: str, *, at: str, actor: str
    ) -> User:
        """A new user; InputError if the email is taken. Recorded in the audit trail."""
        email = email.strip().lower()
        with self._write() as connection:
            taken = connection.execute(sa.select(users.c.id).where(users.c.email == email)).first()
            if taken:
                raise InputError(
                    "a user with this email already exists",
                    source=email,
                    hint="choose another email, or sign in as that user",
                )
            inserted = connection.execute(
                users.insert().values(
                    email=email,
                    name=name,
                    role=role.value,
                    password_hash=password_hash,
                    active=True,
                    created_at=at,
                )
            ).inserted_primary_key
            assert inserted is not None  # an INSERT always returns its key
            new_id = inserted[0]
            self._audit(
                connection,
                case_id=None,
                actor_id=None,
                actor=actor,
                at=at,
                action="user added",
                changes={"user": {"old": None, "new": {"email": email, "role": role.value}}},
            )
        return self.get_user(new_id)

    def get_user(self, user_id: int) -> User:
        with self._read() as connection:
            row = connection.execute(sa.select(users).where(users.c.id == user_id)).first()
        if row is None:
            raise NotFound("no such user", source=str(user_id))
        return _user(row)

    def credentials(self, email: str) -> tuple[User, str] | None:
        """(user, password hash) for an active user with this email, or None."""
        with self._read() as connection:
            row = connection.execute(
                sa.select(users).where(users.c.email == email.strip().lower(), users.c.active)
            ).first()
        return (_user(row), row.password_hash) if row else None

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        """Store a rehashed password (parameters upgraded at sign-in); not a case change."""
        with self._write() as connection:
            connection.execute(
                users.update().where(users.c.id == user_id).values(password_hash=password_hash)
            )

    def list_users(self) -> list[User]:
        with self._read() as connection:
            rows = connection.execute(sa.select(users).order_by(users.c.email)).all()
        return [_user(r) for r in rows]

    def count_users(self) -> int:
        with self._read() as connection:
            return connection.execute(sa.select(sa.func.count()).select_from(users)).scalar_one()

    # Sessions and sign-in attempts ---------------------------------------------------------

    def create_session(
        self, user_id: int, token: str, csrf_token: str, *, at: str, expires_at: str
    ) -> None:
        with self._write() as connection:
            connection.execute(
                web_sessions.insert().values(
                    token_hash=token_digest(token),
                    user_id=user_id,
                    csrf_token=csrf_token,
                    created_at=at,
                    last_seen=at,
                    expires_at=expires_at,
                )
            )

    def get_session(self, token: str, *, now: str) -> tuple[Session, str] | None:
        """(session, last_seen) for a live session token, or None (unknown or expired)."""
        with self._read() as connection:
            row = connection.execute(
                sa.select(
                    web_sessions.c.id.label("session_id"),
                    web_sessions.c.csrf_token,
                    web_sessions.c.created_at.label("session_created"),
                    web_sessions.c.expires_at,
                    web_sessions.c.last_seen,
                    users,
                )
                .join(users, users.c.id == web_sessions.c.user_id)
                .where(
                    web_sessions.c.token_hash == token_digest(token),
                    web_sessions.c.expires_at > now,
                    users.c.active,
                )
            ).first()
        if row is None:
            return None
        session = Session(
            id=row.session_id,
            user=_user(row),
            csrf_token=row.csrf_token,
            created_at=row.session_created,
            expires_at=row.expires_at,
        )
        return session, row.last_seen

    def touch_session(self, session_id: int, *, at: str, expires_at: str) -> None:
        with self._write() as connection:
            connection.execute(
                web_sessions.update()
                .where(web_sessions.c.id == session_id)
                .values(last_seen=at, expires_at=expires_at)
            )

    def end_session(self, token: str) -> None:
        with self._write() as connection:
            connection.execute(
                web_sessions.delete().where(web_sessions.c.token_hash == token_digest(token))
            )

    def record_attempt(self, email: str, client: str, *, at: str, succeeded: bool) -> None:
        with self._write() as connection:
            connection.execute(
                login_attempts.insert().values(
                    email=email.strip().lower()[:254],
                    client=client[:64],
                    at=at,
                    succeeded=succeeded,
                )
            )

    def failed_attempts(self, *, email: str, client: str, since: str) -> tuple[int, int, str]:
        """(failures for this email, failures from this client, the earliest of them) since."""
        with self._read() as connection:
            by_email, by_client = (
                connection.execute(
                    sa.select(sa.func.count()).where(
                        column == value, login_attempts.c.at > since, ~login_attempts.c.succeeded
                    )
                ).scalar_one()
                for column, value in (
                    (login_attempts.c.email, email.strip().lower()[:254]),
                    (login_attempts.c.client, client[:64]),
                )
            )
            first = connection.execute(
                sa.select(sa.func.min(login_attempts.c.at)).where(
                    sa.or_(
                        login_attempts.c.email == email.strip().lower()[:254],
                        login_attempts.c.client == client[:64],
                    ),
                    login_attempts.c.at > since,
                    ~login_attempts.c.succeeded,
                )
            ).scalar_one()
        return by_email, by_client, first or since

    # Cases ---------------------------------------------------------------------------------

    def _case_query(self) -> sa.Select:
        assignee = users.alias("assignee")
        return sa.select(cases, assignee.c.email.label("assigned_email")).outerjoin(
            assignee, assignee.c.id == cases.c.assigned_to
        )

    def create_case(self, fields: dict[str, Any], *, actor: User, at: str) -> Case:
        """A new case at version 1, with its first audit row ("case created")."""
        unknown = set(fields) - EDITABLE
        if unknown:
            raise ValueError(f"not case fields: {sorted(unknown)}")
        values = {
            **fields,
            "version": 1,
            "created_by": actor.id,
            "created_at": at,
            "updated_at": at,
        }
        with self._write() as connection:
            inserted = connection.execute(cases.insert().values(**values)).inserted_primary_key
            assert inserted is not None  # an INSERT always returns its key
            case_id = inserted[0]
            self._audit(
                connection,
                case_id=case_id,
                actor_id=actor.id,
                actor=actor.email,
                at=at,
                action="case created",
                version=1,
                changes={k: _change(k, None, v) for k, v in fields.items() if v is not None},
            )
        return self.get_case(case_id)

    def get_case(self, case_id: int) -> Case:
        """The case, or NotFound."""
        with self._read() as connection:
            row = connection.execute(self._case_query().where(cases.c.id == case_id)).first()
        if row is None:
            raise NotFound("no case with this number", source=str(case_id))
        return Case.model_validate(dict(row._mapping))

    def list_cases(
        self,
        *,
        status: CaseStatus | None = None,
        assigned_to: int | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> tuple[int, list[CaseSummary]]:
        """(how many match, one page of them), most recently changed first."""
        where = []
        if status is not None:
            where.append(cases.c.status == status.value)
        if assigned_to is not None:
            where.append(cases.c.assigned_to == assigned_to)
        columns = [c for c in cases.c if c.name in CaseSummary.model_fields]
        assignee = users.alias("assignee")
        query = (
            sa.select(*columns, assignee.c.email.label("assigned_email"))
            .outerjoin(assignee, assignee.c.id == cases.c.assigned_to)
            .where(*where)
            .order_by(cases.c.updated_at.desc(), cases.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        with self._read() as connection:
            total = connection.execute(
                sa.select(sa.func.count()).select_from(cases).where(*where)
            ).scalar_one()
            rows = connection.execute(query).all()
        return total, [CaseSummary.model_validate(dict(r._mapping)) for r in rows]

    def update_case(
        self,
        case_id: int,
        expected_version: int,
        changes: dict[str, Any],
        *,
        actor: User,
        action: str,
        at: str,
        note: str | None = None,
    ) -> Case:
        """Save `changes` if the case is still at `expected_version`; the version goes up by one
        and the audit row (fields before and after) is written in the same transaction.

        Raises NotFound, or CaseChanged (with what changed since) when someone saved first.
        """
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ValueError(f"not editable case fields: {sorted(unknown)}")
        with self._write() as connection:
            row = connection.execute(sa.select(cases).where(cases.c.id == case_id)).first()
            if row is None:
                raise NotFound("no case with this number", source=str(case_id))
            if row.version != expected_version:
                raise self._changed(connection, case_id, expected_version, row.version)
            diff = {
                name: _change(name, getattr(row, name), value)
                for name, value in changes.items()
                if getattr(row, name) != value
            }
            updated = connection.execute(
                cases.update()
                .where(cases.c.id == case_id, cases.c.version == expected_version)
                .values(**changes, version=expected_version + 1, updated_at=at)
            )
            if updated.rowcount != 1:  # pragma: no cover - the row lock above makes this rare
                raise self._changed(connection, case_id, expected_version, row.version)
            self._audit(
                connection,
                case_id=case_id,
                actor_id=actor.id,
                actor=actor.email,
                at=at,
                action=action,
                version=expected_version + 1,
                changes=diff,
                note=note,
            )
        return self.get_case(case_id)

    def check_version(self, case_id: int, version: int) -> Case:
        """The case, if it is still at `version`; else CaseChanged (NotFound if there is none)."""
        case = self.get_case(case_id)
        if case.version != version:
            with self._read() as connection:
                raise self._changed(connection, case_id, version, case.version)
        return case

    def _changed(
        self, connection: sa.Connection, case_id: int, expected: int, current: int
    ) -> CaseChanged:
        events = connection.execute(
            sa.select(case_audit)
            .where(case_audit.c.case_id == case_id, case_audit.c.version > expected)
            .order_by(case_audit.c.id)
        ).all()
        return CaseChanged(
            f"this case was changed by someone else since you opened it (version {expected}; "
            f"it is now at version {current}); your changes were not saved",
            source=f"case {case_id}",
            hint="your edit is shown below: compare it with theirs, then save again",
            changes=[
                {
                    "at": e.at,
                    "actor": e.actor,
                    "action": e.action,
                    "fields": sorted(e.changes or {}),
                }
                for e in events
            ],
        )

    # The audit trail: append and read, nothing else ----------------------------------------

    def _audit(self, connection: sa.Connection, **values: Any) -> None:
        connection.execute(case_audit.insert().values(**values))

    def audit_trail(self, case_id: int | None = None) -> list[AuditEvent]:
        """A case's events, oldest first (all events when `case_id` is None)."""
        query = sa.select(case_audit).order_by(case_audit.c.id)
        if case_id is not None:
            query = query.where(case_audit.c.case_id == case_id)
        with self._read() as connection:
            rows = connection.execute(query).all()
        return [AuditEvent.model_validate(dict(r._mapping)) for r in rows]
