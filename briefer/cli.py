"""The command line: parse arguments, call the library, print paths, map errors to exit codes."""

from __future__ import annotations

import logging
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

if not sys.stderr.isatty():  # cron, pipes, logs: plain usage errors, no boxes or colours
    os.environ.setdefault("TYPER_USE_RICH", "0")

import typer  # noqa: E402

from . import __version__  # noqa: E402
from .errors import BrieferError, ExitCode, UsageError
from .options import (
    DEFAULT_AUTHOR,
    DEFAULT_FORMATS,
    DEFAULT_METHOD,
    DEFAULT_PAGE_SIZE,
    DEFAULT_TIMEOUT,
    DEFAULT_WORKERS,
)
from .safelog import ScrubFilter, scrub

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Sectioned, extractive, cited news briefs (PDF, DOCX, HTML, Markdown, JSON).",
)
log = logging.getLogger("briefer")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefer {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="More log lines.")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Errors only.")] = False,
) -> None:
    """briefer turns news articles into short sectioned briefs."""
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("briefer: %(message)s"))
    handler.addFilter(ScrubFilter())  # one line per message, no secrets (briefer.safelog)
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False


def _created(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--created: not an ISO 8601 date/time: '{value}'") from None
    if stamp.tzinfo is None:
        from datetime import UTC

        stamp = stamp.replace(tzinfo=UTC)
    return stamp


@app.command()
def brief(
    sources: Annotated[
        list[str],
        typer.Argument(metavar="SOURCES", help="Files, folders, globs, URLs, feeds, '-'."),
    ],
    profile: Annotated[str | None, typer.Option(help="Bundled profile name or .toml path.")] = None,
    method: Annotated[
        str | None, typer.Option(help="Ranking method (see `briefer methods`).")
    ] = None,
    sentences: Annotated[int | None, typer.Option(min=1, help="Sentences per section.")] = None,
    words: Annotated[int | None, typer.Option(min=1, help="Words per section.")] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="Comma-separated: pdf,docx,md,html,json.")
    ] = ",".join(DEFAULT_FORMATS),
    output_dir: Annotated[Path, typer.Option(help="Folder for the files.")] = Path("output"),
    name: Annotated[str | None, typer.Option(help="File stem (default: the profile name).")] = None,
    title: Annotated[str | None, typer.Option(help="Title of the brief.")] = None,
    language: Annotated[str | None, typer.Option(help="Language (default: the profile's).")] = None,
    created: Annotated[str | None, typer.Option(help="Fix the timestamp (ISO 8601).")] = None,
    key_points: Annotated[int | None, typer.Option(min=0, help="Key points to lead with.")] = None,
    marking: Annotated[str | None, typer.Option(help="Marking line for header and footer.")] = None,
    template_dir: Annotated[
        Path | None, typer.Option(help="Folder of Jinja2 templates that override the bundled ones.")
    ] = None,
    reference_doc: Annotated[
        Path | None, typer.Option(help="DOCX whose styles and letterhead the DOCX brief uses.")
    ] = None,
    page_size: Annotated[str, typer.Option(help="A4 or Letter.")] = DEFAULT_PAGE_SIZE,
    author: Annotated[str, typer.Option(help="Author in document properties.")] = DEFAULT_AUTHOR,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Sources read at once.")
    ] = DEFAULT_WORKERS,
    cache_dir: Annotated[
        Path | None,
        typer.Option(help="Fetch cache folder (default: $BRIEFER_CACHE_DIR or ~/.cache/briefer)."),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Fetch URLs again.")] = False,
    follow_links: Annotated[
        bool,
        typer.Option("--follow-links", help="Follow symbolic links that lead out of folders."),
    ] = False,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds per fetch.")] = DEFAULT_TIMEOUT,
    time_limit: Annotated[
        float | None,
        typer.Option(min=1, help="Give up (exit 1, nothing written) after this many seconds."),
    ] = None,
) -> None:
    """Write a brief of SOURCES in each format; print each written path."""
    from .ingest.walk import following_links
    from .options import BriefOptions
    from .progress import Progress
    from .run import BriefRequest, run_brief

    options = BriefOptions(
        method=method or DEFAULT_METHOD,
        sentences=sentences,
        words=words,
        key_points=key_points,
        title=title,
        language=language,
        marking=marking,
        created=_created(created),
        formats=tuple(fmt.split(",")),
        page_size=page_size,
        author=author,
        template_dir=template_dir,
        reference_doc=reference_doc,
        workers=workers,
        timeout=timeout,
        cache_dir=cache_dir,
        use_cache=not no_cache,
        time_limit=time_limit,
    ).checked()
    request = BriefRequest(tuple(sources), profile, options, output_dir, name)
    # A bar on stderr only on a terminal and without -q; erased before any other output.
    with (
        following_links(follow_links),
        Progress(quiet=log.getEffectiveLevel() > logging.WARNING) as bar,
    ):
        done = run_brief(request, bar=bar)
    for path in done.paths:
        typer.echo(str(path))
    raise typer.Exit(int(done.exit_code))


@app.command()
def profiles() -> None:
    """List the bundled profiles."""
    from .profiles import bundled_profiles, load_profile

    for pname in bundled_profiles():
        prof = load_profile(pname)
        sections = ", ".join(s.id for s in prof.sections) or "automatic sections"
        typer.echo(f"{pname:24} {prof.title} ({sections})")


@app.command()
def methods() -> None:
    """List the ranking methods."""
    from .summarize import METHODS

    for mname in METHODS.names():
        marker = " (default)" if mname == DEFAULT_METHOD else ""
        typer.echo(f"{mname:16} {METHODS.entry(mname).description}{marker}")


def _register_commands() -> None:
    """Commands that live in their own modules (the unattended job, evaluation...)."""
    from .cli_jobs import register as register_jobs
    from .cli_search import register as register_search

    register_jobs(app)
    register_search(app)


_register_commands()


_LOUDNESS = ("-v", "--verbose", "-q", "--quiet")


def hoist_loudness(argv: list[str]) -> list[str]:
    """Move -v / -q given after the subcommand to the front, where the root callback reads them."""
    end = argv.index("--") if "--" in argv else len(argv)
    moved = [a for a in argv[:end] if a in _LOUDNESS]
    return moved + [a for a in argv[:end] if a not in _LOUDNESS] + argv[end:]


def _run_app(argv: list[str]) -> int:
    """Run the click app without its standalone handling; usage errors become one line."""
    # typer (0.26 on) ships its own copy of click; its exceptions live there.
    from typer import Abort
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

    command = typer.main.get_command(app)
    try:
        code = command.main(args=hoist_loudness(argv), prog_name="briefer", standalone_mode=False)
    except NoArgsIsHelpError as exc:  # bare `briefer` / `briefer config`: the help, as before
        exc.show()
        return exc.exit_code
    except UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        message = " ".join(exc.format_message().split())
        print(f"briefer: error: {message}{hint}", file=sys.stderr)
        return int(ExitCode.USAGE)
    except Abort:
        raise KeyboardInterrupt from None
    except ClickException as exc:
        print(f"briefer: error: {' '.join(exc.format_message().split())}", file=sys.stderr)
        return exc.exit_code
    return int(code) if isinstance(code, int) else 0


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turning expected errors into one line and an exit code."""
    from .signals import sigterm_as_exit

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        # SIGTERM (kill, systemd, cron timeouts) unwinds like an exception: temporary files are
        # removed and a half-written set of outputs is deleted (exit 143).
        with sigterm_as_exit():
            code = _run_app(args)
    except BrieferError as exc:
        print(f"briefer: error: {scrub(str(exc))}", file=sys.stderr)
        sys.exit(int(exc.exit_code))
    except KeyboardInterrupt:
        print("briefer: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # a bug: still one line for cron, the traceback only with -v
        log.debug("unexpected error", exc_info=True)
        detail = scrub(" ".join(str(exc).split())[:300])
        print(
            f"briefer: error: unexpected {type(exc).__name__}"
            f"{': ' + detail if detail else ''} (a bug: please report it)",
            file=sys.stderr,
        )
        sys.exit(int(ExitCode.ERROR))
    sys.exit(code)


@app.command("eval")
def eval_command(
    data: Annotated[
        Path,
        typer.Argument(
            help="JSON lines, one record each: 'documents' and 'references' (README, Quality)."
        ),
    ],
    method: Annotated[str | None, typer.Option(help="Ranking method.")] = None,
    sentences: Annotated[
        int | None, typer.Option(min=1, help="Summary length (sentences).")
    ] = None,
    words: Annotated[int | None, typer.Option(min=1, help="Summary length (words).")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N records.")] = None,
    summaries_out: Annotated[
        Path | None, typer.Option(help="Write {id, summary} JSON lines.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score a method and LEAD-k on an evaluation file with ROUGE."""
    import json

    from .evaluate import evaluate, write_summaries
    from .options import BriefOptions

    options = BriefOptions(method=method or DEFAULT_METHOD, sentences=sentences, words=words)
    result = evaluate(data, options.checked().method, sentences, words, limit)
    if summaries_out is not None:
        write_summaries(result, summaries_out)
    typer.echo(json.dumps(result.to_dict(), indent=2) if as_json else result.format_text())
