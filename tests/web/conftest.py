from __future__ import annotations

import contextlib
import copy
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from assistant.settings import Settings
from assistant.web.app import create_app

#: CONTRACT.md's example: 平凉在职，三级甲等，800 甲类 + 200 乙类药品 + 50 自费，账户 300.
REQUEST: dict[str, Any] = {
    "policy": "pingliang-employee",
    "insured": {"category": "employee", "retired_on": None, "resident": None},
    "year_start": {"deductible_used": "0", "fund_paid": "0"},
    "account_balance": "300.00",
    "parameters": None,
    "visits": [{
        "date": "2026-05-10",
        "provider": {"kind": "hospital", "level": 3, "grade": "A", "designated": True},
        "items": [
            {"category": "in_scope", "amount": "800.00"},
            {"category": "class_b_drug", "amount": "200.00"},
            {"category": "self_pay", "amount": "50.00"},
        ],
    }],
}


def request_body(**changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(REQUEST)
    body.update(changes)
    return body


@pytest.fixture(scope="session", autouse=True)
def _private_home(tmp_path_factory) -> Iterator[None]:
    """Apps built with default settings keep chat sessions in ~/.local/state/mingbai: a throwaway
    home for the test run (also for ``mingbai serve`` subprocesses), never the real one."""
    old = os.environ.get("HOME")
    os.environ["HOME"] = str(tmp_path_factory.mktemp("home"))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = old


@pytest.fixture(scope="session")
def app() -> Litestar:
    return create_app(Settings(rate_limit=0), session_store="memory")


@pytest.fixture()
def client(app: Litestar) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


MINGBAI = Path(sys.executable).with_name("mingbai")
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


@contextlib.contextmanager
def redis_server(tmp_path: Path) -> Iterator[str]:
    """A real redis-server on a free loopback port, nothing persisted; yields its URL."""
    if not os.path.exists(REDIS_SERVER):
        pytest.skip("redis-server is not installed (apt-get install -y redis-server)")
    port = free_port()
    proc = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail("redis-server did not start")
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextlib.contextmanager
def running_server(**env: str) -> Iterator[str]:
    """``mingbai serve`` on a free loopback port, as a user would start it; yields the base URL."""
    port = free_port()
    environ = {**os.environ, "MINGBAI_RATE_LIMIT": "0", **env}
    command = [str(MINGBAI), "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(command, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
                raise AssertionError(f"mingbai serve exited with {proc.returncode}:\n{out}")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("mingbai serve did not answer /healthz within 30 s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
