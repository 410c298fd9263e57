"""The bundled examples end to end through the CLI, read back with real PDF and DOCX readers."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from test_render_pdf import need

from briefer.cli import main

ROOT = Path(__file__).parents[1]
CREATED = "2026-11-26T06:00:00+00:00"


def brief(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    with pytest.raises(SystemExit) as info:
        main(
            [
                "brief",
                *args,
                "--format",
                "json,pdf,docx,md,html",
                "--output-dir",
                str(tmp_path),
                "--name",
                "b",
                "--created",
                CREATED,
            ]
        )
    assert info.value.code == 0, capsys.readouterr().err
    return json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))


def flat(text: str) -> str:
    return " ".join(text.split())


def pdftotext(path: Path) -> str:
    done = subprocess.run(
        [need("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def test_example_article_issue_2_done_when(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = brief(
        tmp_path,
        capsys,
        str(ROOT / "examples" / "dnipro-oreshnik-strike.txt"),
        "--profile",
        "ukraine-air-defense",
        "--sentences",
        "2",
    )
    text = pdftotext(tmp_path / "b.pdf")
    assert "“Oreshnik”" in text and "Ukraine’s" in text
    fonts = subprocess.run(
        [need("pdffonts"), str(tmp_path / "b.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # the "emb" column
    document = docx.Document(str(tmp_path / "b.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    for section in data["sections"]:
        assert section["title"] in headings
        for sentence in section["sentences"]:
            assert flat(sentence["text"]) in flat(text)
    # "This appeal follows…" leans on the sentence before it: every format shows that context.
    (appeal,) = [
        s
        for sec in data["sections"]
        for s in sec["sentences"]
        if s["text"].startswith("This appeal")
    ]
    assert appeal["context"].startswith("Ukraine is intensifying its efforts")
    assert flat("CONTEXT " + appeal["context"]) in flat(text)
    contexts = [p.text for p in document.paragraphs if p.style.name == "Context"]
    assert "Context: " + appeal["context"] in contexts


def test_ukrainian_article_reads_back_exactly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = brief(
        tmp_path,
        capsys,
        str(ROOT / "examples" / "kyiv-air-defense-uk.txt"),
        "--language",
        "ukrainian",
        "--sentences",
        "3",
    )
    assert data["language"] == "ukrainian"
    sentences = [s["text"] for sec in data["sections"] for s in sec["sentences"]]
    assert len(sentences) == 3 and all(any("\u0400" <= c <= "\u04ff" for c in s) for s in sentences)
    poppler = flat(pdftotext(tmp_path / "b.pdf"))
    pypdf_text = flat(" ".join(p.extract_text() for p in PdfReader(tmp_path / "b.pdf").pages))
    word = flat(" ".join(p.text for p in docx.Document(str(tmp_path / "b.docx")).paragraphs))
    for sentence in sentences:
        assert flat(sentence) in poppler
        assert flat(sentence) in pypdf_text
        assert flat(sentence) in word


def test_stories_example_reads_back_as_story_cards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = brief(tmp_path, capsys, str(ROOT / "examples" / "stories"))
    assert data["schema"] == "briefer.brief/2"
    flood, rates, match = data["stories"]
    assert flood["title"].startswith("Valencia")
    assert (flood["outlets"], flood["independent"]) == (3, 2)
    assert (rates["outlets"], rates["independent"]) == (2, 2)
    assert match["section"] == "also-reported" and len(match["sentences"]) == 1
    (dispute,) = flood["disagreements"]
    assert dispute["about"] == "people killed"
    assert sorted(v["value"] for v in dispute["values"]) == ["at least 15", "at least 26"]
    assert flood["quotes"][0]["speaker"] == "Carlos Mazon"
    assert [e["date"] for e in flood["timeline"]][:2] == ["2024-10-28", "2024-10-29"]
    by_id = {s["id"]: s for s in data["sources"]}
    assert {by_id[s]["story"] for s in flood["sources"]} == {flood["id"]}
    text = flat(" ".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages))
    assert "Reported by 3 outlets, 2 independent reports" in text
    assert "Sources disagree" in text and "at least 26" in text
    words = " ".join(p.text for p in docx.Document(str(tmp_path / "b.docx")).paragraphs)
    assert "Carlos Mazon" in words
