"""Who is asking, and may they: the typed dependencies every route declares.

    @router.get("/cases")
    def cases(user: Investigator): ...              # signed in, investigator or above
    @router.post("/cases/{case_id}/review")
    def review(access: ReviewerCase): ...           # the case (404 first), then the role (403)
    @router.get("/search")
    def search(_: Public): ...                      # public, on purpose

Every route declares exactly one of these (tests/web/test_routes.py walks the routes), so a new
route cannot be left open by forgetting. A session comes from the `ombuds_session` cookie (pages)
or an `Authorization: Bearer` token (the JSON API; POST /api/session makes one). A write sent
with the cookie must carry the session's CSRF token (form field or X-CSRF-Token header).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Path, Request
from starlette.concurrency import run_in_threadpool

from ombuds.casework import Case, Role, Session, User
from ombuds.errors import AuthenticationRequired, PermissionDenied
from ombuds.web.security import CSRF_FIELD, CSRF_HEADER, check_csrf

SESSION_COOKIE = "ombuds_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def session_token(request: Request) -> tuple[str | None, bool]:
    """(the session token, whether it came as a bearer token rather than the cookie)."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip(), True
    return request.cookies.get(SESSION_COOKIE), False


async def optional_session(request: Request) -> Session | None:
    """The live session, if any (public pages show "Sign out" to a signed-in user)."""
    if hasattr(request.state, "session"):
        return request.state.session
    token, _ = session_token(request)
    session = await run_in_threadpool(request.app.state.accounts.session, token)
    request.state.session = session
    return session


async def signed_in(request: Request) -> Session:
    """The live session, CSRF-checked for writes sent with the cookie; else 401 (pages: a
    redirect to sign in)."""
    session = await optional_session(request)
    if session is None:
        raise AuthenticationRequired(
            "sign in to use casework",
            source="session",
            hint="sign in at /login, or POST /api/session for a bearer token",
        )
    _, bearer = session_token(request)
    if request.method not in SAFE_METHODS and not bearer:
        given = request.headers.get(CSRF_HEADER)
        if given is None and "form" in request.headers.get("content-type", ""):
            value = (await request.form()).get(CSRF_FIELD)
            given = value if isinstance(value, str) else None
        check_csrf(session.csrf_token, given)
    return session


async def public(request: Request) -> None:
    """Marks a route as public on purpose (the route meta-test accepts it). Async, so that
    FastAPI calls it in the event loop: a plain function would cost every public request a hop
    through the thread pool for nothing."""


def require(role: Role) -> Any:
    """A dependency: the signed-in user, if their role allows `role`'s actions (else 403)."""

    def dependency(session: Annotated[Session, Depends(signed_in)]) -> User:
        if not session.user.role.allows(role):
            raise PermissionDenied(
                f"this needs the {role.value} role (you are {session.user.role.value})",
                source="role",
                hint="ask an administrator if you need it",
            )
        return session.user

    dependency.required_role = role  # type: ignore[attr-defined]  # read by the route meta-test
    return dependency


@dataclass
class CaseAccess:
    """A case a user may act on: loaded first (404), then the role checked (403)."""

    user: User
    case: Case


def case_for(role: Role) -> Any:
    def dependency(
        request: Request,
        session: Annotated[Session, Depends(signed_in)],
        case_id: Annotated[int, Path(ge=1, le=2**31 - 1, description="The case number.")],
    ) -> CaseAccess:
        case = request.app.state.cases.get(case_id)  # NotFound before any role check
        if not session.user.role.allows(role):
            raise PermissionDenied(
                f"this needs the {role.value} role (you are {session.user.role.value})",
                source="role",
                hint="ask a reviewer to do it",
            )
        return CaseAccess(session.user, case)

    dependency.required_role = role  # type: ignore[attr-defined]
    return dependency


Public = Annotated[None, Depends(public)]
Investigator = Annotated[User, Depends(require(Role.investigator))]
Reviewer = Annotated[User, Depends(require(Role.reviewer))]
Admin = Annotated[User, Depends(require(Role.admin))]
InvestigatorCase = Annotated[CaseAccess, Depends(case_for(Role.investigator))]
ReviewerCase = Annotated[CaseAccess, Depends(case_for(Role.reviewer))]
