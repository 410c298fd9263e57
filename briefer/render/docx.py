"""DOCX renderer (python-docx): real styles, TOC and page fields, hyperlinks, reproducible zip."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..models import Brief
from . import RenderOptions, ooxml
from .common import DocumentView, ViewSentence, check_page_size, inline
from .docx_stories import also_reported, cite, ensure_styles, story_card, story_coverage, text_row
from .docx_writer import BodyWriter
from .ooxml import BREAK, link, reproducible_zip, run, utc_naive

NAVY, GREY, MARK = "1D3B5C", "52606D", "A3131A"
FONT_NAME = "Calibri"  # Word's default; LibreOffice maps it to a metric-compatible font
PAGE_SIZES_MM = {"A4": (210, 297), "Letter": (215.9, 279.4)}


def _open_document(options: RenderOptions) -> tuple[Any, bool]:
    """A new document, or the reference document with its body cleared (styles, letterhead kept)."""
    import docx
    from docx.oxml.ns import qn

    if options.reference_doc is None:
        return docx.Document(), False
    path = Path(options.reference_doc)
    if not path.is_file():
        raise UsageError(f"reference document {path} does not exist")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for a file that is not a DOCX
        raise UsageError(
            f"reference document {path} is not a readable DOCX file ({type(exc).__name__})"
        ) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # keep page setup, headers and footers
            body.remove(child)
    return document, True


def _sentence(w: BodyWriter, sent: ViewSentence, style: str = "Normal") -> None:
    if sent.context:  # the sentence it leans on, de-emphasised, before it
        w.add("Context", run("Context: ", bold=True, size=8) + run(sent.context))
    content = ooxml.text_run(sent.text + " ") + cite(sent.numbers, "[")
    if sent.reported_by > 1:
        content += run(
            f" (reported by {sent.reported_by} sources)", italic=True, color=GREY, size=9
        )
    w.add(style, content)


def _header_footer(document: Any, view: DocumentView) -> None:
    """Marking in header and footer, "Page X of Y" fields in the footer (added after any
    letterhead the reference document already has there)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for section in document.sections:
        header, footer = section.header, section.footer
        header.is_linked_to_previous = False
        footer.is_linked_to_previous = False
        marking = run(view.marking.upper(), bold=True, color=MARK, size=8) if view.marking else ""
        if marking:
            para = _reuse_or_add(header)
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            ooxml.append_xml(para._p, marking)
        para = _reuse_or_add(footer)
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        content = run(f"{view.title}  ·  ", color=GREY, size=8)
        for text, instruction in (("Page ", "PAGE"), (" of ", "NUMPAGES")):
            content += run(text, color=GREY, size=8)
            content += ooxml.field(instruction, "1", color=GREY, size=8)
        ooxml.append_xml(para._p, content)
        if marking:
            para = footer.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            ooxml.append_xml(para._p, marking)


def _reuse_or_add(part: Any) -> Any:
    """The header/footer's single empty paragraph if that is all it has, else a new one."""
    paras = part.paragraphs
    if len(paras) == 1 and not paras[0].text and not paras[0]._p.xpath(".//w:drawing"):
        return paras[0]
    return part.add_paragraph()


def _setup_page(document: Any, page_size: str) -> None:
    from docx.shared import Mm

    width, height = PAGE_SIZES_MM[page_size]
    for section in document.sections:
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin, section.bottom_margin = Mm(22), Mm(20)


def _tune_styles(document: Any) -> None:
    """One sans family, navy headings (only without a reference doc, which brings its own)."""
    from docx.shared import Pt, RGBColor

    for name in (
        "Normal",
        "Title",
        "Subtitle",
        "Heading 1",
        "Heading 2",
        "TOC Heading",
        "List Bullet",
    ):
        document.styles[name].font.name = FONT_NAME
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (
        ("Title", 24),
        ("Heading 1", 14),
        ("Heading 2", 11.5),
        ("TOC Heading", 11.5),
    ):
        style = document.styles[name]
        style.font.color.rgb = RGBColor.from_string(NAVY)
        style.font.size = Pt(size)
    document.styles["Heading 1"].paragraph_format.space_before = Pt(16)
    subtitle = document.styles["Subtitle"]
    subtitle.font.italic = False
    subtitle.font.size = Pt(10)
    subtitle.font.color.rgb = RGBColor.from_string(GREY)
    for spacing in subtitle.element.xpath("./w:rPr/w:spacing"):  # the template letter-spaces it
        spacing.getparent().remove(spacing)


def _body(w: BodyWriter, view: DocumentView) -> None:
    w.text(view.title, "Title")
    count = len(view.sources)
    w.text(
        f"{view.created}  ·  {count} source{'' if count == 1 else 's'}  ·  "
        f"method {view.method}  ·  profile {view.profile}",
        "Subtitle",
    )

    # Table of contents: a TOC field whose cached result already lists the headings, so the
    # document reads right before any field update (Word refreshes it, LibreOffice shows it).
    headings = (["Key points"] if view.key_points else []) + [s.title for s in view.sections]
    headings += ["Coverage", "Sources", "About this brief"]
    w.text("Contents", "TOC Heading", "Normal")
    for i, text in enumerate(headings):
        content = ooxml.field('TOC \\o "1-1" \\h \\z \\u', "", end=False) if i == 0 else ""
        content += run(text, color=GREY)
        if i == len(headings) - 1:
            content += ooxml.FIELD_END
        w.add("Normal", content, props='<w:spacing w:after="0"/>')  # space_after = Pt(0)

    shown = (*view.key_points, *(s for sec in view.sections for s in sec.sentences))
    if view.has_stories or any(s.context for s in shown):
        ensure_styles(w.doc)
        w.styles.update(s.name for s in w.doc.styles)
    if view.key_points:
        w.heading("Key points")
        for sent in view.key_points:
            _sentence(w, sent, "List Bullet")

    for sec in view.sections:
        w.heading(sec.title)
        if sec.has_stories:
            for card in sec.stories:
                story_card(w, card, _sentence)
            if sec.also_reported:
                also_reported(w, sec.also_reported)
            for sent in sec.loose:
                _sentence(w, sent)
            continue
        for sent in sec.sentences:
            _sentence(w, sent)
        if not sec.sentences:
            w.add("Normal", run(view.empty_section, italic=True, color=GREY))

    w.heading("Coverage")
    if view.has_stories:
        story_coverage(w, view)
    else:
        _section_coverage(w, view)

    _sources(w, view)
    w.flush()


def _section_coverage(w: BodyWriter, view: DocumentView) -> None:
    """Sentences assigned to and selected from each section, as a table."""
    from docx.shared import Mm

    widths = (Mm(70), Mm(35), Mm(27), Mm(27))
    table = w.table(4, w.style("Light List Accent 1", "Table Grid"))
    rows = [("Section", "Sentences assigned", "Selected", "Sources")]
    rows += [
        (
            sec.title,
            str(max(sec.candidates, len(sec.sentences))),
            str(len(sec.sentences)),
            str(sec.sources),
        )
        for sec in view.sections
    ]
    w.add_rows(table, [text_row(texts, widths) for texts in rows])
    for column, width in zip(table.columns, widths, strict=True):  # LibreOffice reads these
        column.width = width


# python-docx's left_indent = Pt(24), first_line_indent = Pt(-24): a hanging source number
HANGING = '<w:ind w:left="480" w:hanging="480"/>'


def _sources(w: BodyWriter, view: DocumentView) -> None:
    """The numbered sources, the ones read but not quoted, and the colophon."""
    w.heading("Sources")
    for src in view.sources:
        content = run(f"[{src.number}]\t", color=GREY)
        if src.url:
            content += link(src.label, rid=w.link_id(src.url), color=NAVY, bold=True)
        else:
            content += run(src.label, bold=True)
        if src.details:
            content += run(f" — {src.details}")
        where = src.url or src.location
        if where and where != src.label:
            content += BREAK
            if src.url:
                content += link(src.url, rid=w.link_id(src.url), color=GREY, size=9)
            else:
                content += run(where, color=GREY, size=9)
        if src.duplicates:
            content += BREAK + run("Also at: " + ", ".join(src.duplicates), color=GREY, size=9)
        w.add("Normal", w.bookmark(f"src_{src.number}", content), props=HANGING)
    if view.other_sources:
        content = run(view.other_note + " ", color=GREY, size=9)
        for i, other in enumerate(view.other_sources):
            if i:
                content += run("; ", color=GREY, size=9)
            if other.url:
                rid = w.link_id(other.url)
                content += link(other.label, rid=rid, color=NAVY, size=9, underline=False)
            else:
                content += run(other.label, color=GREY, size=9)
        w.add("Normal", content + run(".", color=GREY, size=9))

    w.heading("About this brief")
    w.heading("Method", 2)
    w.add("Normal", run(view.colophon, color=GREY, size=9))
    if view.failures:
        w.heading("Sources that could not be read", 2)
        for f in view.failures:
            w.text(f"{f.location}: {f.reason}", "List Bullet")


def _core_properties(document: Any, view: DocumentView, brief: Brief, author: str) -> None:
    props = document.core_properties
    created = utc_naive(brief.created)
    props.title = view.title
    props.author = author
    props.last_modified_by = author
    props.subject = view.subject
    props.keywords = ", ".join(view.keywords)
    props.category = "brief"
    props.comments = view.colophon[:255]
    props.created = created
    props.modified = created
    props.last_printed = created
    props.revision = 1


def warm() -> None:
    """Import python-docx and open its default template once, before any brief exists."""
    import docx

    docx.Document()


def render_docx(brief: Brief, options: RenderOptions, view: DocumentView) -> bytes:
    """The brief as a Word document; byte-identical for the same Brief and options."""
    page_size = check_page_size(options.page_size)
    document, from_reference = _open_document(options)
    if not from_reference:  # a reference document brings its own page setup and styles
        _setup_page(document, page_size)
        _tune_styles(document)
    writer = BodyWriter(document)
    _body(writer, view)
    _header_footer(document, view)
    _core_properties(document, view, brief, inline(options.author) or "briefer")
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue(), brief.created)
