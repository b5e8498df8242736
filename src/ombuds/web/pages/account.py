"""Sign in, sign out, and the administrator's list of users."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ombuds.errors import AuthenticationRequired, InputError, TooManyRequests
from ombuds.web.auth import SESSION_COOKIE, Admin, Public, optional_session, signed_in
from ombuds.web.errors import page_errors
from ombuds.web.security import check_csrf

router = APIRouter(include_in_schema=False)
LOGIN_COOKIE = "ombuds_login"  # the sign-in form's own CSRF token, before there is a session


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never //host or a scheme) may follow sign-in."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/cases"
    return target[:500]


def _login_page(
    request: Request,
    token: str,
    *,
    next_path: str = "/cases",
    email: str = "",
    errors: list | None = None,
    status: int = 200,
) -> HTMLResponse:
    page = request.app.state.pages.render(
        request,
        "login.html",
        {
            "title": "Sign in",
            "login_token": token,
            "next": next_path,
            "email": email,
            "errors": errors or [],
            "field_error": errors[0]["text"] if errors else None,
        },
        status_code=status,
    )
    page.set_cookie(
        LOGIN_COOKIE,
        token,
        httponly=True,
        secure=request.app.state.settings.secure_cookies,
        samesite="strict",
        max_age=3600,
    )
    return page


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, _: Public, next: str = "/cases") -> Response:
    if await optional_session(request):
        return RedirectResponse(_safe_next(next), status_code=303)
    return _login_page(request, secrets.token_urlsafe(32), next_path=_safe_next(next))


@router.post("/login", response_class=HTMLResponse)
async def login(
    request: Request,
    _: Public,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=500)] = "/cases",
) -> Response:
    check_csrf(request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(8), csrf_token)
    client = request.client.host if request.client else "unknown"
    try:
        token, _session = await run_in_threadpool(
            request.app.state.accounts.sign_in, email, password, client=client
        )
    except (AuthenticationRequired, TooManyRequests) as error:
        status = 429 if isinstance(error, TooManyRequests) else 401
        page = _login_page(
            request,
            csrf_token,
            next_path=_safe_next(next),
            email=email,
            errors=page_errors(error, {"email": "email"}),
            status=status,
        )
        if isinstance(error, TooManyRequests):
            page.headers["Retry-After"] = str(error.retry_after)
        return page
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        secure=request.app.state.settings.secure_cookies,
        samesite="lax",
        max_age=int(request.app.state.settings.limits.absolute.total_seconds()),
    )
    response.delete_cookie(LOGIN_COOKIE)
    return response


@router.post("/logout")
async def logout(request: Request, _: Public) -> Response:
    session = await optional_session(request)
    response = RedirectResponse("/login", status_code=303)
    if session is not None:
        await signed_in(request)  # the CSRF check
        await run_in_threadpool(
            request.app.state.accounts.sign_out, request.cookies.get(SESSION_COOKIE)
        )
    response.delete_cookie(SESSION_COOKIE)
    return response


def _users_page(request: Request, form: dict, errors: list, status: int = 200) -> HTMLResponse:
    return request.app.state.pages.render(
        request,
        "users.html",
        {
            "title": "Users",
            "users": request.app.state.cases.users(),
            "form": form,
            "errors": errors,
        },
        status_code=status,
    )


@router.get("/admin/users", response_class=HTMLResponse)
def users(request: Request, user: Admin) -> HTMLResponse:
    return _users_page(request, {"email": "", "name": "", "role": "investigator"}, [])


@router.post("/admin/users", response_class=HTMLResponse)
def add_user(
    request: Request,
    user: Admin,
    email: Annotated[str, Form(max_length=254)] = "",
    name: Annotated[str, Form(max_length=200)] = "",
    role: Annotated[str, Form(max_length=20)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    form = {"email": email, "name": name, "role": role}
    try:
        request.app.state.accounts.add_user(email, role, password, name=name, actor=user.email)
    except InputError as error:
        fields = {"email": "email", "--role": "role", "password": "password"}
        return _users_page(request, form, page_errors(error, fields), status=400)
    return RedirectResponse("/admin/users", status_code=303)
