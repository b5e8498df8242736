"""`ombuds user add`: the password from standard input or a prompt, never the command line."""

from __future__ import annotations

from typer.testing import CliRunner

from ombuds.casework import Casework
from ombuds.cli import app
from ombuds.corpus.store import open_store

runner = CliRunner()


def test_a_user_is_added_with_the_password_from_stdin(tmp_path):
    url = f"sqlite:///{tmp_path / 'o.db'}"
    result = runner.invoke(
        app,
        [
            "user",
            "add",
            "Ann@Council.example",
            "--role",
            "admin",
            "--name",
            "Ann",
            "--password-stdin",
            "--db",
            url,
        ],
        input="a long enough password\n",
    )
    assert result.exit_code == 0, result.output
    assert "added ann@council.example (admin)" in result.output
    store = open_store(url)
    try:
        user, stored = Casework(store.engine).credentials("ann@council.example")
        assert user.name == "Ann" and stored.startswith("$argon2id$")
        assert [e.action for e in Casework(store.engine).audit_trail()] == ["user added"]
    finally:
        store.close()


def test_bad_input_is_a_one_line_error(tmp_path):
    url = f"sqlite:///{tmp_path / 'o.db'}"
    for args, stdin, message in [
        (["nobody", "--role", "admin"], "a long enough password\n", "not an email address"),
        (["a@b.org", "--role", "king"], "a long enough password\n", "unknown role"),
        (["a@b.org", "--role", "admin"], "short\n", "at least 12 characters"),
    ]:
        result = runner.invoke(
            app, ["user", "add", *args, "--password-stdin", "--db", url], input=stdin
        )
        assert result.exit_code == 2, result.output
        assert message in result.output and "Traceback" not in result.output
    ok = ["user", "add", "a@b.org", "--role", "reviewer", "--password-stdin", "--db", url]
    assert runner.invoke(app, ok, input="a long enough password\n").exit_code == 0
    again = runner.invoke(app, ok, input="a long enough password\n")
    assert again.exit_code == 2 and "already exists" in again.output


def test_the_help_shows_an_example():
    result = runner.invoke(app, ["user", "add", "--help"])
    assert (
        result.exit_code == 0 and "Example" in result.output and "--password-stdin" in result.output
    )
