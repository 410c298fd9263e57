"""PDF story cards: title, coverage, sentences with context, quotes, timeline, disagreements."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .common import ViewSentence
from .fonts import FONT, markup
from .pdf_styles import AMBER, AMBER_TINT, GREY, NAVY, RULE, WHITE, styles
from .story_view import ViewStory

SentenceParagraphs = Callable[[ViewSentence, Any], list[Any]]
# A table cell cannot break across pages: text in timeline and disagreement cells, titles and
# speakers are shortened in the PDF beyond these lengths, visibly (the other formats keep it all).
CELL_CHARS = 1200
LABEL_CHARS = 300
CUT_MARK = " … [shortened in the PDF]"


def clip(text: str, limit: int) -> str:
    """`text`, or its first `limit` characters (cut at a space) and a visible mark."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)
    return text[: cut if cut > 0 else limit] + CUT_MARK


def _pieces(text: str) -> list[str]:
    from .pdf import chunk_text

    return chunk_text(text)


def cite_markup(numbers: tuple[int, ...]) -> str:
    """ "[1, 3]" with each number a link to its source entry."""
    if not numbers:
        return ""
    links = ", ".join(f'<a href="#src-{n}" color="{NAVY}">{n}</a>' for n in numbers)
    return f' <font size="7.5" color="{GREY}">[{links}]</font>'


def _card_class() -> Any:
    from reportlab.platypus import Table

    class Card(Table):
        """A table that hands its outline entry to the first part when split across pages."""

        def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
            parts: list[Any] = super().split(availWidth, availHeight)
            mark = getattr(self, "_bookmark", None)
            if parts and mark:
                parts[0]._bookmark = mark
            return parts

    return Card


def _table(rows: list[list[Any]], widths: list[float], style: list[Any], card: bool = False) -> Any:
    from reportlab.platypus import Table, TableStyle

    kind = _card_class() if card else Table
    table = kind(rows, colWidths=widths, hAlign="LEFT", splitByRow=1)
    # FONTNAME too: an empty string cell is drawn in Table's default, Helvetica (not embedded).
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *style]))
    return table


def _timeline(story: ViewStory, width: float) -> list[Any]:
    """One one-row table per event: the card breaks between rows, never inside a cell, so a
    long timeline (a 3,000-article story has dozens of events) no longer overflows a page."""
    from reportlab.lib.colors import HexColor

    from .pdf_para import Paragraph

    st = styles()
    date_w = 92.0
    tables = []
    for n, e in enumerate(story.timeline):
        row = [
            Paragraph(markup(clip(e.date, LABEL_CHARS)), st["cell_date"]),
            Paragraph(markup(clip(e.text, CELL_CHARS)) + cite_markup(e.numbers), st["cell"]),
        ]
        rule = (
            []
            if n == len(story.timeline) - 1
            else [("LINEBELOW", (0, 0), (-1, 0), 0.25, HexColor(RULE))]
        )
        tables.append(
            _table(
                [row],
                [date_w, width - date_w],
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                    *rule,
                ],
            )
        )
    return tables


def _disagreement(about: str, values: Any, width: float) -> Any:
    """A flagged box: what is disputed, then each value beside its sources and sentence."""
    from reportlab.lib.colors import HexColor

    from .pdf_para import Paragraph

    st = styles()
    head = Paragraph(f"⚠ Sources disagree: {markup(clip(about, LABEL_CHARS))}", st["flag"])
    rows: list[list[Any]] = [[head, "", ""]]
    rows.append([Paragraph(f"<b>{t}</b>", st["card_head"]) for t in ("VALUE", "SOURCES", "SAYS")])
    for v in values:
        rows.append(
            [
                Paragraph(f"<b>{markup(clip(v.value, LABEL_CHARS))}</b>", st["cell"]),
                Paragraph(cite_markup(v.numbers).strip(), st["cell"]),
                Paragraph(markup(clip(v.text, CELL_CHARS)), st["cell"]),
            ]
        )
    value_w, src_w = min(110.0, width * 0.25), 52.0
    return _table(
        rows,
        [value_w, src_w, width - value_w - src_w],
        [
            ("SPAN", (0, 0), (-1, 0)),
            ("BACKGROUND", (0, 0), (-1, -1), HexColor(AMBER_TINT)),
            ("LINEBEFORE", (0, 0), (0, -1), 3, HexColor(AMBER)),
            ("BOX", (0, 0), (-1, -1), 0.5, HexColor(AMBER)),
            ("LINEBELOW", (0, 1), (-1, -2), 0.25, HexColor(AMBER)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ],
    )


def story_card(story: ViewStory, width: float, paragraphs: SentenceParagraphs) -> list[Any]:
    """The flowables of one card (a left rule marks the card; it may break across pages)."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Spacer

    from .pdf_para import Paragraph

    st = styles()
    inner = width - 12
    badge = ""
    if story.status:
        label = markup(story.status.upper())
        badge = f'<font size="7" color="{WHITE}" backColor="{NAVY}">&nbsp;{label}&nbsp;</font>'
        badge += "&nbsp;&nbsp;"
    title = Paragraph(
        f"{badge}{markup(clip(story.title, LABEL_CHARS))}",
        st["story_title"],
    )
    coverage = story.coverage + (f" · {story.change}" if story.change else "")
    items: list[Any] = [title, Paragraph(markup(coverage), st["coverage"])]
    for sent in story.sentences:  # with its context, one row per piece (rows cannot break)
        items += paragraphs(sent, st["body"])
    if story.quotes:
        items.append(Paragraph("QUOTES", st["card_head"]))
        for q in story.quotes:
            pieces = _pieces(q.text)
            for i, piece in enumerate(pieces):
                text = markup(piece)
                if i == 0:
                    opener = "“" if q.direct else "<i>(reported)</i> "
                    text = f"<b>{markup(clip(q.speaker, LABEL_CHARS))}</b>: {opener}{text}"
                if i == len(pieces) - 1:
                    text += ("”" if q.direct else "") + cite_markup(q.numbers)
                items.append(Paragraph(text, st["quote"], bulletText="•" if i == 0 else None))
    if story.timeline:
        items += [Paragraph("TIMELINE", st["card_head"]), *_timeline(story, inner)]
    for d in story.disagreements:
        items += [Spacer(1, 5), _disagreement(d.about, d.values, inner)]
    if story.more_note:
        items.append(Paragraph(markup(story.more_note), st["coverage"]))
    rows = [[item] for item in items]
    spacing: list[Any] = []
    for i, item in enumerate(items):  # a table cell ignores its paragraph's space before/after
        style = getattr(item, "style", None)
        if style is not None:
            spacing.append(("TOPPADDING", (0, i), (0, i), style.spaceBefore))
            spacing.append(("BOTTOMPADDING", (0, i), (0, i), style.spaceAfter))
    card = _table(
        rows,
        [width],
        [
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, HexColor(NAVY)),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            *spacing,
        ],
        card=True,
    )
    card._bookmark = (story.anchor, story.title[:200], 2)  # an outline entry under its section
    return [card, Spacer(1, 12)]


def also_reported(stories: tuple[ViewStory, ...]) -> list[Any]:
    """ "Also reported": one line per single-source, headline-only story."""
    from .pdf_para import Paragraph

    st = styles()
    out: list[Any] = [Paragraph("ALSO REPORTED", st["card_head"])]
    for story in stories:
        text = f"<b>{markup(story.title)}</b>"
        if story.headline:
            text += f": {markup(story.headline.text)}{cite_markup(story.headline.numbers)}"
        if story.outlets > 1:
            text += f' <font size="8" color="{GREY}"><i>({markup(story.coverage)})</i></font>'
        out.append(Paragraph(text, st["also"], bulletText="•"))
    return out
