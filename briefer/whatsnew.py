"""What changed since the last brief: link stories to memory, keep only what is new, say what."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from .changeline import change_line
from .memory import ArticleRecord, ShownRecord, StoryMemory, line_hash
from .models import Article, Brief, BriefSection, BriefSentence, BriefStats, Story
from .sourcenews import SourceNews, duplicate_records, source_news
from .storylink import LINK_DAYS, link_story, signatures

KEEP = 2  # an updated story shows at least this many new sentences when it has them
SHORT = 6  # fewer words: a dateline or byline, shown only when nothing else is new
NEAR = 0.8  # word-set Jaccard at which a sentence repeats one already briefed


class NothingNew(Exception):
    """Every story is ongoing: nothing the reader has not seen (the run sends nothing)."""

    def __init__(self, since: str | None) -> None:
        super().__init__(f"no significant change since {format_since(since)}")
        self.since = since


@dataclass(frozen=True)
class Revision:
    """The brief as the reader should see it today, and what to remember once it is sent."""

    brief: Brief
    stories: tuple[tuple[str, str, bool, tuple[str, ...]], ...]  # for StoryMemory.record
    articles: tuple[ArticleRecord, ...]
    shown: tuple[ShownRecord, ...]
    fresh: int = 0  # articles new or changed since the last brief

    @property
    def changed(self) -> bool:
        """True when some story is new or updated."""
        return any(st.status in ("new", "updated") for st in self.brief.stories)


def format_since(stamp: str | None) -> str:
    """ "1 Dec 06:00" from an ISO time ("the first brief" when there was none)."""
    if not stamp:
        return "the first brief"
    when = datetime.fromisoformat(stamp)
    return f"{when.day} {when:%b %H:%M}"


def revise(
    brief: Brief, articles: Sequence[Article], memory: StoryMemory, send_empty: bool = False
) -> Revision:
    """Today's brief minus what earlier briefs showed; raises NothingNew when nothing is new."""
    by_location: dict[str, Article] = {}
    for article in articles:
        by_location.setdefault(article.location, article)
    news = {src.id: source_news(src, by_location, brief.language, memory) for src in brief.sources}
    units = brief.stories  # the pipeline gives every source a story
    story_of = {sid: st.id for st in units for sid in st.sources}
    claimed: set[str] = set()
    stories: list[Story] = []
    renamed: dict[str, str] = {}  # today's story id -> the remembered id it continues
    terms = signatures(units, news, brief.language)
    recent = memory.recent((brief.created - timedelta(days=LINK_DAYS)).isoformat())
    for story in units:
        linked = link_story(story, news, memory, claimed, terms[story.id], recent)
        new_id = linked or story.id
        if linked is None and (story.id in claimed or memory.story(story.id) is not None):
            # Its id is another story's (a story split in two): the new part gets its own.
            new_id = "st-" + line_hash(f"{story.id} {brief.created.isoformat()}")[:12]
        claimed.add(new_id)
        renamed[story.id] = new_id
        stories.append(_revise_story(story, news, memory, linked, new_id))
    keep = {(s.source, s.position) for st in stories for s in st.sentences}
    # A new story the brief has no place for (no section wants it) is no reason to send one.
    changed = any(st.status in ("new", "updated") and st.sentences for st in stories)
    if not changed and not send_empty:
        raise NothingNew(memory.last_briefed())
    sections = _sections(brief.sections, stories, keep, renamed)
    points = _key_points(brief.key_points, stories, keep)
    revised = replace(
        brief,
        sections=sections,
        key_points=points,
        stories=tuple(stories) if brief.stories else (),
        stats=_stats(brief, sections, points),
    )
    if not changed:
        since = format_since(memory.last_briefed())
        revised = replace(
            revised, title=f"{brief.title}: no significant change since {since}", sections=()
        )
    final = {old.id: new.id for old, new in zip(units, stories, strict=True)}
    owner = {sid: final[story_of[sid]] for sid in story_of}
    records = [replace(n.record, story=owner.get(sid)) for sid, n in news.items()]
    records += duplicate_records(brief.sources, by_location, owner, brief.language)
    shown = tuple(
        ShownRecord(owner.get(s.source), s.text) for sec in revised.sections for s in sec.sentences
    )
    shown_ids = {st.id for st in stories if st.sentences}
    return Revision(
        revised,
        tuple(
            (st.id, st.title, st.id in shown_ids, terms[old.id])
            for old, st in zip(units, stories, strict=True)
        ),
        tuple(records),
        shown,
        sum(1 for n in news.values() if n.kind != "seen"),
    )


def _stats(
    brief: Brief, sections: Sequence[BriefSection], points: Sequence[BriefSentence]
) -> BriefStats:
    """The colophon's counts for what is shown now (what was read is unchanged)."""
    from .text import tokenize_words

    chosen = {(s.source, s.position): s for sec in sections for s in (*points, *sec.sentences)}
    return replace(
        brief.stats,
        sentences_selected=len(chosen),
        words_selected=sum(len(tokenize_words(s.text)) for s in chosen.values()),
    )


def _revise_story(
    story: Story, news: dict[str, SourceNews], memory: StoryMemory, linked: str | None, new_id: str
) -> Story:
    parts = [news[sid] for sid in story.sources if sid in news]
    fresh = {(n.source.id, p) for n in parts for p in n.fresh}
    remembered = memory.story(linked) if linked else None
    since = format_since(remembered.last_briefed or remembered.last_seen if remembered else None)
    if not fresh:
        return _ongoing(story, new_id, since)
    status = "new" if linked is None else "updated"
    shown = [s for s in story.sentences if (s.source, s.position) in fresh]
    if status == "new" and len(shown) == len(story.sentences) and shown:
        return replace(story, id=new_id, status=status)
    # The ranking spent the budget on what the reader saw: fill it from the new material.
    texts = {(n.source.id, p): t for n in parts for p, (_, t) in enumerate(n.record.lines)}
    want = max(KEEP, len(story.sentences)) if status == "updated" else max(1, len(shown))
    if story.section is not None:
        for sid, p in _round_robin(parts, texts):
            if len(shown) >= want:
                break
            if all((s.source, s.position) != (sid, p) for s in shown):
                shown.append(BriefSentence(texts[(sid, p)], sid, p))
    # A new report may retell what was briefed in other words; an edited article's changed
    # sentences are news by definition (diffed by sentence above).
    earlier = _earlier_texts(memory, linked)
    edited = {n.source.id for n in parts if n.kind == "changed"}
    shown = [s for s in shown if s.source in edited or not _repeats(s.text, earlier)]
    shown = _one_repeat(shown, earlier)
    if not shown and story.section is not None and status == "updated":
        # All it adds retells what was briefed: nothing the reader has not seen.
        return _ongoing(story, new_id, since)
    if status == "new":
        return replace(story, id=new_id, status=status, sentences=tuple(shown))
    # What an updated story says beyond its sentences comes from its new material only.
    return replace(
        story,
        id=new_id,
        status=status,
        sentences=tuple(shown),
        quotes=tuple(q for q in story.quotes if (q.source, q.position) in fresh),
        timeline=tuple(e for e in story.timeline if (e.source, e.position) in fresh),
        disagreements=tuple(
            d
            for d in story.disagreements
            if any((v.sources[0], v.position) in fresh for v in d.values if v.sources)
        ),
        change=change_line(story, parts, since),
    )


def _ongoing(story: Story, new_id: str, since: str) -> Story:
    """Nothing new: no sentences, and no quotes, dates or disputes (all in earlier briefs)."""
    return replace(
        story,
        id=new_id,
        status="ongoing",
        sentences=(),
        quotes=(),
        timeline=(),
        disagreements=(),
        change=f"no new reports since {since}",
    )


def _key_points(
    points: Sequence[BriefSentence], stories: Sequence[Story], keep: set[tuple[str, int]]
) -> tuple[BriefSentence, ...]:
    """Key points still new, topped up with the headlines of new and updated stories."""
    out = [s for s in points if (s.source, s.position) in keep]
    for story in stories:
        if len(out) >= len(points):
            break
        head = story.headline
        if head is not None and all(
            (s.source, s.position) != (head.source, head.position) for s in out
        ):
            out.append(head)
    return tuple(out)


def _round_robin(parts: Sequence[SourceNews], texts: dict[tuple[str, int], str]) -> list:
    """New sentences, the first of each source, then the second...: leads before details."""
    queues = [
        [(n.source.id, p) for p in n.fresh if len(texts[(n.source.id, p)].split()) >= SHORT]
        for n in parts
    ]
    out: list[tuple[str, int]] = []
    while any(queues):
        for queue in queues:
            if queue:
                out.append(queue.pop(0))
    return out


def _earlier_texts(memory: StoryMemory, story_id: str | None) -> list[set[str]]:
    if story_id is None:
        return []
    return [set(re.findall(r"\w+", text.casefold())) for text in memory.shown_texts(story_id)]


def _repeats(text: str, earlier: Sequence[set[str]]) -> bool:
    words = set(re.findall(r"\w+", text.casefold()))
    return any(words and len(words & e) / len(words | e) >= NEAR for e in earlier)


def _one_repeat(shown: list[BriefSentence], earlier: Sequence[set[str]]) -> list[BriefSentence]:
    """At most one earlier sentence comes back, as the context of the first sentence needing it."""
    used = False
    out = []
    for s in shown:
        if s.context and _repeats(s.context, earlier):
            if used:
                s = replace(s, context=None)
            used = True
        out.append(s)
    return out


def _sections(
    sections: Sequence[BriefSection],
    stories: Sequence[Story],
    keep: set[tuple[str, int]],
    renamed: dict[str, str],
) -> tuple[BriefSection, ...]:
    """Sections with only today's new sentences (plus those the stories added), empty ones out."""
    out = []
    listed = {(s.source, s.position) for sec in sections for s in sec.sentences}
    shown = {st.id for st in stories if st.sentences}
    for sec in sections:
        sentences = [s for s in sec.sentences if (s.source, s.position) in keep]
        for st in stories:
            if st.section == sec.id:
                sentences += [s for s in st.sentences if (s.source, s.position) not in listed]
        ids = tuple(renamed.get(i, i) for i in sec.stories)
        shown = {st.id for st in stories if st.sentences}
        if sentences:
            out.append(
                replace(
                    sec, sentences=tuple(sentences), stories=tuple(i for i in ids if i in shown)
                )
            )
    return tuple(out)
