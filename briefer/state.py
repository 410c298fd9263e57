"""A job's memory in SQLite (next to its outputs): briefed articles and every run's outcome."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .errors import OutputError
from .models import Article
from .statefile import check_ours

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL,
    ended TEXT,
    outcome TEXT NOT NULL DEFAULT 'running',
    detail TEXT NOT NULL DEFAULT '',
    files TEXT NOT NULL DEFAULT '[]',
    articles INTEGER NOT NULL DEFAULT 0,
    message_id TEXT,
    accepted TEXT,
    exit_code INTEGER,
    failed TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS articles (
    hash TEXT PRIMARY KEY,
    url TEXT,
    location TEXT NOT NULL,
    title TEXT,
    run_id INTEGER NOT NULL,
    briefed TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
"""
# Columns added after 0.1, with their definitions: a database written by an older briefer gets
# them in place (ALTER TABLE), its past runs keep NULL / '[]' there.
_ADDED_COLUMNS = {"exit_code": "INTEGER", "failed": "TEXT NOT NULL DEFAULT '[]'"}


@dataclass(frozen=True)
class ArticleKey:
    """How an article is recognised in a later run: its content hash and its web address."""

    hash: str
    url: str | None
    location: str
    title: str | None = None


@dataclass(frozen=True)
class RunRecord:
    """One row of `briefer history`."""

    id: int
    started: str
    ended: str | None
    outcome: str
    detail: str
    files: tuple[str, ...]
    articles: int
    message_id: str | None
    accepted: str | None
    exit_code: int | None = None  # None for runs recorded before briefer stored it
    failed: tuple[str, ...] = ()  # "location: reason" of each source that failed


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace and case folded (re-wrapped copies hash alike)."""
    normal = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def article_key(article: Article) -> ArticleKey:
    """The key an article is remembered by (URLs only for web articles, not local paths)."""
    return ArticleKey(content_hash(article.text), article.url, article.location, article.title)


def _stamp(when: datetime | None = None) -> str:
    return (when or datetime.now(UTC)).astimezone().isoformat(timespec="seconds")


class State:
    """The job's SQLite database; open it while holding the job's lock."""

    def __init__(self, path: Path, write: bool = True) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=30)
            check_ours(self._db, path)  # never add our tables to another program's database
            self._db.executescript(_SCHEMA)
            self._upgrade(required=write)
            if write:
                _probe(self._db)
        except (OSError, sqlite3.Error) as exc:
            raise OutputError(f"cannot open the job state {path}: {exc}") from None

    def _upgrade(self, required: bool = True) -> None:
        """Add the columns a database from an older briefer lacks.

        Reading the history of a read-only database may not upgrade it: that is tried, and a
        refusal is left to the read that needs the columns (one clear line there).
        """
        have = {row[1] for row in self._db.execute("PRAGMA table_info(runs)")}
        try:
            with self._db:
                for name, definition in _ADDED_COLUMNS.items():
                    if name not in have:
                        self._db.execute(f"ALTER TABLE runs ADD COLUMN {name} {definition}")
        except sqlite3.OperationalError:
            if required:
                raise

    @property
    def db(self) -> sqlite3.Connection:
        """The connection, for the story memory and the archive kept in the same file."""
        return self._db

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> State:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start_run(self, started: datetime) -> int:
        """Record a new run; runs left 'running' by a killed process become 'interrupted'."""
        with self._db:
            self._db.execute("UPDATE runs SET outcome = 'interrupted' WHERE outcome = 'running'")
            cursor = self._db.execute("INSERT INTO runs (started) VALUES (?)", (_stamp(started),))
        return int(cursor.lastrowid or 0)

    def finish_run(
        self,
        run_id: int,
        outcome: str,
        detail: str = "",
        files: Iterable[Path | str] = (),
        articles: int = 0,
        exit_code: int | None = None,
        failed: Iterable[str] = (),
    ) -> None:
        """Record how a run ended: its exit code and the sources that failed in it."""
        with self._db:
            self._db.execute(
                "UPDATE runs SET ended = ?, outcome = ?, detail = ?, files = ?, articles = ?,"
                " exit_code = ?, failed = ? WHERE id = ?",
                (
                    _stamp(),
                    outcome,
                    detail,
                    json.dumps([str(f) for f in files]),
                    articles,
                    exit_code,
                    json.dumps(list(failed)),
                    run_id,
                ),
            )

    def is_briefed(self, key: ArticleKey) -> bool:
        """True when this article (same text, or same web address) was briefed before."""
        row = self._db.execute(
            "SELECT 1 FROM articles WHERE hash = ? OR (url IS NOT NULL AND url = ?) LIMIT 1",
            (key.hash, key.url),
        ).fetchone()
        return row is not None

    def is_briefed_text(self, key: ArticleKey) -> bool:
        """True when this very text was briefed before (an edited article at a known URL is not)."""
        row = self._db.execute("SELECT 1 FROM articles WHERE hash = ? LIMIT 1", (key.hash,))
        return row.fetchone() is not None

    def mark_briefed(self, run_id: int, keys: Iterable[ArticleKey]) -> None:
        """Remember articles as briefed by this run."""
        with self._db:
            self._insert(run_id, keys)

    def record_accepted(self, run_id: int, message_id: str, keys: Iterable[ArticleKey]) -> None:
        """The server accepted the email: remember it and its articles in one transaction."""
        with self._db:
            self._db.execute(
                "UPDATE runs SET message_id = ?, accepted = ? WHERE id = ?",
                (message_id, _stamp(), run_id),
            )
            self._insert(run_id, keys)

    def _insert(self, run_id: int, keys: Iterable[ArticleKey]) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO articles (hash, url, location, title, run_id, briefed)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(k.hash, k.url, k.location, k.title, run_id, _stamp()) for k in keys],
        )

    def runs(self, limit: int = 20) -> list[RunRecord]:
        """The most recent runs, newest first."""
        rows = self._db.execute(
            "SELECT id, started, ended, outcome, detail, files, articles, message_id, accepted,"
            " exit_code, failed FROM runs ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [
            RunRecord(
                id=r[0],
                started=r[1],
                ended=r[2],
                outcome=r[3],
                detail=r[4],
                files=tuple(json.loads(r[5])),
                articles=r[6],
                message_id=r[7],
                accepted=r[8],
                exit_code=r[9],
                failed=tuple(json.loads(r[10] or "[]")),
            )
            for r in rows
        ]


def history(state_path: Path, limit: int = 20) -> list[RunRecord]:
    """Past runs of the job whose state lives at `state_path` (empty when it never ran)."""
    if not state_path.is_file():
        return []
    with State(state_path, write=False) as state:
        try:
            return state.runs(limit)
        except sqlite3.Error as exc:
            raise OutputError(f"cannot read the job state {state_path}: {exc}") from None


def _probe(db: sqlite3.Connection) -> None:
    """Fail now, before any brief is written, if the database is damaged or read-only."""
    problem = db.execute("PRAGMA quick_check").fetchone()
    if problem and problem[0] != "ok":
        raise sqlite3.DatabaseError(f"damaged ({problem[0]})")
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO runs (started, outcome) VALUES ('probe', 'probe')")
    finally:
        db.rollback()


def shown_outcome(run: RunRecord) -> str:
    """The outcome as its exit code tells it: a run that wrote its brief while some sources
    failed exited 3, so it is 'partial' whether it then wrote, emailed or dry-ran."""
    return "partial" if run.exit_code == 3 else run.outcome


def format_run(run: RunRecord) -> str:
    """One line of history: id, start, end, outcome, files, then exit code and failed sources."""
    ended = run.ended[11:19] if run.ended else "--:--:--"
    files = ", ".join(Path(f).name for f in run.files) or "no files"
    notes = []
    if run.exit_code:
        said = [run.outcome] if shown_outcome(run) != run.outcome else []
        said += [run.detail] if run.detail else []
        notes.append(f"exit {run.exit_code}" + (f": {', '.join(said)}" if said else ""))
    elif run.detail:
        notes.append(run.detail)
    if run.failed:
        notes.append(f"{len(run.failed)} source(s) failed: " + "; ".join(run.failed))
    detail = f" ({'; '.join(notes)})" if notes else ""
    return (
        f"#{run.id:<4} {run.started[:19].replace('T', ' ')} → {ended}  {shown_outcome(run):<14}"
        f" {run.articles:>3} articles  {files}{detail}"
    )
