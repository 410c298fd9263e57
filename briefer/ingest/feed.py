"""RSS / Atom reader: each item's page is fetched and read as an article (feedparser)."""

from __future__ import annotations

import io
import re
import time
from dataclasses import replace
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import BrieferError, SourceError
from ..models import Article, SourceFailure
from .readers import ReadOutcome
from .source import Payload, as_payload

__all__ = ["MAX_ITEMS", "MIN_SUMMARY_WORDS", "html_to_text", "read_feed", "valid_char_refs"]

MAX_ITEMS = 500  # items beyond this are ignored (a feed of thousands is an archive, not news)
MIN_SUMMARY_WORDS = 40  # an item summary this long stands in for a page that cannot be read
_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
    "pre",
    "ul",
    "ol",
    "table",
}


class _TextParser(HTMLParser):
    """Text of an HTML fragment, one paragraph per block element, scripts and styles dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("script", "style", "noscript"):
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's summary or content), paragraphs kept."""
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    blocks = ("".join(parser.parts)).split("\n\n")
    return "\n\n".join(" ".join(block.split()) for block in blocks if block.strip())


def _entry_date(entry: dict) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return None


def _entry_text(entry: dict) -> str:
    """The longest text the item itself carries (full content beats the summary)."""
    candidates = [c.get("value", "") for c in entry.get("content") or []]
    candidates.append(entry.get("summary", "") or "")
    texts = [html_to_text(c) for c in candidates if c]
    return max(texts, key=len, default="")


def _read_item(
    entry: dict, feed_title: str | None, base: str | None, payload: Payload
) -> tuple[list[Article], list[SourceFailure]]:
    """One item: its page read as an article, else its own text, else a failure."""
    from .readers import choose_reader, reader_entry
    from .source import load

    title = " ".join((entry.get("title") or "").split()) or None
    link = (entry.get("link") or "").strip()
    reason = "item has no link"
    try:
        if link and base:
            link = urljoin(base, link)
        scheme = urlsplit(link).scheme.lower()
    except ValueError:  # "http://[" and other unparsable links: this item only, not the feed
        link, scheme, reason = "", "", "item link is not a valid URL"
    extras: dict[str, str | None] = {
        "title": title,
        "author": entry.get("author") or None,
        "published": _entry_date(entry),
        "outlet": feed_title,
    }
    if link and scheme in ("http", "https"):
        try:
            page = load(link, payload.context, found_in=payload)
            reader = choose_reader(page)
            if reader == "feed":
                raise SourceError("item link is another feed")
            found = reader_entry(reader).read(page)
            return [_fill(article, extras, link) for article in found.articles], list(
                found.failures
            )
        except BrieferError as exc:
            reason = str(exc)
    elif link:
        reason = "item link is not an http(s) URL"
    text = _entry_text(entry)
    if len(text.split()) >= MIN_SUMMARY_WORDS:
        location = link or f"{payload.location}#{entry.get('id') or title or 'item'}"
        url = link if link.startswith(("http://", "https://")) else None
        return [
            Article(
                text=text,
                location=location,
                url=url,
                title=title,
                author=extras["author"],
                published=extras["published"],
                outlet=feed_title,
            )
        ], []
    where = link or f"{payload.location} (item {title or entry.get('id') or '?'})"
    return [], [SourceFailure(where, reason)]


def _fill(article: Article, extras: dict[str, str | None], link: str) -> Article:
    """Fill what the page lacks from the feed item (title, author, date, feed title as outlet)."""
    changes: dict[str, Any] = {
        key: value for key, value in extras.items() if value and not getattr(article, key)
    }
    parts = urlsplit(article.url or link)
    hosts = {parts.netloc, parts.hostname, (parts.hostname or "").removeprefix("www.")}
    if extras["outlet"] and article.outlet and article.outlet in hosts:
        changes["outlet"] = extras["outlet"]  # a bare host name is only the reader's fallback
    if not article.url:
        changes["url"] = link
    return replace(article, **changes) if changes else article


def _safe_item(
    entry: dict, feed_title: str | None, base: str | None, payload: Payload
) -> tuple[list[Article], list[SourceFailure]]:
    """One item; whatever goes wrong with it costs that item only, never the feed."""
    from ..limits import TimeLimitError

    try:
        return _read_item(entry, feed_title, base, payload)
    except TimeLimitError:
        raise
    except Exception as exc:
        title = " ".join(str(entry.get("title") or entry.get("id") or "?").split())[:80]
        where = f"{payload.location} (item {title})"
        return [], [SourceFailure(where, f"unexpected {type(exc).__name__} reading the item")]


_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _valid_xml_char(code: int) -> bool:
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def valid_char_refs(data: bytes) -> bytes:
    """Character references XML forbids (&#xD800;, &#0;, beyond U+10FFFF) become U+FFFD.

    One such reference made feedparser fail on the whole feed (UnicodeEncodeError or
    ValueError); a replacement character costs one character instead.
    """

    def fix(match: re.Match[bytes]) -> bytes:
        hexa, dec = match.groups()
        code = int(hexa, 16) if hexa else int(dec)
        return match.group() if _valid_xml_char(code) else b"&#xFFFD;"

    return _CHAR_REF.sub(fix, data) if b"&#" in data else data


def read_feed(source: Payload | str) -> ReadOutcome:
    """Read an RSS / Atom feed: every item becomes an article (failed items are listed)."""
    payload = as_payload(source)
    import feedparser

    # A file object, never a string: feedparser fetches strings that look like URLs itself.
    try:
        parsed = feedparser.parse(
            io.BytesIO(valid_char_refs(payload.data)),
            response_headers={
                "content-location": payload.url or "",
                "content-type": payload.content_type or "application/xml",
            },
        )
    except Exception as exc:  # feedparser has many ways to fail on hostile bytes
        raise SourceError(f"not a readable RSS or Atom feed ({type(exc).__name__})") from None
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({type(problem).__name__})" if problem else ""
        raise SourceError(f"not an RSS or Atom feed{detail}")
    entries = list(parsed.entries[:MAX_ITEMS])
    if not entries:
        raise SourceError("the feed has no items")
    limit: list[SourceFailure] = []
    if len(parsed.entries) > MAX_ITEMS:  # the README promises a line for every limit
        limit.append(
            SourceFailure(
                f"{payload.location} (items {MAX_ITEMS + 1:,}–{len(parsed.entries):,})",
                f"beyond the limit of {MAX_ITEMS:,} items per feed",
            )
        )
    feed_title = " ".join((parsed.feed.get("title") or "").split()) or None
    base = payload.url
    workers = payload.context.workers
    if workers > 1 and len(entries) >= 8:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(
            max_workers=min(workers, len(entries)), thread_name_prefix="briefer-feed"
        ) as pool:
            results = list(pool.map(lambda e: _safe_item(e, feed_title, base, payload), entries))
    else:
        results = [_safe_item(entry, feed_title, base, payload) for entry in entries]
    # Items are read explicitly, each with the reader its page needs; failed items are listed.
    return ReadOutcome(
        tuple(a for articles, _ in results for a in articles),
        tuple(limit) + tuple(f for _, failures in results for f in failures),
    )
