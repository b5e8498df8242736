"""Users and sign-in: Argon2 hashes, one message for a wrong email or password, the limit."""

from __future__ import annotations

import datetime as dt

import pytest

from ombuds.casework import Accounts, Casework, Limits
from ombuds.casework.passwords import hash_password, verify_password
from ombuds.corpus.store import open_store
from ombuds.errors import AuthenticationRequired, InputError, TooManyRequests


class Clock:
    def __init__(self):
        self.now = dt.datetime(2025, 2, 10, 9, 0, tzinfo=dt.UTC)

    def __call__(self):
        return self.now


@pytest.fixture
def accounts(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'o.db'}")
    yield Accounts(Casework(store.engine), clock=Clock(), limits=Limits(max_failures=2))
    store.close()


def test_passwords_are_stored_only_as_argon2_hashes(accounts):
    accounts.add_user("Ann@Council.example", "admin", "a long enough password")
    user, stored = accounts.repo.credentials("ann@council.example")
    assert stored.startswith("$argon2id$") and "long enough" not in stored
    assert user.email == "ann@council.example"
    assert verify_password(hash_password("x" * 12), "x" * 12)
    assert not verify_password(None, "anything")


@pytest.mark.parametrize(
    "email, role, password, message",
    [
        ("not-an-email", "admin", "a long enough password", "email"),
        ("a@b.org", "boss", "a long enough password", "role"),
        ("a@b.org", "admin", "short", "12 characters"),
    ],
)
def test_bad_users_are_refused_with_the_reason(accounts, email, role, password, message):
    with pytest.raises(InputError, match=message):
        accounts.add_user(email, role, password)


def test_an_email_is_taken_once(accounts):
    accounts.add_user("a@b.org", "admin", "a long enough password")
    with pytest.raises(InputError, match="already exists"):
        accounts.add_user("A@B.org", "reviewer", "a long enough password")


def test_a_wrong_password_and_an_unknown_email_read_the_same_and_are_limited(accounts):
    accounts.add_user("a@b.org", "admin", "a long enough password")
    messages = []
    for email in ("a@b.org", "nobody@b.org"):
        with pytest.raises(AuthenticationRequired) as error:
            accounts.sign_in(email, "wrong password!", client="1.2.3.4")
        messages.append(str(error.value))
    assert messages[0] == messages[1]
    accounts.sign_in("a@b.org", "a long enough password", client="1.2.3.4")  # one failure each
    with pytest.raises(AuthenticationRequired):
        accounts.sign_in("a@b.org", "wrong again!", client="1.2.3.4")
    with pytest.raises(TooManyRequests) as limited:
        accounts.sign_in("a@b.org", "a long enough password", client="5.6.7.8")
    assert 0 < limited.value.retry_after <= 15 * 60 + 1
    accounts.clock.now += dt.timedelta(minutes=16)
    token, session = accounts.sign_in("a@b.org", "a long enough password", client="5.6.7.8")
    assert accounts.session(token) == session
    accounts.sign_out(token)
    assert accounts.session(token) is None
