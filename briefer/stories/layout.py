"""Where stories go in a brief: cards per section, headlines guaranteed, key points from stories."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from ..models import AnalyzedSentence, BriefSection, BriefSentence, SectionPlan, Story
from .assemble import StoryGroup
from .headlines import headline, statements

# Corpus index -> the brief's ranking score over the whole corpus (one ranking, shared).
Scores = Mapping[int, float]
# corpus index, score -> the cited sentence
Cite = Callable[[int, float], BriefSentence]

TOP_ID, TOP_TITLE = "top-stories", "Top stories"
FULL_CARDS = 10  # stories with further sentences; later ones show their headline
ALSO_SHOWN = 25  # single-source stories listed by headline; the rest are in the JSON only
ALSO_ID, ALSO_TITLE = "also-reported", "Also reported"


def assign_homes(
    plans: Sequence[SectionPlan], groups: Sequence[StoryGroup]
) -> tuple[list[SectionPlan], dict[str, str]]:
    """Give each multi-source story the section most of its sentences match, and move it there.

    A story's card stands in one section (its desk); its sentences planned into other sections
    follow it, so the card is whole and no other section repeats the story.
    """
    where = {m: p.spec.id for p in plans for m in p.members}
    rank = {p.spec.id: n for n, p in enumerate(plans)}
    homes: dict[str, str] = {}
    moved: dict[int, str] = {}
    for group in groups:
        if not group.multi_source:
            continue
        votes = Counter(where[m] for m in group.members if m in where)
        if not votes:
            continue  # nothing of it matches any desk: the profile does not ask for it
        home = min(votes, key=lambda s: (-votes[s], rank[s]))
        homes[group.id] = home
        for m in group.members:
            if m in where:  # only what some desk wanted; off-topic lines stay out
                moved[m] = home
    out = []
    for plan_ in plans:
        members = [m for m in plan_.members if moved.get(m, plan_.spec.id) == plan_.spec.id]
        members += [m for m, home in moved.items() if home == plan_.spec.id and where[m] != home]
        out.append(replace(plan_, members=tuple(sorted(members))))
    return out, homes


def cards_in_sections(
    sections: Sequence[BriefSection],
    groups: Sequence[StoryGroup],
    homes: dict[str, str],
    corpus_items: Sequence[AnalyzedSentence],
    scores: Callable[[], Scores],
    cite: Cite,
    word_budget: bool,
) -> tuple[list[BriefSection], list[Story]]:
    """Group each section's chosen sentences into its stories' cards.

    Every multi-source story gets at least its headline (unless a word budget forbids growing a
    section: a summary is never longer than --words). Single-source stories stay plain
    sentences in profile briefs; they still appear in `Brief.stories` for JSON consumers.
    """
    owner = {m: g for g in groups for m in g.members}
    index_of = {
        (corpus_items[m].sentence.source, corpus_items[m].sentence.position): m for m in owner
    }
    out_sections: list[BriefSection] = []
    shown: dict[str, list[BriefSentence]] = {}
    placed: dict[str, str] = {}
    for section in sections:
        sentences = list(section.sentences)
        chosen = {index_of.get((s.source, s.position)) for s in sentences}
        listed: list[str] = []
        for group in groups:
            if homes.get(group.id) != section.id:
                continue
            if not any(m in chosen for m in group.members) and not word_budget:
                best = headline(group, scores(), corpus_items)
                sentences.append(cite(best, scores()[best]))
                chosen.add(best)
            listed.append(group.id)
        for s in sentences:
            m = index_of.get((s.source, s.position))
            if m is not None:
                shown.setdefault(owner[m].id, []).append(s)
                placed.setdefault(owner[m].id, section.id)
        ordered = sorted(sentences, key=lambda s: index_of.get((s.source, s.position), 1 << 60))
        out_sections.append(replace(section, sentences=tuple(ordered), stories=tuple(listed)))
    stories = [
        group.card(
            _headline_first(shown.get(group.id, [])), homes.get(group.id, placed.get(group.id))
        )
        for group in groups
    ]
    return out_sections, stories


def _headline_first(sentences: Sequence[BriefSentence]) -> list[BriefSentence]:
    """The best-scored sentence first, the rest in source order (as the sources tell it)."""
    if not sentences:
        return []
    best = max(sentences, key=lambda s: s.score)
    return [best, *(s for s in sentences if s is not best)]


def story_sections(
    groups: Sequence[StoryGroup],
    corpus_items: Sequence[AnalyzedSentence],
    scores: Scores,
    cite: Cite,
    select: Callable[[Sequence[float], Sequence[AnalyzedSentence]], list[int]],
    key_points: int,
) -> tuple[list[BriefSection], list[Story], tuple[BriefSentence, ...]]:
    """A brief without a profile: the stories are its content, most important first.

    Multi-source stories are the "Top stories": the first FULL_CARDS with their headline and
    the best further sentences within the budget, the others with their headline. Single-source
    ones are listed by their headline under "Also reported" (the first ALSO_SHOWN; all of them
    are in the JSON). When no story has two sources, every story is a top story. Key points
    are the headlines of the top stories.
    """
    full = [g for g in groups if g.multi_source] or list(groups)
    in_full = {g.id for g in full}
    brief_ones = [g for g in groups if g.id not in in_full]
    stories: list[Story] = []
    sections: list[BriefSection] = []
    for title, id_, members, whole in (
        (TOP_TITLE, TOP_ID, full, True),
        (ALSO_TITLE, ALSO_ID, brief_ones, False),
    ):
        if not members:
            continue
        sentences: list[BriefSentence] = []
        for rank, group in enumerate(members):
            if not group.members:
                continue
            if not whole and rank >= ALSO_SHOWN:
                stories.append(group.card((), None))
                continue
            top = headline(group, scores, corpus_items)
            card = [cite(top, scores.get(top, 0.0))]
            if whole and rank < FULL_CARDS:
                said = statements(group.members, corpus_items)
                items = [corpus_items[m] for m in said]
                picked = select([scores.get(m, 0.0) for m in said], items)
                rest = [said[i] for i in picked if said[i] != top]
                # The headline counts against the budget: drop the weakest further sentence.
                if len(rest) == len(picked):
                    rest = sorted(rest, key=lambda m: -scores.get(m, 0.0))[: max(len(rest) - 1, 0)]
                card += [cite(m, scores.get(m, 0.0)) for m in sorted(rest)]
            stories.append(group.card(card, id_))
            sentences.extend(card)
        sections.append(
            BriefSection(
                id=id_,
                title=title,
                sentences=tuple(sentences),
                candidates=sum(len(g.members) for g in members),
                sources=len({s for g in members for s in g.sources}),
                stories=tuple(s.id for s in stories if s.section == id_),
            )
        )
    points = tuple(s.sentences[0] for s in stories[:key_points] if s.sentences)
    if len(stories) < 2:
        points = ()
    return without(sections, points), stories, points


def without(
    sections: Sequence[BriefSection], points: Sequence[BriefSentence]
) -> list[BriefSection]:
    """Sections less the key points: a sentence is never shown twice (the cards keep them)."""
    lead = {(s.source, s.position) for s in points}
    return [
        replace(
            sec, sentences=tuple(s for s in sec.sentences if (s.source, s.position) not in lead)
        )
        for sec in sections
    ]
