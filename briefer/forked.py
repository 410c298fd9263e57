"""Independent work on the second core: a forked child computes, its pickled result comes back.

A fork copies what is already in memory for free, so work over data this process holds (the
formats of a brief, the quotes of every source) needs no input sent, only its result pickled
back through a pipe with the log records the child made. A child that
fails or dies gives None and the caller does the work itself, so every error is raised where it
would have been without the child. Forking happens only when it is clearly safe (Linux, two
usable cores, no other thread that could hold a lock); otherwise everything runs here, with the
same results.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, BinaryIO, Generic, NoReturn, TypeVar, cast

log = logging.getLogger("briefer")

T = TypeVar("T")

# Below this many sources, the work a brief could hand a child costs less than forking for it.
MIN_FORKED_SOURCES = 64


def can_fork() -> bool:
    """Forking is safe and worth it: Linux, two usable cores, no other thread that holds locks."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if threading.active_count() != 1 or threading.current_thread() is not threading.main_thread():
        return False
    return len(os.sched_getaffinity(0)) >= 2


class Forked(Generic[T]):
    """A forked process running `work`; its pickled result comes back through a pipe."""

    def __init__(self, work: Callable[[], T]) -> None:
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns into the caller's stack
            os.close(read)
            run_child(write, work)
        os.close(write)
        self.pipe = os.fdopen(read, "rb")
        self.status: int | None = None

    def result(self) -> T | None:
        """The child's result (its log records replayed here), or None when it failed."""
        self.status, value = collect(self.pipe, self.pid)
        return cast("T | None", value)

    def reap(self) -> None:
        """Stop and wait for a child whose result was never read (the caller is unwinding)."""
        if self.status is None:
            self.pipe.close()
            self.status = stop(self.pid)


def run_child(out: int, work: Callable[[], object]) -> NoReturn:
    """In a freshly forked child: run `work`, send its result and log records back through the
    pipe `out`, and exit with 0, or with 1 when anything failed (the parent then does the work)."""
    status = 1
    try:
        with captured_logs() as records:
            value = work()
        with os.fdopen(out, "wb") as pipe:
            pipe.write(pickle.dumps((value, records), protocol=pickle.HIGHEST_PROTOCOL))
        status = 0
    except BaseException:  # reported by the parent, which does the work itself
        log.debug("forked child failed", exc_info=True)
    finally:
        os._exit(status)


def collect(pipe: BinaryIO, pid: int) -> tuple[int, Any]:
    """Read what `run_child` sent to the end, reap the child and replay its log records here:
    (its exit code, its result or None when it failed)."""
    data = pipe.read()  # before waiting: a full pipe would block the child
    pipe.close()
    _, status = os.waitpid(pid, 0)  # end of pipe: the child is exiting
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or not data:
        log.debug("forked child exited with status %s; working here instead", code)
        return code, None
    value, records = pickle.loads(data)
    replay_logs(records)
    return code, value


def stop(pid: int) -> int:
    """SIGTERM a child whose result will not be read and reap it; its exit code."""
    os.kill(pid, signal.SIGTERM)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@contextmanager
def aside(work: Callable[[], T], fork: bool | None = None) -> Iterator[Callable[[], T]]:
    """Start `work` in a child now (`fork` None: when can_fork()); yield a function that gives
    its result, computed here when the child failed or none was forked. Leaving the block
    stops a child whose result was not asked for."""
    child = Forked(work) if (can_fork() if fork is None else fork) else None
    done: list[T] = []

    def value() -> T:
        if not done:
            got = child.result() if child is not None else None
            done.append(work() if got is None else got)
        return done[0]

    try:
        yield value
    finally:
        if child is not None:
            child.reap()


@contextmanager
def captured_logs() -> Iterator[list[dict[str, Any]]]:
    """In a child: keep briefer's log records for the parent instead of printing them here."""
    records: list[dict[str, Any]] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            kept = dict(record.__dict__, msg=record.getMessage(), args=None)
            kept.update(exc_info=None, exc_text=None)  # a traceback object does not pickle
            records.append(kept)

    handlers, propagate = log.handlers[:], log.propagate
    log.handlers[:] = [Keep()]
    log.propagate = False
    try:
        yield records
    finally:
        log.handlers[:] = handlers
        log.propagate = propagate


def replay_logs(records: Sequence[dict[str, Any]]) -> None:
    """Emit a child's log records here, through this process's handlers, in their order."""
    for kept in records:
        logging.getLogger(kept["name"]).handle(logging.makeLogRecord(kept))
