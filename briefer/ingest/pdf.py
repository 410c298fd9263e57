"""PDF reader: the text layer (pypdf), rebuilt into paragraphs, with the document's metadata."""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from typing import Any

from ..errors import SourceError
from ..models import Article, SourceFailure
from .readers import ReadOutcome
from .source import Payload, as_payload

__all__ = ["read_pdf", "pdf_date", "rebuild_paragraphs"]

MAX_PAGES = 2000
MIN_TEXT_CHARS = 20  # less text than this in the whole file means there is no text layer
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I
)
_TERMINAL = re.compile(r"[.!?…:;\"'”’»)]$")
_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?")
_PLACEHOLDERS = {"", "(unspecified)", "untitled", "unknown", "anonymous"}


def pdf_date(value: object) -> str | None:
    """An ISO 8601 date or datetime from a PDF date string ("D:20261121083000+00'00'")."""
    match = _PDF_DATE.match(str(value or "").strip())
    if not match or not match.group(1) or match.group(1) == "0000":
        return None
    year, month, day, hour, minute, second = match.groups()
    if not month:
        return year
    if not day:
        return f"{year}-{month}"
    if hour is None:
        return f"{year}-{month}-{day}"
    return f"{year}-{month}-{day}T{hour}:{minute or '00'}:{second or '00'}"


def _clean_meta(value: object) -> str | None:
    text = " ".join(str(value or "").split())
    return None if text.casefold() in _PLACEHOLDERS else text


def rebuild_paragraphs(pages: list[str]) -> list[str]:
    """Lines of every page → paragraphs; page numbers and running headers/footers are dropped."""
    page_lines = [[" ".join(line.split()) for line in page.splitlines()] for page in pages]
    page_lines = [[line for line in lines if line] for lines in page_lines]
    # A line at the top or bottom of most pages (a running header or footer) is not article text.
    repeated: set[str] = set()
    if len(page_lines) >= 3:
        counts = Counter(line for lines in page_lines for line in set(lines[:2] + lines[-2:]))
        repeated = {line for line, n in counts.items() if n >= max(3, len(page_lines) // 2 + 1)}
    paragraphs: list[str] = []
    current: list[str] = []
    for lines in page_lines:
        lines = [line for line in lines if line not in repeated and not _PAGE_NUMBER.match(line)]
        width = max((len(line) for line in lines), default=0)
        for index, line in enumerate(lines):
            if current and current[-1].endswith("-") and line[:1].islower():
                current[-1] = current[-1] + line  # a word broken at the line end: keep its hyphen
            else:
                current.append(line)
            nxt = lines[index + 1] if index + 1 < len(lines) else ""
            short = len(line) < 0.8 * width
            heading = short and not _TERMINAL.search(line) and nxt[:1].isupper()
            if (short and _TERMINAL.search(line)) or heading:
                paragraphs.append(" ".join(current))
                current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def read_pdf(source: Payload | str) -> ReadOutcome:
    """Read a PDF's text layer as one article."""
    payload = as_payload(source)
    import pypdf
    from pypdf.errors import LimitReachedError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # it warns about every odd object
    try:
        reader = pypdf.PdfReader(io.BytesIO(payload.data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError("encrypted PDF (a password is needed)")
        page_count = len(reader.pages)
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]
        try:
            meta: Any = reader.metadata or {}
            title, author = _clean_meta(meta.get("/Title")), _clean_meta(meta.get("/Author"))
            # /CreationDate is when the file was made (often a print-to-PDF of the page), not
            # when the article was published: showing it as a publication date misleads.
            published = None
        except Exception:  # a damaged info dictionary must not cost us the text
            title = author = published = None
    except SourceError:
        raise
    except LimitReachedError:  # a compression bomb: pypdf stops before memory runs out
        raise SourceError(
            "refused: a stream in it unpacks to more than pypdf's size limit"
        ) from None
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        RecursionError,
        NotImplementedError,
        OSError,
        ZeroDivisionError,
    ) as exc:
        raise SourceError(f"not a valid PDF ({type(exc).__name__})") from None
    if sum(len(page.strip()) for page in pages) < MIN_TEXT_CHARS:
        raise SourceError("no text layer (a scanned PDF? run OCR on it first)")
    paragraphs = rebuild_paragraphs(pages)
    if not paragraphs:
        raise SourceError("no text layer (only page numbers and headers)")
    first = paragraphs[0]
    if title and first.casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    elif not title and len(paragraphs) > 1 and len(first) <= 200 and not _TERMINAL.search(first):
        title = first  # no metadata title: a short unpunctuated first line is the headline
        paragraphs = paragraphs[1:]
    article = Article(
        text="\n\n".join(paragraphs),
        location=payload.location,
        title=title,
        author=author,
        published=published,
        url=payload.url,
    )
    failures: list[SourceFailure] = []
    if page_count > MAX_PAGES:  # the README promises a line for every limit
        failures.append(
            SourceFailure(
                f"{payload.location} (pages {MAX_PAGES + 1:,}–{page_count:,})",
                f"beyond the limit of {MAX_PAGES:,} pages per PDF",
            )
        )
    return ReadOutcome((article,), tuple(failures))
