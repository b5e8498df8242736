"""Property-based API tests from the OpenAPI document (Schemathesis): no generated request, signed
in or not, gets a 5xx from any operation, public or casework."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from ombuds.web.app import WebSettings, create_app

from .conftest import Clock, api_sign_in

# The app is built at import (Schemathesis reads its OpenAPI document to make the tests); its
# database is put in place by the fixture below before any request is made.
FOLDER = Path(tempfile.mkdtemp(prefix="ombuds-schemathesis-"))
APP = create_app(f"sqlite:///{FOLDER / 'ombuds.db'}", settings=WebSettings(clock=Clock()))
schema = schemathesis.openapi.from_dict(APP.openapi())
schema.app = APP


@pytest.fixture(scope="module")
def bearer(template_db):
    shutil.copy(template_db, FOLDER / "ombuds.db")
    with TestClient(APP, base_url="https://testserver") as client:
        api = api_sign_in(client, "admin")
        for letter in ("Dear Ombudsman, the council lost my form.", "A second letter."):
            assert api.post("/api/cases", json={"letter": letter}).status_code == 201
        yield api.headers()
    shutil.rmtree(FOLDER, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_generated_request_gets_a_server_error(case, bearer):
    for headers in (bearer, {}):
        response = case.call(headers={**(case.headers or {}), **headers})
        assert response.status_code < 500, (
            f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:500]}"
        )
