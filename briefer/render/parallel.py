"""Render a brief's formats on two cores: a forked child renders some, this process the rest.

Formats are independent given the brief and its view, and most of a small brief's rendering time
is one-off start-up (importing reportlab, parsing the fonts; importing python-docx, opening the
template), so the two halves overlap almost perfectly. The child only returns bytes: files are
still written by the caller, all or nothing. Whenever forking is not clearly safe (not Linux, one
usable core, other threads running) the formats are rendered one after another, with the same
bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..forked import Forked, can_fork

if TYPE_CHECKING:
    from ..models import Brief
    from . import RenderOptions
    from .prestart import Prestarted
    from .view import DocumentView

Rendered = list[tuple[str, bytes]]


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
    child = Forked(lambda: [(fmt, one(fmt)) for fmt in there])
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
