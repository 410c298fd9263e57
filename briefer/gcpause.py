"""The cyclic garbage collector paused for the length of one brief."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause cyclic collection, then restore whatever state the caller had.

    A brief allocates millions of small containers (sentences, terms, tuples) that all live until
    it is written, so every young-generation pass walks objects that are never garbage: pausing
    saved 20% at 3,000 articles (8.6 s to 6.9 s) with the same peak memory, because the pipeline
    makes almost no reference cycles. Reference counting still frees everything else at once.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
