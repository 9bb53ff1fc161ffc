"""Around every response: security headers, no cookies in embeds, and an access log without content.

It wraps the whole ASGI handler (so 404s for unknown routes get the headers too).

* ``Content-Security-Policy``: only our own scripts, styles, images and forms; ``frame-ancestors``
  is ``MINGBAI_FRAME_ANCESTORS`` on frameable routes (the kiosk embed; a handler or controller with
  ``opt={"frameable": True}``) and ``'none'`` elsewhere, where ``X-Frame-Options: DENY`` backs it
  up for old browsers (a frameable page sends no ``X-Frame-Options``: ``ALLOW-FROM`` is obsolete and
  would contradict the CSP).
* ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``, a ``Permissions-Policy``
  turning off camera, microphone, geolocation and the like, ``Cross-Origin-Opener-Policy``.
* ``Cache-Control: no-store`` on everything but ``/static`` (answers carry a person's bill).
* Frameable responses never carry ``Set-Cookie``.
* The access log line is method, path (never the query: a kiosk query carries amounts), status and
  milliseconds. No bodies, amounts or identifiers.
"""

from __future__ import annotations

import logging
import time

from litestar.types import ASGIApp, Message, Receive, Scope, Send

from assistant.settings import Settings

__all__ = ["FRAMEABLE_PREFIXES", "ResponseGuard"]

log = logging.getLogger("mingbai.access")

#: paths that may be framed even when no route matched (their 404 is shown inside the kiosk frame)
FRAMEABLE_PREFIXES = ("/embed/",)

_COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy",
     b"camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def _csp(frame_ancestors: str) -> bytes:
    return ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            f"frame-ancestors {frame_ancestors}").encode("ascii")


class ResponseGuard:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.csp_frameable = _csp(settings.frame_ancestors_csp)
        self.csp_default = _csp("'none'")

    def _frameable(self, scope: Scope) -> bool:
        handler = scope.get("route_handler")
        if handler is not None:
            try:
                return bool(handler.opt.get("frameable"))
            except AttributeError:  # pragma: no cover
                return False
        return scope.get("path", "").startswith(FRAMEABLE_PREFIXES)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 0

        async def guarded(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                path: str = scope.get("path", "")
                frameable = self._frameable(scope)
                headers: list[tuple[bytes, bytes]] = [
                    (k, v) for k, v in message.get("headers", [])
                    if not (frameable and k.lower() == b"set-cookie")]
                present = {k.lower() for k, _ in headers}
                extra: list[tuple[bytes, bytes]] = list(_COMMON)
                extra.append((b"content-security-policy", self.csp_frameable if frameable else self.csp_default))
                if not frameable:
                    extra.append((b"x-frame-options", b"DENY"))
                if not path.startswith("/static/"):
                    extra.append((b"cache-control", b"no-store"))
                headers += [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, guarded)
        finally:
            log.info("%s %s %s %.1fms", scope.get("method", "-"), _path(scope), status,
                     (time.perf_counter() - start) * 1000)


def _path(scope: Scope) -> str:
    # the route template (/api/v1/policies/{policy_id}) rather than the concrete path
    template = scope.get("path_template")
    if template:
        return str(template)
    return "(no route)"  # an unmatched path is whatever the client sent: not logged
