"""HTML reader: a page's main text (no navigation, ads, banners or comments) via trafilatura."""

from __future__ import annotations

import codecs
import re
from configparser import ConfigParser
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ..errors import SourceError
from ..models import Article
from .source import Payload, as_payload
from .text import decode_bytes

__all__ = ["decode_html", "parse_html", "read_html"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
MIN_BLOCK_WORDS = 6  # a page needs at least one block this long to hold an article
MIN_EXTRACTED_CHARS = 60
MAX_TREE_SIZE = 200_000  # elements; deeper or larger pages are refused rather than crawled
MAX_DEPTH = 255  # libxml2 silently drops everything nested deeper than this
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
    "p",
    "li",
    "option",
    "td",
    "tr",
    "th",
}  # + often unclosed


def nesting_depth(markup: str, stop: int = MAX_DEPTH + 1) -> int:
    """How deep elements nest (stops counting at `stop`); only used to explain a failure."""
    from html.parser import HTMLParser

    class Depth(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.depth = self.peak = 0

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag not in _VOID:
                self.depth += 1
                self.peak = max(self.peak, self.depth)
                if self.peak >= stop:
                    raise StopIteration

        def handle_endtag(self, tag: str) -> None:
            if tag not in _VOID:
                self.depth = max(0, self.depth - 1)

    parser = Depth()
    try:
        parser.feed(markup)
    except StopIteration:
        pass
    return parser.peak


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Decode a page: the HTTP charset, then <meta charset>, then the text heuristics."""
    candidates = [charset]
    found = _META_CHARSET.search(data[:4096])
    if found:
        candidates.append(found.group(1).decode("ascii", "ignore"))
    for name in candidates:
        if not name:
            continue
        try:
            info = codecs.lookup(name)
        except (LookupError, ValueError, TypeError):
            continue
        if not getattr(info, "_is_text_encoding", True):
            continue  # base64, rot13, zlib...: bytes-to-bytes codecs, not character sets
        codec = info.name
        if codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32") and b"\x00" not in data[:64]:
            continue  # a page claiming UTF-16 in its (ASCII) meta tag is not UTF-16
        if codec == "latin-1" or codec == "iso8859-1":
            codec = "cp1252"  # what browsers do: the WHATWG maps latin-1 labels to windows-1252
        try:
            return data.decode(codec)
        except (UnicodeError, ValueError, LookupError, TypeError):  # idna, punycode...
            continue
    return decode_bytes(data)


@lru_cache(maxsize=1)
def _config() -> ConfigParser:
    """trafilatura's settings with our limits (its keyword arguments for them are deprecated)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    # Below this many characters trafilatura distrusts its main extraction and falls back to
    # whole-page heuristics that let ads back in; short news items are common, so trust it more.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(MIN_EXTRACTED_CHARS))
    return config


def _http_url(value: str | None) -> str | None:
    try:
        parts = urlsplit(value or "")
    except ValueError:  # a page's canonical link of "http://[" must not cost the page
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else None


_ROW = re.compile(r"^\|(.*)\|$")
_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")


def tables_as_sentences(text: str) -> str:
    """Table rows (trafilatura writes them as "| a | b |") as plain lines: "Seats: 142; …".

    An article's table (results, casualty figures) is text like any other and must not be
    lost; a row reads better with its column names than as a row of pipes.
    """
    if "|" not in text:
        return text
    out: list[str] = []
    header: list[str] = []
    for line in text.split("\n"):
        row = _ROW.match(line.strip())
        if row is None:
            header = [] if line.strip() else header
            out.append(line)
            continue
        if _RULE.match(line.strip()):
            continue
        cells = [c.strip() for c in row.group(1).split("|")]
        if not header:
            header = cells
            out.append("; ".join(c for c in cells if c) + ".")
            continue
        named = [f"{h}: {c}" if h and c else c for h, c in zip(header, cells, strict=False)]
        out.append("; ".join(n for n in named if n) + ".")
    return "\n".join(out)


def parse_html(markup: str, location: str, url: str | None = None) -> Article:
    """Extract the article of one page; SourceError when the page holds no article text."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            markup,
            url=url,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            with_metadata=True,
            deduplicate=False,
            config=_config(),
        )
    except (ValueError, TypeError, RecursionError) as exc:
        raise SourceError(f"cannot parse the HTML ({type(exc).__name__})") from None
    fields: dict[str, Any] = {}
    if isinstance(doc, dict):
        fields = doc
    elif doc is not None:
        fields = doc.as_dict()

    def meta(name: str) -> str | None:
        value = fields.get(name)
        return " ".join(value.split()) or None if isinstance(value, str) else None

    text = tables_as_sentences(fields.get("text") or "")
    if not text.strip() and nesting_depth(markup) > MAX_DEPTH:
        raise SourceError(
            f"HTML nested more than {MAX_DEPTH} elements deep: its text cannot be extracted"
        )
    if not text.strip():
        raise SourceError("no article text found on the page (navigation or scripts only?)")
    title = meta("title")
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if title and lines and lines[0].casefold() == title.casefold():
        lines = lines[1:]  # the headline is the title, not a sentence of the body
    if not any(len(line.split()) >= MIN_BLOCK_WORDS for line in lines):
        # Only short blocks left: menu items and link lists, not prose.
        raise SourceError("no article text found on the page (navigation or links only)")
    page_url = _http_url(url) or _http_url(meta("url"))
    outlet = meta("sitename")
    if outlet is None and page_url:
        outlet = urlsplit(page_url).hostname
    return Article(
        text="\n\n".join(lines),  # trafilatura gives one block per line: keep them paragraphs
        location=location,
        title=title,
        outlet=outlet,
        author=meta("author"),
        published=meta("date"),
        url=_http_url(meta("url")) or page_url,  # the canonical link when the page declares one
    )


def read_html(source: Payload | str) -> list[Article]:
    """Read a web page (file, stdin or fetched URL) as one article."""
    payload = as_payload(source)
    markup = decode_html(payload.data, payload.charset)
    return [parse_html(markup, payload.location, payload.url)]
