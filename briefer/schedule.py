"""`briefer schedule`: the crontab line that runs a job daily, with absolute paths only."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from .config import JobConfig
from .errors import UsageError


def parse_time(at: str) -> tuple[int, int]:
    """'06:00' → (6, 0); UsageError for anything that is not a valid HH:MM."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", at.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise UsageError(f"--at: expected a time like 06:00, not '{at}'")
    return int(match.group(1)), int(match.group(2))


def briefer_command() -> list[str]:
    """The absolute command that starts briefer: the `briefer` script next to this Python,
    else `python -m briefer` (cron's PATH has neither the venv nor ~/.local/bin)."""
    # No resolve(): a venv's python is a symlink, and resolving it would leave the venv.
    python = Path(sys.executable).absolute()
    script = python.parent / "briefer"
    if script.is_file():
        return [str(script)]
    return [str(python), "-m", "briefer"]


def _cron_quote(arg: str) -> str:
    # cron turns an unescaped % into a newline.
    return shlex.quote(arg).replace("%", "\\%")


def cron_line(
    config: JobConfig, at: str = "06:00", weekdays: str = "*", log: Path | None = None
) -> str:
    """A crontab line running `briefer run --config CONFIG` at `at` on `weekdays`."""
    hour, minute = parse_time(at)
    if not re.fullmatch(r"\*|[0-7](?:[-,][0-7])*", weekdays):
        raise UsageError(f"--weekdays: expected cron day numbers like 1-5, not '{weekdays}'")
    command = briefer_command()
    if config.log_file is not None:
        # The job writes its own log file; cron's output only needs what happens before the
        # config is read (and the written paths), so keep stderr quiet and the file separate.
        command.append("-q")
        target = log or config.log_file.with_name("briefer-cron.log")
    else:
        target = log or config.brief.output_dir / "briefer.log"
    command += ["run", "--config", str(config.path.absolute())]
    args = " ".join(_cron_quote(a) for a in command)
    return f"{minute} {hour} * * {weekdays} {args} >> {_cron_quote(str(target.absolute()))} 2>&1"
