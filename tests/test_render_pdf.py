"""PDF renderer, read back with real readers: pypdf, pdftotext, pdffonts, qpdf."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefer.errors import UsageError
from briefer.models import Brief, BriefStats
from briefer.render import RenderOptions, render_bytes
from briefer.render.common import inline


def need(tool: str) -> str:
    """Path of an external tool; skip without it, except in CI where it must be installed."""
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is required in CI (apt-get install poppler-utils qpdf)")
        pytest.skip(f"{tool} not installed")
    return path


def flat(text: str) -> str:
    """Whitespace and line wraps normalised, for comparing extracted text."""
    return " ".join(text.split())


def shown_sentences(brief: Brief) -> list[str]:
    return [
        inline(s.text)
        for s in brief.key_points + tuple(s for sec in brief.sections for s in sec.sentences)
    ]


def pdf_of(brief: Brief, **options: object) -> bytes:
    return render_bytes(brief, "pdf", RenderOptions(**options))  # type: ignore[arg-type]


@pytest.fixture
def pdf_file(sample_brief: Brief, tmp_path: Path) -> Path:
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf_of(sample_brief))
    return path


def pdftotext(path: Path) -> str:
    result = subprocess.run(
        [need("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def test_pdftotext_reads_every_sentence_exactly(sample_brief: Brief, pdf_file: Path) -> None:
    text = flat(pdftotext(pdf_file))
    for sentence in shown_sentences(sample_brief):
        assert flat(sentence) in text
    assert "AT&T said <10% of 5 > 3 users" in text
    assert "Президент України" in text
    assert "Ukraine’s defence minister called the “Oreshnik” launch" in text
    assert "{{ 7*7 }}" in text and "49" not in text
    assert "The ministry confirmed the figures on Friday." in text  # control chars stripped


def test_pypdf_reads_every_sentence(sample_brief: Brief, pdf_file: Path) -> None:
    reader = PdfReader(pdf_file)
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    for sentence in shown_sentences(sample_brief):
        assert flat(sentence) in text
    for title in ("Key points", "The strike", "The air-defense appeal", "Sources"):
        assert title in text
    assert "No new reporting." in text
    assert "[1, 2, 3]" in text and "reported by 3 sources" in text


def test_every_font_is_embedded(pdf_file: Path) -> None:
    out = subprocess.run(
        [need("pdffonts"), str(pdf_file)], capture_output=True, text=True, check=True
    ).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        assert "DejaVuSans" in row, row  # no Helvetica from the canvas or a drawing
        assert row.split()[-5] == "yes", row  # the "emb" column
    assert any("Bold" in row for row in rows) and any("Oblique" in row for row in rows)


def test_qpdf_check_passes(pdf_file: Path) -> None:
    result = subprocess.run(
        [need("qpdf"), "--check", str(pdf_file)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_metadata_comes_from_the_brief(sample_brief: Brief, pdf_file: Path) -> None:
    meta = PdfReader(pdf_file).metadata
    assert meta is not None
    assert meta.title == "Ukraine air defence — morning brief"
    assert meta.author == "briefer"
    assert meta.subject and "26 November 2026, 06:00 UTC" in meta.subject
    assert "The strike" in str(meta.get("/Keywords"))
    assert meta.get("/CreationDate") == "D:20261126060000+00'00'"
    assert meta.get("/ModDate") == "D:20261126060000+00'00'"


def test_author_option(sample_brief: Brief) -> None:
    meta = PdfReader(BytesIO(pdf_of(sample_brief, author="Analysis Unit"))).metadata
    assert meta is not None and meta.author == "Analysis Unit"


def test_outline_has_an_entry_per_section(sample_brief: Brief, pdf_file: Path) -> None:
    reader = PdfReader(pdf_file)

    def titles(items: list) -> list[str]:
        out: list[str] = []
        for item in items:
            out += titles(item) if isinstance(item, list) else [item.title]
        return out

    found = titles(reader.outline)
    for sec in sample_brief.sections:
        assert sec.title in found
    assert found[0] == sample_brief.title and "Sources" in found


def test_source_links_are_clickable_and_http_only(sample_brief: Brief, pdf_file: Path) -> None:
    reader = PdfReader(pdf_file)
    uris, internal = set(), 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                uris.add(str(action["/URI"]))
            elif annot.get("/Dest") is not None:
                internal += 1  # citation [n] → sources list
    assert uris == {s.url for s in sample_brief.sources if s.url}
    assert internal >= 8


def test_page_x_of_y_and_marking_on_every_page(sample_brief: Brief, pdf_file: Path) -> None:
    reader = PdfReader(pdf_file)
    total = len(reader.pages)
    assert total >= 2
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {total}" in text
        assert text.count("OFFICIAL — FOR INTERNAL USE") == 2  # header and footer


def test_byte_identical_for_the_same_brief(sample_brief: Brief) -> None:
    first = pdf_of(sample_brief)
    assert pdf_of(sample_brief) == first
    later = dataclasses.replace(sample_brief, created=datetime(2026, 11, 27, 6, 0, tzinfo=UTC))
    assert pdf_of(later) != first


@pytest.mark.parametrize(
    ("size", "box"), [("A4", (595, 842)), ("Letter", (612, 792)), ("letter", (612, 792))]
)
def test_page_sizes(sample_brief: Brief, size: str, box: tuple[int, int]) -> None:
    page = PdfReader(BytesIO(pdf_of(sample_brief, page_size=size))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == box


def test_unknown_page_size_is_a_usage_error(sample_brief: Brief) -> None:
    with pytest.raises(UsageError, match="A4, Letter"):
        pdf_of(sample_brief, page_size="A5")


def test_bare_brief_renders(sample_brief: Brief) -> None:
    bare = dataclasses.replace(
        sample_brief,
        key_points=(),
        marking=None,
        failures=(),
        sections=(),
        sources=(),
        stats=BriefStats(0, 0, 0, 0, 0),
    )
    reader = PdfReader(BytesIO(pdf_of(bare)))
    text = reader.pages[0].extract_text()
    assert "Page 1 of 1" in text and "OFFICIAL" not in text


def test_long_unbroken_text_and_many_sentences(sample_brief: Brief) -> None:
    sec = sample_brief.sections[0]
    long_sents = tuple(
        dataclasses.replace(sec.sentences[0], text=f"Sentence {i} " + "x" * 300) for i in range(60)
    )
    big = dataclasses.replace(
        sample_brief, sections=(dataclasses.replace(sec, sentences=long_sents),)
    )
    reader = PdfReader(BytesIO(pdf_of(big)))
    assert len(reader.pages) > 3
    assert f"Page 1 of {len(reader.pages)}" in reader.pages[0].extract_text()


def test_uncited_sources_are_summarised(sample_brief: Brief) -> None:
    many = tuple(
        dataclasses.replace(sample_brief.sources[2], id=f"x{i}", title=f"Wire {i}")
        for i in range(1000)
    )
    brief = dataclasses.replace(sample_brief, sources=sample_brief.sources + many)
    reader = PdfReader(BytesIO(pdf_of(brief)))
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    assert "Also read, not quoted (30 of 1,000 shown; the JSON output lists all):" in text
    assert "Wire 29" in text and "Wire 30." not in text and "[4]" not in text
    assert len(reader.pages) <= 3
