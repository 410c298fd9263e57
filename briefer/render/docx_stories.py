"""DOCX story cards: Heading 2 titles, a de-emphasised Context style, quotes, timeline and a
flagged "Sources disagree" table, all in named styles a reference document can restyle."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .common import DocumentView, ViewSentence
from .ooxml import hyperlink_xml, run_xml
from .story_view import ViewStory

GREY, NAVY, AMBER, AMBER_TINT, CONTEXT = "52606D", "1D3B5C", "E0A800", "FFF8E6", "7B8794"
# name → (base style, italic, colour, size in pt): created when the document lacks them.
STORY_STYLES = {
    "Story Coverage": ("Normal", False, GREY, 8.5),
    "Context": ("Normal", True, CONTEXT, 9),
    "Story Label": ("Normal", False, GREY, 7.5),
    "Story Quote": ("Normal", False, None, 10),
    "Disagreement": ("Normal", False, "8A5A00", 9.5),
}
SentenceWriter = Callable[[Any, ViewSentence, str], None]


def ensure_styles(document: Any) -> None:
    """Add the story paragraph styles (a reference document's own definitions win)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    names = {s.name for s in document.styles}
    for name, (base, italic, colour, size) in STORY_STYLES.items():
        if name in names:
            continue
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles[base]
        style.font.italic = italic
        style.font.size = Pt(size)
        if colour:
            style.font.color.rgb = RGBColor.from_string(colour)
        style.paragraph_format.space_after = Pt(2 if name != "Story Coverage" else 6)
        if name in ("Story Label", "Context"):
            style.paragraph_format.keep_with_next = True
        if name == "Story Label":
            style.font.bold = True
            style.paragraph_format.space_before = Pt(6)


def cite(paragraph: Any, numbers: tuple[int, ...]) -> None:
    """ "[1, 3]" with each number linked to its source entry."""
    if not numbers:
        return
    run_xml(paragraph, " [", color=GREY, size=8)
    for i, n in enumerate(numbers):
        if i:
            run_xml(paragraph, ", ", color=GREY, size=8)
        hyperlink_xml(paragraph, str(n), anchor=f"src_{n}", color=GREY, underline=False, size=8)
    run_xml(paragraph, "]", color=GREY, size=8)


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _cell_text(cell: Any, text: str, bold: bool = False, size: float = 9) -> Any:
    para = cell.paragraphs[0]
    run_xml(para, text, bold=bold, size=size)
    return para


def _widths(table: Any, widths: tuple[Any, ...]) -> None:
    for row in table.rows:  # Word reads widths per cell, LibreOffice per column
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width


def _disagreement_table(w: Any, about: str, values: Any) -> None:
    from docx.shared import Mm

    w.paragraph(f"⚠ Sources disagree: {about}", "Disagreement").runs[0].bold = True
    table = w.doc.add_table(rows=1, cols=3)
    table.style = w.style("Table Grid", "Table Grid")
    for cell, text in zip(table.rows[0].cells, ("Value", "Sources", "What they say"), strict=True):
        _cell_text(cell, text, bold=True)
        _shade(cell, AMBER)
    for value in values:
        row = table.add_row().cells
        _cell_text(row[0], value.value, bold=True)
        cite(row[1].paragraphs[0], value.numbers)
        _cell_text(row[2], value.text)
        for cell in row:
            _shade(cell, AMBER_TINT)
    _widths(table, (Mm(35), Mm(22), Mm(103)))
    w.paragraph("", "Story Coverage")  # space after the table


def story_card(w: Any, story: ViewStory, sentence: SentenceWriter) -> None:
    """One card: title (Heading 2), coverage, sentences, quotes, timeline, disagreements."""
    from docx.shared import Mm

    title = w.heading(story.title, 2)
    if story.status:
        run_xml(title, f"  {story.status.upper()}", bold=True, color=GREY, size=8)
    w.paragraph(story.coverage + (f" · {story.change}" if story.change else ""), "Story Coverage")
    for sent in story.sentences:
        sentence(w, sent, "Normal")  # writes the context it leans on first
    if story.quotes:
        w.paragraph("QUOTES", "Story Label")
        for q in story.quotes:
            para = w.paragraph("", "Story Quote")
            run_xml(para, q.speaker, bold=True)
            run_xml(para, f": “{q.text}”" if q.direct else " (reported): ")
            if not q.direct:
                run_xml(para, q.text)
            cite(para, q.numbers)
    if story.timeline:
        w.paragraph("TIMELINE", "Story Label")
        table = w.doc.add_table(rows=0, cols=2)
        for event in story.timeline:
            row = table.add_row().cells
            run_xml(row[0].paragraphs[0], event.date, bold=True, color=NAVY, size=9)
            _cell_text(row[1], event.text)
            cite(row[1].paragraphs[0], event.numbers)
        _widths(table, (Mm(35), Mm(125)))
    for d in story.disagreements:
        _disagreement_table(w, d.about, d.values)
    if story.more_note:
        w.paragraph(story.more_note, "Story Coverage")


def also_reported(w: Any, stories: tuple[ViewStory, ...]) -> None:
    """ "Also reported": one bullet per single-source, headline-only story."""
    w.paragraph("ALSO REPORTED", "Story Label")
    for story in stories:
        para = w.paragraph("", "List Bullet")
        run_xml(para, story.title, bold=True)
        if story.headline:
            run_xml(para, f": {story.headline.text}")
            cite(para, story.headline.numbers)
        if story.outlets > 1:
            run_xml(para, f" ({story.coverage})", italic=True, color=GREY, size=9)


def story_coverage(w: Any, view: DocumentView) -> None:
    """Stories by independent reports (most reported first), as a table."""
    from docx.shared import Mm

    table = w.doc.add_table(rows=1, cols=3)
    table.style = w.style("Light List Accent 1", "Table Grid")
    for cell, text in zip(
        table.rows[0].cells, ("Story", "Independent reports", "Outlets"), strict=True
    ):
        cell.text = text
    for story in sorted(view.stories, key=lambda s: (-s.independent, -s.outlets)):
        row = table.add_row().cells
        for cell, text in zip(
            row, (story.title, str(story.independent), str(story.outlets)), strict=True
        ):
            cell.text = text
    widths = (Mm(100), Mm(35), Mm(24))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
