"""Opening a job's state database safely: never over a foreign or damaged file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .errors import OutputError

OURS = ("runs", "articles")  # tables every briefer state database has had since 0.1


def check_ours(db: sqlite3.Connection, path: Path, empty_ok: bool = True) -> None:
    """Raise OutputError unless `db` is a briefer state database (of any release) or empty.

    Creating our tables inside another program's database would mix two programs' data; a
    damaged file must be reported, not replaced (it holds the job's history and archive).
    """
    try:
        names = {str(r[0]) for r in db.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        raise OutputError(f"{path}: not a readable SQLite database ({exc})") from None
    if not names and not empty_ok:
        raise OutputError(f"{path}: an empty database, not a briefer state database")
    if names and not set(OURS) <= names:
        raise OutputError(
            f"{path}: not a briefer state database (it has other tables: "
            f"{', '.join(sorted(names)[:3])}); give the job its own output_dir"
        )


def open_readonly(path: Path) -> sqlite3.Connection:
    """Open an existing state database read only; one-line OutputError when it is not one."""
    if not path.is_file():
        raise OutputError(f"{path}: no such state database (has the job run yet?)")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise OutputError(f"{path}: cannot open the state database ({exc})") from None
    try:
        check_ours(db, path, empty_ok=False)
    except OutputError:
        db.close()
        raise
    return db
