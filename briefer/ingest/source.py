"""Loading one location's bytes (file, stdin or URL) and sniffing what they really are."""

from __future__ import annotations

import io
import os
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SourceError

if TYPE_CHECKING:
    from ..fetch import Fetcher

MAX_BYTES = 64 * 1024 * 1024  # local files larger than this are refused with a clear message


@dataclass(frozen=True)
class ReadContext:
    """Settings shared by every reader in one run: how to fetch, how many workers."""

    fetcher: Fetcher | None = None  # None: the process-wide default Fetcher
    workers: int = 1

    def fetch(self, url: str, origin: str | None = None, discovered: bool = False):  # type: ignore[no-untyped-def]
        """Fetch `url` with this context's fetcher (a briefer.fetch.Response).

        `discovered`: a link found in `origin`'s content (None: a local file), not given by the
        user; it may not lead into the local network (briefer.netguard).
        """
        from ..fetch import default_fetcher

        fetcher = self.fetcher or default_fetcher()
        return fetcher.fetch(url, discovered=discovered, origin=origin)


@dataclass(frozen=True)
class Payload:
    """The raw bytes of one source and what is known about where they came from."""

    location: str  # as given: path, '-' or URL
    data: bytes
    content_type: str = ""  # HTTP Content-Type when fetched
    url: str | None = None  # final http(s) URL when fetched
    context: ReadContext = field(default_factory=ReadContext, repr=False)

    @property
    def charset(self) -> str | None:
        """The charset parameter of the Content-Type, if any."""
        from ..fetch import content_charset

        return content_charset(self.content_type)

    @property
    def suffix(self) -> str:
        """The lower-case suffix of the path or of the URL's path ("" when none)."""
        from urllib.parse import urlsplit

        path = urlsplit(self.location).path if is_url(self.location) else self.location
        return Path(path).suffix.lower()


def is_url(location: str) -> bool:
    """True for anything with a scheme (http://, file://, ...): those are never local paths."""
    head, sep, _ = location.partition("://")
    return bool(sep) and head.isascii() and head.replace("+", "").replace("-", "").isalnum()


def read_local(location: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a file (or of stdin for '-'), refusing more than `limit`.

    Opened without blocking and checked to be a regular file first: a FIFO or a device given
    as a source is refused at once instead of hanging the run on open() or read().
    """
    from .walk import os_reason, stat_reason

    try:
        if location == "-":
            return _limited(sys.stdin.buffer.read(limit + 1), limit)
        fd = os.open(location, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with open(fd, "rb") as handle:
            reason = stat_reason(os.fstat(fd).st_mode)
            if reason:
                raise SourceError(reason)
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise SourceError("no such file") from None
    except IsADirectoryError:
        raise SourceError("is a folder") from None
    except OSError as exc:
        raise SourceError(f"cannot read: {os_reason(exc)}") from None
    return _limited(data, limit)


def _limited(data: bytes, limit: int) -> bytes:
    if len(data) > limit:
        raise SourceError(f"larger than the {limit // (1024 * 1024)} MB input limit")
    return data


def load(
    location: str,
    context: ReadContext | None = None,
    *,
    found_in: Payload | None = None,
) -> Payload:
    """Read a local path, '-' (stdin) or an http(s) URL into a Payload.

    `found_in`: the payload whose content held this link (a feed), for the rule on links that
    lead into the local network (briefer.netguard).
    """
    context = context or ReadContext()
    if is_url(location):
        if found_in is not None:
            response = context.fetch(location, found_in.url, discovered=True)
        else:
            response = context.fetch(location)
        return Payload(location, response.data, response.content_type, response.final_url, context)
    return Payload(location, read_local(location), context=context)


def as_payload(source: Payload | str, context: ReadContext | None = None) -> Payload:
    """A Payload as is, or the Payload loaded from a location."""
    return source if isinstance(source, Payload) else load(source, context)


# --- sniffing -----------------------------------------------------------------------------------

# Binary signatures we recognise, to name them in messages ("not a PDF (it is a JPEG image)").
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", ""),  # too short to trust alone: checked below
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc/.xls: save it as DOCX)"),
    (b"{\\rtf", "an RTF document"),
    (b"ID3", "an MP3 file"),
    (b"\x7fELF", "a program (ELF)"),
    (b"MZ", ""),
)
_TEXT_CONTROLS = set(b"\t\n\r\x0b\x0c\x1b")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS)


def describe_binary(data: bytes) -> str | None:
    """A name for a recognised binary format ("a JPEG image"), else None."""
    for magic, name in _SIGNATURES:
        if name and data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    if data[4:8] == b"ftyp":
        return "a video or image (ISO media)"
    return None


def looks_utf16(head: bytes) -> bool:
    """UTF-16 without a BOM: NULs at every other byte of mostly-ASCII text."""
    if len(head) < 8:
        return False
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    return max(even, odd) > 0.4 * half and min(even, odd) < 0.05 * half


def is_binary(head: bytes) -> bool:
    """Bytes that are not text in any encoding we read (NULs, many control characters)."""
    if not head or looks_utf16(head):
        return False
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False
    # A stray NUL or vertical tab happens in scraped text; binaries are full of them.
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # C speed, not per byte
    return head.count(0) > max(1, 0.01 * len(head)) or controls > max(2, 0.05 * len(head))


def _text_head(data: bytes) -> str:
    """The first few KB as lower-case text, for markup sniffing."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or looks_utf16(head):
        for codec in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                return head.decode(codec, errors="ignore").lower()
            except UnicodeDecodeError:  # pragma: no cover - errors="ignore"
                continue
    return head.decode("latin-1").lower()


def _skip_prolog(text: str) -> str:
    """Drop BOM, XML declaration, comments, doctype-free whitespace from the start."""
    text = text.lstrip("\ufeff\xef\xbb\xbf \t\r\n")
    while text.startswith(("<?", "<!--")):
        end = text.find("?>" if text.startswith("<?") else "-->")
        if end < 0:
            return ""
        text = text[end + (2 if text.startswith("<?") else 3) :].lstrip()
    return text


def sniff(data: bytes) -> str:
    """What the bytes are: 'pdf', 'docx', 'html', 'feed', 'text', 'empty', 'binary' or
    'zip-damaged' (a ZIP archive too broken to list)."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        return "empty"
    head = data[:1024]
    if b"%PDF-" in head:  # the spec allows junk before the header
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return "zip-damaged"  # truncated: its name decides (a .docx is reported damaged)
        return "docx" if "word/document.xml" in names else "binary"
    if describe_binary(data) or is_binary(data[:4096]):
        return "binary"
    text = _skip_prolog(_text_head(data))
    if text.startswith(("<rss", "<rdf:rdf", "<feed")) or (
        text.startswith("<") and ("<rss" in text[:600] or "<rdf:rdf" in text[:600])
    ):
        return "feed"
    if text.startswith(("<!doctype html", "<html")) or (
        text.startswith("<") and any(tag in text for tag in ("<head", "<body", "<article"))
    ):
        return "html"
    return "text"


def binary_name(data: bytes) -> str:
    """How to name a binary payload in a message."""
    if data.startswith(b"PK\x03\x04"):
        return "a ZIP archive"
    return describe_binary(data) or "binary data"
