"""WordprocessingML written as text: runs, links, fields, paragraphs, table rows; the zip.

python-docx builds every element through its API (about 10 µs an element, most of a DOCX's
time with a thousand sources), so the body is written as strings and parsed once. Each
builder writes exactly the XML python-docx wrote for the same call (the DOCX is byte-identical).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)
_CONTROLS = re.compile(r"([\t\r\n])")  # python-docx writes these as w:tab / w:br, not text
BREAK = "<w:r><w:br/></w:r>"
FIELD_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def esc(text: str) -> str:
    """Text content escaped as lxml writes it (a carriage return kept as a character)."""
    return text.translate(_TEXT)


def esc_attr(text: str) -> str:
    """An attribute value escaped (double quotes)."""
    return text.translate(_ATTR)


def _props(
    bold: bool, italic: bool, color: str | None, size: str | None, underline: bool = False
) -> str:
    """w:rPr with its children in schema order: b, i, color, sz, u (empty: no w:rPr)."""
    inner = (
        ("<w:b/>" if bold else "")
        + ("<w:i/>" if italic else "")
        + (f'<w:color w:val="{color}"/>' if color else "")
        + (f'<w:sz w:val="{size}"/>' if size else "")
        + ('<w:u w:val="single"/>' if underline else "")
    )
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def run(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    color: str | None = None,
    size: float | None = None,
) -> str:
    """A w:r with direct formatting; its text is one w:t, kept exactly (tabs included)."""
    props = _props(bold, italic, color, str(round(size * 2)) if size else None)
    body = f'<w:t xml:space="preserve">{esc(text)}</w:t>' if text else ""
    return f"<w:r>{props}{body}</w:r>"


def text_run(text: str, bold: bool = False) -> str:
    """python-docx's `add_run(text)`: one w:r, a tab as w:tab, each line break as w:br."""
    parts = ["<w:r>", "<w:rPr><w:b/></w:rPr>" if bold else ""]
    for piece in _CONTROLS.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            parts.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            parts.append(f"<w:t{space}>{esc(piece)}</w:t>")
    parts.append("</w:r>")
    return "".join(parts)


def link(
    text: str,
    *,
    rid: str | None = None,
    anchor: str | None = None,
    color: str,
    underline: bool = True,
    size: float | None = None,
    bold: bool = False,
) -> str:
    """A w:hyperlink: external (relationship id of an http(s) URL) or to a bookmark."""
    target = (
        f'r:id="{esc_attr(rid)}"' if rid is not None else f'w:anchor="{esc_attr(anchor or "")}"'
    )
    props = _props(bold, False, color, str(int(size * 2)) if size else None, underline)
    text_xml = f'<w:t xml:space="preserve">{esc(text)}</w:t>'
    return f"<w:hyperlink {target}><w:r>{props}{text_xml}</w:r></w:hyperlink>"


def field(
    instruction: str,
    placeholder: str,
    end: bool = True,
    color: str | None = None,
    size: float | None = None,
) -> str:
    """A complex field (fldChar begin / instrText / separate / cached result / end)."""
    props = _props(False, False, color, str(round(size * 2)) if size else None)

    def char(kind: str) -> str:
        return f'<w:r>{props}<w:fldChar w:fldCharType="{kind}"/></w:r>'

    instr = (
        f'<w:r>{props}<w:instrText xml:space="preserve"> {esc(instruction)} </w:instrText></w:r>'
    )
    cached = run(placeholder, color=color, size=size) if placeholder else ""
    return char("begin") + instr + char("separate") + cached + (char("end") if end else "")


def paragraph(content: str = "", style_id: str | None = None, props: str = "") -> str:
    """A w:p: its style (a style id, None for the default) and other properties, then content."""
    head = (f'<w:pStyle w:val="{esc_attr(style_id)}"/>' if style_id else "") + props
    return f"<w:p><w:pPr>{head}</w:pPr>{content}</w:p>" if head else f"<w:p>{content}</w:p>"


def cell(content: str, twips: int, fill: str | None = None) -> str:
    """A w:tc of the given width holding `content` (paragraphs), optionally shaded."""
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips}"/>{shade}</w:tcPr>{content}</w:tc>'


def row(cells: list[str]) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


def append_xml(parent: Any, xml: str, before: Any = None) -> None:
    """Parse `xml` (elements in the w and r namespaces) and add them to `parent`, in order,
    before the element `before` when given (a body's w:sectPr), else at the end."""
    from docx.oxml.parser import parse_xml

    fragment = parse_xml(f'<w:body xmlns:w="{W_NS}" xmlns:r="{R_NS}">{xml}</w:body>')
    for element in list(fragment):
        if before is not None:
            before.addprevious(element)
        else:
            parent.append(element)


def utc_naive(moment: datetime) -> datetime:
    """python-docx writes datetimes as UTC ("Z"): convert aware times, keep naive ones."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def reproducible_zip(data: bytes, moment: datetime) -> bytes:
    """Rewrite a DOCX zip with fixed timestamps and a fixed entry order (byte-identical output)."""
    stamp = utc_naive(moment).timetuple()[:6]
    if stamp[0] < 1980:  # the zip format cannot store earlier dates
        stamp = (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()
