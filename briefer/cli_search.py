"""`briefer search`: full-text search over every brief a job wrote and every article it read."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from .errors import UsageError


def search(
    query: Annotated[
        str, typer.Argument(metavar="QUERY", help='Words, "a phrase", prefix*, AND / OR / NOT.')
    ],
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="Job config (TOML): its state.")
    ] = None,
    state: Annotated[Path | None, typer.Option(help="The state database itself.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Only briefs from this date on (YYYY-MM-DD).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many hits.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the hits as JSON.")] = False,
) -> None:
    """Search a job's archive, best hits first: one line per hit with its source and brief."""
    import json
    import logging

    from .archive import open_archive

    path = _state_path(config, state)
    after = _date(since)
    archive = open_archive(path)
    try:
        hits = archive.search(query, after, limit)
    finally:
        archive.db.close()
    if as_json:
        typer.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return
    for hit in hits:
        typer.echo(hit.line())
    if not hits:
        logging.getLogger("briefer").info("no hits for %s in %s", query, path)


def _state_path(config: Path | None, state: Path | None) -> Path:
    if (config is None) == (state is None):
        raise UsageError("search: give --config FILE.toml or --state DB (one of them)")
    if state is not None:
        return state
    from .config import load_config

    assert config is not None
    return load_config(config).state_path


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise UsageError(f"--since: not a date (YYYY-MM-DD): '{value}'") from None


def register(app: typer.Typer) -> None:
    """Add `search` to the main app."""
    app.command()(search)
