"""The web application: public decision search, and casework behind a sign-in.

    app = create_app("sqlite:///data/ombuds.db")   # then uvicorn, or `ombuds serve`

Parts:
- /api/decisions...: the public JSON API over the corpus (`web.api`), unchanged in shape;
- /api/session, /api/cases...: the authenticated JSON API for casework (`web.cases_api`);
- /, /search, /decisions/REF: the public search pages; /login, /cases...: the casework pages
  (`web.pages`); /docs: the OpenAPI docs with Swagger UI served from /assets (no CDN);
- every response gets the security headers (`web.security`), every error the one shape
  (`web.errors`).

The store is opened once (the lifespan) and shared; casework tables live in the same database.
"""

from __future__ import annotations

import asyncio
import os
import threading
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from ombuds import __version__
from ombuds.casework import Accounts, CaseService, Casework, Limits, utc_now
from ombuds.casework.accounts import Clock
from ombuds.corpus.models import SearchQuery
from ombuds.corpus.store import Store, open_store
from ombuds.precedents.lexical import wait_for_refresh as wait_for_matrix
from ombuds.precedents.lexical import warm_in_background as warm_precedents
from ombuds.web import api, cases_api, errors, warming
from ombuds.web.auth import Public
from ombuds.web.pages import account, casework, check, insight, public, steps
from ombuds.web.rendering import Pages, find_node_modules
from ombuds.web.security import SecurityHeaders

STATIC = Path(__file__).parent / "static"


@dataclass
class WebSettings:
    """How the app runs. `secure_cookies=False` only for plain HTTP (a laptop, a test)."""

    secure_cookies: bool = True
    limits: Limits = field(default_factory=Limits)
    clock: Clock = utc_now
    # Seconds the app may wait at start-up for the search warming before it takes requests
    # (web.warming.READY_WITHIN); the warming goes on in the background after that.
    warm_before_ready: float = warming.READY_WITHIN


def create_app(
    db_url: str, *, opened: Store | None = None, settings: WebSettings | None = None
) -> FastAPI:
    """The app serving the database at `db_url` (which must exist: it is never created here).
    It is opened at start-up (or `opened` is used) and closed at shutdown."""
    settings = settings or WebSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        store = opened or open_store(db_url, create=False)
        app.state.store = store
        app.state.cases = CaseService(store, clock=settings.clock)
        app.state.accounts = Accounts(
            Casework(store.engine), clock=settings.clock, limits=settings.limits
        )
        stop = threading.Event()
        searching = matrix = None
        try:
            store.search(SearchQuery(limit=1))  # build the facet index before the first request
            # In the background (see web.warming): the commonest words' counts at once, and
            # the first request waits for them a few seconds at most; the precedents' term
            # matrix when no request is in flight.
            searching = warming.warm_search(store, stop)
            await asyncio.to_thread(searching.join, settings.warm_before_ready)
            app.state.activity.ready()
            matrix = warming.later_when_quiet(
                app.state.activity, stop, warm_precedents, store.engine, after=searching
            )
            yield
        finally:
            stop.set()  # background work not yet begun never begins
            if searching is not None:  # it stops between two words; then its connection is back
                searching.join(timeout=30)
            if matrix is not None:  # a matrix build under way ends before the store closes
                matrix.join(timeout=30)
                wait_for_matrix(timeout=30)
            store.close()

    app = FastAPI(
        title="ombuds: decisions and casework API",
        version=__version__,
        description=api.DESCRIPTION + cases_api.DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_tags=[
            {"name": "decisions", "description": "Search and read published decisions (public)."},
            {"name": "casework", "description": "Cases, for signed-in users."},
        ],
    )
    app.state.db_url = db_url
    app.state.settings = settings
    app.state.pages = Pages()
    app.state.node_modules = find_node_modules()
    app.add_middleware(SecurityHeaders)
    app.state.activity = warming.Activity()
    app.add_middleware(warming.Tracked, activity=app.state.activity)
    errors.install(app)

    app.mount("/assets/app", StaticFiles(directory=STATIC), name="app-assets")
    if app.state.node_modules is not None:
        govuk = app.state.node_modules / "govuk-frontend" / "dist" / "govuk"
        app.mount("/assets/govuk", StaticFiles(directory=govuk), name="govuk")
        app.mount(
            "/assets/swagger",
            StaticFiles(directory=app.state.node_modules / "swagger-ui-dist"),
            name="swagger",
        )
        app.mount("/assets", StaticFiles(directory=govuk / "assets"), name="govuk-assets")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request, _: Public) -> HTMLResponse:
        return request.app.state.pages.render(request, "docs.html", {})

    app.include_router(api.router)
    app.include_router(cases_api.router)
    for module in (public, check, account, casework, steps, insight):
        app.include_router(module.router)
    return app


def serve(
    db_url: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    secure_cookies: bool = True,
    workers: int = 1,
) -> None:
    """Run the app with uvicorn until interrupted; StorageError first if the store cannot open.

    With `workers` > 1, uvicorn runs that many processes (one per core uses the machine; each
    opens its own store), built by `worker_app` from the environment."""
    import os

    import uvicorn

    store = open_store(db_url, create=False)  # fail here, with a clear message, not in uvicorn
    if workers <= 1:
        app = create_app(db_url, opened=store, settings=WebSettings(secure_cookies=secure_cookies))
        uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)
        return
    store.close()
    os.environ[WORKER_DB] = db_url
    os.environ[WORKER_SECURE] = "1" if secure_cookies else "0"
    uvicorn.run(
        "ombuds.web.app:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        proxy_headers=False,
    )


WORKER_DB = "OMBUDS_SERVE_DB"
WORKER_SECURE = "OMBUDS_SERVE_SECURE_COOKIES"


def worker_app() -> FastAPI:
    """The app of one worker process of `serve(..., workers=N)`."""
    secure = os.environ.get(WORKER_SECURE, "1") != "0"
    return create_app(os.environ[WORKER_DB], settings=WebSettings(secure_cookies=secure))
