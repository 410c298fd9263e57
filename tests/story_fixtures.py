"""A small builder of Briefs with stories, for the renderer tests (no pipeline involved)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from briefer.models import (
    Brief,
    BriefSection,
    BriefSentence,
    BriefStats,
    Disagreement,
    DisagreementValue,
    Quote,
    Source,
    Story,
    TimelineEvent,
)

HOSTILE_TITLE = "AT&T <b>strike</b> {{ 7*7 }} *bold* | pipe"
HOSTILE_QUOTE = "We will not <script>alert(1)</script> & **yield** [x](javascript:1)"
HOSTILE_VALUE = "<26> & | 'people'"


def sent(
    text: str, source: str, position: int, *also: str, context: str | None = None
) -> BriefSentence:
    """A selected sentence."""
    return BriefSentence(text, source, position, tuple(also), 0.5, context)


def sources(count: int) -> tuple[Source, ...]:
    """Sources s1..sN with titles, outlets and dates."""
    return tuple(
        Source(
            id=f"s{i}",
            location=f"https://outlet{i}.example/story-{i}",
            title=f"Report {i} on Dnipro",
            outlet=f"Outlet {i}",
            published=f"2024-11-{20 + i % 8:02d}T07:00:00Z",
            url=f"https://outlet{i}.example/story-{i}",
            sentences=10,
            words=200,
        )
        for i in range(1, count + 1)
    )


STRIKE = Story(
    id="st-3f9a1c0b7d2e",
    title="Dnipro missile strike",
    sources=("s1", "s2", "s3"),
    outlets=3,
    independent=2,
    status="new",
    section="strike",
    sentences=(
        sent("Russia fired an Oreshnik missile at Dnipro on Thursday.", "s1", 0, "s3"),
        sent(
            "It hit an industrial site, officials said.",
            "s2",
            3,
            context="The missile was launched from Astrakhan.",
        ),
    ),
    quotes=(
        Quote("Volodymyr Zelensky", "This is a clear and serious escalation", "direct", "s1", 4),
        Quote("China's foreign ministry", "all sides should show restraint", "indirect", "s2", 5),
        Quote("Dmitry Peskov", HOSTILE_QUOTE, "direct", "s3", 6),
        Quote("Extra Speaker", "not shown on the card", "direct", "s3", 7),
    ),
    timeline=(
        TimelineEvent("2024-11-18", "Ukraine first used ATACMS inside Russia.", "s3", 1),
        TimelineEvent("2024-11-21", "The Oreshnik missile hit Dnipro.", "s1", 0),
        TimelineEvent("2024-12", "NATO will meet on air defence.", "s2", 8),
    ),
    disagreements=(
        Disagreement(
            "people injured",
            (
                DisagreementValue("26", ("s1",), "Twenty-six people were injured.", 2),
                DisagreementValue(
                    HOSTILE_VALUE, ("s2", "s3"), "Only 15 were hurt <officially>.", 4
                ),
            ),
        ),
    ),
)
APPEAL = Story(
    id="st-aaaaaaaaaaaa",
    title=HOSTILE_TITLE,
    sources=("s4", "s5"),
    outlets=2,
    independent=1,
    section="strike",
    sentences=(sent("Kyiv asked for more Patriot systems.", "s4", 0, "s5"),),
)
SINGLE = Story(
    id="st-bbbbbbbbbbbb",
    title="Odesa port fire",
    sources=("s6",),
    outlets=1,
    independent=1,
    section="strike",
    sentences=(sent("A fire broke out at the Odesa port.", "s6", 0),),
)
US = Story(
    id="st-cccccccccccc",
    title="US outlook",
    sources=("s7",),
    outlets=1,
    independent=1,
    section="us-outlook",
    status="updated",
    sentences=(sent("Washington weighs new aid.", "s7", 1),),
    quotes=(Quote("Antony Blinken", "We stand with Ukraine", "direct", "s7", 2),),
)
STORIES = (STRIKE, APPEAL, SINGLE, US)


def story_brief(stories: tuple[Story, ...] = STORIES, **changes: object) -> Brief:
    """A brief of two sections whose content is `stories` (by their `section`)."""
    section_ids = ("strike", "us-outlook")
    sections = tuple(
        BriefSection(
            id=sid,
            title={"strike": "The strike", "us-outlook": "The US outlook"}[sid],
            sentences=tuple(s for st in stories if st.section == sid for s in st.sentences),
            candidates=9,
            sources=3,
            stories=tuple(st.id for st in stories if st.section == sid),
        )
        for sid in section_ids
    )
    shown = [s for sec in sections for s in sec.sentences]
    brief = Brief(
        title="Ukraine air defence — stories",
        created=datetime(2026, 11, 26, 6, 0, tzinfo=UTC),
        profile="ukraine-air-defense",
        method="briefer",
        language="english",
        sections=sections,
        sources=sources(7),
        stats=BriefStats(7, 70, 1400, len(shown), sum(len(s.text.split()) for s in shown)),
        key_points=(STRIKE.sentences[0],),
        stories=stories,
    )
    return replace(brief, **changes)  # type: ignore[arg-type]
