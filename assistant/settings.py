"""Deployment settings, read from ``MINGBAI_…`` environment variables.

=========================  ==============================  ============================================
variable                   default                         meaning
=========================  ==============================  ============================================
``MINGBAI_HOST``           ``127.0.0.1``                   address ``mingbai serve`` listens on
``MINGBAI_PORT``           ``8000``                        port
``MINGBAI_POLICY_DIRS``    (none)                          extra rule-pack directories (read by
                                                           :mod:`calculator.packs`; ``os.pathsep``)
``MINGBAI_FRAME_ANCESTORS`` ``'self'``                     who may frame ``/embed/…`` and the chat at
                                                           ``/`` (the widget's iframe): CSP
                                                           ``frame-ancestors`` sources, space-separated
``MINGBAI_CORS_ORIGINS``   (none)                          origins allowed to call ``/api/v1`` from a
                                                           browser, comma-separated (``*`` for any)
``MINGBAI_RATE_LIMIT``     ``120``                         requests per minute per client; ``0`` = off
``MINGBAI_MAX_BODY``       ``1048576``                     largest request body in bytes (else 413)
``MINGBAI_MAX_IN_FLIGHT``  ``16``                          requests one worker handles at once; more
                                                           → 503 with ``Retry-After`` (0 = no limit)
``MINGBAI_CLIENT_HEADER``  (none)                          header naming the client for the rate limit,
                                                           set by a trusted proxy (``X-Forwarded-For``:
                                                           its right-most address); else the peer
``MINGBAI_KIOSK_KEYS``     (none)                          comma-separated keys; a request sending one
                                                           as ``X-Kiosk-Key`` is limited per kiosk
``MINGBAI_WORKERS``        the CPU count                   server processes (``mingbai serve --workers``)
``MINGBAI_REDIS_URL``      (none)                          shared store (rate limit, chat sessions)
                                                           when there is more than one worker or host
``MINGBAI_DATA_DIR``       ``~/.local/state/mingbai``      where the file store keeps chat sessions
                                                           (``<dir>/sessions``, owner-only)
``MINGBAI_SESSION_STORE``  ``file`` (``redis`` when         chat sessions: ``file``, ``redis`` or
                           ``MINGBAI_REDIS_URL`` is set)   ``memory`` (lost on restart; tests)
=========================  ==============================  ============================================

A bad value stops start-up with a Chinese message naming the variable (:class:`SettingsError`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

import msgspec

__all__ = ["SESSION_STORES", "Settings", "SettingsError", "default_workers"]


def default_workers() -> int:
    """One server process per CPU this process may run on."""
    try:
        return max(1, min(64, len(os.sched_getaffinity(0))))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, min(64, os.cpu_count() or 1))

_DEFAULT_MAX_BODY = 1024 * 1024
# A CSP source expression: a keyword ('self', 'none'), a scheme (https:), or a host source
# (scheme://host:port with * wildcards). Anything with ; , or quotes elsewhere is refused.
_SOURCE = re.compile(
    r"^(?:'self'|'none'|\*|[a-z][a-z0-9+.-]*:|"
    r"(?:[a-z][a-z0-9+.-]*://)?(?:\*\.)?[a-z0-9.-]+(?::(?:\d{1,5}|\*))?(?:/[^\s;,']*)?)$",
    re.IGNORECASE,
)
SESSION_STORES = ("file", "memory", "redis")
DEFAULT_DATA_DIR = "~/.local/state/mingbai"
_ORIGIN = re.compile(r"^(?:\*|[a-z][a-z0-9+.-]*://[a-z0-9.-]+(?::\d{1,5})?)$", re.IGNORECASE)


class SettingsError(ValueError):
    """A ``MINGBAI_…`` variable has a value that cannot be used (message in Chinese)."""


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    host: str = "127.0.0.1"
    port: int = 8000
    policy_dirs: tuple[str, ...] = ()
    frame_ancestors: tuple[str, ...] = ("'self'",)
    cors_origins: tuple[str, ...] = ()
    rate_limit: int = 120
    max_body: int = _DEFAULT_MAX_BODY
    max_in_flight: int = 16
    #: a header a trusted proxy sets that names the client (rate limit key)
    client_header: str | None = None
    #: kiosk keys (``X-Kiosk-Key``): each kiosk gets its own rate limit
    kiosk_keys: tuple[str, ...] = ()
    workers: int = 1
    redis_url: str | None = None
    #: chat sessions' file store lives in ``<data_dir>/sessions``; None: ``~/.local/state/mingbai``
    data_dir: str | None = None
    #: ``file``, ``memory`` or ``redis``; None: ``redis`` when ``redis_url`` is set, else ``file``
    session_store: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read every ``MINGBAI_…`` variable; raise :class:`SettingsError` on a bad value."""
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get(f"MINGBAI_{name}")
            return value.strip() if value is not None and value.strip() else None

        def integer(name: str, default: int, low: int, high: int, what: str) -> int:
            raw = get(name)
            if raw is None:
                return default
            try:
                value = int(raw)
            except ValueError:
                raise SettingsError(f"环境变量 MINGBAI_{name}（{what}）应为整数，现在是“{raw}”。") from None
            if not low <= value <= high:
                raise SettingsError(
                    f"环境变量 MINGBAI_{name}（{what}）应在 {low} 到 {high} 之间，现在是 {value}。")
            return value

        ancestors = tuple((get("FRAME_ANCESTORS") or "'self'").split())
        for source in ancestors:
            if not _SOURCE.match(source):
                raise SettingsError(
                    f"环境变量 MINGBAI_FRAME_ANCESTORS（允许嵌入自助机页面的来源）中的“{source}”不是有效的"
                    "CSP 来源；应为 'self'、'none' 或 https://kiosk.example.org 这样的地址，用空格分隔。")
        if "'none'" in ancestors and len(ancestors) > 1:
            raise SettingsError("环境变量 MINGBAI_FRAME_ANCESTORS 中 'none' 不能与其他来源同时出现。")
        origins = tuple(o.strip().rstrip("/") for o in (get("CORS_ORIGINS") or "").split(",") if o.strip())
        for origin in origins:
            if not _ORIGIN.match(origin):
                raise SettingsError(
                    f"环境变量 MINGBAI_CORS_ORIGINS（允许跨域调用接口的来源）中的“{origin}”不是有效的来源；"
                    "应为 https://app.example.org 这样的地址（不带路径），用英文逗号分隔，或 *。")
        redis_url = get("REDIS_URL")
        if redis_url is not None and not re.match(r"^(?:rediss?|unix)://", redis_url):
            raise SettingsError("环境变量 MINGBAI_REDIS_URL 应以 redis://、rediss:// 或 unix:// 开头。")
        policy_dirs = tuple(p for p in (get("POLICY_DIRS") or "").split(os.pathsep) if p.strip())
        session_store = get("SESSION_STORE")
        if session_store is not None:
            session_store = session_store.lower()
            if session_store not in SESSION_STORES:
                raise SettingsError(f"环境变量 MINGBAI_SESSION_STORE（聊天会话存放位置）应为 file、redis 或 memory，"
                                    f"现在是“{session_store}”。")
            if session_store == "redis" and redis_url is None:
                raise SettingsError("环境变量 MINGBAI_SESSION_STORE 为 redis 时，还要设置 MINGBAI_REDIS_URL。")
        client_header = get("CLIENT_HEADER")
        if client_header is not None and not re.match(r"^[A-Za-z0-9-]{1,64}$", client_header):
            raise SettingsError(f"环境变量 MINGBAI_CLIENT_HEADER（标识客户端的请求头）应为请求头名称，"
                                f"如 X-Forwarded-For，现在是“{client_header[:40]}”。")
        kiosk_keys = tuple(k.strip() for k in (get("KIOSK_KEYS") or "").split(",") if k.strip())
        for key in kiosk_keys:
            if len(key) < 16 or not re.match(r"^[\x21-\x7e]+$", key):
                raise SettingsError("环境变量 MINGBAI_KIOSK_KEYS（自助机密钥）中每个密钥应至少 16 个字符，"
                                    "只用可见的 ASCII 字符，用英文逗号分隔。")
        return cls(
            host=get("HOST") or "127.0.0.1",
            port=integer("PORT", 8000, 1, 65535, "端口"),
            policy_dirs=policy_dirs,
            frame_ancestors=ancestors,
            cors_origins=origins,
            rate_limit=integer("RATE_LIMIT", 120, 0, 1_000_000, "每个客户端每分钟请求数，0 表示不限"),
            max_body=integer("MAX_BODY", _DEFAULT_MAX_BODY, 1024, 100 * 1024 * 1024, "请求体最大字节数"),
            max_in_flight=integer("MAX_IN_FLIGHT", 16, 0, 100_000, "每个工作进程同时处理的请求数，0 表示不限"),
            client_header=client_header,
            kiosk_keys=kiosk_keys,
            workers=integer("WORKERS", default_workers(), 1, 64, "工作进程数"),
            redis_url=redis_url,
            data_dir=get("DATA_DIR"),
            session_store=session_store,
        )

    @property
    def frame_ancestors_csp(self) -> str:
        return " ".join(self.frame_ancestors)

    @property
    def sessions_dir(self) -> Path:
        """The file store's directory for chat sessions."""
        return Path(os.path.expanduser(self.data_dir or DEFAULT_DATA_DIR)) / "sessions"
