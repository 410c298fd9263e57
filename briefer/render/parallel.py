"""Render a brief's formats on two cores: a forked child renders some, this process the rest.

Formats are independent given the brief and its view, and most of a small brief's rendering time
is one-off start-up (importing reportlab, parsing the fonts; importing python-docx, opening the
template), so the two halves overlap almost perfectly. The child only returns bytes: files are
still written by the caller, all or nothing. Whenever forking is not clearly safe (not Linux, one
usable core, other threads running) the formats are rendered one after another, with the same
bytes.
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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..models import Brief
    from . import RenderOptions
    from .prestart import Prestarted
    from .view import DocumentView

log = logging.getLogger("briefer")

Rendered = list[tuple[str, bytes]]


def can_fork() -> bool:
    """Forking is safe and worth it: Linux, two usable cores, no other thread that holds locks."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if threading.active_count() != 1 or threading.current_thread() is not threading.main_thread():
        return False
    return len(os.sched_getaffinity(0)) >= 2


def split(fmts: Sequence[str]) -> tuple[list[str], list[str]]:
    """(formats rendered here, formats for the child): the PDF, the costliest, stays here."""
    here = "pdf" if "pdf" in fmts else fmts[0]
    return [here], [fmt for fmt in fmts if fmt != here]


def render_formats(
    brief: Brief,
    fmts: Sequence[str],
    options: RenderOptions | None,
    view: DocumentView,
    progress: Callable[[int, int], None] | None = None,
    parallel: bool | None = None,
    worker: Prestarted | None = None,
) -> Rendered:
    """Every format's bytes in the order of `fmts` (`parallel` None: fork when can_fork()).

    A `worker` forked earlier (prestart.py) renders its formats; this process renders the rest.
    """
    from . import render_bytes

    def one(fmt: str) -> bytes:
        return render_bytes(brief, fmt, options, view)

    done: Rendered = []

    def record(fmt: str, data: bytes) -> None:
        done.append((fmt, data))
        if progress is not None:
            progress(len(done), len(fmts))

    if worker is not None and parallel is not False:
        there = [fmt for fmt in fmts if fmt in worker.fmts]
        sent = worker.send(brief, options, view)
        for fmt in fmts:
            if fmt not in there:
                record(fmt, one(fmt))
        theirs = worker.result() if sent else None
        return _finish(fmts, done, there, theirs, one, record)
    use_fork = len(fmts) > 1 and (can_fork() if parallel is None else parallel)
    if not use_fork:
        for fmt in fmts:
            record(fmt, one(fmt))
        return done
    here, there = split(fmts)
    child = _Child(lambda: [(fmt, one(fmt)) for fmt in there])
    try:
        for fmt in here:
            record(fmt, one(fmt))
        theirs = child.result()
    finally:
        child.reap()
    return _finish(fmts, done, there, theirs, one, record)


def _finish(
    fmts: Sequence[str],
    done: Rendered,
    there: Sequence[str],
    theirs: Rendered | None,
    one: Callable[[str], bytes],
    record: Callable[[str, bytes], None],
) -> Rendered:
    """Add the child's formats (rendered here when it failed) and restore the order of `fmts`."""
    if theirs is None:  # the child failed: render its formats here, so its error is raised here
        theirs = [(fmt, one(fmt)) for fmt in there]
    for fmt, data in theirs:
        if fmt in there:
            record(fmt, data)
    order = {fmt: i for i, fmt in enumerate(fmts)}
    return sorted(done, key=lambda item: order[item[0]])


class _Child:
    """A forked process running `work`; its pickled result comes back through a pipe."""

    def __init__(self, work: Callable[[], Rendered]) -> None:
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never return into the caller's stack
            status = 1
            try:
                os.close(read)
                with captured_logs() as records:
                    rendered = work()
                with os.fdopen(write, "wb") as out:
                    out.write(pickle.dumps((rendered, records), protocol=pickle.HIGHEST_PROTOCOL))
                status = 0
            except BaseException:  # reported by the parent, which renders these formats itself
                log.debug("render child failed", exc_info=True)
            finally:
                os._exit(status)
        os.close(write)
        self.pipe = os.fdopen(read, "rb")
        self.status: int | None = None

    def result(self) -> Rendered | None:
        """The child's formats, or None when it failed."""
        data = self.pipe.read()  # before waiting: a full pipe would block the child
        self.pipe.close()
        _, status = os.waitpid(self.pid, 0)  # end of pipe: the child is exiting
        self.status = os.waitstatus_to_exitcode(status)
        if self.status != 0 or not data:
            log.debug("render child exited with status %s; rendering its formats here", self.status)
            return None
        rendered: Rendered
        records: list[dict[str, Any]]
        rendered, records = pickle.loads(data)
        replay_logs(records)
        return rendered

    def reap(self) -> None:
        """Stop and wait for a child whose result was never read (the caller is unwinding)."""
        if self.status is not None:
            return
        self.pipe.close()
        os.kill(self.pid, signal.SIGTERM)
        _, status = os.waitpid(self.pid, 0)
        self.status = os.waitstatus_to_exitcode(status)


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
