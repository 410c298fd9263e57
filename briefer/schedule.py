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


_DAYS = {name: n for n, name in enumerate(("sun", "mon", "tue", "wed", "thu", "fri", "sat"))}
_DAY = r"(?:[0-7]|[a-z]{3})"
_ITEM = re.compile(rf"(?:\*|(?P<start>{_DAY})(?:-(?P<end>{_DAY}))?)(?:/(?P<step>\d+))?")


def _day(token: str, field: str) -> int:
    if token.isdigit():
        return int(token)
    if token in _DAYS:
        return _DAYS[token]
    raise UsageError(f"--weekdays: '{token}' in '{field}' is not a day (0-7 or sun..sat)")


def parse_weekdays(field: str) -> str:
    """Cron's day-of-week field, validated, with day names as numbers: 'mon-fri' → '1-5',
    'sat,sun' → '6,0'; '*', numbers 0-7 (0 and 7 are Sunday), ranges, lists and /steps."""
    text = field.strip().lower()
    items = []
    for item in text.split(","):
        match = _ITEM.fullmatch(item)
        if not match:
            raise UsageError(
                f"--weekdays: expected cron days like 1-5, mon-fri or sat,sun, not '{field}'"
            )
        step = match.group("step")
        if step is not None and int(step) == 0:
            raise UsageError(f"--weekdays: a step must be at least 1, not '{item}' in '{field}'")
        if match.group("start") is None:
            items.append(item)
            continue
        start = _day(match.group("start"), field)
        out = str(start)
        if match.group("end") is not None:
            end = _day(match.group("end"), field)
            if end == 0 and match.group("end") == "sun":
                end = 7  # fri-sun: Sunday closes the week
            if end < start:
                # cron rejects a backward range (fri-mon): say how to write it.
                raise UsageError(
                    f"--weekdays: range '{item}' runs backwards; write it as a list, e.g. 5-7,1"
                )
            out += f"-{end}"
        items.append(out + (f"/{step}" if step is not None else ""))
    return ",".join(items)


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
    days = parse_weekdays(weekdays)
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
    return f"{minute} {hour} * * {days} {args} >> {_cron_quote(str(target.absolute()))} 2>&1"
