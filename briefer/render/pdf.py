"""PDF renderer (reportlab platypus): embedded DejaVu fonts, outline, links, chart, page X of Y."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any
from xml.sax.saxutils import escape

from ..models import Brief
from . import RenderOptions
from .common import DocumentView, ViewSentence, check_page_size, inline
from .fonts import FONT, markup, register_fonts, report_missing, start_document
from .pdf_styles import GREY, MARK, NAVY, RULE, TINT, styles

__all__ = ["register_fonts", "render_pdf"]

MARGIN = 25 * 72 / 25.4  # 25 mm left and right
# reportlab re-wraps the rest of a paragraph on every page it spills onto (quadratic in its
# length: a 50,000-word sentence took 86 s), and a table cell cannot split across pages at all.
# Longer text is cut into pieces of about this many characters, each its own paragraph.
CHUNK_CHARS = 2000
TITLE_CHARS = 300  # a longer brief title is cut (with "…") in the PDF; other formats keep it


def esc(text: str) -> str:
    """Escape text for reportlab's Paragraph mini-markup (`&`, `<`, `>` stay literal), with
    fallback fonts switched in for characters DejaVu lacks."""
    return markup(text)


def esc_attr(text: str) -> str:
    """Escape text for a quoted attribute of Paragraph markup."""
    return escape(text, {'"': "&quot;"})


def _pdf_date(brief: Brief) -> str:
    """Brief.created as a PDF date string (D:YYYYMMDDHHmmSS+HH'mm')."""
    created = brief.created
    offset = created.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    return f"D:{created:%Y%m%d%H%M%S}{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"


def _sentence_markup(sent: ViewSentence) -> str:
    """A sentence, escaped, followed by clickable citation numbers."""
    links = ", ".join(f'<a href="#src-{n}" color="{NAVY}">{n}</a>' for n in sent.numbers)
    text = esc(sent.text)
    if sent.numbers:
        text += f' <font size="7.5" color="{GREY}">[{links}]</font>'
    if sent.reported_by > 1:
        text += (
            f' <font size="8" color="{GREY}"><i>(reported by {sent.reported_by} sources)</i></font>'
        )
    return text


def chunk_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Cut text into pieces of at most about `size` characters, at spaces where possible."""
    pieces: list[str] = []
    while len(text) > size:
        cut = text.rfind(" ", size // 2, size)
        if cut < 0:
            cut = size  # one enormous "word": break it anywhere
        pieces.append(text[:cut])
        text = text[cut:].lstrip(" ")
    pieces.append(text)
    return pieces


def _shown(sent: ViewSentence, style: Any, bullet: bool = False) -> list[Any]:
    """A sentence, after the context it leans on (grey, labelled) when it has one."""
    from .pdf_para import Paragraph

    out: list[Any] = []
    if sent.context:
        for i, piece in enumerate(chunk_text(sent.context)):
            label = "" if i else f'<font name="{FONT}" size="6.5">CONTEXT</font>  '
            out.append(Paragraph(label + esc(piece), styles()["context"]))
    return out + _sentence_paragraphs(sent, style, bullet)


def _sentence_paragraphs(sent: ViewSentence, style: Any, bullet: bool = False) -> list[Any]:
    """A sentence as one Paragraph, or several (no gap between them) when it is very long."""
    from reportlab.lib.styles import ParagraphStyle

    from .pdf_para import Paragraph

    pieces = chunk_text(sent.text)
    if len(pieces) == 1:
        return [Paragraph(_sentence_markup(sent), style, bulletText="•" if bullet else None)]
    joined = ParagraphStyle(f"{style.name}-cont", style, spaceAfter=0, spaceBefore=0)
    out = [
        Paragraph(
            esc(piece),
            joined if i else ParagraphStyle(f"{style.name}-first", style, spaceAfter=0),
            bulletText="•" if bullet and not i else None,
        )
        for i, piece in enumerate(pieces[:-1])
    ]
    last = replace(sent, text=pieces[-1])
    out.append(
        Paragraph(
            _sentence_markup(last), ParagraphStyle(f"{style.name}-last", style, spaceBefore=0)
        )
    )
    return out


SHORT_ITEM = 160  # points of room a section heading needs below it, or it starts a new page


def _story(view: DocumentView, width: float) -> list[Any]:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table, TableStyle
    from reportlab.platypus.flowables import HRFlowable

    from .pdf_cards import also_reported, story_card
    from .pdf_chart import draw_chart, section_chart, story_chart
    from .pdf_para import Paragraph

    st = styles()
    story: list[Any] = []

    def section(text: str, key: str, block: list[Any]) -> None:
        """A heading with its rule, on a page with room for some of its block.

        Not KeepTogether with a whole first item: a story card can be most of a page, and
        keeping it with its heading pushed the heading to the next page, leaving a blank one.
        """
        para = Paragraph(esc(text), st["h1"])
        para._bookmark = (key, text)  # type: ignore[attr-defined]  # read by afterFlowable
        rule = HRFlowable(
            width="100%", thickness=0.5, color=HexColor(RULE), spaceBefore=0, spaceAfter=7
        )
        story.extend([CondPageBreak(SHORT_ITEM), para, rule, *block])

    story.append(Paragraph(f"BRIEF  ·  {esc(view.date.upper())}", st["kicker"]))
    shown_title = view.title
    if len(shown_title) > TITLE_CHARS:  # a 150-word title would fill the first page
        cut = shown_title.rfind(" ", TITLE_CHARS // 2, TITLE_CHARS)
        shown_title = shown_title[: cut if cut > 0 else TITLE_CHARS] + " …"
    title = Paragraph(esc(shown_title), st["title"])
    title._bookmark = ("top", view.title)  # type: ignore[attr-defined]
    story.append(title)
    count = len(view.sources)
    story.append(
        Paragraph(
            f"{esc(view.created)}  ·  {count} source{'' if count == 1 else 's'}  ·  "
            f"method {esc(view.method)}  ·  profile {esc(view.profile)}",
            st["meta"],
        )
    )
    story.append(
        HRFlowable(width="100%", thickness=1.2, color=HexColor(NAVY), spaceBefore=10, spaceAfter=14)
    )

    if view.key_points:
        # One row per paragraph: a table splits between rows only, so a key point longer than a
        # page (cut into paragraphs) still flows on instead of stopping the run (LayoutError).
        inner: list[Any] = [Paragraph("Key points", st["kp_head"])]
        inner += [p for s in view.key_points for p in _shown(s, st["bullet"], bullet=True)]
        box = Table([[p] for p in inner], colWidths=[width], splitByRow=1)
        box.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("BACKGROUND", (0, 0), (-1, -1), HexColor(TINT)),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, HexColor(NAVY)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 12),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, 0), 8),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
                ]
            )
        )
        box._bookmark = ("key-points", "Key points")  # type: ignore[attr-defined]
        story += [box, Spacer(1, 6)]

    for sec in view.sections:
        if sec.has_stories:
            block = [f for card in sec.stories for f in story_card(card, width, _shown)]
            if sec.also_reported:
                block += also_reported(sec.also_reported)
            block += [p for s in sec.loose for p in _shown(s, st["body"])]
        else:
            block = [p for s in sec.sentences for p in _shown(s, st["body"])]
        section(sec.title, sec.anchor, block or [Paragraph(esc(view.empty_section), st["note"])])

    if view.sections:
        chart = story_chart(view) if view.has_stories else section_chart(view)
        section(
            "Coverage",
            "coverage",
            [
                KeepTogether(
                    [draw_chart(chart, width), Paragraph(esc(chart.caption), st["caption"])]
                )
            ],
        )

    sources: list[Any] = []
    for src in view.sources:
        parts = [f'<a name="src-{src.number}"/>']
        if src.url:
            parts.append(
                f'<a href="{esc_attr(src.url)}" color="{NAVY}"><b>{esc(src.label)}</b></a>'
            )
        else:
            parts.append(f"<b>{esc(src.label)}</b>")
        if src.details:
            parts.append(f" — {esc(src.details)}")
        where = src.url or src.location
        if where and where != src.label:
            if src.url:
                where_markup = f'<a href="{esc_attr(src.url)}" color="{GREY}">{esc(src.url)}</a>'
            else:
                where_markup = esc(where)
            parts.append(f'<br/><font color="{GREY}">{where_markup}</font>')
        if src.duplicates:
            parts.append(
                f'<br/><font color="{GREY}">Also at: {esc(", ".join(src.duplicates))}</font>'
            )
        sources.append(Paragraph("".join(parts), st["source"], bulletText=f"[{src.number}]"))
    if view.other_sources:
        names = "; ".join(
            f'<a href="{esc_attr(o.url)}" color="{NAVY}">{esc(o.label)}</a>'
            if o.url
            else esc(o.label)
            for o in view.other_sources
        )
        sources.append(Paragraph(f"{esc(view.other_note)} {names}.", st["small"]))
    section("Sources", "sources", sources)

    if view.failures:
        section(
            "Sources that could not be read",
            "failures",
            [
                Paragraph(f"{esc(f.location)}: {esc(f.reason)}", st["source"], bulletText="–")
                for f in view.failures
            ],
        )

    story.append(Spacer(1, 10))
    story.append(HRFlowable(width="100%", thickness=0.5, color=HexColor(RULE), spaceAfter=6))
    story.append(Paragraph(esc(view.colophon), st["small"]))
    return story


def _canvas_class(view: DocumentView, pdf_date: str) -> Any:
    """A canvas that knows the page count at save time ("Page X of Y") and draws the chrome."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen.canvas import Canvas

    from .fonts import label_font

    class BriefCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            # No wall-clock time in the file: the brief's own timestamp is the document date.
            self.setDateFormatter(lambda *_: pdf_date)

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._chrome(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _chrome(self, total: int) -> None:
            width, height = self._pagesize
            left, right = MARGIN + 6, width - MARGIN - 6  # aligned with the frame's text
            room = (right - left) * 0.6
            self.saveState()
            if view.marking:
                self.setFont(f"{FONT}-Bold", 7.5)
                self.setFillColor(HexColor(MARK))
                self.drawCentredString(width / 2, height - 28, view.marking.upper())
                self.drawCentredString(width / 2, 16, view.marking.upper())
            self.setFont(FONT, 7.5)
            self.setFillColor(HexColor(GREY))
            if self._pageNumber > 1:
                self.setFont(label_font(view.title), 7.5)
                self.drawString(left, height - 42, _fit(view.title, room))
                self.setFont(FONT, 7.5)
                self.drawRightString(right, height - 42, view.date)
            self.setStrokeColor(HexColor(RULE))
            self.setLineWidth(0.5)
            self.line(left, 40, right, 40)
            self.setFont(label_font(view.title), 7.5)
            self.drawString(left, 29, _fit(view.title, room))
            self.setFont(FONT, 7.5)
            self.drawRightString(right, 29, f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return BriefCanvas


def _fit(text: str, room: float, size: float = 7.5) -> str:
    """Shorten text with an ellipsis until it fits `room` points."""
    from .fonts import fit

    return fit(text, size, room)


def warm() -> None:
    """Import reportlab's layout modules and parse the fonts, before any brief exists."""
    import reportlab.pdfgen.canvas  # noqa: F401
    import reportlab.platypus  # noqa: F401

    from . import pdf_cards, pdf_chart  # noqa: F401
    from .pdf_para import register_colours

    register_fonts()
    register_colours()


def render_pdf(brief: Brief, options: RenderOptions, view: DocumentView) -> bytes:
    """The brief as a PDF (A4 or Letter), byte-identical for the same Brief and options."""
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from .pdf_para import register_colours

    register_fonts()
    register_colours()
    start_document()
    size = {"A4": A4, "Letter": LETTER}[check_page_size(options.page_size)]
    buffer = io.BytesIO()

    class BriefDoc(SimpleDocTemplate):
        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 (reportlab API)
            mark = getattr(flowable, "_bookmark", None)
            if mark:
                key, text, *level = mark  # (key, text) for sections, (key, text, 2) for stories
                self.canv.bookmarkPage(key)
                depth = level[0] if level else 0 if key == "top" else 1
                self.canv.addOutlineEntry(text, key, level=depth, closed=False)

    doc = BriefDoc(
        buffer,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=22 * mm,
        bottomMargin=22 * mm,
        title=view.title,
        author=inline(options.author) or "briefer",
        subject=view.subject,
        keywords=list(view.keywords),
        creator="briefer",
        invariant=1,
        initialFontName=FONT,
        lang={"ukrainian": "uk", "russian": "ru"}.get(view.language, "en"),
    )
    width = size[0] - 2 * MARGIN - 12  # the frame pads 6 pt on each side
    doc.build(_story(view, width), canvasmaker=_canvas_class(view, _pdf_date(brief)))
    report_missing()
    return buffer.getvalue()
