"""Renderer registry and `render()`: a Brief in, finished files out (all or nothing)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError, UsageError
from ..models import Brief
from ..options import DEFAULT_AUTHOR, DEFAULT_PAGE_SIZE
from ..registry import Registry


@dataclass(frozen=True)
class RenderOptions:
    """Presentation settings shared by the renderers."""

    template_dir: Path | None = None  # overrides any bundled Jinja2 template by file name
    reference_doc: Path | None = None  # DOCX whose styles / letterhead the DOCX brief uses
    page_size: str = DEFAULT_PAGE_SIZE  # "A4" or "Letter"
    author: str = DEFAULT_AUTHOR


RenderFunc = Callable[[Brief, RenderOptions], bytes]

# format name → (file suffix, implementation); implementations are imported on first use.
RENDERERS: Registry[RenderFunc] = Registry("format")
SUFFIXES: dict[str, str] = {}


def register_renderer(
    name: str, target: str | RenderFunc, suffix: str | None = None, description: str = ""
) -> None:
    """Register a renderer for format `name` writing files ending in `.suffix`."""
    RENDERERS.register(name, target, description)
    SUFFIXES[name] = suffix or name


register_renderer("pdf", "briefer.render.pdf:render_pdf", description="PDF (reportlab)")
register_renderer("docx", "briefer.render.docx:render_docx", description="Word (python-docx)")
register_renderer("md", "briefer.render.text:render_markdown", description="Markdown (Jinja2)")
register_renderer("html", "briefer.render.text:render_html", description="HTML (Jinja2)")
register_renderer("json", "briefer.render.text:render_json", description="JSON briefer.brief/1")


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


def render_bytes(brief: Brief, fmt: str, options: RenderOptions | None = None) -> bytes:
    """Render one format into memory."""
    return RENDERERS.get(fmt)(brief, options or RenderOptions())


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
) -> list[Path]:
    """Render `brief` in every format into `output_dir/name.SUFFIX`; return the written paths.

    Every format is rendered in memory first, so a failing renderer writes nothing at all.
    `progress(done, total)` is called after each format is rendered (for a progress bar).
    """
    fmts = parse_formats(formats)
    stem = name or slugify(brief.profile or brief.title)
    rendered: list[tuple[str, bytes]] = []
    for fmt in fmts:
        rendered.append((fmt, render_bytes(brief, fmt, options)))
        if progress is not None:
            progress(len(rendered), len(fmts))
    out = Path(output_dir)
    written: list[Path] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for fmt, data in rendered:
            path = out / f"{stem}.{SUFFIXES[fmt]}"
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
