"""Renderer registry and `render()`: a Brief in, finished files out (all or nothing)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError, UsageError
from ..models import Brief
from ..options import DEFAULT_AUTHOR, DEFAULT_PAGE_SIZE
from ..registry import Registry

if TYPE_CHECKING:
    from .common import DocumentView
    from .prestart import Prestarted


@dataclass(frozen=True)
class RenderOptions:
    """Presentation settings shared by the renderers."""

    template_dir: Path | None = None  # overrides any bundled Jinja2 template by file name
    reference_doc: Path | None = None  # DOCX whose styles / letterhead the DOCX brief uses
    page_size: str = DEFAULT_PAGE_SIZE  # "A4" or "Letter"
    author: str = DEFAULT_AUTHOR


# A renderer gets the brief, the options and the document view (built once per brief and
# shared by every format, see common.document_view).
RenderFunc = Callable[[Brief, RenderOptions, "DocumentView"], bytes]


@dataclass(frozen=True)
class FormatInfo:
    """What the registry knows of a format besides its renderer: file suffix and media type."""

    name: str
    suffix: str  # without the dot
    media_type: str  # "application/pdf"


# format name → implementation (imported on first use); FORMATS holds each entry's file facts.
RENDERERS: Registry[RenderFunc] = Registry("format")
FORMATS: dict[str, FormatInfo] = {}


def register_renderer(
    name: str,
    target: str | RenderFunc,
    suffix: str | None = None,
    description: str = "",
    media_type: str = "application/octet-stream",
) -> None:
    """Register a renderer for format `name` writing files ending in `.suffix`."""
    RENDERERS.register(name, target, description)
    FORMATS[name] = FormatInfo(name, suffix or name, media_type)


def format_info(fmt: str) -> FormatInfo:
    """The registry's facts about a format (suffix, media type), or a UsageError."""
    RENDERERS.entry(fmt)  # raises with the valid names
    return FORMATS[fmt]


def format_of(path: str | Path) -> str | None:
    """The format whose files end like `path` ("brief.pdf" → "pdf"), or None."""
    suffix = Path(path).suffix.lstrip(".").lower()
    return next((f.name for f in FORMATS.values() if f.suffix == suffix), None)


register_renderer(
    "pdf", "briefer.render.pdf:render_pdf", "pdf", "PDF (reportlab)", "application/pdf"
)
register_renderer(
    "docx",
    "briefer.render.docx:render_docx",
    "docx",
    "Word (python-docx)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
register_renderer(
    "md", "briefer.render.text:render_markdown", "md", "Markdown (Jinja2)", "text/markdown"
)
register_renderer("html", "briefer.render.text:render_html", "html", "HTML (Jinja2)", "text/html")
register_renderer(
    "json", "briefer.render.text:render_json", "json", "JSON briefer.brief/2", "application/json"
)


def parse_formats(spec: str | Sequence[str]) -> list[str]:
    """Split "pdf,docx" (or a list) into known format names, or raise UsageError."""
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    formats: list[str] = []
    for item in (i.strip().lower() for i in items):
        if not item:
            continue
        if item == "markdown":
            item = "md"
        RENDERERS.entry(item)  # raises with the valid names
        if item not in formats:
            formats.append(item)
    if not formats:
        raise UsageError(f"no output format given (valid: {', '.join(RENDERERS.names())})")
    return formats


def render_bytes(
    brief: Brief,
    fmt: str,
    options: RenderOptions | None = None,
    view: DocumentView | None = None,
) -> bytes:
    """Render one format into memory (pass `view` when rendering several formats of one brief)."""
    from .view import build_view as document_view

    return RENDERERS.get(fmt)(brief, options or RenderOptions(), view or document_view(brief))


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then rename: never a truncated file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render(
    brief: Brief,
    formats: str | Sequence[str],
    output_dir: str | Path,
    name: str | None = None,
    options: RenderOptions | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    parallel: bool | None = None,
    worker: Prestarted | None = None,
) -> list[Path]:
    """Render `brief` in every format into `output_dir/name.SUFFIX`; return the written paths.

    Every format is rendered in memory first, so a failing renderer writes nothing at all.
    `progress(done, total)` is called after each format is rendered (for a progress bar).
    `parallel` None forks a second renderer when that is safe and worth it (see parallel.py);
    a `worker` from prestart.prestart() renders its formats (the caller cancels it afterwards).
    """
    from .parallel import render_formats
    from .view import build_view as document_view

    fmts = parse_formats(formats)
    stem = name or slugify(brief.profile or brief.title)
    view = document_view(brief)  # once per brief, shared by every format
    rendered = render_formats(brief, fmts, options, view, progress, parallel, worker)
    out = Path(output_dir)
    written: list[Path] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for fmt, data in rendered:
            path = out / f"{stem}.{FORMATS[fmt].suffix}"
            write_atomic(path, data)
            written.append(path)
    except BaseException as exc:  # all or nothing: no half set of outputs (disk full, SIGTERM)
        for path in written:
            path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write to {out}: {exc.strerror or exc}") from None
        raise
    return written


def slugify(text: str) -> str:
    """A safe file stem from a title ("The US outlook" → "the-us-outlook")."""
    import re

    slug = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return slug[:80] or "brief"
