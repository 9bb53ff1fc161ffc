"""Batch settlement: JSON Lines of requests (one insured year a line) → JSON Lines of results.

Every line is decoded, validated and settled by the same functions as a single request
(:func:`calculator.request.decode_request`, :func:`calculator.engine.settle`); only the trace is
left out unless asked for (``trace``), so the figures are the ones :func:`calculator.calculate`
gives. A line that cannot be settled becomes ``{"line": n, "error": {"code", "message", "path",
…}}`` — the CONTRACT's error shape — and the batch goes on. Output lines come in input order.

Work is spread over processes in chunks, with at most a few chunks in flight per worker, so memory
stays bounded however long the input is.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

import msgspec

from .engine import settle
from .errors import CalculatorError, FieldError, InvalidRequest
from .registry import Registry, default_registry, use_registry
from .request import decode_request

__all__ = ["CHUNK", "settle_line", "settle_lines"]

#: lines handed to a worker at a time
CHUNK = 200
_ENCODER = msgspec.json.Encoder(decimal_format="string")


def settle_line(line: bytes, number: int, trace: bool = False, registry: Registry | None = None) -> bytes:
    """One request line → one result line (JSON, no newline), or its error line."""
    try:
        if not line.strip():
            raise InvalidRequest.of([FieldError(path="", code="empty_input", message="这一行是空的：每行应为一个计算请求（JSON）。")])
        req = decode_request(line)
        reg = registry or default_registry()
        pack = reg.get(req.policy)
        return _ENCODER.encode(settle(req, pack, trace=trace, supplements=reg.supplements(req.policy)))
    except CalculatorError as exc:
        return _ENCODER.encode({"line": number, "error": exc.to_dict()})
    except RecursionError:  # a pathologically nested line: still one error line, never a crash
        err = FieldError(path="", code="invalid_json", message="请求不是有效的 JSON，请检查括号、引号和逗号。")
        return _ENCODER.encode({"line": number, "error": InvalidRequest.of([err]).to_dict()})


def _settle_chunk(args: tuple[int, list[bytes], bool]) -> list[bytes]:
    start, lines, trace = args
    return [settle_line(line, start + i, trace) for i, line in enumerate(lines)]


def _chunks(lines: Iterable[bytes], trace: bool, size: int) -> Iterator[tuple[int, list[bytes], bool]]:
    chunk: list[bytes] = []
    start = 1
    for n, line in enumerate(lines, 1):
        if not chunk:
            start = n
        chunk.append(line)
        if len(chunk) >= size:
            yield start, chunk, trace
            chunk = []
    if chunk:
        yield start, chunk, trace


def _init_worker(dirs: tuple[str, ...] | None) -> None:  # pragma: no cover - runs in the workers
    if dirs is not None:
        # a spawned worker: use the parent's directories, not whatever its environment says
        use_registry(Registry([d for d in dirs[1:]])).__enter__()


def settle_lines(lines: Iterable[bytes], workers: int = 1, trace: bool = False, chunk: int = CHUNK,
                 registry: Registry | None = None) -> Iterator[bytes]:
    """Settle request lines in order; ``workers`` > 1 spreads chunks over that many processes."""
    reg = registry or default_registry()
    reg.packs()  # load (and check) every pack once, before any worker forks
    if workers <= 1:
        for n, line in enumerate(lines, 1):
            yield settle_line(line, n, trace, reg)
        return
    ctx: Any = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    dirs = None if ctx.get_start_method() == "fork" else tuple(str(d) for d in reg.dirs)
    with use_registry(reg), ctx.Pool(workers, initializer=_init_worker, initargs=(dirs,)) as pool:
        pending: deque[Any] = deque()
        limit = workers * 3
        for job in _chunks(lines, trace, chunk):
            pending.append(pool.apply_async(_settle_chunk, (job,)))
            while len(pending) >= limit:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
