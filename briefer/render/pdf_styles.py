"""PDF look: colours and paragraph styles shared by the page, the story cards and the chart."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .fonts import FONT

NAVY, INK, GREY, RULE, TINT, MARK = "#1d3b5c", "#1f2933", "#52606d", "#d9e2ec", "#f0f4f8", "#a3131a"
ACCENT = "#7d9cbd"
AMBER, AMBER_TINT, AMBER_INK = "#e0a800", "#fff8e6", "#8a5a00"  # "sources disagree" boxes
CONTEXT = "#7b8794"
WHITE = "#ffffff"
# Every colour the markup names (pdf_para.register_colours parses each once per run).
COLOURS = (NAVY, INK, GREY, RULE, TINT, MARK, ACCENT, AMBER, AMBER_TINT, AMBER_INK, CONTEXT, WHITE)


@lru_cache(maxsize=1)
def styles() -> dict[str, Any]:
    """The named paragraph styles (built once)."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=10,
        leading=15,
        textColor=HexColor(INK),
        alignment=TA_LEFT,
        spaceAfter=7,
        splitLongWords=1,
    )
    return {
        "body": base,
        "kicker": ParagraphStyle(
            "kicker", base, fontSize=8, leading=11, textColor=HexColor(GREY), spaceAfter=4
        ),
        "title": ParagraphStyle(
            "title",
            base,
            fontName=f"{FONT}-Bold",
            fontSize=22,
            leading=27,
            textColor=HexColor(NAVY),
            spaceAfter=6,
        ),
        "meta": ParagraphStyle(
            "meta", base, fontSize=9, leading=13, textColor=HexColor(GREY), spaceAfter=0
        ),
        "h1": ParagraphStyle(
            "h1",
            base,
            fontName=f"{FONT}-Bold",
            fontSize=13,
            leading=17,
            textColor=HexColor(NAVY),
            spaceBefore=14,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "kp_head": ParagraphStyle(
            "kp_head",
            base,
            fontName=f"{FONT}-Bold",
            fontSize=11,
            leading=15,
            textColor=HexColor(NAVY),
            spaceAfter=4,
        ),
        "bullet": ParagraphStyle(
            "bullet",
            base,
            leftIndent=12,
            bulletIndent=0,
            spaceAfter=5,
            bulletFontName=FONT,
            bulletColor=HexColor(NAVY),
        ),
        "note": ParagraphStyle(
            "note", base, fontName=f"{FONT}-Oblique", textColor=HexColor(GREY), fontSize=9.5
        ),
        "source": ParagraphStyle(
            "source",
            base,
            fontSize=8.5,
            leading=12,
            leftIndent=22,
            bulletIndent=0,
            spaceAfter=6,
            bulletFontName=FONT,
            bulletFontSize=8.5,
            bulletColor=HexColor(GREY),
        ),
        "small": ParagraphStyle("small", base, fontSize=8, leading=11.5, textColor=HexColor(GREY)),
        "caption": ParagraphStyle(
            "caption", base, fontSize=8, leading=11, textColor=HexColor(GREY), spaceAfter=10
        ),
        "story_title": ParagraphStyle(
            "story_title",
            base,
            fontName=f"{FONT}-Bold",
            fontSize=11,
            leading=14.5,
            textColor=HexColor(INK),
            spaceAfter=1,
            keepWithNext=1,
        ),
        "coverage": ParagraphStyle(
            "coverage", base, fontSize=8, leading=11, textColor=HexColor(GREY), spaceAfter=5
        ),
        "context": ParagraphStyle(
            "context",
            base,
            fontName=f"{FONT}-Oblique",
            fontSize=8.5,
            leading=12,
            textColor=HexColor(CONTEXT),
            spaceAfter=1,
            keepWithNext=1,
        ),
        "card_head": ParagraphStyle(
            "card_head",
            base,
            fontName=f"{FONT}-Bold",
            fontSize=7,
            leading=10,
            textColor=HexColor(GREY),
            spaceBefore=5,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "quote": ParagraphStyle(
            "quote",
            base,
            fontSize=9,
            leading=13,
            leftIndent=10,
            bulletIndent=0,
            spaceAfter=3,
            bulletFontName=FONT,
            bulletColor=HexColor(NAVY),
        ),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=11.5, spaceAfter=0),
        "cell_date": ParagraphStyle(
            "cell_date",
            base,
            fontName=f"{FONT}-Bold",
            fontSize=8,
            leading=11.5,
            textColor=HexColor(NAVY),
            spaceAfter=0,
        ),
        "flag": ParagraphStyle(
            "flag",
            base,
            fontName=f"{FONT}-Bold",
            fontSize=8.5,
            leading=11.5,
            textColor=HexColor(AMBER_INK),
            spaceAfter=0,
        ),
        "also": ParagraphStyle(
            "also",
            base,
            fontSize=9,
            leading=13,
            leftIndent=10,
            bulletIndent=0,
            spaceAfter=3,
            bulletFontName=FONT,
            bulletColor=HexColor(GREY),
        ),
    }
