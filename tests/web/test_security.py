"""Security: sign-in required, CSRF, roles, escaping, cookies, headers, rate limit, audit."""

from __future__ import annotations

import re

import pytest

from ombuds.casework import Limits

from .conftest import PASSWORD, USERS, api_sign_in, client_for, form_values, sign_in

CASE_PAGES = [
    "/cases",
    "/cases/new",
    "/cases/new/guided",
    "/cases/1",
    "/cases/1/facts",
    "/cases/1/questions",
    "/cases/1/judgements",
    "/cases/1/statement",
    "/cases/1/review",
    "/cases/1/publish",
    "/cases/1/audit.csv",
    "/cases/1/statement.pdf",
    "/admin/users",
]


@pytest.mark.parametrize("path", CASE_PAGES)
def test_pages_redirect_to_sign_in_without_a_session(app_client, path):
    response = app_client.get(path)
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next={path}"


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/api/cases"),
        ("get", "/api/cases/1"),
        ("post", "/api/cases"),
        ("get", "/api/cases/1/audit"),
        ("post", "/api/cases/1/draft"),
    ],
)
def test_the_api_answers_401_without_a_session(app_client, method, path):
    response = getattr(app_client, method)(path)
    assert response.status_code == 401
    assert response.json()["error"] == "AuthenticationRequired"
    assert response.headers["www-authenticate"].startswith("Bearer")


def _letter_case(client, csrf: str, letter: str = "Dear Ombudsman, the council ignored me.") -> int:
    response = client.post("/cases/new/letter", data={"csrf_token": csrf, "letter": letter})
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


def test_a_form_without_or_with_a_wrong_csrf_token_is_403(app_client):
    csrf = sign_in(app_client)
    for token in (None, "", "not-the-token", csrf[:-1] + ("A" if csrf[-1] != "A" else "B")):
        data = {"letter": "Dear Ombudsman"}
        if token is not None:
            data["csrf_token"] = token
        response = app_client.post("/cases/new/letter", data=data)
        assert response.status_code == 403, token
        assert "security token" in response.text
    assert app_client.get("/api/cases", headers={"accept": "application/json"}).status_code == 200
    assert _letter_case(app_client, csrf) == 1


def test_a_script_sent_with_the_cookie_needs_the_csrf_header(app_client):
    csrf = sign_in(app_client)
    assert app_client.post("/api/cases", json={"letter": "x"}).status_code == 403
    ok = app_client.post("/api/cases", json={"letter": "x"}, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 201


def test_the_sign_in_form_has_its_own_csrf_token(app_client):
    page = app_client.get("/login")
    data = {"email": USERS["admin"][0], "password": PASSWORD}
    assert app_client.post("/login", data={**data, "csrf_token": "forged"}).status_code == 403
    assert app_client.post("/login", data={**data, **form_values(page.text)}).status_code == 303


def test_a_script_in_a_letter_is_shown_escaped(app_client):
    csrf = sign_in(app_client)
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    case = _letter_case(app_client, csrf, f"Dear Ombudsman,\n{payload}\nYours, Mrs X")
    page = app_client.get(f"/cases/{case}").text
    assert payload not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    listing = app_client.get("/cases").text
    assert "<script>alert" not in listing


def test_a_reviewer_only_action_by_an_investigator_is_403_after_404(app_client):
    csrf = sign_in(app_client, "investigator")
    case = _letter_case(app_client, csrf)
    for path in (f"/cases/{case}/review", f"/cases/{case}/publish"):
        assert app_client.get(path).status_code == 403
        response = app_client.post(
            path, data={"csrf_token": csrf, "version": "1", "decision": "approve"}
        )
        assert response.status_code == 403
    assert (
        app_client.post(
            f"/cases/{case}/assign", data={"csrf_token": csrf, "version": "1"}
        ).status_code
        == 403
    )
    # A case that does not exist is a 404 whatever the role (the case is loaded first).
    assert app_client.get("/cases/999/review").status_code == 404
    assert app_client.get("/admin/users").status_code == 403
    api = api_sign_in(app_client, "investigator")
    response = api.post(f"/api/cases/{case}/review", json={"version": 1, "approve": True})
    assert response.status_code == 403 and response.json()["error"] == "PermissionDenied"


def test_session_cookie_flags(app_client):
    page = app_client.get("/login")
    response = app_client.post(
        "/login",
        data={**form_values(page.text), "email": USERS["reviewer"][0], "password": PASSWORD},
    )
    cookie = next(
        v
        for k, v in response.headers.multi_items()
        if k == "set-cookie" and v.startswith("ombuds_session=")
    )
    flags = {part.strip().lower() for part in cookie.split(";")}
    assert {"httponly", "secure", "samesite=lax", "path=/"} <= flags


def test_plain_http_cookies_only_when_asked(db_url, clock):
    from fastapi.testclient import TestClient

    from ombuds.web.app import WebSettings, create_app

    app = create_app(db_url, settings=WebSettings(clock=clock, secure_cookies=False))
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
        page = client.get("/login")
        response = client.post(
            "/login",
            data={**form_values(page.text), "email": USERS["admin"][0], "password": PASSWORD},
        )
        assert "secure" not in response.headers["set-cookie"].lower()


def test_security_headers_on_pages_api_errors_and_assets(app_client):
    for path in (
        "/",
        "/login",
        "/api/decisions",
        "/nope",
        "/api/nope",
        "/docs",
        "/assets/app/app.css",
    ):
        headers = app_client.get(path).headers
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert "script-src 'self' 'nonce-" in csp and "unsafe-eval" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"


def test_the_page_nonce_matches_its_inline_script_and_changes_per_request(app_client):
    first, second = app_client.get("/login"), app_client.get("/login")
    nonce = re.search(r"'nonce-([^']+)'", first.headers["content-security-policy"]).group(1)
    assert f'nonce="{nonce}"' in first.text
    assert nonce not in second.headers["content-security-policy"]
    assert "'unsafe-inline'" not in first.headers["content-security-policy"]


def test_sign_in_is_rate_limited_after_repeated_failures(db_url, clock):
    limits = Limits(max_failures=3)
    with client_for(db_url, clock, limits=limits) as client:
        for _ in range(3):
            page = client.get("/login")
            bad = client.post(
                "/login",
                data={
                    **form_values(page.text),
                    "email": USERS["admin"][0],
                    "password": "wrong password!",
                },
            )
            assert bad.status_code == 401 and "not right" in bad.text
        page = client.get("/login")
        good = {**form_values(page.text), "email": USERS["admin"][0], "password": PASSWORD}
        limited = client.post("/login", data=good)
        assert limited.status_code == 429 and "Too many" in limited.text
        assert 0 < int(limited.headers["retry-after"]) <= 15 * 60 + 1
        api = client.post("/api/session", json={"email": USERS["admin"][0], "password": PASSWORD})
        assert api.status_code == 429 and api.headers["retry-after"]
        clock.advance(minutes=16)
        page = client.get("/login")
        good["csrf_token"] = form_values(page.text)["csrf_token"]
        assert client.post("/login", data=good).status_code == 303


def test_sign_out_ends_the_session_and_sessions_expire(app_client, clock):
    csrf = sign_in(app_client)
    assert app_client.get("/cases").status_code == 200
    assert app_client.post("/logout", data={"csrf_token": csrf}).status_code == 303
    assert app_client.get("/cases").status_code == 303
    sign_in(app_client)
    clock.advance(hours=1, minutes=59)
    assert app_client.get("/cases").status_code == 200  # the idle expiry slides
    clock.advance(hours=2, minutes=1)
    assert app_client.get("/cases").status_code == 303  # idle for more than two hours
    sign_in(app_client)
    for _ in range(7):
        clock.advance(hours=1, minutes=50)
        app_client.get("/cases")
    assert app_client.get("/cases").status_code == 303  # twelve hours after sign-in at most


def test_no_route_changes_or_deletes_the_audit_trail(app_client):
    from .test_routes import all_routes

    csrf = sign_in(app_client, "admin")
    case = _letter_case(app_client, csrf)
    api = api_sign_in(app_client, "admin")
    before = api.get(f"/api/cases/{case}/audit").json()
    assert [e["action"] for e in before] == ["case created"]
    audit_routes = [r for r in all_routes(app_client.app) if "audit" in r.path]
    assert {m for r in audit_routes for m in r.methods} == {"GET"}
    for method in ("put", "patch", "delete", "post"):
        for path in (f"/api/cases/{case}/audit", f"/cases/{case}/audit.csv"):
            response = getattr(app_client, method)(path, headers=api.headers())
            assert response.status_code == 405, (method, path)
    assert api.get(f"/api/cases/{case}/audit").json() == before
