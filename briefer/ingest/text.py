"""Plain-text and Markdown reader, decoding any common encoding."""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import SourceError
from ..models import Article
from .source import MAX_BYTES, Payload, as_payload, is_binary, looks_utf16, read_local

__all__ = ["MAX_BYTES", "decode_bytes", "read_bytes", "read_text", "split_title", "strip_markdown"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters that cp1252 text of a Latin-script language plausibly contains above ASCII.
_CP1252_PUNCT = set("“”‘’„‚–—…•€™«»°£¥§©®¡¿·´¨½¼¾×÷±¶¹²³ªº¬¯¤¦¸\u00a0†‡‰ˆ˜‹›¢")


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode the five bytes cp1252 leaves undefined as latin-1 (they are C1 controls there)."""
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("briefer-latin1", _latin1_fallback)


def _plausible_cp1252(text: str) -> bool:
    """True if cp1252-decoded text looks like a Latin-script language, not mojibake."""
    letters = [ch for ch in text if ch.isalpha()]
    high = [ch for ch in text if ord(ch) > 127]
    if not high:
        return True
    odd = sum(1 for ch in high if not ch.isalpha() and ch not in _CP1252_PUNCT)
    high_letters = sum(1 for ch in high if ch.isalpha())
    # Cyrillic or Greek read as cp1252 becomes words made only of accented letters.
    return odd <= 0.05 * len(high) and high_letters <= 0.3 * max(1, len(letters))


def decode_bytes(data: bytes, location: str = "") -> str:
    """Decode text: BOMs, UTF-16 without BOM, UTF-8, then cp1252 (latin-1) or the best guess."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    if looks_utf16(data[:4096]):
        even_nuls = data[0:4096:2].count(0) > data[1:4096:2].count(0)
        return data.decode("utf-16-be" if even_nuls else "utf-16-le", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        lenient = data.decode("utf-8", errors="replace")
        broken = lenient.count("\ufffd")
        valid = sum(1 for ch in lenient if ord(ch) > 127) - broken
        if valid > broken:  # UTF-8 with a few damaged bytes, not another encoding
            return lenient
    # cp1252 is a superset of latin-1 for printable text; its few undefined bytes fall back.
    latin = data.decode("cp1252", errors="briefer-latin1")
    if _plausible_cp1252(latin):
        return latin
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return latin


def read_bytes(location: str) -> bytes:
    """The raw bytes of a file (or of stdin for '-'), with a size limit."""
    return read_local(location, MAX_BYTES)


def split_title(text: str, language: str = "english") -> tuple[str | None, str]:
    """A first line followed by a blank line is the title; Markdown '# ' headings too.

    Boilerplate lines before it (a photo credit, "Play Facebook", a byline) are never the title:
    they are passed over and stay in the body, where split_paragraphs leaves them out.
    """
    from ..boilerplate import is_boilerplate

    text = text.lstrip("\ufeff\n\r ")
    skipped = ""
    while True:
        first, sep, rest = text.partition("\n")
        if not sep or not is_boilerplate(first.lstrip("#").strip(), language):
            break
        skipped += first + "\n\n"  # its own paragraph, never joined to the next line
        text = rest.lstrip("\n\r ")
    title, body = _first_line_title(text)
    return title, skipped + body


def _first_line_title(text: str) -> tuple[str | None, str]:
    """The first line as title when a blank line follows and it reads as a heading."""
    lines = text.split("\n", 2)
    if len(lines) >= 2 and lines[0].strip() and not lines[1].strip():
        first = lines[0].strip().lstrip("#").strip()
        heading = lines[0].startswith("#") or not first.endswith((".", "!", "?"))
        if first and len(first) <= 200 and heading:
            return first, lines[2] if len(lines) > 2 else ""
    return None, text


_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^```.*?^```[ \t]*$", re.M | re.S), ""),  # code blocks are not prose
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.M), r"\n\1\n"),  # headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.M), ""),  # rules
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.M), ""),  # bullets
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
)


def strip_markdown(text: str) -> str:
    """Markdown to plain prose: markers go, the words stay; headings become paragraphs."""
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return re.sub(r"\n{3,}", "\n\n", text)


def read_text(source: Payload | str) -> list[Article]:
    """Read a text or Markdown file (or stdin) as one article."""
    payload = as_payload(source)
    if is_binary(payload.data[:4096]):
        raise SourceError("binary data, not text")
    text = unicodedata.normalize("NFC", decode_bytes(payload.data, payload.location))
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    title, body = split_title(text)
    if payload.suffix in (".md", ".markdown"):
        body = strip_markdown(body)
    if not body.strip():
        raise SourceError("no text (empty or whitespace only)")
    return [Article(text=body.strip("\n"), location=payload.location, title=title, url=payload.url)]
