"""Unattended runs (`briefer run`): lock, pick new articles, write, email, record."""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from .config import JobConfig
from .errors import BrieferError, DeliveryError, ExitCode, NoInputError
from .lock import JobLock
from .models import Article, Brief, SourceFailure
from .safelog import SafeFileHandler, ScrubFilter, scrub
from .signals import sigterm_as_exit
from .state import ArticleKey, State, article_key

if TYPE_CHECKING:
    from .memory import StoryMemory
    from .whatsnew import Revision

log = logging.getLogger("briefer")
_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class JobResult:
    """What a run did: its outcome, the files it wrote, and the exit code it implies."""

    run_id: int
    outcome: str  # nothing-new | written | delivered | dry-run | not-delivered
    files: tuple[Path, ...] = ()
    eml: Path | None = None
    message_id: str | None = None
    articles: int = 0
    failures: tuple[SourceFailure, ...] = ()
    error: str | None = None

    @property
    def exit_code(self) -> ExitCode:
        """0 done, 3 some sources failed, 4 written but not delivered."""
        if self.outcome == "not-delivered":
            return ExitCode.DELIVERY
        if self.failures and self.files:
            return ExitCode.PARTIAL
        return ExitCode.OK


def run_job(config: JobConfig, dry_run: bool = False, now: datetime | None = None) -> JobResult:
    """Run the job once: raises LockedError if another run holds the lock."""
    stamp = (now or datetime.now()).astimezone().replace(microsecond=0)
    with (
        job_logging(config),
        JobLock(config.lock_path),
        State(config.state_path) as state,
        sigterm_as_exit(),
    ):
        run_id = state.start_run(stamp)
        try:
            result = _run(config, state, run_id, stamp, dry_run)
        except BrieferError as exc:
            state.finish_run(run_id, "error", scrub(str(exc)), exit_code=int(exc.exit_code))
            raise
        except SystemExit:
            log.error("run terminated by a signal")
            state.finish_run(run_id, "terminated")
            raise
        except BaseException as exc:  # a bug or Ctrl-C: still leave a trace in the history
            state.finish_run(run_id, "error", scrub(f"{type(exc).__name__}: {exc}"))
            raise
        state.finish_run(
            run_id,
            result.outcome,
            scrub(result.error or ""),
            [*result.files, *([result.eml] if result.eml else [])],
            result.articles,
            int(result.exit_code),
            [scrub(f"{f.location}: {f.reason}") for f in result.failures],
        )
        return result


def _run(config: JobConfig, state: State, run_id: int, now: datetime, dry_run: bool) -> JobResult:
    from .ingest import ReadResult
    from .ingest.walk import following_links
    from .limits import Deadline
    from .profiles import load_profile
    from .run import BriefRequest, read_articles, run_brief

    brief_cfg = config.brief
    options = replace(brief_cfg.options, created=now).checked()
    clock = Deadline(options.time_limit)
    prune_outputs(brief_cfg.output_dir, brief_cfg.keep_days, now.date())
    with following_links(brief_cfg.follow_links):
        read = read_articles(list(brief_cfg.sources), options, deadline=clock)
    for failure in read.failures:
        log.warning("skipped %s: %s", failure.location, failure.reason)
    articles, keys = _unique(read.articles)
    if not articles:
        detail = "; ".join(f"{f.location}: {f.reason}" for f in read.failures[:3])
        raise NoInputError("no readable source" + (f" ({detail})" if detail else ""))
    memory: StoryMemory | None = None
    revision: Revision | None = None
    if brief_cfg.only_new:
        from .memory import StoryMemory
        from .sourcenews import carried

        memory = StoryMemory(state.db)
        if not brief_cfg.send_empty and all(state.is_briefed_text(k) for k in keys):
            log.info("nothing new to brief: all %d article(s) were briefed before", len(articles))
            return JobResult(run_id, "nothing-new", failures=read.failures)
        # Unchanged articles stay in: they tie today's reports to the stories they continue.
        articles = carried(articles, memory, now)
        keys = [article_key(a) for a in articles]
    profile = load_profile(brief_cfg.profile)
    folder = brief_cfg.output_dir / now.strftime("%Y-%m-%d")
    stem = _free_stem(folder, f"{brief_cfg.name or _slug(profile.name)}-{now:%H%M}")
    request = BriefRequest(brief_cfg.sources, profile, options, folder, stem)

    def only_new(brief: Brief) -> Brief:
        nonlocal revision
        from .whatsnew import revise

        assert memory is not None
        revision = revise(brief, articles, memory, brief_cfg.send_empty)
        return revision.brief

    from .whatsnew import NothingNew

    try:
        ran = run_brief(
            request,
            read=ReadResult(tuple(articles), read.failures),
            deadline=clock,
            revise=only_new if memory is not None else None,
        )
    except NothingNew as exc:
        log.info("nothing new to brief: %s", exc)
        return JobResult(run_id, "nothing-new", failures=read.failures)
    brief, files = ran.brief, ran.paths
    if not dry_run:
        _archive(state, brief, files, articles)

    def remember() -> None:
        if memory is not None and revision is not None:
            try:
                memory.record(run_id, now, revision.stories, revision.articles, revision.shown)
            except sqlite3.Error as exc:  # the brief is out: a memory gap must not fail the run
                log.warning("could not remember the stories of this brief: %s", exc)

    options_render = options.render_options()
    log.info("wrote %s", ", ".join(str(f) for f in files))
    count = revision.fresh if revision is not None else len(articles)
    done = JobResult(run_id, "written", files=files, articles=count, failures=ran.failures)
    if config.email is None:
        if dry_run:
            return replace(done, outcome="dry-run")
        state.mark_briefed(run_id, keys)
        remember()
        return done
    from .deliver import DeliveryUncertain, compose, send, write_eml

    attach = [f for f in files if f.suffix.lstrip(".") in config.email.attach]
    msg = compose(brief, config.email, attach, now, options_render)
    done = replace(done, message_id=str(msg["Message-ID"]))
    if dry_run:
        eml = write_eml(msg, folder / f"{stem}.eml")
        log.info("dry run: email written to %s (not sent)", eml)
        return replace(done, outcome="dry-run", eml=eml)

    def accepted(refused: list[str]) -> None:
        state.record_accepted(run_id, str(done.message_id), keys)
        remember()
        for rcpt in refused:
            log.warning("recipient refused by the server: %s", rcpt)

    try:
        attempts = send(msg, config.email, accepted)
    except DeliveryError as exc:
        log.error("%s; the brief is on disk: %s", exc, files[0])
        if isinstance(exc, DeliveryUncertain):  # it may have arrived: never brief it twice
            state.mark_briefed(run_id, keys)
            remember()
        return replace(done, outcome="not-delivered", error=str(exc))
    log.info(
        "emailed to %s (%s, attempt %d)", ", ".join(config.email.to), done.message_id, attempts
    )
    return replace(done, outcome="delivered")


def _archive(state: State, brief: Brief, files: tuple[Path, ...], articles: list[Article]) -> None:
    """Add the written brief and its articles to the job's search archive (a warning if not)."""
    from .archive import Archive

    try:
        Archive(state.db).add(brief, str(files[0]) if files else "", articles)
    except BrieferError as exc:
        log.warning("%s (briefer search will not find it)", exc)


def _unique(articles: tuple[Article, ...]) -> tuple[list[Article], list[ArticleKey]]:
    """Drop articles whose text was already read in this run (the same file twice)."""
    seen: set[str] = set()
    kept: list[Article] = []
    keys: list[ArticleKey] = []
    for article in articles:
        key = article_key(article)
        if key.hash not in seen:
            seen.add(key.hash)
            kept.append(article)
            keys.append(key)
    return kept, keys


def _slug(text: str) -> str:
    from .render import slugify

    return slugify(text)


def _free_stem(folder: Path, stem: str) -> str:
    """`stem`, or `stem-2`, `stem-3`... when a run in the same minute already used it."""
    candidate, n = stem, 1
    while folder.is_dir() and any(folder.glob(f"{glob_escape(candidate)}.*")):
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def glob_escape(text: str) -> str:
    """Escape glob characters in a file stem."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def prune_outputs(output_dir: Path, keep_days: int, today: date) -> list[Path]:
    """Delete dated output folders (YYYY-MM-DD) older than `keep_days` (0 keeps everything)."""
    if keep_days <= 0 or not output_dir.is_dir():
        return []
    cutoff = today - timedelta(days=keep_days)
    removed = []
    for folder in sorted(output_dir.iterdir()):
        if folder.is_dir() and _DATED.match(folder.name):
            try:
                day = date.fromisoformat(folder.name)
            except ValueError:
                continue
            if day < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    if removed:
        log.info("pruned %d brief folder(s) older than %d days", len(removed), keep_days)
    return removed


@contextmanager
def job_logging(config: JobConfig) -> Iterator[None]:
    """Also log to the config's log file (plain lines) for the length of the run."""
    if config.log_file is None:
        yield
        return
    logger = logging.getLogger("briefer")
    level = getattr(logging, config.log_level.upper())
    try:
        config.log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = SafeFileHandler(config.log_file, encoding="utf-8")
    except OSError as exc:
        from .errors import OutputError

        raise OutputError(
            f"cannot open the log file {config.log_file}: {exc.strerror or exc}"
        ) from None
    handler.setFormatter(
        logging.Formatter(
            "%(asctime)s briefer[%(process)d] %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S"
        )
    )
    handler.setLevel(level)
    handler.addFilter(ScrubFilter())
    # -q on the command line quiets stderr, not the job's log file: pin the other handlers.
    old_level = logger.level
    effective = logger.getEffectiveLevel()
    pinned = [h for h in logger.handlers if h.level == logging.NOTSET]
    for h in pinned:
        h.setLevel(effective)
    logger.setLevel(min(effective, level))
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        handler.close()
        logger.setLevel(old_level)
        for h in pinned:
            h.setLevel(logging.NOTSET)
