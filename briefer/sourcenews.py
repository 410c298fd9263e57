"""What is new in each source: new reports, and changed articles diffed by sentence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .memory import ArticleRecord, StoryMemory, line_hash
from .models import Article, Source
from .state import content_hash
from .text import split_paragraphs, split_sentences

CARRY_DAYS = 7  # unchanged articles first read longer ago are left out of the brief


@dataclass(frozen=True)
class SourceNews:
    """What is new in one source: its new sentence positions and why."""

    source: Source
    kind: str  # "new" (a new report), "changed" (same location, new text) or "seen"
    fresh: tuple[int, ...]  # positions of sentences never read before
    record: ArticleRecord
    gone: tuple[str, ...] = ()  # sentences an edit removed from a changed article


def article_sentences(article: Article, language: str) -> list[str]:
    """The article's sentences in the pipeline's order (their index is BriefSentence.position)."""
    return [s for p in split_paragraphs(article.text) for s in split_sentences(p, language)]


def source_news(
    source: Source, by_location: dict[str, Article], language: str, memory: StoryMemory
) -> SourceNews:
    """What memory has not seen of this source: all of a new report, the edits of a changed one."""
    article = by_location.get(source.location)
    key = source.url or source.location
    texts = article_sentences(article, language) if article else []
    lines = [line_hash(t) for t in texts]
    digest = content_hash(article.text) if article else ""
    record = ArticleRecord(key, digest, None, tuple(zip(lines, texts, strict=True)))
    if not article or memory.version(digest) is not None:
        return SourceNews(source, "seen", (), record)
    before = memory.article(key)
    known = memory.known_lines(lines)
    fresh = tuple(p for p, line in enumerate(lines) if line not in known)
    if before is None and not (source.url and memory.legacy_url(source.url)):
        return SourceNews(source, "new", fresh, record)
    old = memory.lines_of(key)
    fresh = tuple(p for p in fresh if lines[p] not in old)
    gone = [text for line, text in old.items() if line not in set(lines)]
    return SourceNews(source, "changed", fresh, record, tuple(gone))


def duplicate_records(
    sources: Sequence[Source],
    by_location: dict[str, Article],
    owner: dict[str, str],
    language: str,
) -> list[ArticleRecord]:
    """Copies merged into a source are remembered too, so tomorrow they are known at sight."""
    out = []
    for src in sources:
        for location in src.duplicates:
            article = by_location.get(location)
            if article is not None:
                texts = article_sentences(article, language)
                lines = tuple((line_hash(t), t) for t in texts)
                key = article.url or article.location
                out.append(ArticleRecord(key, content_hash(article.text), owner.get(src.id), lines))
    return out


def carried(
    articles: Sequence[Article], memory: StoryMemory, now: datetime, days: int = CARRY_DAYS
) -> list[Article]:
    """The articles to brief: new and changed ones, and unchanged ones first read recently.

    Unchanged articles link today's reports to the stories they continue; after `days` they only
    cost time (a folder that gathers a year of files is not re-read every morning).
    """
    cutoff = (now - timedelta(days=days)).isoformat(timespec="seconds")
    out = []
    for article in articles:
        first = memory.first_read(content_hash(article.text))
        if first is None or first >= cutoff:
            out.append(article)
    return out
