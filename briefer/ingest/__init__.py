"""`read_sources()`: locations in, Articles (and failures) out; readers live in readers.py."""

from __future__ import annotations

import glob
import logging
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BrieferError
from ..models import Article, SourceFailure
from .readers import (
    READERS,
    Reader,
    ReadOutcome,
    choose_reader,
    entries,
    known_suffixes,
    read_payload,
    reader_entry,
    reader_for,
    register_reader,
)
from .source import Payload, ReadContext, as_payload, is_url, load
from .walk import os_reason, walk_folder

if TYPE_CHECKING:
    from ..fetch import Fetcher
    from ..limits import Deadline

__all__ = [
    "READERS",
    "Payload",
    "ReadContext",
    "ReadOutcome",
    "ReadResult",
    "Reader",
    "as_payload",
    "choose_reader",
    "entries",
    "expand_sources",
    "known_suffixes",
    "load",
    "read_location",
    "read_payload",
    "read_sources",
    "reader_entry",
    "reader_for",
    "register_reader",
]

log = logging.getLogger(__name__)

POOL_MIN = 8  # fewer locations than this are read in the calling thread (a pool costs more)


@dataclass(frozen=True)
class ReadResult:
    """What reading produced: the articles, and the sources that failed (with reasons)."""

    articles: tuple[Article, ...]
    failures: tuple[SourceFailure, ...]


def expand_sources(specs: Sequence[str | Path]) -> tuple[list[str], list[SourceFailure]]:
    """Turn folders and globs into file locations; keep URLs and '-' as they are."""
    locations: list[str] = []
    failures: list[SourceFailure] = []
    seen: set[str] = set()

    def add(location: str) -> None:
        # The same file given twice (by name and inside its folder) is read once.
        key = location if location == "-" or is_url(location) else os.path.realpath(location)
        if key not in seen:
            seen.add(key)
            locations.append(location)

    for spec in specs:
        text = str(spec)
        if text == "-" or is_url(text):
            add(text)
            continue
        path = Path(text).expanduser()
        try:
            info = os.stat(path)
        except FileNotFoundError:
            info = None
        except OSError as exc:  # permission denied on a parent, a name too long...
            if not glob.has_magic(text):
                failures.append(SourceFailure(text, f"cannot open: {os_reason(exc)}"))
                continue
            info = None
        if info is not None and stat.S_ISDIR(info.st_mode):
            from ..limits import MAX_SOURCES

            listing = walk_folder(str(path), limit=MAX_SOURCES)
            if listing.truncated:
                from ..errors import LimitError

                raise LimitError(  # counted no further: / or /proc would take minutes
                    f"too many sources: more than {MAX_SOURCES:,} files in the folder {text}"
                    f" (the limit is {MAX_SOURCES:,}); give a narrower folder or glob"
                )
            failures.extend(listing.failures)
            if not listing.files and not listing.failures:
                failures.append(SourceFailure(text, "folder holds no files"))
            for p in listing.files:
                add(p)
        elif info is not None:
            add(str(path) if text.startswith("~") else text)
        elif glob.has_magic(text):
            matches = sorted(glob.glob(os.path.expanduser(text), recursive=True))
            files = [m for m in matches if Path(m).is_file()]
            if not files:
                failures.append(SourceFailure(text, "no file matches this pattern"))
            for m in files:
                add(m)
        else:
            failures.append(SourceFailure(text, "no such file or folder"))
    return locations, failures


def read_location(location: str | Payload, context: ReadContext | None = None) -> ReadOutcome:
    """Read one location (path, '-', URL or a loaded Payload) with the reader that fits it."""
    return read_payload(as_payload(location, context), context)


def _read_one(location: str, context: ReadContext) -> tuple[list[Article], list[SourceFailure]]:
    """One location's articles and failures; never raises for an expected failure."""
    try:
        outcome = read_location(location, context)
    except BrieferError as exc:
        return [], [SourceFailure(location, _one_line(exc))]
    except Exception as exc:  # a reader bug must not stop the other sources
        log.debug("reader crashed on %s", location, exc_info=True)
        return [], [SourceFailure(location, f"unexpected {type(exc).__name__}: {_one_line(exc)}")]
    failures = list(outcome.failures)
    if not outcome.articles and not failures:
        failures.append(SourceFailure(location, "no article text found"))
    return list(outcome.articles), failures


def _read_watched(
    location: str, context: ReadContext, clock: Deadline
) -> tuple[list[Article], list[SourceFailure]]:
    """`_read_one` that gives up at the run's deadline (TimeLimitError naming the source)."""
    from ..errors import TimeLimitError
    from ..watchdog import call_with_deadline

    remaining = clock.remaining
    if remaining is None:
        return _without_passwords(*_read_one(location, context))
    return call_with_deadline(
        lambda: _without_passwords(*_read_one(location, context)),
        remaining,
        lambda: TimeLimitError(
            f"time limit of {clock.seconds:g} s reached while reading {location}; nothing written"
        ),
        name="briefer-read",
    )


def _without_passwords(
    articles: list[Article], failures: list[SourceFailure]
) -> tuple[list[Article], list[SourceFailure]]:
    """A password in a URL (https://user:pw@host/) is kept out of briefs, state and logs."""
    from dataclasses import replace

    from ..safelog import redact_url_passwords as clean

    if not any("@" in a.location or "@" in (a.url or "") for a in articles) and not any(
        "@" in f.location or "@" in f.reason for f in failures
    ):
        return articles, failures
    return (
        [replace(a, location=clean(a.location), url=a.url and clean(a.url)) for a in articles],
        [SourceFailure(clean(f.location), clean(f.reason)) for f in failures],
    )


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] or type(exc).__name__


def read_sources(
    specs: Sequence[str | Path],
    workers: int = 1,
    *,
    fetcher: Fetcher | None = None,
    progress: Callable[[int, int], None] | None = None,
    deadline: Deadline | float | None = None,
) -> ReadResult:
    """Read every source (files, folders, globs, '-', URLs, feeds); failures are recorded.

    With `workers` > 1 and at least POOL_MIN locations, locations are read concurrently by a
    thread pool (fetching and parsing overlap); the result keeps the input order either way.
    `fetcher` is a briefer.fetch.Fetcher (cache directory, timeout...); None uses the default.
    `progress(done, total)` is called after each location (for a progress bar).
    `deadline` (seconds or a briefer.limits.Deadline) is checked after each location:
    TimeLimitError when it has passed. More than limits.MAX_SOURCES locations is a LimitError.
    """
    from ..limits import as_deadline, check_source_count

    clock = as_deadline(deadline)
    locations, failures = expand_sources(specs)
    check_source_count(len(locations))
    context = ReadContext(fetcher=fetcher, workers=max(1, workers))
    total = len(locations)

    def read(location: str) -> tuple[list[Article], list[SourceFailure]]:
        # Under a time limit each source is read by a watchdog: a slow parser or a server
        # trickling bytes cannot hold the run past the limit (briefer.watchdog).
        return _read_watched(location, context, clock)

    def collect(results: Iterator[tuple[list[Article], list[SourceFailure]]]) -> None:
        for done, (found, failed) in enumerate(results, 1):
            articles.extend(found)
            failures.extend(failed)
            if progress is not None:
                progress(done, total)
            clock.check(f"while reading sources ({done} of {total} read)")

    articles: list[Article] = []
    if workers > 1 and total >= POOL_MIN:
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(
            max_workers=min(workers, total), thread_name_prefix="briefer-read"
        )
        try:
            collect(pool.map(read, locations))
        finally:  # over time: do not wait for the queued locations
            pool.shutdown(wait=True, cancel_futures=True)
    else:
        collect(read(location) for location in locations)
    for failure in failures:
        log.debug("cannot read %s: %s", failure.location, failure.reason)
    return ReadResult(tuple(articles), tuple(failures))
