"""CPU work off the event loop, a few threads at a time.

A calculation, an explanation, a budget or a chat turn is pure Python: in a worker thread it
leaves the event loop free, but it still needs the GIL. With many such threads at once the event
loop waits behind all of them for its turn at the GIL, and ``/healthz`` slows down with every
heavy request in flight, while the work itself goes no faster (one process computes on one core).
So CPU work runs in the thread pool through :func:`run_cpu`, at most :data:`CPU_THREADS` at a
time per worker process; the rest wait (bounded by ``MINGBAI_MAX_IN_FLIGHT``). File and network
I/O (the file store) keep anyio's own limiter and never queue behind a calculation. Parallelism
comes from several worker processes (``mingbai serve --workers``).

Measured with ``benchmarks/bench_soak.py`` (two workers, six clients sending only the largest
requests allowed, a shared and busy machine): ``/healthz`` p99 was 524 ms with two CPU threads a
worker and 89 ms with one, for the same heavy throughput.

**Small work runs inline.** Handing a call to the thread costs two thread switches and a wake-up
of the loop (about 100–400 µs on a busy machine, and the loop then competes with the thread for
the GIL): more than a one-visit calculation (about 40 µs) or explanation takes. A caller that can
bound its work beforehand passes ``estimate`` (µs on a quiet machine, from the request's size);
at most :data:`INLINE_MICROSECONDS` runs on the event loop at once. The loop is then held for no
longer than that per request, so ``/healthz`` answers within a few of them even when every
connection sends small work, while large requests still go to the thread and leave it free.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from typing import TypeVar

from anyio import CapacityLimiter, to_thread

__all__ = ["CPU_THREADS", "INLINE_MICROSECONDS", "run_cpu"]

#: CPU-bound calls running at once in one worker process (one: the GIL runs one at a time anyway,
#: and the event loop then waits behind one thread, not several)
CPU_THREADS = 1
#: work estimated at most this long (µs, quiet machine) runs on the event loop, not in the thread
INLINE_MICROSECONDS = 300
T = TypeVar("T")
_limiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, CapacityLimiter] = weakref.WeakKeyDictionary()


def _limiter() -> CapacityLimiter:
    loop = asyncio.get_running_loop()
    limiter = _limiters.get(loop)
    if limiter is None:
        limiter = _limiters[loop] = CapacityLimiter(CPU_THREADS)
    return limiter


async def run_cpu(fn: Callable[..., T], *args: object, estimate: float | None = None) -> T:
    """``fn(*args)`` in a worker thread, at most :data:`CPU_THREADS` at a time in this process;
    on the event loop itself when ``estimate`` (µs) is at most :data:`INLINE_MICROSECONDS`."""
    if estimate is not None and estimate <= INLINE_MICROSECONDS:
        return fn(*args)
    return await to_thread.run_sync(fn, *args, limiter=_limiter())
