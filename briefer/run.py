"""run_brief(): one request in, a finished run out (read → build → write), for `brief` and `run`."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ExitCode
from .models import Article, Brief, Profile, SourceFailure
from .options import BriefOptions

if TYPE_CHECKING:
    from .ingest import ReadResult
    from .limits import Deadline
    from .progress import Progress

log = logging.getLogger("briefer")

SourceSpec = str | Path | Article


@dataclass(frozen=True)
class BriefRequest:
    """What to brief, with which profile and options, and where the files go."""

    sources: Sequence[SourceSpec]
    profile: str | Path | Profile | None = None
    options: BriefOptions = field(default_factory=BriefOptions)
    output_dir: Path = Path("output")
    name: str | None = None  # file stem (None: the profile name)


@dataclass(frozen=True)
class BriefRun:
    """A finished run: the brief, the files written and the sources that could not be read."""

    brief: Brief
    paths: tuple[Path, ...]
    failures: tuple[SourceFailure, ...]

    @property
    def exit_code(self) -> ExitCode:
        """0 when every source was read, 3 when some failed (the brief is made from the rest)."""
        return ExitCode.PARTIAL if self.failures else ExitCode.OK


def read_articles(
    sources: Sequence[SourceSpec],
    options: BriefOptions | None = None,
    *,
    deadline: Deadline | float | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReadResult:
    """Read every source (Article objects pass through); failures are collected, not raised."""
    from .ingest import ReadResult, read_sources

    opts = options or BriefOptions()
    articles = [s for s in sources if isinstance(s, Article)]
    specs = [s for s in sources if not isinstance(s, Article)]
    if not specs:
        return ReadResult(tuple(articles), ())
    result = read_sources(
        specs,
        workers=opts.workers,
        fetcher=opts.fetcher(),
        deadline=deadline,
        progress=progress,
    )
    return ReadResult((*articles, *result.articles), result.failures)


def make_brief(
    sources: Sequence[SourceSpec],
    profile: str | Path | Profile | None = None,
    options: BriefOptions | None = None,
    *,
    read: ReadResult | None = None,
    deadline: Deadline | float | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Brief:
    """Read `sources` (unless `read` is given) and build their brief; unreadable sources are
    listed in `Brief.failures` (NoInputError when none is readable)."""
    from .limits import as_deadline
    from .pipeline import build_brief

    opts = (options or BriefOptions()).checked()  # a bad name fails before any reading
    clock = as_deadline(opts.time_limit if deadline is None else deadline)
    if read is None:
        reading = None if progress is None else (lambda d, t: progress("reading", d, t))
        read = read_articles(sources, opts, deadline=clock, progress=reading)
    return build_brief(
        list(read.articles),
        profile,
        opts,
        failures=read.failures,
        deadline=clock,
        progress=progress,
    )


def run_brief(
    request: BriefRequest,
    *,
    read: ReadResult | None = None,
    deadline: Deadline | None = None,
    bar: Progress | None = None,
    revise: Callable[[Brief], Brief] | None = None,
) -> BriefRun:
    """Read the request's sources (unless `read` is given), build the brief and write its files.

    `deadline` defaults to the options' time limit, counted from now; it is checked between
    stages and once more before anything is written (TimeLimitError, nothing written). A
    `read` given by the caller has had its failures reported by the caller. `revise` changes
    the brief before it is written (a job's story memory keeps only what is new).
    """
    from .gcpause import paused_gc

    with paused_gc():
        return _run_brief(request, read, deadline, bar, revise)


def _run_brief(
    request: BriefRequest,
    read: ReadResult | None,
    deadline: Deadline | None,
    bar: Progress | None,
    revise: Callable[[Brief], Brief] | None,
) -> BriefRun:
    """run_brief's stages, with the collector already paused."""
    from .limits import Deadline as Clock
    from .render import parse_formats, render
    from .render.prestart import prestart

    opts = request.options.checked()
    clock = deadline or Clock(opts.time_limit)
    # Forked before reading, so reportlab's start-up overlaps the analysis on the second core.
    fmts = parse_formats(opts.formats)
    worker = prestart(fmts)
    try:
        brief = make_brief(
            request.sources,
            request.profile,
            opts,
            read=read,
            deadline=clock,
            progress=None if bar is None else bar.update,
        )
        if revise is not None:
            brief = revise(brief)
        clock.check("before writing the brief")
        if bar is not None:
            bar.close()
        if read is None:
            for failure in brief.failures:
                log.warning("skipped %s: %s", failure.location, failure.reason)
        paths = render(
            brief,
            fmts,
            request.output_dir,
            request.name,
            opts.render_options(),
            progress=None if bar is None else bar.stage("rendering"),
            worker=worker,
        )
    finally:
        if worker is not None:
            worker.cancel()
    return BriefRun(brief, tuple(paths), brief.failures)
