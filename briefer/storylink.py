"""Which remembered story a story of today's brief continues."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from .memory import StoryMemory
from .models import Story
from .sourcenews import SourceNews

LINK_DAYS = 14  # remembered stories older than this are not linked by content alone
SIGNATURE = 40  # terms that describe a story (tf-idf over today's stories)
OVERLAP = 0.12  # share of the smaller signature two stories share to be one (5 of 40 terms)


def signatures(
    stories: Sequence[Story], news: Mapping[str, SourceNews], language: str
) -> dict[str, tuple[str, ...]]:
    """Each story's most telling content terms, over all of its articles' sentences."""
    from .text import Analyzer, tokenize_words

    analyzer = Analyzer(language)
    counts: dict[str, Counter[str]] = {}
    for story in stories:
        bag: Counter[str] = Counter()
        for sid in story.sources:
            if sid in news:
                for _, text in news[sid].record.lines:
                    bag.update(t for t in analyzer.terms(tokenize_words(text)) if len(t) > 2)
        counts[story.id] = bag
    df = Counter(t for bag in counts.values() for t in bag)
    total = len(counts)
    out = {}
    for story_id, bag in counts.items():
        weight = {t: n * math.log(1 + total / df[t]) for t, n in bag.items()}
        out[story_id] = tuple(sorted(weight, key=lambda t: (-weight[t], t))[:SIGNATURE])
    return out


def link_story(
    story: Story,
    news: Mapping[str, SourceNews],
    memory: StoryMemory,
    claimed: set[str],
    terms: Sequence[str],
    recent: Sequence[tuple[str, frozenset[str]]],
) -> str | None:
    """The remembered story this one continues: shared articles, shared sentences, then
    strong content overlap with a story seen in the last LINK_DAYS days; None if new."""
    votes: Counter[str] = Counter()
    for sid in story.sources:
        n = news.get(sid)
        if n is None:
            continue
        seen = memory.version(n.record.hash)
        before = memory.article(n.record.key)
        for remembered in (seen[1] if seen else None, before.story if before else None):
            if remembered:
                votes[remembered] += 2
        known = memory.known_lines(line for line, _ in n.record.lines)
        counts = Counter(st for found in known.values() for st in found)
        for remembered, count in counts.items():
            if count * 2 >= len(n.record.lines):  # most of its sentences were read in that story
                votes[remembered] += 1
    if not votes and memory.story(story.id) is not None:
        return story.id
    for remembered, _ in votes.most_common():
        if remembered not in claimed and memory.story(remembered) is not None:
            return remembered
    if votes:
        return None
    mine = frozenset(terms)
    best, score = None, 0.0
    for remembered, theirs in recent:
        if remembered in claimed or not theirs or not mine:
            continue
        share = len(mine & theirs) / min(len(mine), len(theirs))
        if share > score:
            best, score = remembered, share
    return best if score >= OVERLAP else None
