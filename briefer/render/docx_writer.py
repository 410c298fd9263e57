"""The DOCX body as WordprocessingML text (see ooxml), parsed into the document in a few pieces."""

from __future__ import annotations

from typing import Any

from . import ooxml

# Built-in styles a reference document may lack that can be copied in safely (no numbering).
ADOPTABLE = ("Title", "Subtitle", "Heading 1", "Heading 2", "TOC Heading")


class BodyWriter:
    """Builds the document body as WordprocessingML text (see ooxml), parsed in a few pieces;
    keeps style fallbacks, link relationships and bookmark ids in one place."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self.doc = document
        self.styles = {s.name for s in document.styles}
        self.bookmark_id = 0
        self._style_ids: dict[str, str | None] = {}
        self._link_ids: dict[str, str] = {}
        self._pending: list[str] = []
        self._body = document.element.body
        self._end = self._body.find(qn("w:sectPr"))  # body content goes before it

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

    def _style_id(self, style: str, fallback: str) -> str | None:
        """The style id a paragraph in `style` names (None: the default paragraph style)."""
        key = f"{style}\0{fallback}"
        if key not in self._style_ids:  # python-docx's lookup by name is slow: resolve once
            name = self.style(style, fallback)
            found = self.doc.styles[name] if name else None
            self._style_ids[key] = (
                None
                if found is None or found.builtin and found.name == ("Normal")
                else found.style_id
            )
        return self._style_ids[key]

    def add(
        self, style: str = "Normal", content: str = "", fallback: str = "Normal", props: str = ""
    ) -> None:
        """A body paragraph in `style` (or the fallback) holding `content` (runs, links)."""
        self._pending.append(ooxml.paragraph(content, self._style_id(style, fallback), props))

    def text(self, text: str, style: str = "Normal", fallback: str = "Normal") -> None:
        """A paragraph of plain text, as python-docx's `add_paragraph(text)` writes it."""
        self.add(style, ooxml.text_run(text) if text else "", fallback)

    def heading(self, text: str, level: int = 1, extra: str = "") -> None:
        self.add(f"Heading {level}", (ooxml.text_run(text) if text else "") + extra)

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

    def bookmark(self, name: str, content: str) -> str:
        """`content` inside a bookmark (the target of citation links)."""
        self.bookmark_id += 1
        mark = self.bookmark_id
        start = f'<w:bookmarkStart w:id="{mark}" w:name="{ooxml.esc_attr(name)}"/>'
        return f'{start}{content}<w:bookmarkEnd w:id="{mark}"/>'

    def table(self, cols: int, style: str | None = None) -> Any:
        """A new, empty table after everything written so far (rows: `add_rows`)."""
        self.flush()
        table = self.doc.add_table(rows=0, cols=cols)
        if style is not None:
            table.style = style
        return table

    def add_rows(self, table: Any, rows: list[str]) -> None:
        ooxml.append_xml(table._tbl, "".join(rows))

    def flush(self) -> None:
        """Parse the paragraphs written since the last flush into the document body."""
        if self._pending:
            ooxml.append_xml(self._body, "".join(self._pending), before=self._end)
            self._pending.clear()
