"""What every renderer shares: text cleaning, the one date style, citation numbers, the colophon
and the presentation types.

`document_view()` (built in view.py) turns a Brief into one presentation model (numbered sources,
citation labels, display strings) so that PDF, DOCX, HTML and Markdown show the same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..errors import UsageError
from ..models import Brief, BriefSentence, Source

if TYPE_CHECKING:
    from .story_view import ViewStory

# C0 controls except tab, newline and carriage return; DEL and the C1 block; lone surrogates and
# the XML non-characters. python-docx / lxml reject these, reportlab draws them as boxes.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"\s+")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

EMPTY_SECTION = "No new reporting."  # shown only for a profile with show_empty = true
PAGE_SIZES = ("A4", "Letter")
STDIN_LABEL = "standard input"
OTHER_SOURCES_SHOWN = 30  # sources read but not quoted, named after the sources list


def strip_control(text: str) -> str:
    """Remove control characters (keeping newline, tab and carriage return) and nothing else."""
    return _CONTROL.sub("", text)


def inline(text: str | None) -> str:
    """Text for one line of a document: control characters stripped, whitespace runs collapsed."""
    if not text:
        return ""
    # Printable text has no control characters and no whitespace but " " (checked for every
    # code point): the common case needs neither regex.
    if text.isprintable() and "  " not in text:
        return text.strip()
    return _SPACE.sub(" ", strip_control(text)).strip()


def is_http_url(url: str | None) -> bool:
    """True for absolute http(s) URLs with a host: the only links a brief may contain."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return (
        parts.scheme.lower() in ("http", "https")
        and bool(parts.netloc)
        and not _CONTROL.search(url)
        and not any(c.isspace() for c in url.strip())
    )


def safe_url(url: str | None) -> str | None:
    """The URL stripped of surrounding space if it may become a link, else None."""
    return url.strip() if url is not None and is_http_url(url) else None


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?:$|[T ])")


def format_day(value: str | date | None) -> str:
    """The one date style of every format: "18 November 2024" ("November 2024" for a month).

    ISO strings ("2024-11-18", "2024-11", "2024-11-18T07:00:00Z") are shown as their day; any
    other text is shown as given (cleaned), never dropped.
    """
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    text = inline(value)
    match = _ISO_DAY.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return text
    month = f"{_MONTHS[int(match.group(2)) - 1]} {match.group(1)}"
    return f"{int(match.group(3))} {month}" if match.group(3) else month


def format_created(created: datetime) -> str:
    """ "26 November 2026, 06:00 UTC" — English month names, independent of the locale."""
    text = f"{format_day(created)}, {created:%H:%M}"
    offset = created.utcoffset()
    if offset is None:
        return text
    if offset == timedelta(0):
        return f"{text} UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{text} UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def format_date(created: datetime) -> str:
    """ "26 November 2026" (the same style as every other date: `format_day`)."""
    return format_day(created)


def check_page_size(name: str) -> str:
    """Normalise "a4" / "letter"; anything else is a usage error."""
    for size in PAGE_SIZES:
        if name.strip().lower() == size.lower():
            return size
    raise UsageError(f"unknown page size '{name}' (valid: {', '.join(PAGE_SIZES)})")


@dataclass(frozen=True)
class ViewSource:
    """A source as it appears in the numbered sources list."""

    number: int
    id: str
    label: str  # title, else outlet, else location
    title: str
    outlet: str
    author: str
    published: str
    location: str
    url: str | None  # only http(s); None means "show the location as text"
    sentences: int
    duplicates: tuple[str, ...]

    @property
    def details(self) -> str:
        """ "Outlet · author · published" (whichever are known, outlet only if not the label)."""
        parts = [
            p
            for p in (self.outlet if self.outlet != self.label else "", self.author, self.published)
            if p
        ]
        return " · ".join(parts)


@dataclass(frozen=True)
class ViewSentence:
    """A sentence with its citation numbers."""

    text: str
    source: str
    position: int
    numbers: tuple[int, ...]  # cited source numbers, first the sentence's own source
    context: str = ""  # the source sentence this one leans on, shown de-emphasised before it

    @property
    def cite(self) -> str:
        """ "1" or "1, 3" (without brackets)."""
        return ", ".join(str(n) for n in self.numbers)

    @property
    def reported_by(self) -> int:
        """How many sources carry this sentence (1 unless near-duplicates were merged)."""
        return len(self.numbers)


@dataclass(frozen=True)
class ViewSection:
    """A section as shown: title, sentences, and what it drew on."""

    id: str
    anchor: str
    title: str
    sentences: tuple[ViewSentence, ...]
    candidates: int
    sources: int
    stories: tuple[ViewStory, ...] = ()  # story cards, most important first
    also_reported: tuple[ViewStory, ...] = ()  # single-source headline-only stories, one line each
    loose: tuple[ViewSentence, ...] = ()  # section sentences that belong to no shown story

    @property
    def has_stories(self) -> bool:
        """True when the section is shown as story cards instead of plain sentences."""
        return bool(self.stories or self.also_reported)


@dataclass(frozen=True)
class ViewFailure:
    """A source that could not be read."""

    location: str
    reason: str


@dataclass(frozen=True)
class DocumentView:
    """Everything a renderer shows, already numbered, cleaned and formatted."""

    title: str
    created: str  # human: "26 November 2026, 06:00 UTC"
    created_iso: str
    date: str  # "26 November 2026"
    marking: str
    profile: str
    method: str
    language: str
    key_points: tuple[ViewSentence, ...]
    sections: tuple[ViewSection, ...]
    sources: tuple[ViewSource, ...]  # the cited sources, numbered 1..n
    other_sources: tuple[ViewSource, ...]  # read but not quoted (at most OTHER_SOURCES_SHOWN)
    other_count: int  # how many sources were read but not quoted
    failures: tuple[ViewFailure, ...]
    colophon: str
    subject: str  # one line for document metadata
    keywords: tuple[str, ...]
    empty_section: str = EMPTY_SECTION
    stories: tuple[ViewStory, ...] = ()  # every shown story, in brief order

    @property
    def has_stories(self) -> bool:
        """True when the brief has a story layer (cards in the sections)."""
        return bool(self.stories)

    @property
    def other_note(self) -> str:
        """The lead-in of the short list of sources that were read but not quoted."""
        if self.other_count > len(self.other_sources):
            return (
                f"Also read, not quoted ({len(self.other_sources)} of {self.other_count:,} "
                "shown; the JSON output lists all):"
            )
        return "Also read, not quoted:"

    @property
    def sentences(self) -> tuple[ViewSentence, ...]:
        """Every shown sentence, key points first (story sentences in card order)."""
        out = list(self.key_points)
        for sec in self.sections:
            if sec.has_stories:
                out += [s for st in sec.stories + sec.also_reported for s in st.sentences]
                out += sec.loose
            else:
                out += sec.sentences
        return tuple(out)


def source_label(src: Source) -> str:
    """The name a source goes by: its title, else its outlet, else the file name or URL."""
    for value in (src.title, src.outlet):
        if value and inline(value):
            return inline(value)
    location = inline(src.location)
    if location == "-":  # read from stdin: "-" alone reads as a stray dash (and "\\-" in Markdown)
        return STDIN_LABEL
    if is_http_url(location):
        return location
    return Path(location).name or location or src.id


def view_source(src: Source, number: int) -> ViewSource:
    """A source as the numbered list shows it (number 0: read but not quoted)."""
    return ViewSource(
        number=number,
        id=src.id,
        label=source_label(src),
        title=inline(src.title),
        outlet=inline(src.outlet),
        author=inline(src.author),
        published=format_day(src.published),
        location=STDIN_LABEL if inline(src.location) == "-" else inline(src.location),
        url=safe_url(src.url) or safe_url(src.location),
        sentences=src.sentences,
        duplicates=tuple(inline(d) for d in src.duplicates),
    )


def cite_numbers(sources: tuple[str, ...], numbers: dict[str, int]) -> tuple[int, ...]:
    """Citation numbers of source ids: the first one's own number, then the others sorted."""
    own = numbers.get(sources[0]) if sources else None
    others = sorted({numbers[s] for s in sources[1:] if s in numbers and numbers[s] != own})
    return ((own,) if own is not None else ()) + tuple(others)


def view_sentence(sent: BriefSentence, numbers: dict[str, int]) -> ViewSentence:
    """A brief sentence with its citation numbers and cleaned text (and context, if any)."""
    cited = cite_numbers((sent.source, *sent.also_in), numbers)
    return ViewSentence(inline(sent.text), sent.source, sent.position, cited, inline(sent.context))


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def colophon(brief: Brief) -> str:
    """One short paragraph on how the brief was made (method, what was read, compression)."""
    st = brief.stats
    text = (
        f"Extractive brief: every sentence is quoted unchanged from its source. "
        f"Method {brief.method}; {_plural(st.sources, 'source')} read "
        f"({_plural(st.sentences_read, 'sentence')}, {_plural(st.words_read, 'word')}); "
        f"{_plural(st.sentences_selected, 'sentence')} "
        f"({_plural(st.words_selected, 'word')}) selected"
    )
    if st.words_read:
        text += f", {st.compression:.0%} of the original"
    text += f". Made by briefer on {format_created(brief.created)}."
    if brief.failures:
        text += f" {_plural(len(brief.failures), 'source')} could not be read."
    return text


def anchor(section_id: str, index: int) -> str:
    """A stable, HTML-safe fragment id for a section."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", section_id).strip("-")
    return f"sec-{slug or index}"


def document_view(brief: Brief) -> DocumentView:
    """The brief's presentation model (see `briefer.render.view.build_view`)."""
    from .view import build_view

    return build_view(brief)
