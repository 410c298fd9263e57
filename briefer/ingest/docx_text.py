"""The text of a Word document in reading order: nothing that Word shows is left out.

python-docx's `Document.paragraphs` sees only top-level paragraphs, and `Paragraph.text` only
plain runs: text in tables, content controls (`w:sdt`), tracked insertions (`w:ins`), text
boxes and foot/endnotes was silently lost, and looking up each paragraph's style was
quadratic (30,000 paragraphs took half a minute). One walk over the XML fixes both.
"""

from __future__ import annotations

from typing import Any

__all__ = ["body_paragraphs"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _T, _PPR, _RPR = f"{_W}p", f"{_W}t", f"{_W}pPr", f"{_W}rPr"
# Deleted or moved-away text, and field instructions, are not what the reader sees.
_HIDDEN = {f"{_W}{name}" for name in ("del", "moveFrom", "delText", "instrText", "delInstrText")}
_SPACES = {f"{_W}{name}" for name in ("tab", "br", "cr", "ptab")}
_NOTES = ("word/footnotes.xml", "word/endnotes.xml")


class _Walker:
    """Collects (style name, text) per paragraph, in document order."""

    def __init__(self, styles: dict[str, str]) -> None:
        self.styles = styles
        self.out: list[tuple[str, str]] = []

    def blocks(self, element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag == _P:
                self.paragraph(child)
            elif tag in _HIDDEN or tag in (_PPR, _RPR):
                continue
            elif tag == f"{_MC}AlternateContent":
                self.choice(child, self.blocks)
            elif isinstance(tag, str):  # tables, rows, cells, sdt, ins, customXml...
                self.blocks(child)

    def choice(self, element: Any, visit: Any) -> None:
        """Only the first alternative: the fallback repeats the same text for old readers."""
        for child in element:
            if child.tag == f"{_MC}Choice":
                visit(child)
                return
        for child in element:
            visit(child)
            return

    def paragraph(self, p: Any) -> None:
        style = ""
        ppr = p.find(_PPR)
        if ppr is not None:
            ref = ppr.find(f"{_W}pStyle")
            if ref is not None:
                style_id = ref.get(f"{_W}val") or ""
                style = self.styles.get(style_id, style_id)
        parts: list[str] = []
        nested: list[Any] = []
        self.inline(p, parts, nested)
        self.out.append((style, "".join(parts)))
        for box in nested:  # text boxes anchored in this paragraph follow it
            self.blocks(box)

    def inline(self, element: Any, parts: list[str], nested: list[Any]) -> None:
        for child in element:
            tag = child.tag
            if tag == _T:
                parts.append(child.text or "")
            elif tag in _SPACES:
                parts.append(" ")
            elif tag in _HIDDEN or tag in (_PPR, _RPR):
                continue
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{_W}txbxContent":
                nested.append(child)
            elif tag == f"{_MC}AlternateContent":
                self.choice(child, lambda alt: self.inline(alt, parts, nested))
            elif isinstance(tag, str):  # runs, hyperlinks, ins, sdt, smartTag, fldSimple...
                self.inline(child, parts, nested)


def _style_names(document: Any) -> dict[str, str]:
    names: dict[str, str] = {}
    for style in document.styles:
        if style.style_id and style.name:
            names[style.style_id] = style.name
    return names


def _notes(document: Any, walker: _Walker) -> None:
    """Footnotes and endnotes after the body (separators skipped)."""
    from docx.oxml import parse_xml

    package = document.part.package
    for part in package.iter_parts():
        if str(part.partname) not in (f"/{name}" for name in _NOTES):
            continue
        root = parse_xml(part.blob)
        for note in root:
            if note.get(f"{_W}type") in (None, "normal"):
                walker.blocks(note)


def body_paragraphs(document: Any) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph a reader of the document sees, in order."""
    walker = _Walker(_style_names(document))
    walker.blocks(document.element.body)
    _notes(document, walker)
    return walker.out
