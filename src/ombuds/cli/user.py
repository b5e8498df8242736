"""`ombuds user add`: create a casework user (the first administrator, and everyone after)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ombuds.cli.app import DbOption, app, fail
from ombuds.config import db_url
from ombuds.errors import InputError, OmbudsError

user_app = typer.Typer(
    name="user",
    help="Manage casework users. Example: ombuds user add ann@council.example --role admin",
    no_args_is_help=True,
)
app.add_typer(user_app, name="user")


def _password(stdin: bool) -> str:
    """The password from standard input (first line) or a hidden prompt asked twice."""
    if stdin or not sys.stdin.isatty():
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = typer.prompt("Password", hide_input=True)
    again = typer.prompt("Repeat the password", hide_input=True)
    if first != again:
        raise InputError("the two passwords differ", source="password", hint="type it again")
    return first


@user_app.command(
    "add",
    epilog="Example: ombuds user add ann@council.example --role admin --name 'Ann Jones' "
    "(asks for the password), or: printf '%s\\n' \"$PASSWORD\" | ombuds user add "
    "bob@council.example --role investigator --password-stdin",
)
def add_command(
    email: Annotated[str, typer.Argument(help="The user's email address (their sign-in name).")],
    role: Annotated[
        str,
        typer.Option(
            "--role", help="investigator, reviewer or admin (each may do what the ones before do)."
        ),
    ],
    name: Annotated[str, typer.Option("--name", help="The user's name, as shown.")] = "",
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin",
            help="Read the password from the first line of standard input instead of a prompt.",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Add a user who can sign in to the casework app. The password (at least 12 characters) is
    read from a prompt, or from standard input, never from the command line; it is stored only
    as an Argon2 hash."""
    from ombuds.casework import Accounts, Casework
    from ombuds.corpus.store import open_store

    try:
        password = _password(password_stdin)
        store = open_store(db_url(db))
        try:
            user = Accounts(Casework(store.engine)).add_user(email, role, password, name=name)
        finally:
            store.close()
    except OmbudsError as error:
        raise fail(error) from None
    typer.echo(f"added {user.email} ({user.role.value})")
