"""The PDF coverage chart: stories by independent reports, or sections by sentences.

At most MAX_ROWS bars are drawn, so the chart fits a page whatever the count (a profile of 42
sections used to outgrow the page and stop the run); the caption says how many are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .common import DocumentView
from .fonts import FONT, fit, label_font
from .pdf_styles import ACCENT, GREY, INK, NAVY, RULE, TINT

MAX_ROWS = 15


@dataclass(frozen=True)
class Bar:
    """One chart row: a label, the dark (inner) and light (outer) bar lengths, two numbers."""

    label: str
    inner: int
    outer: int
    middle: str
    right: str


@dataclass(frozen=True)
class Chart:
    """What to draw and how to explain it."""

    bars: tuple[Bar, ...]
    legend: tuple[str, str]  # inner, outer
    headers: tuple[str, str]  # middle column, right column
    caption: str


def story_chart(view: DocumentView) -> Chart:
    """The top stories by independent reports (then outlets), labelled by title."""
    ranked = sorted(view.stories, key=lambda s: (-s.independent, -s.outlets))
    shown = ranked[:MAX_ROWS]
    caption = "Independent reports (dark) and outlets (light) behind each story"
    if len(ranked) > len(shown):
        caption += f"; the {len(shown)} most reported of {len(ranked)} stories"
    return Chart(
        tuple(
            Bar(
                s.title,
                s.independent,
                max(s.outlets, s.independent),
                str(s.independent),
                str(s.outlets),
            )
            for s in shown
        ),
        ("independent reports", "outlets"),
        ("independent", "outlets"),
        caption + ". Copies of one wire story count as one independent report.",
    )


def section_chart(view: DocumentView) -> Chart:
    """Sentences assigned to and selected from each section (the largest MAX_ROWS sections)."""
    rows = list(view.sections)
    if len(rows) > MAX_ROWS:
        keep = sorted(rows, key=lambda s: -max(s.candidates, len(s.sentences)))[:MAX_ROWS]
        rows = [s for s in rows if s in keep]
    caption = (
        "How many sentences were assigned to each section, how many were selected, "
        "and how many sources they came from"
    )
    if len(rows) < len(view.sections):
        caption += f"; the {len(rows)} largest of {len(view.sections)} sections are shown"
    return Chart(
        tuple(
            Bar(
                sec.title,
                len(sec.sentences),
                max(sec.candidates, len(sec.sentences)),
                f"{len(sec.sentences)} of {max(sec.candidates, len(sec.sentences))}",
                str(sec.sources),
            )
            for sec in rows
        ),
        ("selected", "assigned, not selected"),
        ("sentences", "sources"),
        caption + ".",
    )


def draw_chart(chart: Chart, width: float) -> Any:
    """Horizontal bars with labels, a legend and two number columns."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase.pdfmetrics import stringWidth

    row_h, top = 17.0, 16.0
    label_w = min(170.0, width * 0.38)
    bar_x = label_w + 8
    bar_w = width - bar_x - 92
    height = top + row_h * len(chart.bars) + 6
    peak = max([b.outer for b in chart.bars] + [1])
    d = Drawing(width, height, initialFontName=FONT, initialFontSize=8)

    def text(
        x: float, y: float, value: str, size: float, colour: str, anchor: str = "start"
    ) -> None:
        d.add(
            String(
                x,
                y,
                value,
                fontName=label_font(value),
                fontSize=size,
                fillColor=HexColor(colour),
                textAnchor=anchor,
            )
        )

    legend_x = bar_x
    for colour, label in zip((NAVY, ACCENT), chart.legend, strict=True):
        d.add(Rect(legend_x, height - 10, 8, 6, fillColor=HexColor(colour), strokeColor=None))
        text(legend_x + 11, height - 9, label, 7, GREY)
        legend_x += 11 + stringWidth(label, FONT, 7) + 12
    text(bar_x + bar_w + 6, height - 9, chart.headers[0], 7, GREY)
    text(width, height - 9, chart.headers[1], 7, GREY, "end")
    for i, bar in enumerate(chart.bars):
        y = height - top - row_h * (i + 1) + 4
        font = label_font(bar.label)
        text(0, y + 3, fit(bar.label, 8, label_w, font), 8, INK)
        d.add(Rect(bar_x, y, bar_w, 10, fillColor=HexColor(TINT), strokeColor=None))
        for length, colour in ((bar.outer, ACCENT), (bar.inner, NAVY)):
            if length:
                d.add(
                    Rect(
                        bar_x,
                        y,
                        bar_w * length / peak,
                        10,
                        fillColor=HexColor(colour),
                        strokeColor=None,
                    )
                )
        text(bar_x + bar_w + 6, y + 2, bar.middle, 7.5, INK)
        text(width, y + 2, bar.right, 7.5, INK, "end")
    d.add(Line(0, 1, width, 1, strokeColor=HexColor(RULE), strokeWidth=0.5))
    return d
