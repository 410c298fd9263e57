"""Commands for unattended jobs: run, history, init, schedule, config check (thin over jobs.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ConfigOption = Annotated[Path, typer.Option("--config", "-c", help="Job config (TOML).")]


def run(
    config: ConfigOption,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Write the .eml instead of sending.")
    ] = False,
) -> None:
    """Run a job: brief the (new) sources, write dated files, email them; print written paths."""
    from .config import load_config
    from .jobs import run_job

    result = run_job(load_config(config), dry_run=dry_run)
    for path in (*result.files, *([result.eml] if result.eml else [])):
        typer.echo(str(path))
    raise typer.Exit(int(result.exit_code))


def history(
    config: ConfigOption,
    limit: Annotated[int, typer.Option(min=1, help="How many runs to show.")] = 20,
) -> None:
    """Show a job's past runs, newest first."""
    from .config import load_config
    from .state import format_run
    from .state import history as past_runs

    runs = past_runs(load_config(config).state_path, limit)
    if not runs:
        typer.echo("no runs yet")
    for record in runs:
        typer.echo(format_run(record))


def init(
    path: Annotated[Path, typer.Argument(help="Where to write the example config.")] = Path(
        "briefer.toml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented example job config."""
    from .config_example import write_example

    typer.echo(str(write_example(path, force)))


def schedule(
    config: ConfigOption,
    at: Annotated[
        str, typer.Option(help="Time of day, HH:MM (the machine's time zone).")
    ] = "06:00",
    weekdays: Annotated[
        str, typer.Option(help="Cron day-of-week field: mon-fri, 1-5, sat,sun...")
    ] = "*",
    log: Annotated[Path | None, typer.Option(help="File for cron's own output.")] = None,
) -> None:
    """Print the crontab line (absolute paths) that runs the job daily; add it with `crontab -e`."""
    from .config import load_config
    from .schedule import cron_line

    typer.echo(cron_line(load_config(config), at, weekdays, log))


def check(file: Annotated[Path, typer.Argument(help="Job config (TOML).")]) -> None:
    """Validate a job config without running it (warnings for missing sources / env vars)."""
    from .config import check_config, load_config

    loaded = load_config(file)
    for warning in check_config(loaded):
        typer.echo(f"warning: {warning}", err=True)
    email = f", email to {', '.join(loaded.email.to)}" if loaded.email else ", no email"
    typer.echo(
        f"{file}: ok ({len(loaded.brief.sources)} source(s), "
        f"{','.join(loaded.brief.options.formats)} into {loaded.brief.output_dir}{email})"
    )


def register(app: typer.Typer) -> None:
    """Add the job commands and the `config` group to the main app."""
    for command in (run, history, init, schedule):
        app.command()(command)
    config_app = typer.Typer(no_args_is_help=True, help="Job config files.")
    config_app.command()(check)
    app.add_typer(config_app, name="config")
