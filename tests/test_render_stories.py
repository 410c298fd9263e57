"""Story cards in every format, read back with real readers; hostile text stays text."""

from __future__ import annotations

import dataclasses
import json
import logging
import subprocess
from io import BytesIO
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from story_fixtures import HOSTILE_QUOTE, HOSTILE_TITLE, HOSTILE_VALUE, STORIES, STRIKE, story_brief
from test_render_pdf import flat, need, pdftotext
from test_render_text import parse_html

from briefer.models import Brief, BriefSection
from briefer.render import FORMATS, RenderOptions, format_of, render, render_bytes
from briefer.render.common import document_view, format_day
from briefer.render.story_view import coverage_line


def rendered(brief: Brief, fmt: str) -> str:
    return render_bytes(brief, fmt, RenderOptions()).decode("utf-8")


# --- the shared view ------------------------------------------------------------------------


def test_coverage_line_singular_and_plural() -> None:
    assert coverage_line(5, 2) == "Reported by 5 outlets, 2 independent reports"
    assert coverage_line(2, 1) == "Reported by 2 outlets, 1 independent report"
    assert coverage_line(1, 1) == "Reported by 1 outlet"


def test_one_date_style() -> None:
    assert format_day("2024-11-18") == "18 November 2024"
    assert format_day("2024-11") == "November 2024"
    assert format_day("2024-11-18T07:00:00Z") == "18 November 2024"
    assert format_day("last spring") == "last spring"  # never dropped


def test_compact_rule_and_citations() -> None:
    view = document_view(story_brief())
    strike = view.sections[0]
    assert [s.title for s in strike.stories] == ["Dnipro missile strike"]
    # independent == 1 and headline only: one line each under "Also reported", in brief order
    assert [s.title for s in strike.also_reported] == [HOSTILE_TITLE, "Odesa port fire"]
    assert [s.title for s in view.sections[1].stories] == ["US outlook"]  # has a quote: a card
    card = strike.stories[0]
    assert card.status == "New" and card.coverage == "Reported by 3 outlets, 2 independent reports"
    assert len(card.quotes) == 3 and card.more_note == "1 more quote in the JSON output."
    assert card.sentences[1].context == "The missile was launched from Astrakhan."
    assert [n.number for n in view.sources] == [1, 2, 3, 4, 5, 6, 7]


def test_unplaced_stories_get_a_section_of_their_own() -> None:
    brief = story_brief()
    brief = dataclasses.replace(
        brief,
        sections=tuple(dataclasses.replace(s, stories=(), sentences=()) for s in brief.sections),
    )
    view = document_view(brief)
    assert view.sections[-1].title == "Other stories"
    assert len(view.stories) == len(STORIES)
    no_sections = document_view(dataclasses.replace(brief, sections=()))
    assert [s.title for s in no_sections.sections] == ["Stories"]
    assert [s.title for s in no_sections.stories] == [s.title for s in view.stories]


# --- JSON -----------------------------------------------------------------------------------


def test_json_v2_stories_exactly() -> None:
    data = json.loads(rendered(story_brief(), "json"))
    assert data["schema"] == "briefer.brief/2"
    assert [s["stories"] for s in data["sections"]] == [
        ["st-3f9a1c0b7d2e", "st-aaaaaaaaaaaa", "st-bbbbbbbbbbbb"],
        ["st-cccccccccccc"],
    ]
    assert [s["story"] for s in data["sources"]] == [
        "st-3f9a1c0b7d2e",
        "st-3f9a1c0b7d2e",
        "st-3f9a1c0b7d2e",
        "st-aaaaaaaaaaaa",
        "st-aaaaaaaaaaaa",
        "st-bbbbbbbbbbbb",
        "st-cccccccccccc",
    ]
    story = data["stories"][0]
    assert list(story) == [
        "id",
        "title",
        "section",
        "status",
        "sources",
        "outlets",
        "independent",
        "sentences",
        "quotes",
        "timeline",
        "disagreements",
    ]
    assert story["sentences"][0] == {
        "text": "Russia fired an Oreshnik missile at Dnipro on Thursday.",
        "source": "s1",
        "position": 0,
        "also_in": ["s3"],
    }
    assert story["sentences"][1]["context"] == "The missile was launched from Astrakhan."
    assert len(story["quotes"]) == 4  # every quote, not only the three on the card
    assert story["quotes"][2] == {
        "speaker": "Dmitry Peskov",
        "text": HOSTILE_QUOTE,
        "kind": "direct",
        "source": "s3",
        "position": 6,
    }
    assert story["timeline"][2] == {
        "date": "2024-12",
        "text": "NATO will meet on air defence.",
        "source": "s2",
        "position": 8,
    }
    assert story["disagreements"][0]["values"][1] == {
        "value": HOSTILE_VALUE,
        "sources": ["s2", "s3"],
        "text": "Only 15 were hurt <officially>.",
    }
    assert "status" not in data["stories"][1]  # only when set
    assert data["stories"][1]["title"] == HOSTILE_TITLE


# --- Markdown and HTML ----------------------------------------------------------------------


def test_markdown_card_exact_text() -> None:
    md = rendered(story_brief(), "md")
    card = md.split("### Dnipro missile strike\n\n", 1)[1].split("**Also reported**")[0]
    assert card == (
        "*New · Reported by 3 outlets, 2 independent reports*\n\n"
        "Russia fired an Oreshnik missile at Dnipro on Thursday. [1, 3] "
        "*(reported by 2 sources)*\n\n"
        "*Context: The missile was launched from Astrakhan.*\n\n"
        "It hit an industrial site, officials said. [2]\n\n"
        "**Quotes**\n\n"
        "- Volodymyr Zelensky: “This is a clear and serious escalation” [1]\n"
        "- China's foreign ministry (reported): all sides should show restraint [2]\n"
        "- Dmitry Peskov: “We will not \\<script>alert(1)\\</script> & \\*\\*yield\\*\\* "
        "\\[x\\](javascript:1)” [3]\n\n"
        "**Timeline**\n\n"
        "- 18 November 2024 — Ukraine first used ATACMS inside Russia. [3]\n"
        "- 21 November 2024 — The Oreshnik missile hit Dnipro. [1]\n"
        "- December 2024 — NATO will meet on air defence. [2]\n\n"
        "**⚠ Sources disagree: people injured**\n\n"
        "| Value | Sources | What they say |\n"
        "|---|---|---|\n"
        "| 26 | [1] | Twenty-six people were injured. |\n"
        "| <26> & \\| 'people' | [2, 3] | Only 15 were hurt \\<officially>. |\n\n"
        "*1 more quote in the JSON output.*\n\n"
    )
    assert (
        "- **AT&T \\<b>strike\\</b> {{ 7\\*7 }} \\*bold\\* \\| pipe**: Kyiv asked for more "
        "Patriot systems. [4, 5] *(Reported by 2 outlets, 1 independent report)*\n"
    ) in md


def test_html_cards_escape_hostile_text() -> None:
    page = rendered(story_brief(), "html")
    parsed = parse_html(page)
    text = "".join(parsed.text)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    for hostile in (HOSTILE_TITLE, HOSTILE_QUOTE, HOSTILE_VALUE):
        assert hostile in text
    assert all(u.startswith(("https://", "#")) for u in parsed.urls)
    assert '<p class="flag">⚠ Sources disagree: people injured</p>' in page
    assert (
        '<p class="context"><span class="label">Context</span> '
        "The missile was launched from Astrakhan.</p>"
    ) in page
    assert '<time datetime="2024-11-18">18 November 2024</time>' in page
    assert '<article class="story" id="story-st-3f9a1c0b7d2e">' in page


# --- PDF ------------------------------------------------------------------------------------


def test_pdf_cards_read_back(tmp_path: Path) -> None:
    path = tmp_path / "stories.pdf"
    path.write_bytes(render_bytes(story_brief(), "pdf"))
    text = flat(pdftotext(path))
    for expected in (
        "Dnipro missile strike",
        "Reported by 3 outlets, 2 independent reports",
        "CONTEXT The missile was launched from Astrakhan.",
        "Volodymyr Zelensky: “This is a clear and serious escalation” [1]",
        HOSTILE_QUOTE,
        "18 November 2024 Ukraine first used ATACMS inside Russia. [3]",
        "⚠ Sources disagree: people injured",
        HOSTILE_VALUE,
        "ALSO REPORTED",
        HOSTILE_TITLE,
        "Independent reports (dark) and outlets (light) behind each story",
    ):
        assert flat(expected) in text, expected

    def walk(items: list, depth: int = 0) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for item in items:
            out += walk(item, depth + 1) if isinstance(item, list) else [(depth, item.title)]
        return out

    outline = walk(PdfReader(BytesIO(path.read_bytes())).outline)
    assert outline == [
        (0, "Ukraine air defence — stories"),
        (1, "Key points"),
        (1, "The strike"),
        (2, "Dnipro missile strike"),  # a card is an outline entry under its section
        (1, "The US outlook"),
        (2, "US outlook"),
        (1, "Coverage"),
        (1, "Sources"),
    ]


def test_pdf_story_chart_fits_many_stories_and_sections(tmp_path: Path) -> None:
    many = tuple(
        dataclasses.replace(STRIKE, id=f"st-{i:012x}", title=f"Story number {i}") for i in range(60)
    )
    brief = story_brief(many)
    path = tmp_path / "many.pdf"
    path.write_bytes(render_bytes(brief, "pdf"))
    assert "the 15 most reported of 60 stories" in flat(pdftotext(path))
    # 42 sections without stories: the section chart is capped, the run does not die
    base = story_brief(())
    sections = tuple(
        BriefSection(f"s{i}", f"Section {i}", base.sections[0].sentences, i, 1) for i in range(42)
    )
    path.write_bytes(render_bytes(dataclasses.replace(base, sections=sections), "pdf"))
    assert "the 15 largest of 42 sections are shown" in flat(pdftotext(path))


def test_pdf_long_title_and_key_point_do_not_kill_the_run(tmp_path: Path) -> None:
    words = " ".join(f"word{i}" for i in range(150))
    key = dataclasses.replace(STRIKE.sentences[0], text=" ".join(["Long key point."] * 900))
    brief = story_brief(title=words, key_points=(key,))
    src = dataclasses.replace(brief.sources[0], title=words)
    brief = dataclasses.replace(brief, sources=(src, *brief.sources[1:]))
    path = tmp_path / "long.pdf"
    path.write_bytes(render_bytes(brief, "pdf"))
    text = flat(pdftotext(path))
    assert "word0 word1" in text and " …" in text  # the title is cut visibly in the PDF
    assert text.count("Long key point.") == 900  # the key point is all there, over pages
    assert words in flat(render_bytes(brief, "md").decode())  # full title in the other formats


def test_pdf_fallback_fonts_cover_cjk_hangul_devanagari_emoji(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    scripts = "中国外交部 하늘 नमस्ते प्रधानमंत्री 😀🚀"
    lost = "\U000e0100\U0001fb00"  # a variation selector supplement and a legacy-computing glyph
    brief = story_brief()
    first = dataclasses.replace(STRIKE.sentences[0], text=f"Reports say {scripts} {lost} today.")
    brief = dataclasses.replace(brief, key_points=(first,))
    path = tmp_path / "scripts.pdf"
    with caplog.at_level(logging.WARNING, logger="briefer"):
        path.write_bytes(render_bytes(brief, "pdf"))
    text = pdftotext(path)
    for word in scripts.split():  # Devanagari is shaped (HarfBuzz) and still reads back exactly
        assert word in text, word
    fonts = subprocess.run([need("pdffonts"), str(path)], capture_output=True, text=True).stdout
    assert "WenQuanYi" in fonts and "Symbola" in fonts and "Devanagari" in fonts
    assert "Helvetica" not in fonts
    warning = " ".join(r.getMessage() for r in caplog.records)
    assert "the PDF cannot show 2 characters" in warning and "U+1FB00" in warning


# --- DOCX -----------------------------------------------------------------------------------


def test_docx_cards_with_styles_and_disagreement_table(tmp_path: Path) -> None:
    data = render_bytes(story_brief(), "docx")
    document = docx.Document(BytesIO(data))
    by_style: dict[str, list[str]] = {}
    for para in document.paragraphs:
        by_style.setdefault(para.style.name, []).append(para.text)
    assert "Dnipro missile strike  NEW" in by_style["Heading 2"]
    assert by_style["Context"] == ["Context: The missile was launched from Astrakhan."]
    assert document.styles["Context"].font.italic is True
    assert "Reported by 3 outlets, 2 independent reports" in by_style["Story Coverage"]
    assert "Dmitry Peskov: “" + HOSTILE_QUOTE + "” [3]" in by_style["Story Quote"]
    assert "⚠ Sources disagree: people injured" in by_style["Disagreement"]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    assert [
        ["Value", "Sources", "What they say"],
        ["26", " [1]", "Twenty-six people were injured."],
        [HOSTILE_VALUE, " [2, 3]", "Only 15 were hurt <officially>."],
    ] in tables
    assert ["18 November 2024", "Ukraine first used ATACMS inside Russia. [3]"] in tables[0]
    assert tables[-1][0] == ["Story", "Independent reports", "Outlets"]
    # LibreOffice opens it
    path = tmp_path / "stories.docx"
    path.write_bytes(data)
    subprocess.run(
        [
            need("soffice"),
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    assert HOSTILE_TITLE in (tmp_path / "stories.txt").read_text(encoding="utf-8-sig")


# --- registry and the no-story case ---------------------------------------------------------


def test_registry_carries_suffixes_and_render_writes_them(tmp_path: Path) -> None:
    assert {f: FORMATS[f].suffix for f in FORMATS} == {
        "pdf": "pdf",
        "docx": "docx",
        "md": "md",
        "html": "html",
        "json": "json",
    }
    assert format_of("x/brief.DOCX") == "docx" and format_of("notes.txt") is None
    paths = render(story_brief(), ["md", "json"], tmp_path, "b")
    assert [p.name for p in paths] == ["b.md", "b.json"]


def test_stdin_is_named_not_escaped() -> None:
    brief = story_brief()
    src = dataclasses.replace(brief.sources[0], location="-", title=None, outlet=None, url=None)
    brief = dataclasses.replace(brief, sources=(src, *brief.sources[1:]))
    md = rendered(brief, "md")
    assert "1. standard input — 21 November 2024\n" in md and "\\-" not in md.split("## Sources")[1]


def test_email_bodies_show_the_cards() -> None:
    from email import message_from_bytes
    from email.policy import default

    from briefer.config import EmailConfig
    from briefer.deliver import compose, message_bytes

    config = EmailConfig(("duty@example.org",), "briefer@example.org", "127.0.0.1", 25)
    brief = story_brief()
    msg = message_from_bytes(
        message_bytes(compose(brief, config, [], brief.created)), policy=default
    )
    plain = msg.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert (
        "### Dnipro missile strike\n\n*New · Reported by 3 outlets, 2 independent reports*" in plain
    )
    assert "**⚠ Sources disagree: people injured**" in plain
    assert "- 18 November 2024 — Ukraine first used ATACMS inside Russia. [3]" in plain
    assert '<p class="flag">⚠ Sources disagree: people injured</p>' in html
    assert "&lt;script&gt;" in html and "<script>" not in html


def test_pdf_enormous_card_text_is_cut_visibly_not_fatal(tmp_path: Path) -> None:
    from briefer.models import Disagreement, DisagreementValue, Quote, TimelineEvent

    big = " ".join(["enormous"] * 1500)
    story = dataclasses.replace(
        STRIKE,
        title=big,
        sentences=(dataclasses.replace(STRIKE.sentences[0], context=big),),
        quotes=(Quote("Speaker", big, "direct", "s1", 1),),
        timeline=(TimelineEvent("2024-11-18", big, "s1", 1),),
        disagreements=(
            Disagreement(
                "toll", (DisagreementValue("1", ("s1",), big), DisagreementValue("2", ("s2",), "x"))
            ),
        ),
    )
    brief = story_brief((story,))
    path = tmp_path / "big.pdf"
    path.write_bytes(render_bytes(brief, "pdf"))
    text = flat(pdftotext(path))
    assert text.count("[shortened in the PDF]") == 3  # card title, timeline cell, disagreement cell
    # context and quote flow over as many rows as they need: every word is there
    assert text.count("enormous") > 2 * 1500
    md = rendered(brief, "md")
    assert md.count("enormous") == 1500 * 5  # all of title, context, quote, event and value


def test_what_changed_line_in_pdf_and_docx(tmp_path: Path) -> None:
    change = "1 new report since 1 Dec 06:00; figure revised from 12 to 26 people"
    stories = tuple(
        dataclasses.replace(st, change=change) if st.id == STORIES[0].id else st for st in STORIES
    )
    brief = story_brief(stories)
    pdf, docx_file = tmp_path / "b.pdf", tmp_path / "b.docx"
    pdf.write_bytes(render_bytes(brief, "pdf"))
    docx_file.write_bytes(render_bytes(brief, "docx"))
    text = " ".join(PdfReader(str(pdf)).pages[0].extract_text().split())
    assert "figure revised from 12 to 26 people" in text
    paragraphs = [p.text for p in docx.Document(str(docx_file)).paragraphs]
    assert any(p.endswith(" · " + change) for p in paragraphs)


def test_pdf_long_timeline_breaks_across_pages(tmp_path: Path) -> None:
    # A 3,000-article story had a timeline taller than a page in one card row: LayoutError.
    from briefer.models import TimelineEvent

    text = " ".join(["The long timeline event went on."] * 30)
    events = tuple(
        TimelineEvent(f"2024-11-{d:02d}", f"Day {d}. {text}", "s1", d) for d in range(1, 13)
    )
    brief = story_brief((dataclasses.replace(STRIKE, timeline=events),))
    path = tmp_path / "timeline.pdf"
    path.write_bytes(render_bytes(brief, "pdf"))
    out = flat(pdftotext(path))
    # A card shows the six latest events (background dates give way), in date order.
    assert all(f"Day {d}." in out for d in range(7, 13))
    assert not any(f"Day {d}." in out for d in range(2, 7))
    assert out.index("Day 7.") < out.index("Day 12.")
    assert "6 earlier events in the JSON output." in out
    assert out.count("The long timeline event went on.") == 6 * 30


def test_a_card_shows_a_dated_sentence_once_at_its_latest_date() -> None:
    from briefer.models import TimelineEvent
    from briefer.render.story_view import view_story

    ranged = "The foster parents had custody of the boy from January 2017 to May 2018, they said."
    events = (
        TimelineEvent("2017-01", ranged, "s1", 4),
        TimelineEvent("2017-06", "The boy was moved to a new school in June 2017.", "s2", 2),
        TimelineEvent("2018-05", ranged, "s1", 4),
    )
    view = view_story(dataclasses.replace(STRIKE, timeline=events), {"s1": 1, "s2": 2})
    assert [(e.date_iso, e.text) for e in view.timeline] == [
        ("2017-06", "The boy was moved to a new school in June 2017."),
        ("2018-05", ranged),
    ]
    assert view.more_events == 0
