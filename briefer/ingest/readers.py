"""Reader registry: each entry says what it accepts (suffix, content type, sniffed bytes)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..errors import SourceError
from ..models import Article, SourceFailure
from ..registry import Registry
from .source import Payload, ReadContext, binary_name, is_url, sniff


@dataclass(frozen=True)
class ReadOutcome:
    """What one reader made of one payload: its articles and the parts that failed."""

    articles: tuple[Article, ...]
    failures: tuple[SourceFailure, ...] = ()  # a feed's dead item links, say

    def __iter__(self) -> Iterator[Article]:
        """The articles (so `(article,) = read_location(path)` keeps working)."""
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)


# One payload → its articles (a list, or a ReadOutcome when some parts failed).
ReadFunc = Callable[[Payload], "list[Article] | ReadOutcome"]
Sniffer = Callable[[bytes], bool]


@dataclass(frozen=True)
class Reader:
    """A registered reader and the knowledge `choose_reader` dispatches on."""

    name: str
    suffixes: tuple[str, ...] = ()  # ".txt"; lower case
    content_types: tuple[str, ...] = ()  # "text/html"; lower case
    sniff: Sniffer | None = None  # True when the bytes are this format, whatever the name
    priority: int = 0  # sniffers run highest first
    binary: bool = False  # a binary format: text bytes are refused, unsniffed binary refused
    container: bytes = b""  # a damaged container with these magic bytes still goes to it
    label: str = ""  # how messages name the format ("a PDF")
    generic: bool = False  # a fallback type (text/plain): a suffix may say better

    def accepts_suffix(self, suffix: str) -> bool:
        """True when files ending in `suffix` are this format."""
        return suffix.lower() in self.suffixes

    def accepts_type(self, content_type: str) -> bool:
        """True when an HTTP Content-Type names this format."""
        return content_type.split(";")[0].strip().lower() in self.content_types

    def read(self, payload: Payload, context: ReadContext | None = None) -> ReadOutcome:
        """Read `payload` (with `context` for any fetching it does)."""
        if context is not None and context is not payload.context:
            payload = replace(payload, context=context)
        found = READERS.get(self.name)(payload)
        if isinstance(found, ReadOutcome):
            return found
        return ReadOutcome(tuple(found))


READERS: Registry[ReadFunc] = Registry("reader")
_ENTRIES: dict[str, Reader] = {}
DEFAULT_READER = "text"  # what a payload no entry claims is read as


def register_reader(
    name: str,
    target: str | ReadFunc,
    suffixes: Sequence[str] = (),
    description: str = "",
    content_types: Sequence[str] = (),
    *,
    sniff: Sniffer | None = None,
    priority: int = 0,
    binary: bool = False,
    container: bytes = b"",
    label: str = "",
    generic: bool = False,
) -> Reader:
    """Register a reader: built-ins register exactly like an added one (and sniff alike)."""
    READERS.register(name, target, description)
    entry = Reader(
        name,
        tuple(s.lower() for s in suffixes),
        tuple(c.lower() for c in content_types),
        sniff,
        priority,
        binary,
        container,
        label or f"a {name.upper()} file",
        generic,
    )
    _ENTRIES[name] = entry
    return entry


def unregister_reader(name: str) -> None:
    """Remove a reader (an added one, or a built-in to be replaced)."""
    READERS.unregister(name)
    _ENTRIES.pop(name, None)


def reader_entry(name: str) -> Reader:
    """The registered entry named `name` (UsageError listing the names otherwise)."""
    READERS.entry(name)
    return _ENTRIES[name]


def entries() -> list[Reader]:
    """Every registered reader, in registration order."""
    return [_ENTRIES[n] for n in READERS.names()]


def known_suffixes() -> list[str]:
    """Every file suffix some reader accepts."""
    return sorted({s for e in entries() for s in e.suffixes})


def _by_suffix(suffix: str) -> Reader | None:
    # The last registered wins, so an added reader can take over a built-in's suffix.
    return next((e for e in reversed(entries()) if e.accepts_suffix(suffix)), None)


def reader_for(location: str) -> str:
    """The reader name a location's suffix suggests (the default reader when none fits)."""
    from pathlib import Path
    from urllib.parse import urlsplit

    path = urlsplit(location).path if is_url(location) else location
    found = _by_suffix(Path(path).suffix.lower())
    return found.name if found else DEFAULT_READER


def _declared(payload: Payload) -> Reader | None:
    """The entry the name and the server's content type point to (the type wins)."""
    declared = _by_suffix(payload.suffix)
    typed = next((e for e in reversed(entries()) if e.accepts_type(payload.content_type)), None)
    if typed is not None and not typed.generic:
        declared = typed  # a server's type beats a URL's suffix
    return declared


def choose_reader(payload: Payload) -> str:
    """The reader for a payload: sniffed content first, then content type, then suffix."""
    data = payload.data
    kind = sniff(data)
    if kind == "empty":
        raise SourceError("empty file" if not is_url(payload.location) else "empty response")
    for entry in sorted(entries(), key=lambda e: -e.priority):
        if isinstance(entry.sniff, _KindSniffer):
            if entry.sniff.kind == kind:  # what its call would find, without sniffing again
                return entry.name
        elif entry.sniff is not None and entry.sniff(data):
            return entry.name
    declared = _declared(payload)
    if kind == "zip-damaged":
        if declared is not None and declared.container and data.startswith(declared.container):
            return declared.name  # its reader says what is wrong with the archive
        kind = "binary"
    if kind == "binary":
        if declared is not None and declared.binary and declared.sniff is None:
            return declared.name  # a binary format nobody can sniff: trust the name
        what = binary_name(data)
        if declared is not None and declared.binary:
            raise SourceError(f"not {declared.label} (it is {what})")
        raise SourceError(f"unsupported file type ({what})")
    if declared is not None and declared.binary:  # text content under a binary format's name
        raise SourceError(f"not {declared.label} (the file holds plain text)")
    return declared.name if declared is not None else DEFAULT_READER


def read_payload(payload: Payload, context: ReadContext | None = None) -> ReadOutcome:
    """Read a loaded payload with the reader that fits it."""
    return reader_entry(choose_reader(payload)).read(payload, context)


class _KindSniffer:
    """A sniffer for one of the kinds `source.sniff` recognises (choose_reader sniffs once)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.__name__ = f"sniff_{kind}"

    def __call__(self, data: bytes) -> bool:
        return sniff(data) == self.kind


def _kind(name: str) -> Sniffer:
    """A sniffer for one of the kinds `source.sniff` recognises."""
    return _KindSniffer(name)


def _register_builtins(register: Callable[..., Any] = register_reader) -> None:
    register(
        "text",
        "briefer.ingest.text:read_text",
        [".txt", ".text", ".md", ".markdown"],
        "Plain text and Markdown, any common encoding",
        ["text/plain", "text/markdown"],
        generic=True,
    )
    register(
        "html",
        "briefer.ingest.html:read_html",
        [".html", ".htm", ".xhtml", ".shtml"],
        "Web pages (files or http(s) URLs): main text via trafilatura",
        ["text/html", "application/xhtml+xml"],
        sniff=_kind("html"),
        priority=10,
    )
    register(
        "docx",
        "briefer.ingest.docx:read_docx",
        [".docx"],
        "Word documents (python-docx)",
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
        sniff=_kind("docx"),
        priority=30,
        binary=True,
        container=b"PK\x03\x04",
        label="a DOCX document",
    )
    register(
        "pdf",
        "briefer.ingest.pdf:read_pdf",
        [".pdf"],
        "PDF text layer (pypdf)",
        ["application/pdf"],
        sniff=lambda data: b"%PDF-" in data[:1024],  # the spec allows junk before the header
        priority=40,
        binary=True,
        label="a PDF",
    )
    register(
        "feed",
        "briefer.ingest.feed:read_feed",
        [".rss", ".atom", ".rdf", ".xml"],
        "RSS / Atom feeds: every item's page is fetched and read",
        [
            "application/rss+xml",
            "application/atom+xml",
            "application/rdf+xml",
            "application/xml",
            "text/xml",
        ],
        sniff=_kind("feed"),
        priority=20,
        label="an RSS or Atom feed",
    )


_register_builtins()
