"""Security headers on every response, and the CSRF check every form and API write passes.

Headers: a strict Content-Security-Policy (scripts only from the app itself or with the page's
nonce; no inline styles but on the API docs page, whose Swagger UI needs them; no framing:
frame-ancestors 'none'), X-Content-Type-Options nosniff, X-Frame-Options DENY, a same-origin
referrer policy, a permissions policy that turns off what the app never uses, and no caching of
anything a signed-in user sees.

CSRF: each session has its own random token. A form posts it as `csrf_token`; a script sending
the session cookie posts it as the X-CSRF-Token header. A request authenticated by a bearer
token carries no ambient credentials and needs none. A missing or wrong token is a 403.
"""

from __future__ import annotations

import secrets
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ombuds.errors import PermissionDenied

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def content_security_policy(nonce: str, *, docs: bool = False) -> str:
    style = "'self' 'unsafe-inline'" if docs else "'self'"
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            f"style-src {style}",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeaders:
    """ASGI middleware: a fresh CSP nonce per request (`scope["state"]["csp_nonce"]`) and the
    security headers on every response, errors included."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["csp_nonce"] = nonce
        docs = scope["path"] == "/docs"
        static = scope["path"].startswith("/assets/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() != b"content-security-policy"
                ]
                headers += [
                    (
                        b"content-security-policy",
                        content_security_policy(nonce, docs=docs).encode(),
                    ),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
                ]
                if not static and not any(k.lower() == b"cache-control" for k, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def check_csrf(expected: str, given: Any) -> None:
    """PermissionDenied unless `given` is the session's token (compared in constant time)."""
    if not isinstance(given, str) or not given or not secrets.compare_digest(expected, given):
        raise PermissionDenied(
            "the form's security token is missing or out of date",
            source=CSRF_FIELD,
            hint="go back, reload the page and submit it again",
        )
