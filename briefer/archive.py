"""A job's searchable archive: every brief it wrote and every article it read (SQLite FTS5)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import OutputError, UsageError
from .models import Article, Brief
from .state import content_hash

_SCHEMA = """
CREATE TABLE IF NOT EXISTS archive_briefs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    title TEXT NOT NULL,
    path TEXT NOT NULL DEFAULT '',
    first_row INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS archive_sources (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hash TEXT NOT NULL UNIQUE,
    title TEXT,
    location TEXT NOT NULL,
    url TEXT,
    story TEXT,
    brief_id INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS archive_briefs_created ON archive_briefs(created);
-- No stemming (porter): it would break prefix queries ("negotiat*" finds no "negotiations").
CREATE VIRTUAL TABLE IF NOT EXISTS archive_text USING fts5(
    text, kind UNINDEXED, source_id UNINDEXED, brief_id UNINDEXED, story UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""
SHOWN, READ = "brief", "article"  # what a row is: a sentence a brief showed, or article text
_TABLES = ("archive_briefs", "archive_sources", "archive_text")
_OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True)
class Hit:
    """One search result: the text, where it came from and the brief it belongs to."""

    text: str
    kind: str  # "brief" (shown in a brief) or "article" (read from a source)
    source_title: str | None
    source_location: str
    source_url: str | None
    story: str | None
    brief_created: str
    brief_path: str
    score: float  # -bm25: higher is better

    def to_dict(self) -> dict[str, object]:
        """The JSON form documented in CONTRACTS.md (`briefer search --json`)."""
        return {
            "text": self.text,
            "kind": self.kind,
            "source": {
                "title": self.source_title,
                "location": self.source_location,
                "url": self.source_url,
            },
            "story": self.story,
            "brief": {"created": self.brief_created, "path": self.brief_path},
            "score": round(self.score, 4),
        }

    def line(self, width: int = 160) -> str:
        """One line with its citation: brief date, text, source, story, brief file."""
        text = " ".join(self.text.split())
        if len(text) > width:
            text = text[: width - 1].rsplit(" ", 1)[0] + "…"
        source = self.source_title or self.source_location
        if self.source_title and (self.source_url or self.source_location):
            source += f" <{self.source_url or self.source_location}>"
        when = self.brief_created[:16].replace("T", " ")
        story = f" · {self.story}" if self.story else ""
        seen = "read" if self.kind == READ else "briefed"
        return f"{when}  {text} — {source}{story} · {seen} in {self.brief_path or 'a brief'}"


def ensure_schema(db: sqlite3.Connection) -> None:
    """Create the archive tables (in place, beside the tables of an older state database)."""
    db.executescript(_SCHEMA)


class Archive:
    """Full-text archive kept in a job's state database, beside its other tables."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def add(self, brief: Brief, path: str, articles: Sequence[Article] = ()) -> int:
        """Archive a written brief (its shown sentences) and the articles it read (once each).

        OutputError when the database cannot take it (full disk...): nothing is half-added.
        """
        try:
            if not self._has_tables():
                ensure_schema(self.db)
            return self._add(brief, path, articles)
        except sqlite3.Error as exc:
            raise OutputError(f"cannot archive the brief: {exc}") from None

    def _add(self, brief: Brief, path: str, articles: Sequence[Article]) -> int:
        story_of = {sid: st.id for st in brief.stories for sid in st.sources}
        by_location = {a.location: a for a in articles}
        with self.db:
            top = self.db.execute("SELECT COALESCE(MAX(rowid), 0) FROM archive_text").fetchone()
            cur = self.db.execute(
                "INSERT INTO archive_briefs (created, title, path, first_row) VALUES (?, ?, ?, ?)",
                (brief.created.isoformat(), brief.title, path, int(top[0]) + 1),
            )
            brief_id = int(cur.lastrowid or 0)
            rows: dict[str, int] = {}
            for source in brief.sources:
                article = by_location.get(source.location)
                key = content_hash(article.text if article else source.location)
                story = story_of.get(source.id)
                found = self.db.execute(
                    "SELECT id FROM archive_sources WHERE hash = ?", (key,)
                ).fetchone()
                if found:  # read before: its text is indexed once, under its first brief
                    rows[source.id] = int(found[0])
                    continue
                cur = self.db.execute(
                    "INSERT INTO archive_sources (hash, title, location, url, story, brief_id)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (key, source.title, source.location, source.url, story, brief_id),
                )
                rows[source.id] = int(cur.lastrowid or 0)
                if article is not None:
                    self.db.executemany(
                        "INSERT INTO archive_text (text, kind, source_id, brief_id, story)"
                        " VALUES (?, ?, ?, ?, ?)",
                        [
                            (p, READ, rows[source.id], brief_id, story)
                            for p in _paragraphs(article.text)
                        ],
                    )
            shown = [*brief.key_points, *(s for sec in brief.sections for s in sec.sentences)]
            done: set[tuple[str, int]] = set()
            for sentence in shown:
                if (sentence.source, sentence.position) in done:
                    continue
                done.add((sentence.source, sentence.position))
                self.db.execute(
                    "INSERT INTO archive_text (text, kind, source_id, brief_id, story)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (
                        sentence.text,
                        SHOWN,
                        rows.get(sentence.source),
                        brief_id,
                        story_of.get(sentence.source),
                    ),
                )
        return brief_id

    def search(self, query: str, since: date | None = None, limit: int = 20) -> list[Hit]:
        """Best hits first (bm25); FTS5 syntax: words, "exact phrases", prefix*, AND/OR/NOT."""
        if not self._has_tables():
            return []
        match = fts_query(query)
        sql = (
            "SELECT t.text, t.kind, s.title, s.location, s.url, t.story, b.created, b.path,"
            " -bm25(archive_text) AS score"
            " FROM archive_text t JOIN archive_briefs b ON b.id = t.brief_id"
            " LEFT JOIN archive_sources s ON s.id = t.source_id"
            " WHERE archive_text MATCH ?"
        )
        params: list[object] = [match]
        if since is not None:
            # Briefs are added in time order: a rowid range is what FTS5 can skip through fast.
            first = self.db.execute(
                "SELECT MIN(first_row) FROM archive_briefs WHERE substr(created, 1, 10) >= ?",
                (since.isoformat(),),
            ).fetchone()[0]
            if first is None:
                return []
            sql += " AND t.rowid >= ? AND substr(b.created, 1, 10) >= ?"
            params += [int(first), since.isoformat()]
        sql += " ORDER BY rank LIMIT ?"
        params.append(limit)
        try:
            rows = self.db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "I/O" in str(exc):
                raise OutputError(f"search: cannot read the archive ({exc})") from None
            raise UsageError(f"search: not a valid query '{query}' ({exc})") from None
        return [
            Hit(r[0], r[1], r[2], r[3] or "", r[4], r[5], r[6], r[7], float(r[8])) for r in rows
        ]

    def counts(self) -> tuple[int, int]:
        """(briefs archived, text rows indexed)."""
        if not self._has_tables():
            return 0, 0
        briefs = self.db.execute("SELECT COUNT(*) FROM archive_briefs").fetchone()[0]
        rows = self.db.execute("SELECT COALESCE(MAX(rowid), 0) FROM archive_text").fetchone()[0]
        return int(briefs), int(rows)

    def _has_tables(self) -> bool:
        names = {
            r[0]
            for r in self.db.execute(
                "SELECT name FROM sqlite_master WHERE name IN (?, ?, ?)", _TABLES
            )
        }
        return len(names) == len(_TABLES)


def fts_query(query: str) -> str:
    """The query in FTS5 syntax: words with punctuation (Kyiv-based, 06:00) become phrases.

    "Quoted phrases", prefix* words, AND / OR / NOT and parentheses pass through unchanged.
    """
    if not query.strip():
        raise UsageError('search: give a query (words, "a phrase", prefix*)')
    out: list[str] = []
    for token in re.findall(r'"[^"]*"\*?|"[^"]*$|[()]|[^\s()"]+', query):
        if token.startswith('"') or token in "()" or token in _OPERATORS:
            out.append(token)
        elif re.fullmatch(r"\w+\*?", token):
            out.append(token)
        else:
            star = "*" if token.endswith("*") else ""
            words = token.rstrip("*").replace('"', " ")
            out.append(f'"{words}"{star}')
    return " ".join(out)


def open_archive(path: Path) -> Archive:
    """The archive of the state database at `path`, read only (never created or changed)."""
    from .statefile import open_readonly

    return Archive(open_readonly(path))


def _paragraphs(text: str) -> list[str]:
    """Article text in paragraph rows: small enough to cite, few enough to index a year."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
