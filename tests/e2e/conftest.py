"""One app server and one Chromium per test worker, shared by the browser tests.

The server is the real app under uvicorn on a loopback port, over a database made once per
worker (the seeds and three users). Chromium is Debian's, driven by Playwright through
`executable_path`: nothing downloads a browser. Screenshots go to tests/artefacts/e2e/ (git
ignores it; CI keeps it as an artefact).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from ..web.conftest import Clock, template_db

__all__ = ["template_db"]  # the web tests' template database, shared with the browser tests

ARTEFACTS = Path(__file__).resolve().parents[1] / "artefacts" / "e2e"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(template_db, tmp_path_factory, chromium_path):
    import uvicorn

    from ombuds.web.app import WebSettings, create_app

    path = tmp_path_factory.mktemp("e2e") / "ombuds.db"
    shutil.copy(template_db, path)
    app = create_app(f"sqlite:///{path}", settings=WebSettings(clock=Clock()))
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the app server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(20_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def artefacts() -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS
