"""Story cards as every renderer shows them: coverage line, quotes, timeline, disagreements.

Rule for compact stories: a story reported by one independent source that shows only its headline
(no quotes, timeline or disagreements) is listed as one line under "Also reported" at the end of
its section, after the cards; so is any headline-only story without disagreements after a
section's first CARDS cards (a brief of 1,000 articles stays readable); every other story is a
card. Nothing a story carries is dropped
except beyond the caps below, and each cap says how many more the JSON lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Brief, Story, TimelineEvent
from .common import ViewSentence, cite_numbers, format_day, inline, view_sentence

MAX_QUOTES = 3  # quotes shown on a card (most important first)
MAX_EVENTS = 6  # timeline events shown on a card: the latest, so background dates give way
STATUS_LABELS = {"new": "New", "updated": "Updated", "ongoing": "Ongoing"}
OTHER_STORIES = "Other stories"  # stories no section lists
ALL_STORIES = "Stories"  # the same, in a brief without sections


def _cite(numbers: tuple[int, ...]) -> str:
    return ", ".join(str(n) for n in numbers)


def plural(count: int, word: str) -> str:
    """ "1 outlet", "5 outlets"."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def coverage_line(outlets: int, independent: int) -> str:
    """ "Reported by 5 outlets, 2 independent reports" ("Reported by 1 outlet" for one)."""
    if outlets <= 1 and independent <= 1:
        return "Reported by 1 outlet"
    return f"Reported by {plural(outlets, 'outlet')}, {plural(independent, 'independent report')}"


@dataclass(frozen=True)
class ViewQuote:
    """An attributed statement: speaker, the exact span, and where it was said."""

    speaker: str
    text: str
    direct: bool  # direct quotes are shown in quotation marks, reported speech without
    numbers: tuple[int, ...]

    @property
    def cite(self) -> str:
        """ "2" (without brackets)."""
        return _cite(self.numbers)

    @property
    def shown(self) -> str:
        """ "Zelensky: “…”", or for reported speech "Zelensky (reported): …"."""
        if self.direct:
            return f"{self.speaker}: “{self.text}”"
        return f"{self.speaker} (reported): {self.text}"


@dataclass(frozen=True)
class ViewEvent:
    """A timeline entry: a readable date and the sentence that gives it."""

    date: str  # "18 November 2024"
    date_iso: str  # "2024-11-18" or "2024-11"
    text: str
    numbers: tuple[int, ...]

    @property
    def cite(self) -> str:
        """ "3" (without brackets)."""
        return _cite(self.numbers)


@dataclass(frozen=True)
class ViewValue:
    """One value of a disputed fact with the sources giving it."""

    value: str
    text: str
    numbers: tuple[int, ...]

    @property
    def cite(self) -> str:
        """ "1, 4" (without brackets)."""
        return _cite(self.numbers)


@dataclass(frozen=True)
class ViewDisagreement:
    """What the sources disagree about and each value, side by side."""

    about: str
    values: tuple[ViewValue, ...]


@dataclass(frozen=True)
class ViewStory:
    """A story card, already cleaned and numbered."""

    id: str
    anchor: str
    title: str
    status: str  # "New", "Updated", "Ongoing" or ""
    coverage: str  # "Reported by 5 outlets, 2 independent reports"
    outlets: int
    independent: int
    sentences: tuple[ViewSentence, ...]  # headline first
    quotes: tuple[ViewQuote, ...]  # at most MAX_QUOTES
    more_quotes: int  # quotes not shown on the card (the JSON has them)
    timeline: tuple[ViewEvent, ...]  # at most MAX_EVENTS
    more_events: int
    disagreements: tuple[ViewDisagreement, ...]
    compact: bool  # listed in one line under "Also reported"
    change: str = ""  # what changed since the last brief (job runs with story memory)

    @property
    def headline(self) -> ViewSentence | None:
        """The first sentence, if the story shows any."""
        return self.sentences[0] if self.sentences else None

    @property
    def more_note(self) -> str:
        """ "2 more quotes and 1 earlier event in the JSON output." or ""."""
        parts = []
        if self.more_quotes:
            parts.append(f"{self.more_quotes} more quote{'' if self.more_quotes == 1 else 's'}")
        if self.more_events:
            n = self.more_events
            parts.append(f"{n} earlier event{'' if n == 1 else 's'}")
        return f"{' and '.join(parts)} in the JSON output." if parts else ""


def shown_events(story: Story) -> tuple[TimelineEvent, ...]:
    """The events a card shows: the latest MAX_EVENTS, in date order, each sentence once (a
    range, "from January 2017 to May 2018", is shown at its later date). A story of today
    cites background (a 1972 break-in, a 1987 crash) before its own events; those give way."""
    picked: list[TimelineEvent] = []
    seen: set[tuple[str, int]] = set()
    for event in reversed(story.timeline):
        if len(picked) == MAX_EVENTS:
            break
        if (event.source, event.position) not in seen:
            seen.add((event.source, event.position))
            picked.append(event)
    return tuple(reversed(picked))


def unshown_events(story: Story) -> int:
    """How many of a story's dated sentences its card leaves to the JSON."""
    return len({(e.source, e.position) for e in story.timeline}) - len(shown_events(story))


def story_sources(story: Story) -> set[str]:
    """Every source id a story's card cites."""
    ids = {s.source for s in story.sentences} | {o for s in story.sentences for o in s.also_in}
    ids |= {q.source for q in story.quotes[:MAX_QUOTES]}
    ids |= {e.source for e in shown_events(story)}
    ids |= {src for d in story.disagreements for v in d.values for src in v.sources}
    return ids


CARDS = 10  # full cards per section before headline-only stories are listed in one line


def is_compact(story: Story, rank: int = 0) -> bool:
    """Shown as one line under "Also reported" (`rank`: the story's place in its section)."""
    headline_only = len(story.sentences) <= 1 and not story.disagreements
    if rank >= CARDS:
        return headline_only
    return headline_only and story.independent <= 1 and not story.quotes and not story.timeline


def view_story(story: Story, numbers: dict[str, int], rank: int = 0) -> ViewStory:
    """The card of one story (`rank`: its place in its section, see `is_compact`)."""
    quotes = tuple(
        ViewQuote(
            speaker=inline(q.speaker) or "Unnamed speaker",
            text=inline(q.text),
            direct=q.kind != "indirect",
            numbers=cite_numbers((q.source,), numbers),
        )
        for q in story.quotes[:MAX_QUOTES]
    )
    events = tuple(
        ViewEvent(
            date=format_day(e.date),
            date_iso=inline(e.date),
            text=inline(e.text),
            numbers=cite_numbers((e.source,), numbers),
        )
        for e in shown_events(story)
    )
    disagreements = tuple(
        ViewDisagreement(
            about=inline(d.about) or "a reported fact",
            values=tuple(
                ViewValue(inline(v.value), inline(v.text), cite_numbers(v.sources, numbers))
                for v in d.values
            ),
        )
        for d in story.disagreements
    )
    slug = "".join(c if c.isalnum() or c in "-_" else "-" for c in story.id)
    return ViewStory(
        id=story.id,
        anchor=f"story-{slug}",
        title=inline(story.title) or "Untitled story",
        status=STATUS_LABELS.get(story.status or "", inline(story.status).capitalize()),
        coverage=coverage_line(story.outlets, story.independent),
        outlets=story.outlets,
        independent=story.independent,
        sentences=tuple(view_sentence(s, numbers) for s in story.sentences),
        quotes=quotes,
        more_quotes=max(0, len(story.quotes) - MAX_QUOTES),
        timeline=events,
        more_events=unshown_events(story),
        disagreements=disagreements,
        compact=is_compact(story, rank),
        change=inline(story.change),
    )


def stories_by_section(brief: Brief) -> tuple[dict[str, list[Story]], list[Story]]:
    """Each section's stories in its order, and the stories no section lists (shown at the end).

    A story no section lists but whose sentences the sections already show (a single-source
    story in a profile brief) is not shown again as a card.
    """
    by_id = {st.id: st for st in brief.stories}
    placed: set[str] = set()
    sections: dict[str, list[Story]] = {}
    for sec in brief.sections:
        listed = [by_id[i] for i in sec.stories if i in by_id and i not in placed]
        placed.update(st.id for st in listed)
        sections[sec.id] = listed
    shown = {(s.source, s.position) for sec in brief.sections for s in sec.sentences}
    shown |= {(s.source, s.position) for s in brief.key_points}
    return sections, [
        st
        for st in brief.stories
        if st.id not in placed
        and st.sentences  # a story the brief does not show is in the JSON only
        and not all((s.source, s.position) in shown for s in st.sentences)
    ]
