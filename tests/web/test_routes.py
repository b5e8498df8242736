"""Every route declares who may use it (W4: a meta-test over the app's routes)."""

from __future__ import annotations

from fastapi.routing import APIRoute

from ombuds.web.app import create_app
from ombuds.web.auth import public


def all_routes(app) -> list[APIRoute]:
    """Every API route of the app, including those of included routers (which FastAPI keeps
    behind an included-router entry)."""
    found = []
    for route in app.routes:
        if hasattr(route, "effective_route_contexts"):
            found += [c.original_route for c in route.effective_route_contexts()]
        else:
            found.append(route)
    return [r for r in found if isinstance(r, APIRoute)]


def _guards(dependant) -> list:
    found = []
    for dep in dependant.dependencies:
        call = dep.call
        if call is public or hasattr(call, "required_role"):
            found.append(call)
        found += _guards(dep)
    return found


def test_every_route_is_public_on_purpose_or_needs_a_role(tmp_path):
    app = create_app(f"sqlite:///{tmp_path / 'none.db'}")
    routes = all_routes(app)
    assert len(routes) > 30
    unguarded = [f"{sorted(r.methods)} {r.path}" for r in routes if not _guards(r.dependant)]
    assert unguarded == []


def test_casework_routes_all_need_a_role_and_public_ones_are_reads_or_sign_in(tmp_path):
    app = create_app(f"sqlite:///{tmp_path / 'none.db'}")
    public_routes = {
        (method, r.path)
        for r in all_routes(app)
        if public in _guards(r.dependant)
        for method in r.methods
    }
    assert not [p for m, p in public_routes if p.startswith(("/cases", "/api/cases", "/admin"))]
    writes = {(m, p) for m, p in public_routes if m not in ("GET", "HEAD")}
    assert writes == {
        ("POST", "/login"),
        ("POST", "/logout"),
        ("POST", "/api/session"),
        ("DELETE", "/api/session"),
        # The public self-check: the answers travel in the form body (kept out of addresses and
        # logs); these posts store nothing and change nothing on the server.
        ("POST", "/check/questions"),
        ("POST", "/check/save"),
    }
