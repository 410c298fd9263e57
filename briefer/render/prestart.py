"""PDF and DOCX renderers forked before the brief exists: their start-up overlaps the analysis.

Importing reportlab and parsing the four DejaVu faces takes about 0.13 s, python-docx another
0.05 s: a third of a one-article brief. A child forked when a run starts does that on the second
core while this process reads and analyses the sources; it is then sent the finished brief
(pickled through a pipe: 2 MB and 20 ms at 1,000 articles), renders the PDF (and, in a process
of its own, the DOCX: parallel.py) and sends the bytes back with the log records it made. This
process renders the other formats meanwhile. The child is only a speed-up: if it dies, or
forking is not safe, its formats are rendered here with the same bytes, and a run that fails
before rendering stops the child with it.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from ..forked import can_fork, collect, run_child, stop
from .parallel import Rendered, render_formats

if TYPE_CHECKING:
    from ..models import Brief
    from . import RenderOptions
    from .view import DocumentView

log = logging.getLogger("briefer")

PRESTARTED = ("pdf", "docx")  # the formats whose start-up is worth hiding


def prestart(fmts: Sequence[str]) -> Prestarted | None:
    """A warm renderer for the requested PDF and DOCX, or None (neither asked for, or forking
    unsafe)."""
    mine = tuple(fmt for fmt in PRESTARTED if fmt in fmts)
    if not mine or not can_fork():
        return None
    return Prestarted(mine)


def _warm(fmts: Sequence[str]) -> None:
    """Import what the renderers need and run their `warm()` (failures surface when rendering)."""
    from . import RENDERERS

    for fmt in fmts:
        try:
            warm = getattr(sys.modules[RENDERERS.get(fmt).__module__], "warm", None)
            if warm is not None:
                warm()
        except Exception:  # the render itself raises the real error, here or in the parent
            log.debug("warming the %s renderer failed", fmt, exc_info=True)


class Prestarted:
    """The forked child: warm now, render `fmts` of the brief `send` gives it, bytes back."""

    def __init__(self, fmts: tuple[str, ...]) -> None:
        self.fmts = fmts
        job_read, job_write = os.pipe()
        out_read, out_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns into the caller's stack
            os.close(job_write)
            os.close(out_read)
            run_child(out_write, lambda: self._render(job_read))
        os.close(job_read)
        os.close(out_write)
        self.job = os.fdopen(job_write, "wb")
        self.out = os.fdopen(out_read, "rb")
        self.status: int | None = None

    def _render(self, job_read: int) -> Rendered | None:
        """In the child: warm up, wait for the brief, render it (None: the run ended first)."""
        _warm(self.fmts)
        with os.fdopen(job_read, "rb") as job:
            data = job.read()
        if not data:
            return None
        brief, options, view = pickle.loads(data)
        return render_formats(brief, self.fmts, options, view)  # the DOCX forks again

    def send(self, brief: Brief, options: RenderOptions | None, view: DocumentView) -> bool:
        """Hand the child the brief to render; False when it is gone (render here instead)."""
        try:
            job = pickle.dumps((brief, options, view), protocol=pickle.HIGHEST_PROTOCOL)
            with self.job:
                self.job.write(job)
        except Exception:  # BrokenPipeError (the child died warming), or a brief that won't pickle
            log.debug("could not hand the brief to the render child", exc_info=True)
            return False
        return True

    def result(self) -> Rendered | None:
        """The child's formats (its log records replayed here), or None when it failed."""
        self.status, rendered = collect(self.out, self.pid)
        return cast("Rendered | None", rendered)

    def cancel(self) -> None:
        """Stop and reap the child unless its result was read (the run failed or is unwinding)."""
        if self.status is not None:
            return
        for pipe in (self.job, self.out):
            try:
                pipe.close()
            except OSError:
                pass
        self.status = stop(self.pid)
