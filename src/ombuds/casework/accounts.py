"""Users, sign-in and sessions: the service the CLI (`ombuds user add`) and the web app share.

    accounts = Accounts(Casework(store.engine), clock=utc_now)
    accounts.add_user("ann@council.example", Role.admin, password, name="Ann")
    token, session = accounts.sign_in(email, password, client="127.0.0.1")
    session = accounts.session(token)        # None when unknown or expired
    accounts.sign_out(token)

Sign-in is rate-limited per email and per client address (failures counted in the database, so
every worker process sees them): after `MAX_FAILURES` failures in `WINDOW`, further attempts are
refused with `TooManyRequests` (and its `retry_after`) until the window has passed. A session
ends after `idle` without a request or `absolute` after sign-in, whichever comes first.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass

from ombuds.casework.models import Role, Session, User
from ombuds.casework.passwords import (
    check_password_rules,
    hash_password,
    needs_rehash,
    verify_password,
)
from ombuds.casework.repository import Casework
from ombuds.errors import AuthenticationRequired, InputError, TooManyRequests

Clock = Callable[[], dt.datetime]
MAX_EMAIL = 254
# Argon2 is slow and memory-hard on purpose (64 MB, about 50 ms a hash): a burst of sign-ins
# would take every core from the requests of people already signed in. At most two hashes run
# at once; further sign-ins wait their turn.
_HASHING = threading.BoundedSemaphore(2)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def stamp(moment: dt.datetime) -> str:
    """A time as the casework tables store it: ISO 8601, UTC, to the second."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Limits:
    """Session lifetimes and the sign-in rate limit."""

    idle: dt.timedelta = dt.timedelta(hours=2)
    absolute: dt.timedelta = dt.timedelta(hours=12)
    max_failures: int = 5  # per email in `window`
    max_failures_per_client: int = 20  # per client address in `window`
    window: dt.timedelta = dt.timedelta(minutes=15)


def check_email(email: str) -> str:
    email = (email or "").strip().lower()
    local, at, domain = email.partition("@")
    if not at or not local or "." not in domain or len(email) > MAX_EMAIL or " " in email:
        raise InputError(
            "not an email address", source="email", hint="write it as name@example.org"
        )
    return email


class Accounts:
    def __init__(self, repo: Casework, *, clock: Clock = utc_now, limits: Limits | None = None):
        self.repo = repo
        self.clock = clock
        self.limits = limits or Limits()

    def add_user(
        self,
        email: str,
        role: Role | str,
        password: str,
        *,
        name: str = "",
        actor: str = "command line",
    ) -> User:
        """A new user with an Argon2 hash of `password`; InputError for a bad email, role or
        password, or an email already taken."""
        email = check_email(email)
        try:
            role = Role(str(role).strip().lower())
        except ValueError:
            raise InputError(
                f"unknown role {role!r}",
                source="--role",
                hint=f"use one of {', '.join(r.value for r in Role)}",
            ) from None
        check_password_rules(password)
        return self.repo.add_user(
            email,
            name.strip() or email.split("@")[0],
            role,
            hash_password(password),
            at=stamp(self.clock()),
            actor=actor,
        )

    def sign_in(self, email: str, password: str, *, client: str) -> tuple[str, Session]:
        """(session token, session) for the right password; AuthenticationRequired for a wrong
        one (the same message whether or not the email exists), TooManyRequests when limited."""
        now = self.clock()
        email = (email or "").strip().lower()[:MAX_EMAIL]
        since = stamp(now - self.limits.window)
        by_email, by_client, first = self.repo.failed_attempts(
            email=email, client=client, since=since
        )
        if by_email >= self.limits.max_failures or by_client >= self.limits.max_failures_per_client:
            opened = dt.datetime.fromisoformat(first) + self.limits.window
            wait = max(1, int((opened - now).total_seconds()) + 1)
            raise TooManyRequests(
                "too many failed sign-in attempts",
                source="email",
                hint=f"wait {max(1, round(wait / 60))} minutes, then try again",
                retry_after=wait,
            )
        found = self.repo.credentials(email) if email else None
        with _HASHING:
            ok = verify_password(found[1] if found else None, password or "")
        self.repo.record_attempt(email or "(none)", client, at=stamp(now), succeeded=ok)
        if not ok or found is None:
            raise AuthenticationRequired(
                "the email or password is not right",
                source="email",
                hint="check both and try again",
            )
        user, stored = found
        if needs_rehash(stored):
            self.repo.set_password_hash(user.id, hash_password(password))
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        expires = min(now + self.limits.idle, now + self.limits.absolute)
        self.repo.create_session(user.id, token, csrf, at=stamp(now), expires_at=stamp(expires))
        session = self.session(token)
        assert session is not None  # just created
        return token, session

    def session(self, token: str | None) -> Session | None:
        """The live session for `token` (its idle expiry pushed on), or None."""
        if not token or len(token) > 200:
            return None
        now = self.clock()
        found = self.repo.get_session(token, now=stamp(now))
        if found is None:
            return None
        session, last_seen = found
        # Slide the idle expiry, at most once a minute (fewer writes under load).
        if now - dt.datetime.fromisoformat(last_seen) > dt.timedelta(minutes=1):
            absolute = dt.datetime.fromisoformat(session.created_at) + self.limits.absolute
            expires = stamp(min(now + self.limits.idle, absolute))
            self.repo.touch_session(session.id, at=stamp(now), expires_at=expires)
            session = session.model_copy(update={"expires_at": expires})
        return session

    def sign_out(self, token: str | None) -> None:
        if token:
            self.repo.end_session(token)
