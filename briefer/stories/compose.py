"""How stories sit in a brief: profile sections with story cards, or the stories themselves."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..models import AnalyzedSentence, BriefSection, BriefSentence, Profile, Story
from ..options import BriefOptions
from ..text import Analyzer
from .assemble import StoryGroup

if TYPE_CHECKING:
    from ..limits import Deadline
    from ..pipeline import Corpus


def sectioned_layout(
    corpus: Corpus,
    groups: Sequence[StoryGroup],
    profile: Profile,
    options: BriefOptions,
    analyzer: Analyzer,
    key_points: int,
    clock: Deadline,
    progress: Callable[[str, int, int], None] | None,
) -> tuple[list[BriefSection], list[Story], tuple[BriefSentence, ...]]:
    """Sections of the profile (or automatic topics), each story's card in its best section."""
    from ..pipeline import plan, select_key_points, summarize_section
    from .layout import assign_homes, cards_in_sections, without

    lang = analyzer.language
    plans = plan(profile, corpus, analyzer)
    plans, homes = assign_homes(plans, groups)
    clock.check("before choosing the key points")
    # Key points lead a brief of several sections; with one section they would only split it.
    wanted = key_points if len(plans) > 1 else 0
    # With stories reported by several sources, the key points are their headlines (below);
    # otherwise the most central sentences, left out of the sections.
    central = wanted if not homes else 0
    shown, points = select_key_points(corpus, options.method, lang, central)
    plans = [replace(p, members=tuple(m for m in p.members if m not in shown)) for p in plans]
    sections: list[BriefSection] = []
    for plan_ in plans:
        clock.check(f"before ranking section '{plan_.spec.id}'")
        sections.append(summarize_section(plan_, corpus, profile, options, lang))
        if progress is not None:
            progress("ranking", len(sections), len(plans))
    budget_in_words = options.words is not None or (
        options.sentences is None and any(p.spec.words for p in plans)
    )
    ranked: dict[int, float] = {}

    def scores() -> dict[int, float]:
        # Only when a story needs a headline no section chose: one ranking, shared.
        if not ranked:
            ranked.update(corpus_scores(corpus, options.method, lang))
        return ranked

    sections, stories = cards_in_sections(
        sections, groups, homes, corpus.sentences, scores, citer(corpus), budget_in_words
    )
    if homes and wanted:
        by_id = {st.id: st for st in stories}
        points = tuple(
            by_id[g.id].sentences[0] for g in groups if g.id in homes and by_id[g.id].sentences
        )[:wanted]
        sections = without(sections, points)
    # A section with nothing to show is left out unless the profile asks to show it.
    sections = [s for s in sections if s.sentences or profile.show_empty]
    return with_context(sections, stories, points, corpus, lang)


def story_layout(
    corpus: Corpus,
    groups: Sequence[StoryGroup],
    profile: Profile,
    options: BriefOptions,
    key_points: int,
    language: str,
) -> tuple[list[BriefSection], list[Story], tuple[BriefSentence, ...]]:
    """A brief without a profile: "Top stories" cards, then "Also reported" headlines."""
    from ..summarize.select import select_sentences
    from .layout import story_sections

    count = options.sentences or profile.sentences

    def select(scores: Sequence[float], items: Sequence[AnalyzedSentence]) -> list[int]:
        return select_sentences(scores, items, None if options.words else count, options.words)

    scores = corpus_scores(corpus, options.method, language)
    sections, stories, points = story_sections(
        groups, corpus.sentences, scores, citer(corpus), select, key_points
    )
    return with_context(sections, stories, points, corpus, language)


def with_context(
    sections: Sequence[BriefSection],
    stories: Sequence[Story],
    points: Sequence[BriefSentence],
    corpus: Corpus,
    language: str,
) -> tuple[list[BriefSection], list[Story], tuple[BriefSentence, ...]]:
    """Context repair card by card: a card is read as one text, so what it shows counts.

    Stories no section shows as a card keep the repair their sections made.

    Sections and key points get the same sentences, so every format shows one context.
    """
    from ..context import repair

    fixed: dict[tuple[str, int], BriefSentence] = {}
    out_stories = []
    cards = {story_id for sec in sections for story_id in sec.stories}
    for story in stories:
        if story.id not in cards:  # shown as plain section sentences, repaired there
            out_stories.append(story)
            continue
        # In the order the card shows them: headline first, then the rest in source order.
        for sentence in repair(story.sentences, corpus, language):
            fixed[(sentence.source, sentence.position)] = sentence
        out_stories.append(
            replace(story, sentences=tuple(fixed[(s.source, s.position)] for s in story.sentences))
        )

    def swap(items: Sequence[BriefSentence]) -> tuple[BriefSentence, ...]:
        return tuple(fixed.get((s.source, s.position), s) for s in items)

    out_sections = [replace(sec, sentences=swap(sec.sentences)) for sec in sections]
    return out_sections, out_stories, swap(points)


def corpus_scores(corpus: Corpus, method: str, language: str) -> dict[int, float]:
    """One ranking of every representative sentence: corpus index -> score."""
    from ..pipeline import rank_items

    members = corpus.representatives
    scores = rank_items([corpus.sentences[i] for i in members], method, language, 3)
    return dict(zip(members, scores, strict=True))


def citer(corpus: Corpus) -> Callable[[int, float], BriefSentence]:
    """Corpus index and score -> the cited sentence."""
    from ..pipeline import brief_sentence

    return lambda index, score: brief_sentence(index, corpus, score)
