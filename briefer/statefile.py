"""Opening a job's state database safely: never over a foreign or damaged file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .errors import OutputError

OURS = ("runs", "articles")  # a briefer state database has one of these (any release)


def check_ours(db: sqlite3.Connection, path: Path, empty_ok: bool = True) -> None:
    """Raise OutputError unless `db` is a briefer state database (of any release) or empty.

    Creating our tables inside another program's database would mix two programs' data; a
    damaged file (sqlite3.DatabaseError, left to the caller) is reported, never replaced: it
    holds the job's history and archive.
    """
    names = {str(r[0]) for r in db.execute("SELECT name FROM sqlite_master")}
    if not names and not empty_ok:
        raise OutputError(f"cannot open the job state {path}: an empty database, not briefer's")
    if names and not names & set(OURS):
        raise OutputError(
            f"cannot open the job state {path}: not a briefer state database (it has other "
            f"tables: {', '.join(sorted(names)[:3])}); give the job its own output_dir"
        )


def open_readonly(path: Path) -> sqlite3.Connection:
    """Open an existing state database read only; one-line OutputError when it is not one."""
    if not path.is_file():
        raise OutputError(f"{path}: no such state database (has the job run yet?)")
    db = None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        check_ours(db, path, empty_ok=False)
    except (sqlite3.Error, OutputError) as exc:
        if db is not None:
            db.close()
        if isinstance(exc, OutputError):
            raise
        raise OutputError(f"cannot open the job state {path}: {exc}") from None
    return db
