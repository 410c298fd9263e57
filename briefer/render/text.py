"""Markdown and HTML (Jinja2 templates) and JSON (`briefer.brief/2`) renderers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import OutputError, UsageError
from ..models import Brief, BriefSentence, Story
from . import RenderOptions
from .common import DocumentView, safe_url

SCHEMA = "briefer.brief/2"
MARKDOWN_TEMPLATE = "brief.md.j2"
HTML_TEMPLATE = "brief.html.j2"

# Markdown: characters that start emphasis, code, links or images anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]~|])")
# "<" only matters before something that could open a tag or autolink ("<10%" is safe).
_MD_TAG = re.compile(r"<(?=[A-Za-z/!?])")
# "&" only matters when it would form an entity reference ("AT&T" is safe).
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Block markers at the start of the text: headings, quotes, lists, rules, numbered lists.
_MD_BLOCK = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def md_escape(value: Any) -> str:
    """Escape a value so it reads as plain text in Markdown (no links, HTML or emphasis)."""
    text = re.sub(r"\s+", " ", str(value))
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_TAG.sub(r"\\<", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    return _MD_BLOCK.sub(
        lambda m: (
            m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit() else "\\" + m.group(2))
        ),
        text,
    )


def md_url(value: Any) -> Any:
    """An http(s) URL made safe inside Markdown's `(...)` link syntax (percent-encoding)."""
    from markupsafe import Markup

    url = safe_url(str(value))
    if url is None:
        return ""
    return Markup(quote(url, safe=":/?#@!$&'*+,;=%-._~[]"))


def _md_finalize(value: Any) -> Any:
    """Every `{{ }}` in a Markdown template is escaped unless marked safe (like autoescape)."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    return md_escape(value)


def _bundled_loader() -> Any:
    """Load templates shipped inside the package (works from a wheel or a checkout)."""
    from importlib.resources import files

    from jinja2 import FunctionLoader

    root = files("briefer") / "templates"

    def load(name: str) -> str | None:
        target = root / name
        return target.read_text(encoding="utf-8") if target.is_file() else None

    return FunctionLoader(load)


def template_environment(options: RenderOptions, markdown: bool = False) -> Any:
    """A sandboxed Jinja2 environment: the user's template folder first, then the bundled one."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    loaders = []
    if options.template_dir is not None:
        folder = Path(options.template_dir)
        if not folder.is_dir():
            raise UsageError(f"template folder {folder} does not exist")
        loaders.append(FileSystemLoader(str(folder)))
    loaders.append(_bundled_loader())
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=not markdown,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_md_finalize if markdown else None,
    )
    env.filters["md"] = md_escape
    env.filters["mdurl"] = md_url
    env.filters["httpurl"] = lambda v: safe_url(str(v)) or ""
    return env


def _render_template(
    name: str, view: DocumentView, options: RenderOptions, markdown: bool
) -> bytes:
    from jinja2 import TemplateError

    env = template_environment(options, markdown=markdown)
    template = None
    try:
        template = env.get_template(name)
        text = template.render(doc=view)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)  # set on syntax errors only
        where = f" (line {line})" if line else ""
        raise OutputError(f"template {name}{where}: {exc.message or exc}") from None
    except Exception as exc:
        if template is None or template.filename is None:  # bundled template: a real bug
            raise
        # A user's template failing at run time ({{ 1 / 0 }}...): one line, no traceback.
        raise OutputError(f"template {template.filename}: {type(exc).__name__}: {exc}") from None
    # A lone surrogate (broken input) must not crash encoding; it becomes U+FFFD.
    return text.encode("utf-8", "replace")


def render_markdown(brief: Brief, options: RenderOptions, view: DocumentView) -> bytes:
    """The brief as Markdown (template `brief.md.j2`), UTF-8."""
    data = _render_template(MARKDOWN_TEMPLATE, view, options, markdown=True)
    # Template blocks leave runs of blank lines; sentence text never holds newlines (inline()).
    return re.sub(rb"\n{3,}", b"\n\n", data)


def render_html(brief: Brief, options: RenderOptions, view: DocumentView) -> bytes:
    """The brief as one self-contained HTML page (template `brief.html.j2`), UTF-8."""
    return _render_template(HTML_TEMPLATE, view, options, markdown=False)


def _sentence_json(sent: BriefSentence) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": sent.text,
        "source": sent.source,
        "position": sent.position,
        "also_in": list(sent.also_in),
    }
    if sent.context is not None:  # only story sentences that lean on an earlier one have it
        data["context"] = sent.context
    return data


def _story_json(story: Story) -> dict[str, Any]:
    """One story card as `briefer.brief/2` data (key order as in CONTRACTS.md)."""
    data: dict[str, Any] = {"id": story.id, "title": story.title, "section": story.section}
    if story.status is not None:
        data["status"] = story.status
    if story.change is not None:
        data["change"] = story.change
    data.update(
        sources=list(story.sources),
        outlets=story.outlets,
        independent=story.independent,
        sentences=[_sentence_json(s) for s in story.sentences],
        quotes=[
            {
                "speaker": q.speaker,
                "text": q.text,
                "kind": q.kind,
                "source": q.source,
                "position": q.position,
            }
            for q in story.quotes
        ],
        timeline=[
            {"date": e.date, "text": e.text, "source": e.source, "position": e.position}
            for e in story.timeline
        ],
        disagreements=[
            {
                "about": d.about,
                "values": [
                    {"value": v.value, "sources": list(v.sources), "text": v.text} for v in d.values
                ],
            }
            for d in story.disagreements
        ],
    )
    return data


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """The `briefer.brief/2` document as plain data (fixed key order; every v1 key kept)."""
    st = brief.stats
    story_of = {src: story.id for story in brief.stories for src in story.sources}
    return {
        "schema": SCHEMA,
        "title": brief.title,
        "created": brief.created.isoformat(),
        "profile": brief.profile,
        "method": brief.method,
        "language": brief.language,
        "marking": brief.marking,
        "key_points": [_sentence_json(s) for s in brief.key_points],
        "sections": [
            {
                "id": sec.id,
                "title": sec.title,
                "stories": list(sec.stories),
                "sentences": [_sentence_json(s) for s in sec.sentences],
            }
            for sec in brief.sections
        ],
        "sources": [
            {
                "id": src.id,
                "story": story_of.get(src.id),
                "title": src.title,
                "location": src.location,
                "sentences": src.sentences,
                "duplicates": list(src.duplicates),
                "url": src.url,
                "outlet": src.outlet,
                "author": src.author,
                "published": src.published,
            }
            for src in brief.sources
        ],
        "stats": {
            "sources": st.sources,
            "sentences_read": st.sentences_read,
            "words_read": st.words_read,
            "sentences_selected": st.sentences_selected,
            "words_selected": st.words_selected,
            "compression": round(st.compression, 4),
        },
        "failures": [{"location": f.location, "reason": f.reason} for f in brief.failures],
        "stories": [_story_json(story) for story in brief.stories],
    }


def render_json(brief: Brief, options: RenderOptions, view: DocumentView) -> bytes:
    """The brief as JSON (`briefer.brief/2`, see CONTRACTS.md), UTF-8 with a final newline."""
    from .json_text import dumps  # json.dumps(..., ensure_ascii=False, indent=2), faster

    text = dumps(brief_to_dict(brief))
    # A lone surrogate (broken input) becomes a valid JSON escape instead of an encode error.
    return (text + "\n").encode("utf-8", "backslashreplace")
