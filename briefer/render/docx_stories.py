"""DOCX story cards: Heading 2 titles, a de-emphasised Context style, quotes, timeline and a
flagged "Sources disagree" table, all in named styles a reference document can restyle."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .common import DocumentView, ViewSentence
from .ooxml import cell, link, paragraph, row, run, text_run
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


def cite(numbers: tuple[int, ...], opener: str = " [") -> str:
    """ "[1, 3]" with each number linked to its source entry (nothing without numbers)."""
    if not numbers:
        return ""
    parts = [run(opener, color=GREY, size=8)]
    for i, n in enumerate(numbers):
        if i:
            parts.append(run(", ", color=GREY, size=8))
        parts.append(link(str(n), anchor=f"src_{n}", color=GREY, underline=False, size=8))
    parts.append(run("]", color=GREY, size=8))
    return "".join(parts)


def text_row(texts: tuple[str, ...], widths: tuple[Any, ...]) -> str:
    """A table row of plain-text cells (python-docx's `cell.text = ...`), widths set."""
    return row([cell(paragraph(text_run(t)), w.twips) for t, w in zip(texts, widths, strict=True)])


def _row(contents: list[str], widths: tuple[Any, ...], fill: str | None = None) -> str:
    """A table row of one paragraph per cell, each holding `contents[i]` (runs)."""
    return row([cell(paragraph(c), w.twips, fill) for c, w in zip(contents, widths, strict=True)])


def _column_widths(table: Any, widths: tuple[Any, ...]) -> None:
    for column, width in zip(table.columns, widths, strict=True):  # LibreOffice reads these
        column.width = width


def _disagreement_table(w: Any, about: str, values: Any) -> None:
    from docx.shared import Mm

    widths = (Mm(35), Mm(22), Mm(103))
    w.add("Disagreement", text_run(f"⚠ Sources disagree: {about}", bold=True))
    table = w.table(3, w.style("Table Grid", "Table Grid"))
    head = [run(t, bold=True, size=9) for t in ("Value", "Sources", "What they say")]
    rows = [_row(head, widths, AMBER)]
    for value in values:
        contents = [
            run(value.value, bold=True, size=9),
            cite(value.numbers),
            run(value.text, size=9),
        ]
        rows.append(_row(contents, widths, AMBER_TINT))
    w.add_rows(table, rows)
    _column_widths(table, widths)
    w.add("Story Coverage")  # space after the table


def story_card(w: Any, story: ViewStory, sentence: SentenceWriter) -> None:
    """One card: title (Heading 2), coverage, sentences, quotes, timeline, disagreements."""
    from docx.shared import Mm

    status = run(f"  {story.status.upper()}", bold=True, color=GREY, size=8) if story.status else ""
    w.heading(story.title, 2, status)
    w.text(story.coverage + (f" · {story.change}" if story.change else ""), "Story Coverage")
    for sent in story.sentences:
        sentence(w, sent, "Normal")  # writes the context it leans on first
    if story.quotes:
        w.text("QUOTES", "Story Label")
        for q in story.quotes:
            content = run(q.speaker, bold=True)
            content += run(f": “{q.text}”" if q.direct else " (reported): ")
            if not q.direct:
                content += run(q.text)
            w.add("Story Quote", content + cite(q.numbers))
    if story.timeline:
        w.text("TIMELINE", "Story Label")
        widths = (Mm(35), Mm(125))
        table = w.table(2)
        rows = [
            _row(
                [
                    run(event.date, bold=True, color=NAVY, size=9),
                    run(event.text, size=9) + cite(event.numbers),
                ],
                widths,
            )
            for event in story.timeline
        ]
        w.add_rows(table, rows)
        _column_widths(table, widths)
    for d in story.disagreements:
        _disagreement_table(w, d.about, d.values)
    if story.more_note:
        w.text(story.more_note, "Story Coverage")


def also_reported(w: Any, stories: tuple[ViewStory, ...]) -> None:
    """ "Also reported": one bullet per single-source, headline-only story."""
    w.text("ALSO REPORTED", "Story Label")
    for story in stories:
        content = run(story.title, bold=True)
        if story.headline:
            content += run(f": {story.headline.text}") + cite(story.headline.numbers)
        if story.outlets > 1:
            content += run(f" ({story.coverage})", italic=True, color=GREY, size=9)
        w.add("List Bullet", content)


def story_coverage(w: Any, view: DocumentView) -> None:
    """Stories by independent reports (most reported first), as a table."""
    from docx.shared import Mm

    widths = (Mm(100), Mm(35), Mm(24))  # per cell only (columns keep the default grid)
    table = w.table(3, w.style("Light List Accent 1", "Table Grid"))
    rows = [("Story", "Independent reports", "Outlets")]
    rows += [
        (story.title, str(story.independent), str(story.outlets))
        for story in sorted(view.stories, key=lambda s: (-s.independent, -s.outlets))
    ]
    w.add_rows(table, [text_row(texts, widths) for texts in rows])
