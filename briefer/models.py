"""Frozen dataclasses passed between the stages of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .options import DEFAULT_LANGUAGE, DEFAULT_SENTENCES


@dataclass(frozen=True)
class Article:
    """One article as a reader produced it: text plus whatever metadata the source had."""

    text: str
    location: str  # path or URL as given (or as discovered inside a folder / feed)
    title: str | None = None
    outlet: str | None = None  # site or publisher name
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as found
    url: str | None = None  # http(s) link for citations, when there is one
    duplicates: tuple[str, ...] = ()  # other locations of the same article (filled by dedup)


@dataclass(frozen=True)
class Sentence:
    """One sentence of one source, identified by its position in that source."""

    source: str  # Source.id
    position: int  # 0-based index of the sentence in its source
    text: str
    paragraph: int = 0  # 0-based paragraph index in its source


@dataclass(frozen=True)
class AnalyzedSentence:
    """A sentence with its tokens, computed once and shared by every later stage."""

    sentence: Sentence
    words: tuple[str, ...]  # word tokens as written
    terms: tuple[str, ...]  # stemmed content terms (stop words removed)


@dataclass(frozen=True)
class SectionSpec:
    """A section of a profile: what it is about and how long it may be."""

    id: str
    title: str
    terms: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    description: str = ""
    sentences: int | None = None  # sentence budget (None: the profile's / caller's default)
    words: int | None = None  # word budget (wins over sentences when set)


@dataclass(frozen=True)
class Profile:
    """A named brief layout: title and the sections sentences are grouped under."""

    name: str
    title: str
    sections: tuple[SectionSpec, ...]  # empty: sentences are grouped into automatic topics
    language: str = DEFAULT_LANGUAGE
    sentences: int = DEFAULT_SENTENCES  # default per-section sentence budget
    marking: str | None = None  # e.g. "OFFICIAL — FOR INTERNAL USE"
    key_points: int = 0  # how many key points to lead with (0: none)
    show_empty: bool = False  # show a section with nothing to report ("No new reporting")
    path: str | None = None  # file it was loaded from (None for built-in objects)


@dataclass(frozen=True)
class SectionPlan:
    """Which analysed sentences a section may choose from (indices, in source order)."""

    spec: SectionSpec
    members: tuple[int, ...]
    focus: tuple[str, ...] = ()  # stemmed terms describing the section's topic
    expansion: tuple[str, ...] = ()  # stems of the facets its terms name (briefer.facets)


@dataclass(frozen=True)
class Source:
    """A source as the brief cites it."""

    id: str  # "s1", "s2", ... in input order
    location: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    sentences: int = 0  # how many sentences the source was split into
    words: int = 0
    duplicates: tuple[str, ...] = ()


@dataclass(frozen=True)
class BriefSentence:
    """A selected sentence with its citation."""

    text: str
    source: str  # Source.id
    position: int
    also_in: tuple[str, ...] = ()  # other Source.ids carrying a near-duplicate
    score: float = 0.0
    context: str | None = None  # the preceding source sentence this one leans on, if not shown


@dataclass(frozen=True)
class BriefSection:
    """A titled group of selected sentences, in source order."""

    id: str
    title: str
    sentences: tuple[BriefSentence, ...]
    candidates: int = 0  # how many sentences were assigned to the section before selection
    sources: int = 0  # how many distinct sources those candidates came from
    stories: tuple[str, ...] = ()  # Story.ids shown in this section, in brief order


@dataclass(frozen=True)
class Quote:
    """An attributed statement: the exact quoted (direct) or reported (indirect) span."""

    speaker: str  # the fullest name the source gives (never a pronoun)
    text: str  # exact substring of the source sentence(s)
    kind: str  # "direct" or "indirect"
    source: str  # Source.id
    position: int  # sentence position of the span's start in its source
    cue: str = ""  # the attribution verb or phrase ("said", "according to")


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event: an absolute date and the sentence that gives it."""

    date: str  # "YYYY-MM-DD" or "YYYY-MM"
    text: str  # the sentence
    source: str
    position: int
    expression: str = ""  # the date as written ("on Monday", "18 November")


@dataclass(frozen=True)
class DisagreementValue:
    """One value of a disputed quantity or fact, with who reports it."""

    value: str
    sources: tuple[str, ...]
    text: str  # a sentence that says it
    position: int = 0  # that sentence's position in sources[0]


@dataclass(frozen=True)
class Disagreement:
    """The same quantity or fact reported differently by a story's sources."""

    about: str  # what is disputed ("people injured", "date of the vote")
    values: tuple[DisagreementValue, ...]


@dataclass(frozen=True)
class Story:
    """One event or development, reported by one or more sources."""

    id: str  # stable "st-" + 12 hex digits
    title: str  # short label: names, places, the event
    sources: tuple[str, ...]  # every Source.id of the story
    outlets: int  # distinct outlets (or locations when the outlet is unknown)
    independent: int  # independent reports: copies of one wire story count once
    sentences: tuple[BriefSentence, ...]  # what the brief shows, headline first
    section: str | None = None  # BriefSection.id the story is shown under
    quotes: tuple[Quote, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    status: str | None = None  # "new", "updated" or "ongoing" (job runs with state)
    change: str | None = None  # what changed since the last brief (job runs with state)

    @property
    def headline(self) -> BriefSentence | None:
        """The story's first shown sentence."""
        return self.sentences[0] if self.sentences else None


@dataclass(frozen=True)
class BriefStats:
    """Counts for the colophon."""

    sources: int
    sentences_read: int
    words_read: int
    sentences_selected: int
    words_selected: int

    @property
    def compression(self) -> float:
        """Selected words as a fraction of the words read."""
        return self.words_selected / self.words_read if self.words_read else 0.0


@dataclass(frozen=True)
class SourceFailure:
    """A source that could not be read, and why (reported, never fatal on its own)."""

    location: str
    reason: str


@dataclass(frozen=True)
class Brief:
    """The finished brief: everything a renderer needs, nothing it has to compute."""

    title: str
    created: datetime
    profile: str
    method: str
    language: str
    sections: tuple[BriefSection, ...]
    sources: tuple[Source, ...]
    stats: BriefStats
    key_points: tuple[BriefSentence, ...] = ()
    marking: str | None = None
    failures: tuple[SourceFailure, ...] = field(default=())
    stories: tuple[Story, ...] = ()  # in brief order, most important first

    def source(self, source_id: str) -> Source:
        """The source with this id."""
        for src in self.sources:
            if src.id == source_id:
                return src
        raise KeyError(source_id)
