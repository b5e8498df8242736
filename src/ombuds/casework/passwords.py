"""Passwords: hashed with Argon2id (argon2-cffi, its RFC 9106 low-memory profile), never stored.

`check_password_rules` names what is wrong with a new password; `verify` is constant-time and
also says when a stored hash should be upgraded to the current parameters.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ombuds.errors import InputError

MIN_LENGTH = 12
MAX_LENGTH = 1024  # a cap so that hashing a huge "password" cannot tie up a worker

_hasher = PasswordHasher()
# A hash of nothing anyone knows: verified against when the email is unknown, so that a
# sign-in takes as long for a missing user as for a wrong password.
_DUMMY = _hasher.hash("ombuds: no such user")


def check_password_rules(password: str, *, source: str = "password") -> None:
    """InputError unless the password is 12 to 1,024 characters and not only spaces."""
    if len(password) < MIN_LENGTH or not password.strip():
        raise InputError(
            f"the password must be at least {MIN_LENGTH} characters",
            source=source,
            hint="use a passphrase of three or four unrelated words",
        )
    if len(password) > MAX_LENGTH:
        raise InputError(f"the password must be at most {MAX_LENGTH} characters", source=source)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when `password` matches; False otherwise (a missing hash still costs one verify)."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher.verify(stored_hash or _DUMMY, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)
