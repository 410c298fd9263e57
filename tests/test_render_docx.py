"""DOCX renderer, read back with python-docx and converted by LibreOffice."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from briefer.errors import UsageError
from briefer.models import Brief
from briefer.render import RenderOptions, render_bytes
from briefer.render.common import inline


def need(tool: str) -> str:
    """Path of an external tool; skip without it, except in CI where it must be installed."""
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(
                f"{tool} is required in CI (apt-get install libreoffice-writer-nogui poppler-utils)"
            )
        pytest.skip(f"{tool} not installed")
    return path


def docx_of(brief: Brief, **options: object) -> bytes:
    return render_bytes(brief, "docx", RenderOptions(**options))  # type: ignore[arg-type]


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(BytesIO(data))


def all_text(document: docx.document.Document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def part_xml(data: bytes, prefix: str) -> str:
    with zipfile.ZipFile(BytesIO(data)) as zf:
        return "".join(
            zf.read(n).decode("utf-8") for n in sorted(zf.namelist()) if n.startswith(prefix)
        )


def test_heading_per_section_and_real_styles(sample_brief: Brief) -> None:
    document = open_docx(docx_of(sample_brief))
    by_style: dict[str, list[str]] = {}
    for para in document.paragraphs:
        by_style.setdefault(para.style.name, []).append(para.text)
    assert by_style["Title"] == [sample_brief.title]
    for sec in sample_brief.sections:
        assert sec.title in by_style["Heading 1"]
    assert "Key points" in by_style["Heading 1"] and "Sources" in by_style["Heading 1"]
    assert "Method" in by_style["Heading 2"]
    assert len(by_style["List Bullet"]) >= len(sample_brief.key_points)


def test_every_sentence_survives(sample_brief: Brief) -> None:
    text = all_text(open_docx(docx_of(sample_brief)))
    for sent in sample_brief.key_points + tuple(
        s for sec in sample_brief.sections for s in sec.sentences
    ):
        assert inline(sent.text) in text
    assert "AT&T said <10% of 5 > 3 users, and <b>bold</b> claims stayed plain." in text
    assert "The ministry confirmed the figures on Friday." in text  # \x0b and \x00 dropped
    assert "{{ 7*7 }}" in text
    assert "[1, 2, 3]" in text and "(reported by 3 sources)" in text
    assert "No new reporting." in text


def test_hyperlinks_for_http_sources_only(sample_brief: Brief) -> None:
    data = docx_of(sample_brief)
    document = open_docx(data)
    external = {
        rel.target_ref
        for rel in document.part.rels.values()
        if rel.reltype == RT.HYPERLINK and rel.is_external
    }
    assert external == {s.url for s in sample_brief.sources if s.url}
    body = part_xml(data, "word/document.xml")
    assert body.count("<w:hyperlink r:id=") >= 2
    assert 'w:anchor="src_1"' in body and 'w:name="src_1"' in body  # citations → sources


def test_toc_and_page_fields(sample_brief: Brief) -> None:
    data = docx_of(sample_brief)
    assert "TOC \\o" in part_xml(data, "word/document.xml")
    footer = part_xml(data, "word/footer")
    assert " PAGE " in footer and " NUMPAGES " in footer
    header = part_xml(data, "word/header")
    assert "OFFICIAL — FOR INTERNAL USE" in header and "OFFICIAL — FOR INTERNAL USE" in footer


def test_core_properties(sample_brief: Brief) -> None:
    props = open_docx(docx_of(sample_brief, author="Analysis Unit")).core_properties
    assert props.title == sample_brief.title
    assert props.author == "Analysis Unit"
    assert "26 November 2026" in props.subject
    assert "The strike" in props.keywords
    assert props.created == sample_brief.created
    assert props.modified == sample_brief.created


def test_byte_identical_with_fixed_zip_entries(sample_brief: Brief) -> None:
    first = docx_of(sample_brief)
    assert docx_of(sample_brief) == first
    with zipfile.ZipFile(BytesIO(first)) as zf:
        infos = zf.infolist()
        assert infos[0].filename == "[Content_Types].xml"
        assert {i.date_time for i in infos} == {(2026, 11, 26, 6, 0, 0)}
        assert zf.testzip() is None


def test_letter_page_size(sample_brief: Brief) -> None:
    section = open_docx(docx_of(sample_brief, page_size="Letter")).sections[0]
    assert round(section.page_width.inches, 2) == 8.5
    assert round(section.page_height.inches, 2) == 11.0
    with pytest.raises(UsageError):
        docx_of(sample_brief, page_size="B5")


@pytest.fixture
def reference_doc(tmp_path: Path) -> Path:
    ref = docx.Document()
    ref.styles["Normal"].font.name = "Georgia"
    ref.sections[0].header.paragraphs[0].text = "Ministry of Examples — Analysis Unit"
    ref.add_paragraph("Placeholder body text that must go.")
    path = tmp_path / "reference.docx"
    ref.save(str(path))
    return path


def test_reference_doc_supplies_styles_and_letterhead(
    sample_brief: Brief, reference_doc: Path
) -> None:
    document = open_docx(docx_of(sample_brief, reference_doc=reference_doc))
    assert document.styles["Normal"].font.name == "Georgia"
    assert "Placeholder body text" not in all_text(document)
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "Ministry of Examples — Analysis Unit" in header
    assert "OFFICIAL — FOR INTERNAL USE" in header
    assert sample_brief.sections[0].title in all_text(document)


def test_reference_doc_without_heading_styles_gets_them(
    sample_brief: Brief, tmp_path: Path
) -> None:
    ref = docx.Document()
    for name in ("Heading 1", "Heading 2", "List Bullet", "Title"):
        element = ref.styles[name].element
        element.getparent().remove(element)
    path = tmp_path / "bare-styles.docx"
    ref.save(str(path))
    document = open_docx(docx_of(sample_brief, reference_doc=path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [s.title for s in sample_brief.sections] == [
        h for h in headings if h in {s.title for s in sample_brief.sections}
    ]
    text = all_text(document)
    for sent in sample_brief.key_points:  # List Bullet missing: Normal paragraphs, text intact
        assert inline(sent.text) in text


def test_bad_reference_doc_is_a_usage_error(sample_brief: Brief, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        docx_of(sample_brief, reference_doc=tmp_path / "missing.docx")
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip at all")
    with pytest.raises(UsageError, match="not a readable DOCX"):
        docx_of(sample_brief, reference_doc=junk)


def test_bare_brief_renders(sample_brief: Brief) -> None:
    bare = dataclasses.replace(sample_brief, key_points=(), marking=None, failures=(), sources=())
    document = open_docx(docx_of(bare))
    assert "OFFICIAL" not in part_xml(docx_of(bare), "word/header")
    assert sample_brief.sections[0].title in all_text(document)


def test_libreoffice_converts_it(sample_brief: Brief, tmp_path: Path, reference_doc: Path) -> None:
    soffice = need("soffice")
    pdftotext = need("pdftotext")
    (tmp_path / "plain.docx").write_bytes(docx_of(sample_brief))
    (tmp_path / "letterhead.docx").write_bytes(docx_of(sample_brief, reference_doc=reference_doc))
    env = {**os.environ, "HOME": str(tmp_path)}
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "out"),
            str(tmp_path / "plain.docx"),
            str(tmp_path / "letterhead.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    for name in ("plain", "letterhead"):
        pdf = tmp_path / "out" / f"{name}.pdf"
        assert pdf.is_file(), result.stdout + result.stderr
        text = " ".join(
            subprocess.run(
                [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout.split()
        )
        for sec in sample_brief.sections:
            assert sec.title in text
        assert "AT&T said <10% of 5 > 3 users" in text
        assert "Президент України" in text
        assert "Page 1 of 2" in text


def test_uncited_sources_are_summarised(sample_brief: Brief) -> None:
    extra = dataclasses.replace(
        sample_brief.sources[2],
        id="s4",
        title="Uncited wire story",
        url="https://wire.example.com/story/43",
    )
    data = docx_of(dataclasses.replace(sample_brief, sources=(*sample_brief.sources, extra)))
    text = all_text(open_docx(data))
    assert "Also read, not quoted: Uncited wire story." in text
    assert "[4]" not in text
    assert "https://wire.example.com/story/43" in part_xml(data, "word/_rels/document.xml.rels")


@pytest.mark.parametrize(
    "text",
    ["plain", " padded ", "tab\there", "two\nlines\r\nand\rmore", "AT&T <b> \"q\" 'a' é 😀", ""],
)
def test_text_runs_are_what_python_docx_writes(text: str) -> None:
    """The body is written as text (render/ooxml.py): each piece must be python-docx's XML."""
    from lxml import etree

    from briefer.render import ooxml

    document = docx.Document()
    para = document.add_paragraph(text, style="Heading 1")
    para.add_run(text).bold = True
    cell = document.add_table(rows=1, cols=1).rows[0].cells[0]
    cell.text = text
    expected = etree.tostring(para._p) + etree.tostring(cell._tc.p_lst[0])
    body = document.element.body
    content = ooxml.text_run(text) if text else ""
    ooxml.append_xml(
        body,
        ooxml.paragraph(content + ooxml.text_run(text, bold=True), "Heading1")
        + ooxml.paragraph(ooxml.text_run(text)),
    )
    assert etree.tostring(body[-2]) + etree.tostring(body[-1]) == expected
