"""Story memory in a job's state database: stories briefed, their articles, sentences shown."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

_SCHEMA = """
CREATE TABLE IF NOT EXISTS memory_stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    last_briefed TEXT,
    terms TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS memory_articles (
    key TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    story TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS memory_versions (
    hash TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    story TEXT
);
CREATE TABLE IF NOT EXISTS memory_lines (
    line TEXT NOT NULL,
    key TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (key, line)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS memory_lines_line ON memory_lines(line);
CREATE TABLE IF NOT EXISTS memory_shown (
    run_id INTEGER NOT NULL,
    story TEXT,
    line TEXT NOT NULL,
    text TEXT NOT NULL,
    shown TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS memory_shown_line ON memory_shown(line);
CREATE INDEX IF NOT EXISTS memory_shown_story ON memory_shown(story);
"""


def ensure_schema(db: sqlite3.Connection) -> None:
    """Create the memory tables (in place, beside the tables of an older state database)."""
    db.executescript(_SCHEMA)


_TABLES = ("memory_stories", "memory_articles", "memory_versions", "memory_lines", "memory_shown")


def _has_tables(db: sqlite3.Connection) -> bool:
    marks = ",".join("?" * len(_TABLES))
    row = db.execute(f"SELECT COUNT(*) FROM sqlite_master WHERE name IN ({marks})", _TABLES)
    return int(row.fetchone()[0]) == len(_TABLES)


def line_hash(text: str) -> str:
    """A sentence's identity across runs: words only, case and punctuation folded."""
    words = re.findall(r"\w+", text.casefold())
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ArticleSeen:
    """What memory knows of an article's location: the last version read and its story."""

    key: str
    hash: str
    story: str | None
    first_seen: str


@dataclass(frozen=True)
class StorySeen:
    """A remembered story."""

    id: str
    title: str
    first_seen: str
    last_seen: str
    last_briefed: str | None


@dataclass(frozen=True)
class ArticleRecord:
    """One article of today's run, as it is to be remembered."""

    key: str  # URL when there is one, else the location
    hash: str  # content hash of this version
    story: str | None
    lines: tuple[tuple[str, str], ...]  # (line hash, sentence text) of every sentence


@dataclass(frozen=True)
class ShownRecord:
    """A sentence shown in today's brief."""

    story: str | None
    text: str


class StoryMemory:
    """Reads and writes the memory tables of one state database (the caller holds the lock)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        # Tables are made by the first record(): a run that writes nothing adds nothing (and a
        # database from an older briefer stays as it was until a brief is sent).
        self.ready = _has_tables(db)
        self.legacy = bool(
            db.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone()
        )

    def article(self, key: str) -> ArticleSeen | None:
        """The last version read at this location or URL."""
        if not self.ready:
            return None
        row = self.db.execute(
            "SELECT key, hash, story, first_seen FROM memory_articles WHERE key = ?", (key,)
        ).fetchone()
        return ArticleSeen(*row) if row else None

    def version(self, content: str) -> tuple[str, str | None] | None:
        """(key, story) of an article version read before with this content hash."""
        row = None
        if self.ready:
            row = self.db.execute(
                "SELECT key, story FROM memory_versions WHERE hash = ?", (content,)
            ).fetchone()
        if row:
            return str(row[0]), row[1]
        # Articles briefed by an older briefer (before story memory) are known by hash only.
        if not self.legacy:
            return None
        legacy = self.db.execute(
            "SELECT location FROM articles WHERE hash = ? LIMIT 1", (content,)
        ).fetchone()
        return (str(legacy[0]), None) if legacy else None

    def first_read(self, content: str) -> str | None:
        """When an article version with this content hash was first read (ISO time)."""
        if not self.ready:
            return None
        row = self.db.execute(
            "SELECT a.first_seen FROM memory_versions v JOIN memory_articles a ON a.key = v.key"
            " WHERE v.hash = ?",
            (content,),
        ).fetchone()
        return str(row[0]) if row else None

    def legacy_url(self, url: str) -> bool:
        """True when an older briefer briefed something at this URL (no sentences kept then)."""
        if not self.legacy:
            return False
        row = self.db.execute("SELECT 1 FROM articles WHERE url = ? LIMIT 1", (url,)).fetchone()
        return row is not None

    def lines_of(self, key: str) -> dict[str, str]:
        """Line hash -> text of every sentence read at this location before (all versions)."""
        if not self.ready:
            return {}
        rows = self.db.execute("SELECT line, text FROM memory_lines WHERE key = ?", (key,))
        return {str(r[0]): str(r[1]) for r in rows}

    def known_lines(self, lines: Iterable[str]) -> dict[str, set[str]]:
        """Of these line hashes, those read before anywhere: line -> stories they were read in."""
        found: dict[str, set[str]] = {}
        wanted = list(dict.fromkeys(lines)) if self.ready else []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                "SELECT l.line, a.story FROM memory_lines l"
                " LEFT JOIN memory_articles a ON a.key = l.key"
                f" WHERE l.line IN ({marks})",
                chunk,
            )
            for line, story in rows:
                found.setdefault(str(line), set()).update({story} if story else set())
        return found

    def shown_lines(self, lines: Iterable[str]) -> set[str]:
        """Of these line hashes, those already shown in an earlier brief."""
        wanted = list(dict.fromkeys(lines)) if self.ready else []
        shown: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT DISTINCT line FROM memory_shown WHERE line IN ({marks})", chunk
            )
            shown.update(str(r[0]) for r in rows)
        return shown

    def shown_texts(self, story_id: str) -> list[str]:
        """Every sentence earlier briefs showed for this story."""
        if not self.ready:
            return []
        rows = self.db.execute("SELECT text FROM memory_shown WHERE story = ?", (story_id,))
        return [str(r[0]) for r in rows]

    def story(self, story_id: str) -> StorySeen | None:
        """A remembered story by id."""
        if not self.ready:
            return None
        row = self.db.execute(
            "SELECT id, title, first_seen, last_seen, last_briefed FROM memory_stories"
            " WHERE id = ?",
            (story_id,),
        ).fetchone()
        return StorySeen(*row) if row else None

    def recent(self, since: str) -> list[tuple[str, frozenset[str]]]:
        """(id, signature terms) of the stories seen since this ISO time, latest first."""
        if not self.ready:
            return []
        rows = self.db.execute(
            "SELECT id, terms FROM memory_stories WHERE last_seen >= ? ORDER BY last_seen DESC",
            (since,),
        )
        return [(str(r[0]), frozenset(str(r[1]).split())) for r in rows]

    def last_briefed(self) -> str | None:
        """When the job last showed anything (ISO time), None before its first brief."""
        if not self.ready:
            return None
        row = self.db.execute("SELECT MAX(last_briefed) FROM memory_stories").fetchone()
        return str(row[0]) if row and row[0] else None

    def record(
        self,
        run_id: int,
        when: datetime,
        stories: Sequence[tuple[str, str, bool, tuple[str, ...]]],
        articles: Sequence[ArticleRecord],
        shown: Sequence[ShownRecord],
    ) -> None:
        """Remember today's stories (id, title, shown?, signature terms), articles and shown
        sentences, in one transaction."""
        stamp = when.isoformat(timespec="seconds")
        if not self.ready:
            ensure_schema(self.db)
            self.ready = True
        with self.db:
            for story_id, title, was_shown, terms in stories:
                self.db.execute(
                    "INSERT INTO memory_stories"
                    " (id, title, first_seen, last_seen, last_briefed, terms)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                    " title = excluded.title, last_seen = excluded.last_seen,"
                    " terms = excluded.terms,"
                    " last_briefed = COALESCE(excluded.last_briefed, last_briefed)",
                    (story_id, title, stamp, stamp, stamp if was_shown else None, " ".join(terms)),
                )
            for art in articles:
                self.db.execute(
                    "INSERT INTO memory_articles (key, hash, story, first_seen, last_seen)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET hash = excluded.hash,"
                    " story = excluded.story, last_seen = excluded.last_seen",
                    (art.key, art.hash, art.story, stamp, stamp),
                )
                self.db.execute(
                    "INSERT INTO memory_versions (hash, key, story) VALUES (?, ?, ?)"
                    " ON CONFLICT(hash) DO UPDATE SET story = excluded.story",
                    (art.hash, art.key, art.story),
                )
                self.db.executemany(
                    "INSERT OR IGNORE INTO memory_lines (line, key, text) VALUES (?, ?, ?)",
                    [(line, art.key, text) for line, text in art.lines],
                )
            self.db.executemany(
                "INSERT INTO memory_shown (run_id, story, line, text, shown)"
                " VALUES (?, ?, ?, ?, ?)",
                [(run_id, s.story, line_hash(s.text), s.text, stamp) for s in shown],
            )
