"""Around every request: overload, HEAD, 304, security headers, no cookies in embeds, an access log
without content; and who a client is, for the rate limit.

:class:`ResponseGuard` wraps the whole ASGI handler (so 404s for unknown routes get the headers too).

* **In flight.** More than ``MINGBAI_MAX_IN_FLIGHT`` requests at once in this worker → 503 with
  ``Retry-After: 1`` at once, never an unbounded queue. ``/healthz`` is not counted (and never
  refused), so a probe sees a busy worker as alive. A request stops counting when the last byte of
  its response is handed to the server, not when the handler's call returns: the server
  starts a keep-alive connection's next request at that moment, so counting until the return
  would see one connection as two and refuse the 17th request of 16 connections.
* **HEAD** wherever GET works: the request is routed as GET and the body dropped (the headers,
  ``Content-Length`` included, are GET's).
* **304.** A GET or HEAD whose ``If-None-Match`` matches the response's ``ETag`` (static files)
  gets ``304 Not Modified`` without a body.

* ``Content-Security-Policy``: only our own scripts, styles, images and forms; ``frame-ancestors``
  is ``MINGBAI_FRAME_ANCESTORS`` on frameable routes (the kiosk embed; a handler or controller with
  ``opt={"frameable": True}``) and ``'none'`` elsewhere, where ``X-Frame-Options: DENY`` backs it
  up for old browsers (a frameable page sends no ``X-Frame-Options``: ``ALLOW-FROM`` is obsolete and
  would contradict the CSP).
* ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``, a ``Permissions-Policy``
  turning off camera, microphone, geolocation and the like, ``Cross-Origin-Opener-Policy``.
* ``Cache-Control: no-store`` on everything but ``/static`` (answers carry a person's bill);
  ``/static`` gets ``public, max-age=3600`` from the static router, and revalidates by ``ETag``.
* Frameable responses never carry ``Set-Cookie``.
* The access log line is method, path (never the query: a kiosk query carries amounts), status and
  milliseconds. No bodies, amounts or identifiers.

:func:`client_identity` keys the rate limit: a kiosk key from ``MINGBAI_KIOSK_KEYS`` sent as
``X-Kiosk-Key`` (each kiosk its own budget, even behind one NAT), else the header a trusted proxy
sets (``MINGBAI_CLIENT_HEADER``, e.g. ``X-Forwarded-For``: its right-most address, the one the
proxy saw), else the peer address. Keys are hashed before they are used as store keys.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import sys
import threading
import time
import weakref
from collections.abc import Callable
from io import BytesIO
from typing import Any, cast

from anyio import to_thread
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import CompressionEncoding
from litestar.middleware.compression.gzip_facade import GzipCompression
from litestar.middleware.compression.middleware import CompressionMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from litestar.utils.empty import value_or_default
from litestar.utils.scope.state import ScopeState

from assistant.settings import Settings

__all__ = ["FRAMEABLE_PREFIXES", "KIOSK_HEADER", "AccessLogHandler", "NotAccess", "OffloadingCompression",
           "ResponseGuard", "client_identity", "flush_access_log"]

KIOSK_HEADER = "x-kiosk-key"
#: never refused for overload, never counted
UNCOUNTED = ("/healthz",)

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


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:24]


def client_identity(settings: Settings) -> Callable[[Any], str]:
    """The rate limit's key for a request (see the module's docstring)."""
    keys = tuple(settings.kiosk_keys)
    header = (settings.client_header or "").lower()

    def identify(request: Any) -> str:
        if keys:
            sent = request.headers.get(KIOSK_HEADER)
            if sent and any(hmac.compare_digest(sent.encode(), k.encode()) for k in keys):
                return "kiosk:" + _digest(sent)
        if header:
            value = request.headers.get(header, "")
            last = value.split(",")[-1].strip()
            if last:
                return "client:" + _digest(last)
        host = request.client.host if request.client else "unknown"
        return "peer:" + _digest(host)

    return identify


async def _overloaded(send: Send) -> None:
    body = ('{"type":"/problems/overloaded","title":"服务器正忙","status":503,'
            '"detail":"服务器同时处理的请求已达上限，这个请求没有被处理，请 1 秒后重试。","code":"overloaded",'
            '"errors":[]}').encode()
    await send({"type": "http.response.start", "status": 503,
                "headers": [(b"content-type", b"application/problem+json"), (b"retry-after", b"1"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body, "more_body": False})


def _etag_matches(if_none_match: bytes, etag: bytes) -> bool:
    if if_none_match.strip() == b"*":
        return True
    bare = etag.removeprefix(b"W/")
    return any(tag.strip().removeprefix(b"W/") == bare for tag in if_none_match.split(b","))


class ResponseGuard:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.csp_frameable = _csp(settings.frame_ancestors_csp)
        self.csp_default = _csp("'none'")
        self.max_in_flight = settings.max_in_flight
        self.in_flight = 0

    def _frameable(self, scope: Scope) -> bool:
        handler = scope.get("route_handler")
        if handler is not None:
            try:
                return bool(handler.opt.get("frameable"))
            except AttributeError:  # pragma: no cover
                return False
        return scope.get("path", "").startswith(FRAMEABLE_PREFIXES)

    def _secure(self, scope: Scope, message: Message) -> Message:
        """The response start with the security and cache headers added."""
        path: str = scope.get("path", "")
        frameable = self._frameable(scope)
        sent: list[tuple[bytes, bytes]] = list(message.get("headers", []))  # type: ignore[call-overload]
        headers: list[tuple[bytes, bytes]] = [
            (k, v) for k, v in sent
            if not (frameable and k.lower() == b"set-cookie")]
        present = {k.lower() for k, _ in headers}
        extra: list[tuple[bytes, bytes]] = list(_COMMON)
        extra.append((b"content-security-policy", self.csp_frameable if frameable else self.csp_default))
        if not frameable:
            extra.append((b"x-frame-options", b"DENY"))
        if not path.startswith("/static/"):
            extra.append((b"cache-control", b"no-store"))
        headers += [(k, v) for k, v in extra if k not in present]
        return {**message, "headers": headers}  # type: ignore[return-value]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 0
        path: str = scope.get("path", "")
        counted = not path.startswith(UNCOUNTED)
        if counted and self.max_in_flight and self.in_flight >= self.max_in_flight:
            status = 503
            _access(str(scope.get("method", "-")), "(overloaded)", status, 0.0)


            async def secured(message: Message) -> None:
                await send(self._secure(scope, message) if message["type"] == "http.response.start" else message)

            await _overloaded(secured)
            return
        head = scope.get("method") == "HEAD"
        if head:
            scope = cast(Scope, {**scope, "method": "GET"})
        if_none_match = next((v for k, v in scope.get("headers", []) if k == b"if-none-match"), None)
        drop_body = head
        counting = counted

        def done() -> None:
            nonlocal counting
            if counting:
                counting = False
                self.in_flight -= 1

        async def guarded(message: Message) -> None:
            nonlocal status, drop_body
            if message["type"] == "http.response.start":
                status = message["status"]
                if if_none_match is not None and status == 200:
                    etag = next((v for k, v in message.get("headers", []) if k.lower() == b"etag"), None)
                    if etag is not None and _etag_matches(if_none_match, etag):
                        status, drop_body = 304, True
                        message = {**message, "status": 304, "headers": [
                            (k, v) for k, v in message.get("headers", [])
                            if k.lower() not in (b"content-length", b"content-type", b"content-encoding")]}
                message = self._secure(scope, message)
            elif message["type"] == "http.response.body":
                if drop_body:
                    if message.get("more_body", False):
                        return
                    message = {"type": "http.response.body", "body": b"", "more_body": False}
                if not message.get("more_body", False):
                    # the response is complete: the server may start this connection's next
                    # request as soon as it has these bytes, before this call returns
                    done()
            await send(message)

        if counted:
            self.in_flight += 1
        try:
            await self.app(scope, receive, guarded)
        finally:
            done()
            _access(str(scope.get("method", "-")), _path(scope), status, (time.perf_counter() - start) * 1000)


#: per event loop, the access records made during its current turn, handed to the log at its
#: next turn (one list per loop: a loop that stops with records waiting loses only its own)
_pending: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, list[logging.LogRecord]] = (
    weakref.WeakKeyDictionary())


def _access(method: str, path: str, status: int, ms: float) -> None:
    """The access log line: ``log.info`` without its look-up of the caller (a walk up the stack
    each request); the record names this module, as the look-up would.

    The records of the requests finished in one turn of the event loop go to the log together
    at the start of the next turn (:func:`_flush`): the logging queue's thread then wakes once
    for them all instead of once a request — under load each wake-up took the GIL from the loop.
    A record keeps the time it was made; with no running loop it is handed on at once."""
    if not log.isEnabledFor(logging.INFO):
        return
    record = log.makeRecord(log.name, logging.INFO, __file__, 0, "%s %s %s %.1fms",
                            (method, path, status, ms), None, "__call__")
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        log.handle(record)
        return
    records = _pending.get(loop)
    if records is None:
        records = _pending[loop] = []
    if not records:
        loop.call_soon(_flush, records)
    records.append(record)


def flush_access_log() -> None:
    """Hand this event loop's waiting access records to the log now (the app's shutdown)."""
    try:
        records = _pending.get(asyncio.get_running_loop())
    except RuntimeError:
        return
    if records:
        _flush(records)


def _flush(records: list[logging.LogRecord]) -> None:
    batch = records.copy()
    records.clear()
    for record in batch:
        log.handle(record)


class NotAccess(logging.Filter):
    """Lets every record pass but the access log's (for a handler that another one writes them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.name != log.name


class _SecondsFormatter(logging.Formatter):
    """A ``logging.Formatter`` whose default time (``2026-11-25 21:56:15,388``) is formatted
    once a second: ``time.strftime`` of the second, then each record's milliseconds, as
    ``Formatter.formatTime`` does for every record (the converter gives the same time for
    every instant of one second)."""

    _second: tuple[int, str] = (-1, "")

    @classmethod
    def like(cls, fmt: logging.Formatter) -> _SecondsFormatter:
        new = cls.__new__(cls)
        new.__dict__.update(fmt.__dict__)
        return new

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        if datefmt:
            return super().formatTime(record, datefmt)
        second = int(record.created)
        cached = self._second
        if cached[0] != second or second < 0:
            cached = self._second = (second, time.strftime(self.default_time_format, self.converter(record.created)))
        if self.default_msec_format:
            return self.default_msec_format % (cached[1], record.msecs)
        return cached[1]


class AccessLogHandler(logging.Handler):
    """The access log's own handler: the lines waiting are written together, by a thread.

    Each access record used to go through the app's queue handler one at a time: formatted and
    copied on the event loop, put on a queue, then written and flushed by the queue's thread,
    one write and one flush a request — under load that thread took the GIL from the loop for
    every line (about a fifth of a small request's throughput). Here a record is only appended
    to a list on the loop; a thread of the handler's own takes every record waiting, formats
    each with the handler's formatter and writes them with one ``write`` and one ``flush``.
    The lines are those a ``StreamHandler`` with the same formatter writes (each followed by
    its terminator), in the same order. :meth:`flush` (``logging.shutdown`` calls it at exit)
    writes what is waiting at once. The records are the same records, through the same logger:
    a handler a deployment adds to ``mingbai.access`` sees each one, as before."""

    terminator = "\n"

    def __init__(self, stream: Any = None) -> None:
        super().__init__()
        self.stream = stream if stream is not None else sys.stderr
        self._waiting: list[logging.LogRecord] = []
        self._wake = threading.Condition(threading.Lock())
        self._writer: threading.Thread | None = None
        self._busy = False  # the thread is writing a batch

    def setFormatter(self, fmt: logging.Formatter | None) -> None:
        if type(fmt) is logging.Formatter:  # the same formatter, its time formatted once a second
            fmt = _SecondsFormatter.like(fmt)
        super().setFormatter(fmt)

    def emit(self, record: logging.LogRecord) -> None:
        with self._wake:
            self._waiting.append(record)
            if self._writer is None or not self._writer.is_alive():  # started on first use (not before a fork)
                self._writer = threading.Thread(target=self._run, name="mingbai-access-log", daemon=True)
                self._writer.start()
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._waiting:
                    self._wake.wait()
                batch, self._waiting = self._waiting, []
                self._busy = True
            try:
                self._write(batch)
            finally:
                with self._wake:
                    self._busy = False
                    self._wake.notify_all()

    def _write(self, batch: list[logging.LogRecord]) -> None:
        lines = []
        for record in batch:
            try:
                lines.append(self.format(record) + self.terminator)
            except Exception:  # noqa: BLE001 - as StreamHandler.emit: report it and go on
                self.handleError(record)
        if not lines:
            return
        try:
            self.stream.write("".join(lines))
            self.stream.flush()
        except Exception:  # noqa: BLE001 - as StreamHandler.emit
            self.handleError(batch[-1])

    def flush(self) -> None:
        """Write what is waiting now, after the lines the thread is writing (at exit: none lost)."""
        with self._wake:
            deadline = time.monotonic() + 5.0
            while self._busy and time.monotonic() < deadline:
                self._wake.wait(0.1)
            batch, self._waiting = self._waiting, []
        if batch:
            self._write(batch)


def _path(scope: Scope) -> str:
    # the route template (/api/v1/policies/{policy_id}) rather than the concrete path
    template = scope.get("path_template")
    if template:
        return str(template)
    return "(no route)"  # an unmatched path is whatever the client sent: not logged


# -- compression of large bodies off the event loop ---------------------------------------------------

#: bodies at least this large are compressed in a worker thread (zlib and brotli release the GIL)
OFFLOAD_BYTES = 32 * 1024


class OffloadingCompression(CompressionMiddleware):
    """Litestar's compression, but a large body is compressed in a worker thread.

    An explanation of a long year is megabytes of JSON; compressing it on the event loop would
    stall every other request on this worker (``/healthz`` included) for tens of milliseconds.
    Small bodies and streamed ones (static files) go through Litestar's own code unchanged.
    """

    def create_compression_send_wrapper(self, send: Send, compression_encoding: Any, scope: Scope) -> Send:
        inner = super().create_compression_send_wrapper(send, compression_encoding, scope)
        start: Message | None = None
        delegated = False

        def compress(body: bytes) -> bytes:
            buffer = BytesIO()
            facade: Any
            if compression_encoding == CompressionEncoding.GZIP:
                facade = GzipCompression(buffer=buffer, compression_encoding=compression_encoding, config=self.config)
            else:
                facade = self.config.compression_facade(buffer=buffer, compression_encoding=compression_encoding,
                                                        config=self.config)
            facade.write(body)
            facade.close()
            return buffer.getvalue()

        async def wrapper(message: Message) -> None:
            nonlocal start, delegated
            if delegated:
                await inner(message)
                return
            if message["type"] == "http.response.start":
                start = message
                return
            if (start is not None and message["type"] == "http.response.body" and not message.get("more_body")
                    and len(message.get("body", b"")) >= OFFLOAD_BYTES
                    and not value_or_default(ScopeState.from_scope(scope).is_cached, False)):
                body = await to_thread.run_sync(compress, message["body"])
                headers = MutableScopeHeaders(start)  # type: ignore[arg-type]
                headers["Content-Encoding"] = compression_encoding
                headers["Content-Length"] = str(len(body))
                headers.extend_header_value("vary", "Accept-Encoding")
                ScopeState.from_scope(scope).response_compressed = True
                await send(start)
                await send({**message, "body": body})
                return
            delegated = True
            if start is not None:
                await inner(start)
            await inner(message)

        return wrapper
