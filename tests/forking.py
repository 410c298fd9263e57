"""Helpers for tests of work done in forked children."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from briefer.render import RENDERERS


def reaped(pid: int) -> bool:
    """True when `pid` was already waited for (no zombie left behind)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@contextmanager
def dying_in_child(fmt: str) -> Iterator[None]:
    """Swap `fmt`'s renderer for one that kills any process but this one (exit status 3)."""
    parent = os.getpid()
    entry = RENDERERS.entry(fmt)
    original = RENDERERS.get(fmt)

    def dying(*args: object) -> bytes:
        if os.getpid() != parent:
            os._exit(3)
        return original(*args)  # type: ignore[arg-type]

    RENDERERS.register(fmt, dying, f"{entry.description} (dies in a child)")
    try:
        yield
    finally:
        RENDERERS.register(fmt, entry.target, entry.description)
