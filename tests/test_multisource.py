"""A brief from many sources end to end: every article once, no boilerplate, no repeats, cited."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_helpers import run
from test_ingest import BOILERPLATE, STORY, Site, make_docx, make_pdf, page, rss
from test_ingest import site as site  # noqa: F401  (the loopback server fixture)

WIRE = (
    "Air defences shot down most of the forty drones launched at the capital overnight, "
    "the air force said on Friday morning."
)
WIRE_EDITED = (
    "Air defences shot down most of the forty drones launched at the capital "
    "overnight, the air force said on Friday."
)


def test_folder_of_every_kind_becomes_one_cited_brief(
    site: Site,
    tmp_path: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A local feed file linking to the loopback test site: links found in feeds may only
    # lead to public hosts unless this is set (briefer.netguard).
    monkeypatch.setenv("BRIEFER_ALLOW_PRIVATE_LINKS", "1")
    link1 = site.add(
        "/wire/1",
        page(
            "Drones over the capital",
            [
                WIRE,
                "The energy ministry said power had been restored to most homes by the evening.",
            ],
            site="Wire One",
        ),
    )
    link2 = site.add(
        "/wire/2",
        page(
            "Ramstein pledges",
            [
                WIRE_EDITED,
                "Defence ministers meeting at Ramstein pledged new air-defence systems "
                "for Ukraine, officials said.",
            ],
            site="Wire Two",
        ),
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_text(
        f"Morning note\n\n{WIRE}\n\nThe mayor of Dnipro said "
        "schools would stay closed on Friday.\n",
        encoding="utf-8",
    )
    (folder / "story.html").write_text(page("Strike on Dnipro", STORY), encoding="utf-8")
    make_pdf(folder / "story.pdf", STORY, title="Strike on Dnipro (print)")  # same story again
    make_docx(
        folder / "memo.docx",
        [
            "Ministers will meet in Brussels next week to discuss "
            "winter support for the Ukrainian grid."
        ],
        title="Memo",
    )
    (folder / "feed.rss").write_text(
        rss([{"title": "Drones", "link": link1}, {"title": "Ramstein", "link": link2}]),
        encoding="utf-8",
    )
    out_dir = tmp_path / "out"
    code, out, err = run(
        capsys,
        "brief",
        str(folder),
        "--format",
        "json,md",
        "--sentences",
        "10",
        "--output-dir",
        str(out_dir),
        "--created",
        "2026-11-26T06:00:00+00:00",
    )
    assert code == 0, err
    data = json.loads((out_dir / "default.json").read_text(encoding="utf-8"))

    sources = {s["id"]: s for s in data["sources"]}
    names = sorted(Path(s["location"]).name for s in data["sources"])
    assert names == ["1", "2", "memo.docx", "note.txt", "story.html"]
    story = next(s for s in data["sources"] if Path(s["location"]).name == "story.html")
    assert [Path(d).name for d in story["duplicates"]] == ["story.pdf"]  # read once, credited

    texts = [s["text"] for sec in data["sections"] for s in sec["sentences"]]
    texts += [s["text"] for s in data.get("key_points", [])]
    assert len(texts) == len(set(texts))  # no sentence twice
    for sentence in [s for sec in data["sections"] for s in sec["sentences"]]:
        assert sentence["source"] in sources  # every sentence attributed
        assert all(other in sources for other in sentence["also_in"])
    for junk in BOILERPLATE:
        assert not any(junk.lower() in t.lower() for t in texts)
    shown = [s for sec in data["sections"] for s in sec["sentences"]] + data["key_points"]
    wire = [s for s in shown if s["text"].startswith("Air defences shot down")]
    assert len(wire) == 1  # wire copy with a small edit appears once...
    assert len(wire[0]["also_in"]) == 2  # ...credited to all three sources
    markdown = (out_dir / "default.md").read_text(encoding="utf-8")
    assert re.search(r"reported by 3 sources", markdown)


def test_key_points_lead_and_are_never_repeated(tmp_path: Path) -> None:
    from briefer.options import BriefOptions
    from briefer.run import make_brief

    example = Path(__file__).parents[1] / "examples" / "dnipro-oreshnik-strike.txt"
    plain = make_brief([example], "ukraine-air-defense", BriefOptions(sentences=14))
    brief = make_brief([example], "ukraine-air-defense", BriefOptions(sentences=14, key_points=2))
    assert len(brief.key_points) == 2
    points = {(s.source, s.position) for s in brief.key_points}
    shown = [(s.source, s.position) for sec in brief.sections for s in sec.sentences]
    assert not points & set(shown)  # never shown twice
    assert len(shown) + len(points) == sum(len(sec.sentences) for sec in plain.sections)
    # Bottom line up front: on a news article the lead sentence is among the key points.
    assert (brief.sources[0].id, 0) in points
