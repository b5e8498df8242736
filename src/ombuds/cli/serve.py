"""`ombuds serve`: run the read-only JSON API over the corpus (FastAPI under uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer

from ombuds.cli.app import DbOption, command
from ombuds.config import db_url


@command(
    "serve",
    epilog="Example: ombuds serve --db sqlite:///data/ombuds.db --port 8000, "
    "then open http://127.0.0.1:8000/docs or "
    "http://127.0.0.1:8000/api/decisions?q=social+worker",
)
def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
    ] = 8000,
) -> None:
    """Serve the published decisions as a read-only JSON API (OpenAPI docs at /docs).

    GET /api/decisions searches (q, category, decision, body, ground, referral, from, to, limit,
    offset) and returns results with facet counts; GET /api/decisions/REFERENCE reads one.
    """
    from ombuds.web.api import serve

    serve(db_url(db), host=host, port=port)
