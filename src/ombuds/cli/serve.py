"""`ombuds serve`: run the web app: public decision search, and casework behind a sign-in."""

from __future__ import annotations

from typing import Annotated

import typer

from ombuds.cli.app import DbOption, command
from ombuds.config import db_url


@command(
    "serve",
    epilog="Example: ombuds serve --db sqlite:///data/ombuds.db --port 8000, then open "
    "http://127.0.0.1:8000/ (search), http://127.0.0.1:8000/cases (casework, after "
    "`ombuds user add`) or http://127.0.0.1:8000/docs (the API)",
)
def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
    ] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="Server processes (one per core serves the most people at once).",
        ),
    ] = 1,
    plain_http: Annotated[
        bool,
        typer.Option(
            "--plain-http",
            help="Send the session cookie over plain HTTP too (drops its Secure flag). Only for "
            "a server reached without HTTPS on a private network; browsers already allow "
            "Secure cookies on 127.0.0.1 and localhost.",
        ),
    ] = False,
) -> None:
    """Serve the web app: the public search of published decisions and its JSON API, and the
    casework pages and API for signed-in investigators, reviewers and administrators.

    Pages: / and /search (public), /login, /cases. JSON: GET /api/decisions and
    /api/decisions/REFERENCE (public); /api/session and /api/cases (signed in). OpenAPI docs at
    /docs. The database must exist: `ombuds ingest` makes it, `ombuds user add` adds users.
    """
    from ombuds.web.app import serve

    serve(db_url(db), host=host, port=port, secure_cookies=not plain_http, workers=workers)
