"""DOCX reader: all of the text (tables, content controls, insertions, notes) and metadata."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from ..errors import SourceError
from ..models import Article
from .docx_text import body_paragraphs
from .source import Payload, as_payload

__all__ = ["read_docx"]

MAX_UNPACKED = 256 * 1024 * 1024  # a DOCX that unpacks to more than this is refused (zip bomb)
# python-docx's own template fills these in; they say nothing about the document.
_TEMPLATE_AUTHORS = {"python-docx", ""}
_TEMPLATE_TITLES = {"word document", "document", "untitled", ""}
_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15)


def _check_archive(data: bytes) -> None:
    """Refuse broken archives and zip bombs before python-docx unpacks anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise SourceError("not a valid DOCX (damaged or truncated ZIP archive)") from None
    if sum(info.file_size for info in infos) > MAX_UNPACKED:
        raise SourceError(f"refused: unpacks to more than {MAX_UNPACKED // (1024 * 1024)} MB")
    if not any(info.filename == "word/document.xml" for info in infos):
        raise SourceError("not a DOCX (a ZIP archive without word/document.xml)")


def read_docx(source: Payload | str) -> list[Article]:
    """Read a Word document as one article."""
    payload = as_payload(source)
    _check_archive(payload.data)
    import docx

    try:
        document = docx.Document(io.BytesIO(payload.data))
        paragraphs = body_paragraphs(document)
        props = document.core_properties
        title, author, created = props.title, props.author, props.created
    except Exception as exc:  # python-docx raises KeyError, lxml errors, ValueError...
        raise SourceError(f"not a valid DOCX ({type(exc).__name__})") from None
    blocks = [(style or "", " ".join(text.split())) for style, text in paragraphs]
    blocks = [(style, text) for style, text in blocks if text]
    title = (title or "").strip()
    if title.casefold() in _TEMPLATE_TITLES:
        title = ""
    if not title:
        for index, (style, text) in enumerate(blocks):
            if style.startswith(("Title", "Heading")):
                title = text
                del blocks[index]
                break
    elif blocks and blocks[0][1].casefold() == title.casefold():
        del blocks[0]  # the title repeated as the first line is not a sentence
    if not blocks:
        raise SourceError("no text in the document")
    author = (author or "").strip()
    published = None
    if created is not None and created.replace(tzinfo=None) != _TEMPLATE_CREATED:
        published = created.isoformat()
    return [
        Article(
            text="\n\n".join(text for _, text in blocks),
            location=payload.location,
            title=title or None,
            author=None if author in _TEMPLATE_AUTHORS else author,
            published=published,
            url=payload.url,
        )
    ]
