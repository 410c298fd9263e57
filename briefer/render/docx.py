"""DOCX renderer (python-docx): real styles, TOC and page fields, hyperlinks, reproducible zip."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..models import Brief
from . import RenderOptions
from .common import DocumentView, ViewSentence, check_page_size, inline
from .docx_stories import also_reported, ensure_styles, story_card, story_coverage
from .ooxml import field_end_xml, field_xml, hyperlink_xml, reproducible_zip, run_xml, utc_naive

NAVY, GREY, MARK = "1D3B5C", "52606D", "A3131A"
# Built-in styles a reference document may lack that can be copied in safely (no numbering).
ADOPTABLE = ("Title", "Subtitle", "Heading 1", "Heading 2", "TOC Heading")
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


class _Writer:
    """Builds the document body; keeps style fallbacks and bookmark ids in one place."""

    def __init__(self, document: Any) -> None:
        self.doc = document
        self.styles = {s.name for s in document.styles}
        self.bookmark_id = 0
        self._style_ids: dict[str, str | None] = {}
        self._link_ids: dict[str, str] = {}

    def style(self, name: str, fallback: str = "Normal") -> str | None:
        """`name` if the document defines it (a reference doc may not), else the fallback."""
        if name not in self.styles and name in ADOPTABLE:
            self._adopt(name)
        if name in self.styles:
            return name
        return fallback if fallback in self.styles else None

    def _adopt(self, name: str) -> None:
        """Copy a built-in style from python-docx's default template into the document.

        A reference document saved by Word defines only the styles it uses; without this its
        headings would silently become Normal paragraphs (no outline, no TOC entries).
        """
        from copy import deepcopy

        import docx

        default = docx.Document().styles
        for style_name in (name, f"{name} Char"):  # the paragraph style and its linked style
            if style_name in default and style_name not in self.styles:
                self.doc.styles.element.append(deepcopy(default[style_name].element))
                self.styles.add(style_name)

    def paragraph(self, text: str = "", style: str = "Normal", fallback: str = "Normal") -> Any:
        """A new body paragraph in `style` (or the fallback when the document lacks it)."""
        key = f"{style}\0{fallback}"
        if key not in self._style_ids:  # python-docx's lookup by name is slow: resolve once
            name = self.style(style, fallback)
            found = self.doc.styles[name] if name else None
            self._style_ids[key] = (
                None
                if found is None or found.builtin and found.name == ("Normal")
                else found.style_id
            )
        para = self.doc.add_paragraph(text)
        style_id = self._style_ids[key]
        if style_id:
            para._p.style = style_id
        return para

    def link_id(self, url: str) -> str:
        """The relationship id of an external hyperlink (one per URL, looked up in O(1))."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        if url not in self._link_ids:
            rels = self.doc.part.rels
            rid = f"rIdLink{len(self._link_ids) + 1}"
            while rid in rels:
                rid += "x"
            rels.add_relationship(RT.HYPERLINK, url, rid, is_external=True)
            self._link_ids[url] = rid
        return self._link_ids[url]

    def heading(self, text: str, level: int = 1) -> Any:
        return self.paragraph(text, f"Heading {level}", "Normal")

    def bookmark(self, paragraph: Any, name: str) -> None:
        """Wrap the paragraph's content in a bookmark (target of citation links)."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self.bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        p = paragraph._p
        p.insert(1 if p.pPr is not None else 0, start)
        p.append(end)


def _sentence(w: _Writer, sent: ViewSentence, style: str = "Normal") -> None:
    if sent.context:  # the sentence it leans on, de-emphasised, before it
        context = w.paragraph("", "Context")
        run_xml(context, "Context: ", bold=True, size=8)
        run_xml(context, sent.context)
    para = w.paragraph(sent.text + " ", style, "Normal")
    if sent.numbers:
        run_xml(para, "[", color=GREY, size=8)
        for i, n in enumerate(sent.numbers):
            if i:
                run_xml(para, ", ", color=GREY, size=8)
            hyperlink_xml(para, str(n), anchor=f"src_{n}", color=GREY, underline=False, size=8)
        run_xml(para, "]", color=GREY, size=8)
    if sent.reported_by > 1:
        run_xml(para, f" (reported by {sent.reported_by} sources)", italic=True, color=GREY, size=9)


def _header_footer(document: Any, view: DocumentView) -> None:
    """Marking in header and footer, "Page X of Y" fields in the footer (added after any
    letterhead the reference document already has there)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for section in document.sections:
        header, footer = section.header, section.footer
        header.is_linked_to_previous = False
        footer.is_linked_to_previous = False
        if view.marking:
            para = _reuse_or_add(header)
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run_xml(para, view.marking.upper(), bold=True, color=MARK, size=8)
        para = _reuse_or_add(footer)
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run_xml(para, f"{view.title}  ·  ", color=GREY, size=8)
        for text, instruction in (("Page ", "PAGE"), (" of ", "NUMPAGES")):
            run_xml(para, text, color=GREY, size=8)
            field_xml(para, instruction, "1", color=GREY, size=8)
        if view.marking:
            para = footer.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run_xml(para, view.marking.upper(), bold=True, color=MARK, size=8)


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


def _body(w: _Writer, view: DocumentView) -> None:
    from docx.shared import Pt

    w.paragraph(view.title, "Title")
    count = len(view.sources)
    w.paragraph(
        f"{view.created}  ·  {count} source{'' if count == 1 else 's'}  ·  "
        f"method {view.method}  ·  profile {view.profile}",
        "Subtitle",
    )

    # Table of contents: a TOC field whose cached result already lists the headings, so the
    # document reads right before any field update (Word refreshes it, LibreOffice shows it).
    headings = (["Key points"] if view.key_points else []) + [s.title for s in view.sections]
    headings += ["Coverage", "Sources", "About this brief"]
    w.paragraph("Contents", "TOC Heading", "Normal")
    for i, text in enumerate(headings):
        para = w.paragraph("", "Normal")
        para.paragraph_format.space_after = Pt(0)
        if i == 0:
            field_xml(para, 'TOC \\o "1-1" \\h \\z \\u', "", end=False)
        run_xml(para, text, color=GREY)
        if i == len(headings) - 1:
            field_end_xml(para)

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
            run_xml(w.paragraph(), view.empty_section, italic=True, color=GREY)

    w.heading("Coverage")
    if view.has_stories:
        story_coverage(w, view)
    else:
        _section_coverage(w, view)

    _sources(w, view)


def _section_coverage(w: _Writer, view: DocumentView) -> None:
    """Sentences assigned to and selected from each section, as a table."""
    from docx.shared import Mm

    table = w.doc.add_table(rows=1, cols=4)
    table.style = w.style("Light List Accent 1", "Table Grid")
    for cell, text in zip(
        table.rows[0].cells, ("Section", "Sentences assigned", "Selected", "Sources"), strict=True
    ):
        cell.text = text
    for sec in view.sections:
        row = table.add_row().cells
        values = (
            sec.title,
            str(max(sec.candidates, len(sec.sentences))),
            str(len(sec.sentences)),
            str(sec.sources),
        )
        for cell, text in zip(row, values, strict=True):
            cell.text = text
    for row in table.rows:  # Word reads widths per cell, LibreOffice per column
        for cell, width in zip(row.cells, (Mm(70), Mm(35), Mm(27), Mm(27)), strict=True):
            cell.width = width
    for column, width in zip(table.columns, (Mm(70), Mm(35), Mm(27), Mm(27)), strict=True):
        column.width = width


def _sources(w: _Writer, view: DocumentView) -> None:
    """The numbered sources, the ones read but not quoted, and the colophon."""
    from docx.shared import Pt

    w.heading("Sources")
    for src in view.sources:
        para = w.paragraph()
        para.paragraph_format.left_indent = Pt(24)
        para.paragraph_format.first_line_indent = Pt(-24)
        run_xml(para, f"[{src.number}]\t", color=GREY)
        if src.url:
            hyperlink_xml(para, src.label, rid=w.link_id(src.url), color=NAVY, bold=True)
        else:
            run_xml(para, src.label, bold=True)
        if src.details:
            run_xml(para, f" — {src.details}")
        where = src.url or src.location
        if where and where != src.label:
            para.add_run().add_break()
            if src.url:
                hyperlink_xml(para, src.url, rid=w.link_id(src.url), color=GREY, size=9)
            else:
                run_xml(para, where, color=GREY, size=9)
        if src.duplicates:
            para.add_run().add_break()
            run_xml(para, "Also at: " + ", ".join(src.duplicates), color=GREY, size=9)
        w.bookmark(para, f"src_{src.number}")
    if view.other_sources:
        para = w.paragraph()
        run_xml(para, view.other_note + " ", color=GREY, size=9)
        for i, other in enumerate(view.other_sources):
            if i:
                run_xml(para, "; ", color=GREY, size=9)
            if other.url:
                hyperlink_xml(
                    para, other.label, rid=w.link_id(other.url), color=NAVY, size=9, underline=False
                )
            else:
                run_xml(para, other.label, color=GREY, size=9)
        run_xml(para, ".", color=GREY, size=9)

    w.heading("About this brief")
    w.heading("Method", 2)
    run_xml(w.paragraph(), view.colophon, color=GREY, size=9)
    if view.failures:
        w.heading("Sources that could not be read", 2)
        for f in view.failures:
            w.paragraph(f"{f.location}: {f.reason}", "List Bullet")


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


def render_docx(brief: Brief, options: RenderOptions, view: DocumentView) -> bytes:
    """The brief as a Word document; byte-identical for the same Brief and options."""
    page_size = check_page_size(options.page_size)
    document, from_reference = _open_document(options)
    if not from_reference:  # a reference document brings its own page setup and styles
        _setup_page(document, page_size)
        _tune_styles(document)
    writer = _Writer(document)
    _body(writer, view)
    _header_footer(document, view)
    _core_properties(document, view, brief, inline(options.author) or "briefer")
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue(), brief.created)
