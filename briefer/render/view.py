"""The document view: a Brief numbered, cleaned and formatted once for every renderer."""

from __future__ import annotations

from ..models import Brief
from .common import (
    OTHER_SOURCES_SHOWN,
    DocumentView,
    ViewFailure,
    ViewSection,
    anchor,
    colophon,
    format_created,
    format_date,
    inline,
    view_sentence,
    view_source,
)
from .story_view import ALL_STORIES, OTHER_STORIES, stories_by_section, story_sources, view_story


def _sections(brief: Brief, numbers: dict[str, int]) -> tuple[ViewSection, ...]:
    """Sections with their story cards; stories no section lists get a last section of their own."""
    listed, unplaced = stories_by_section(brief)
    out: list[ViewSection] = []
    specs = [
        (sec.id, sec.title, sec.sentences, sec.candidates, sec.sources) for sec in brief.sections
    ]
    if unplaced:
        specs.append(
            (
                "other-stories",
                OTHER_STORIES if specs else ALL_STORIES,
                (),
                0,
                len({s for st in unplaced for s in st.sources}),
            )
        )
    for i, (sec_id, title, sentences, candidates, n_sources) in enumerate(specs, start=1):
        stories = listed.get(sec_id, unplaced if sec_id == "other-stories" else [])
        views = [view_story(st, numbers, rank) for rank, st in enumerate(stories)]
        shown = {(s.source, s.position) for st in stories for s in st.sentences}
        out.append(
            ViewSection(
                id=sec_id,
                anchor=anchor(sec_id, i),
                title=inline(title) or sec_id,
                sentences=tuple(view_sentence(s, numbers) for s in sentences),
                candidates=candidates,
                sources=n_sources,
                stories=tuple(v for v in views if not v.compact),
                also_reported=tuple(v for v in views if v.compact),
                loose=tuple(
                    view_sentence(s, numbers)
                    for s in sentences
                    if stories and (s.source, s.position) not in shown
                ),
            )
        )
    return tuple(out)


def build_view(brief: Brief) -> DocumentView:
    """Number the sources, resolve citations and format every display string once.

    `render()` builds it once per brief and hands it to every renderer.
    """
    # Only quoted sources get a number and a full entry: a brief of 1,000 articles must not end
    # in a 50-page bibliography. The others are named briefly (all of them are in the JSON).
    shown = brief.key_points + tuple(s for sec in brief.sections for s in sec.sentences)
    cited = {s.source for s in shown} | {o for s in shown for o in s.also_in}
    for story in brief.stories:
        cited |= story_sources(story)
    quoted = [src for src in brief.sources if src.id in cited]
    others = [src for src in brief.sources if src.id not in cited]
    numbers = {src.id: i for i, src in enumerate(quoted, start=1)}
    sources = tuple(view_source(src, numbers[src.id]) for src in quoted)
    other_sources = tuple(view_source(src, 0) for src in others[:OTHER_SOURCES_SHOWN])
    sections = _sections(brief, numbers)
    title = inline(brief.title) or "Brief"
    keywords = tuple(
        dict.fromkeys(
            k for k in ("briefer", inline(brief.profile), *(s.title for s in sections)) if k
        )
    )
    return DocumentView(
        title=title,
        created=format_created(brief.created),
        created_iso=brief.created.isoformat(),
        date=format_date(brief.created),
        marking=inline(brief.marking),
        profile=inline(brief.profile),
        method=inline(brief.method),
        language=inline(brief.language),
        key_points=tuple(view_sentence(s, numbers) for s in brief.key_points),
        sections=sections,
        sources=sources,
        other_sources=other_sources,
        other_count=len(others),
        failures=tuple(ViewFailure(inline(f.location), inline(f.reason)) for f in brief.failures),
        colophon=colophon(brief),
        subject=f"{title} — brief of {format_created(brief.created)}",
        keywords=keywords,
        stories=tuple(st for sec in sections for st in sec.stories + sec.also_reported),
    )
