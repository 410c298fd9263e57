"""Termination signals as SystemExit, so every run tidies up the way an exception does."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def sigterm_as_exit() -> Iterator[None]:
    """SIGTERM and SIGHUP as SystemExit: temporary files, the lock and the history are tidied."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    # SIGHUP (the terminal or ssh session went away) ends a run as cleanly as SIGTERM (exit 129).
    signals = (signal.SIGTERM, signal.SIGHUP)
    previous = {signum: signal.signal(signum, stop) for signum in signals}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
