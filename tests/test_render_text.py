"""JSON, HTML and Markdown renderers: exact schema, escaping, templates users can override."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefer.errors import OutputError, UsageError
from briefer.models import Brief
from briefer.render import RenderOptions, render_bytes
from briefer.render.common import format_created, inline, is_http_url, strip_control
from briefer.render.text import md_escape


def rendered(brief: Brief, fmt: str, **options: object) -> str:
    return render_bytes(brief, fmt, RenderOptions(**options)).decode("utf-8")  # type: ignore[arg-type]


def shown_sentences(brief: Brief) -> list[str]:
    return [
        inline(s.text)
        for s in brief.key_points + tuple(s for sec in brief.sections for s in sec.sentences)
    ]


class _Collector(HTMLParser):
    """Text, tags and URLs of an HTML page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("href", "src", "action")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(page: str) -> _Collector:
    parser = _Collector()
    parser.feed(page)
    return parser


# --- JSON -----------------------------------------------------------------------------------


def test_json_schema_and_exact_values(sample_brief: Brief) -> None:
    data = json.loads(rendered(sample_brief, "json"))
    assert list(data) == [
        "schema",
        "title",
        "created",
        "profile",
        "method",
        "language",
        "marking",
        "key_points",
        "sections",
        "sources",
        "stats",
        "failures",
        "stories",
    ]
    assert data["schema"] == "briefer.brief/2"
    assert data["stories"] == []  # no story layer: v2 with an empty list, v1 fields unchanged
    assert data["created"] == "2026-11-26T06:00:00+00:00"
    assert data["profile"] == "ukraine-air-defense" and data["method"] == "lexrank"
    assert data["marking"] == "OFFICIAL — FOR INTERNAL USE"
    assert [s["id"] for s in data["sections"]] == [
        "strike",
        "air-defense-appeal",
        "diplomatic-reactions",
        "us-outlook",
    ]
    first = data["sections"][0]["sentences"][0]
    assert first == {
        "text": "The missile hit an industrial site in the city of Dnipro.",
        "source": "s1",
        "position": 1,
        "also_in": ["s2", "s3"],
    }
    assert data["sections"][3]["sentences"] == []
    assert [s["stories"] for s in data["sections"]] == [[], [], [], []]
    assert data["key_points"][0]["also_in"] == ["s3"]
    src = data["sources"][1]
    assert list(src) == [
        "id",
        "story",
        "title",
        "location",
        "sentences",
        "duplicates",
        "url",
        "outlet",
        "author",
        "published",
    ]
    assert src["sentences"] == 9 and src["duplicates"] == ["examples/kyiv-wire.html"]
    assert src["url"] is None and src["story"] is None
    assert data["stats"]["sources"] == 3 and data["stats"]["words_read"] == 850
    assert data["failures"] == [{"location": "https://dead.example.net/a", "reason": "HTTP 404"}]


def test_json_keeps_source_text_exactly(sample_brief: Brief) -> None:
    raw = render_bytes(sample_brief, "json", RenderOptions())
    assert "Президент України".encode() in raw  # ensure_ascii=False, UTF-8
    data = json.loads(raw)
    texts = [s["text"] for sec in data["sections"] for s in sec["sentences"]]
    originals = [s.text for sec in sample_brief.sections for s in sec.sentences]
    assert texts == originals  # JSON is data: nothing stripped or escaped away
    ids = {s["id"] for s in data["sources"]}
    assert all(
        s["source"] in ids and set(s["also_in"]) <= ids
        for sec in data["sections"]
        for s in sec["sentences"]
    )
    assert raw == render_bytes(sample_brief, "json", RenderOptions())


def test_json_survives_a_lone_surrogate(sample_brief: Brief) -> None:
    sec = sample_brief.sections[0]
    broken = dataclasses.replace(
        sample_brief,
        sections=(
            dataclasses.replace(
                sec, sentences=(dataclasses.replace(sec.sentences[0], text="bad \udc80 byte"),)
            ),
        ),
    )
    assert (
        json.loads(render_bytes(broken, "json", RenderOptions()))["sections"][0]["sentences"][0][
            "text"
        ]
        == "bad \udc80 byte"
    )


# --- HTML -----------------------------------------------------------------------------------


def test_html_escapes_everything_from_sources(sample_brief: Brief) -> None:
    page = rendered(sample_brief, "html")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>bold" not in page and "AT&amp;T said &lt;10% of 5 &gt; 3 users" in page
    parsed = parse_html(page)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    text = " ".join(" ".join(parsed.text).split())
    for sentence in shown_sentences(sample_brief):
        assert sentence in text
    assert "{{ 7*7 }}" in text and "49" not in text


def test_html_is_self_contained_with_http_links_only(sample_brief: Brief) -> None:
    page = rendered(sample_brief, "html")
    parsed = parse_html(page)
    assert "link" not in parsed.tags and "img" not in parsed.tags and "script" not in parsed.tags
    assert all(u.startswith("#") or u.startswith(("https://", "http://")) for u in parsed.urls)
    assert {u for u in parsed.urls if not u.startswith("#")} == {
        s.url for s in sample_brief.sources if s.url
    }
    assert not any("javascript" in u for u in parsed.urls)
    assert 'name="viewport"' in page and "@media print" in page and "@media (max-width" in page
    assert page.count("OFFICIAL — FOR INTERNAL USE") == 2
    assert "26 November 2026, 06:00 UTC" in page
    assert "No new reporting." in page
    assert "reported by 3 sources" in page
    for n in (1, 2, 3):
        assert f'id="src-{n}"' in page


def test_html_drops_non_http_urls(sample_brief: Brief) -> None:
    src = dataclasses.replace(
        sample_brief.sources[0], url="javascript:alert(1)", location="file:///etc/passwd"
    )
    page = rendered(dataclasses.replace(sample_brief, sources=(src,)), "html")
    assert all(u.startswith("#") for u in parse_html(page).urls)
    assert "file:///etc/passwd" in page  # shown as text, never as a link


# --- Markdown -------------------------------------------------------------------------------


def test_markdown_cannot_be_injected(sample_brief: Brief) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    md = rendered(sample_brief, "md")
    html = markdown_it.MarkdownIt("commonmark").render(md)  # raw HTML allowed in this preset
    assert "<script" not in html and "<b>bold" not in html
    assert 'href="javascript' not in html
    text = " ".join(" ".join(parse_html(html).text).split())
    for sentence in shown_sentences(sample_brief):
        assert sentence in text  # readable: every sentence comes back exactly
    links = [u for u in parse_html(html).urls]
    assert set(links) == {s.url for s in sample_brief.sources if s.url}


def test_markdown_reads_naturally(sample_brief: Brief) -> None:
    md = rendered(sample_brief, "md")
    assert md.startswith("**OFFICIAL — FOR INTERNAL USE**\n\n# Ukraine air defence — morning")
    assert (
        "## The strike\n\nThe missile hit an industrial site in the city of Dnipro. [1, 2, 3]"
        " *(reported by 3 sources)*" in md
    )
    assert "Президент України Володимир Зеленський" in md
    assert "AT&T said <10% of 5 > 3 users" in md  # harmless characters stay unescaped
    assert "*No new reporting.*" in md
    assert "{{ 7\\*7 }}" in md
    assert "\n\n\n" not in md


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("> no quote", "\\> no quote"),
        ("[x](javascript:y)", "\\[x\\](javascript:y)"),
        ("a <img src=x> b", "a \\<img src=x> b"),
        ("&amp; stays", "\\&amp; stays"),
        ("AT&T <10%", "AT&T <10%"),
        ("snake_case *bold*", "snake\\_case \\*bold\\*"),
    ],
)
def test_md_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped


# --- Templates ------------------------------------------------------------------------------


def test_template_dir_overrides_by_file_name(sample_brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text(
        "CUSTOM {{ doc.title }}\n{% for s in doc.sections %}* {{ s.title }}\n{% endfor %}",
        encoding="utf-8",
    )
    md = rendered(sample_brief, "md", template_dir=tmp_path)
    assert md.startswith("CUSTOM Ukraine air defence — morning brief\n* The strike\n")
    page = rendered(sample_brief, "html", template_dir=tmp_path)  # falls back to the bundled one
    assert page.startswith("<!DOCTYPE html>")


def test_templates_are_sandboxed(sample_brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "brief.html.j2").write_text(
        "{{ doc.__class__.__init__.__globals__ }}", encoding="utf-8"
    )
    with pytest.raises(OutputError, match="brief.html.j2"):
        rendered(sample_brief, "html", template_dir=tmp_path)


def test_broken_template_is_a_one_line_error(sample_brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text("line one\n{% for x in %}\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"brief.md.j2 \(line 2\)"):
        rendered(sample_brief, "md", template_dir=tmp_path)


def test_user_template_runtime_error_is_one_line(sample_brief: Brief, tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text("{{ 1 / 0 }}", encoding="utf-8")
    with pytest.raises(OutputError, match="ZeroDivisionError"):
        rendered(sample_brief, "md", template_dir=tmp_path)


def test_missing_template_dir_is_a_usage_error(sample_brief: Brief, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        rendered(sample_brief, "html", template_dir=tmp_path / "nope")


# --- Shared helpers ------------------------------------------------------------------------


def test_common_helpers() -> None:
    assert strip_control("a\x00b\x0bc\td\ne\x7f") == "abc\td\ne"
    assert inline(" a \n b\x0c ") == "a b"
    assert inline("  a  b\xa0 c ") == "a b c" and inline(None) == inline("") == ""
    assert is_http_url("https://example.org/x?a=1&b=2")
    for bad in (
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http://",
        "https://a b",
        "data:text/html,x",
        None,
        "",
    ):
        assert not is_http_url(bad)
    from datetime import UTC, datetime, timedelta, timezone

    assert format_created(datetime(2026, 1, 5, 7, 30, tzinfo=UTC)) == "5 January 2026, 07:30 UTC"
    assert (
        format_created(datetime(2026, 1, 5, 7, 30, tzinfo=timezone(timedelta(hours=2))))
        == "5 January 2026, 07:30 UTC+02:00"
    )
    assert format_created(datetime(2026, 1, 5, 7, 30)) == "5 January 2026, 07:30"


def test_inline_fast_path_matches_the_regexes() -> None:
    """inline() skips its regexes for printable text: the result must be the same."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(
        st.text(alphabet=st.sampled_from(" a\t\n\x0b\xa0\u2003\x85\x00\ud800é😀"), max_size=12)
        | st.text()
    )
    def check(text: str) -> None:
        assert inline(text) == re.sub(r"\s+", " ", strip_control(text)).strip()

    check()


def test_importing_the_renderers_stays_light() -> None:
    code = (
        "import sys, briefer.render, briefer.render.common; "
        "print(sorted(m for m in ('reportlab', 'docx', 'jinja2') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"


def test_sources_read_but_not_quoted_are_named_not_numbered(sample_brief: Brief) -> None:
    extra = dataclasses.replace(
        sample_brief.sources[2],
        id="s4",
        title="Uncited wire story",
        url="https://wire.example.com/story/43",
    )
    brief = dataclasses.replace(sample_brief, sources=(extra, *sample_brief.sources))
    page = rendered(brief, "html")
    assert 'id="src-4"' not in page and 'id="src-3"' in page
    assert "Also read, not quoted:" in page and "Uncited wire story" in page
    md = rendered(brief, "md")
    assert "Also read, not quoted: [Uncited wire story](https://wire.example.com/story/43)." in md
    assert json.loads(rendered(brief, "json"))["sources"][0]["id"] == "s4"  # JSON lists all


def test_json_text_is_json_dumps_with_an_indent() -> None:
    """render/json_text.py must write exactly what json.dumps(indent=2) writes, for any data."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from briefer.render.json_text import dumps

    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
    data = st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.tuples(inner, inner)
            | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=4)
        ),
        max_leaves=30,
    )

    @settings(max_examples=300, deadline=None)
    @given(data)
    def check(value: object) -> None:
        assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)

    check()
