"""briefer: sectioned, extractive, cited news briefs as PDF, DOCX, HTML, Markdown and JSON.

The public API (the CLI is a thin layer over it)::

    from briefer import BriefOptions, make_brief, render
    brief = make_brief(["article.txt"], "ukraine-air-defense", BriefOptions(sentences=2))
    paths = render(brief, ["pdf", "docx", "json"], "output/")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Brief",
    "BriefSection",
    "BriefSentence",
    "BriefOptions",
    "BriefRequest",
    "BriefRun",
    "BriefStats",
    "BrieferError",
    "Profile",
    "RenderOptions",
    "SectionSpec",
    "Sentence",
    "Source",
    "__version__",
    "build_brief",
    "load_profile",
    "make_brief",
    "render",
    "run_brief",
    "split_sentences",
]

# Lazy attributes keep `import briefer` (and so `briefer --version`) instant.
_LAZY = {
    "build_brief": "briefer.pipeline",
    "make_brief": "briefer.run",
    "run_brief": "briefer.run",
    "BriefRequest": "briefer.run",
    "BriefRun": "briefer.run",
    "BriefOptions": "briefer.options",
    "load_profile": "briefer.profiles",
    "render": "briefer.render",
    "RenderOptions": "briefer.render",
    "split_sentences": "briefer.text",
    "BrieferError": "briefer.errors",
    **{
        name: "briefer.models"
        for name in (
            "Article",
            "Brief",
            "BriefSection",
            "BriefSentence",
            "BriefStats",
            "Profile",
            "SectionSpec",
            "Sentence",
            "Source",
        )
    },
}

if TYPE_CHECKING:
    from .errors import BrieferError
    from .models import (
        Article,
        Brief,
        BriefSection,
        BriefSentence,
        BriefStats,
        Profile,
        SectionSpec,
        Sentence,
        Source,
    )
    from .options import BriefOptions
    from .pipeline import build_brief
    from .profiles import load_profile
    from .render import RenderOptions, render
    from .run import BriefRequest, BriefRun, make_brief, run_brief
    from .text import split_sentences


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'briefer' has no attribute {name!r}")
