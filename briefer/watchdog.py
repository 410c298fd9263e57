"""Waiting with a deadline for work that may never end: run it in a thread we can abandon.

Python cannot stop a thread, but it can stop waiting for one. A read stuck in a C parser
(pypdf on 100,000 text operators, lxml on a huge page) or on a socket that trickles a byte every
few seconds keeps its daemon thread busy; the run goes on (or stops cleanly at its time limit)
and the process exits without it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["call_with_deadline"]

T = TypeVar("T")


def call_with_deadline(
    work: Callable[[], T],
    seconds: float | None,
    on_timeout: Callable[[], BaseException],
    name: str = "briefer-watchdog",
) -> T:
    """`work()`'s result, or raise `on_timeout()` once `seconds` pass (None: no limit).

    The work runs in a daemon thread; after a time-out its result (or error) is dropped.
    Exceptions from `work` are re-raised in the caller. Signals (SIGTERM, Ctrl-C) still reach
    the caller while it waits.
    """
    if seconds is None:
        return work()
    if seconds <= 0:
        raise on_timeout()
    outcome: list[tuple[bool, object]] = []
    done = threading.Event()

    def target() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as exc:  # handed to the caller, whatever it is
            outcome.append((False, exc))
        finally:
            done.set()

    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    if not done.wait(seconds):
        raise on_timeout()
    ok, value = outcome[0]
    if ok:
        return value  # type: ignore[return-value]
    assert isinstance(value, BaseException)
    raise value
