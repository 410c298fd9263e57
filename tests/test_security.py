"""Security: article text is data (never template code or markup), links are only http(s),
credentials come only from the environment and never leak, fetched content cannot read files."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import run
from servers import QuietFiles, serving
from test_properties import extract_text, make_brief

from briefer.models import Article, Source
from briefer.options import BriefOptions
from briefer.pipeline import build_brief
from briefer.render import render_bytes

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "dnipro-oreshnik-strike.txt"
CREATED = "2026-11-26T06:00:00+00:00"
FORMATS = ("md", "html", "json", "docx", "pdf")

INJECTIONS = [
    "Jinja said {{ 7*7 }} and {{ ''.__class__.__mro__ }} but nothing ran.",
    "A block {% for x in range(3) %}loop{% endfor %} and {# comment #} stay text.",
    "Markup <script>alert('x')</script> and <img src=x onerror=alert(1)> stay text.",
    'Reportlab <font size="80" color="red">big</font> <a href="javascript:alert(1)">x</a>.',
    'A picture <img src="/etc/passwd" width="10" height="10"/> is not loaded.',
    "Entities &amp; &lt;b&gt; &#x41; and a lone & and < or > stay as typed.",
    "Markdown [link](javascript:alert(1)) and ![img](file:///etc/passwd) and <b>bold</b>.",
]


def squash(text: str) -> str:
    return "".join(text.split())


# --- article text is data ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_template_and_markup_injection_is_shown_verbatim(fmt: str) -> None:
    brief = make_brief(INJECTIONS, title="{{ 6*7 }} <i>title</i> {% if 1 %}x{% endif %}")
    shown = squash(extract_text(fmt, render_bytes(brief, fmt)))
    for text in INJECTIONS:
        assert squash(text) in shown, text
    assert squash("{{ 6*7 }} <i>title</i> {% if 1 %}x{% endif %}") in shown
    assert "49" not in shown and "42" not in shown  # no template code ran


def test_pdf_markup_in_text_is_not_interpreted(tmp_path: Path) -> None:
    from pypdf import PdfReader

    data = render_bytes(make_brief(INJECTIONS), "pdf")
    reader = PdfReader(io.BytesIO(data))
    fonts = {
        str(f.get("/BaseFont"))
        for page in reader.pages
        for f in (page["/Resources"].get("/Font") or {}).values()
    }
    assert all("DejaVu" in font for font in fonts), fonts  # no <font> from the text took effect
    assert not [x for page in reader.pages for x in (page["/Resources"].get("/XObject") or {})]
    assert uris_in_pdf(data) <= {"https://example.org/a?b=1&c=2"}


def test_html_escapes_everything_from_sources() -> None:
    plain = make_brief(["Plain sentence one.", "Plain sentence two."] + ["Plain."] * 5)
    hostile = make_brief(INJECTIONS, title="<script>alert(1)</script>")

    def tags(html: bytes) -> list[tuple[str, tuple[str, ...]]]:
        found: list[tuple[str, tuple[str, ...]]] = []

        class Tags(HTMLParser):
            def handle_starttag(self, tag: str, attrs: Any) -> None:
                # Same elements, same attribute names; values (escaped text) may differ.
                found.append((tag, tuple(a[0] for a in attrs)))

        Tags().feed(html.decode("utf-8"))
        return found

    assert tags(render_bytes(hostile, "html")) == tags(render_bytes(plain, "html"))


# --- links are only http(s) ----------------------------------------------------------------------

BAD_URLS = [
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<b>x</b>",
    "vbscript:msgbox",
    "//evil.example/x",
    "ftp://files.example/x",
    "https://ok.example/a b",
    "https://ok.example/\x00x",
    "JaVaScRiPt:alert(2)",
]


def uris_in_pdf(data: bytes) -> set[str]:
    from pypdf import PdfReader

    found = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            if "/URI" in action:
                found.add(str(action["/URI"]))
    return found


def links_in(fmt: str, data: bytes) -> set[str]:
    """Every external link target a reader could follow in a rendered file."""
    if fmt == "md":
        return set(re.findall(r"\]\(([^)]*)\)", data.decode("utf-8")))
    if fmt == "html":
        return {
            m
            for m in re.findall(r'(?:href|src)="([^"]*)"', data.decode("utf-8"))
            if not m.startswith("#")
        }
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
        return set(re.findall(r'Target="([^"]*)"[^>]*TargetMode="External"', rels))
    if fmt == "pdf":
        return uris_in_pdf(data)
    return set()


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_only_http_links_become_links(fmt: str) -> None:
    base = make_brief(["One sentence here.", "Another sentence there."])
    sources = tuple(
        Source(id=f"s{i + 1}", location=url, title=f"Source {i}", url=url, sentences=1)
        for i, url in enumerate(BAD_URLS)
    )
    good = Source(
        id="s99",
        location="https://good.example/story?id=1&x=2",
        title="Good",
        url="https://good.example/story?id=1&x=2",
        sentences=1,
    )
    from dataclasses import replace

    brief = replace(base, sources=(*sources, good))
    links = links_in(fmt, render_bytes(brief, fmt))
    assert links, fmt
    for link in links:
        assert re.match(r"https?://[^\s]+$", link), (fmt, link)
    assert not any("evil" in link or "passwd" in link for link in links)


def test_javascript_links_in_sources_never_become_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><head><title>Council vote</title>"
        '<link rel="canonical" href="javascript:alert(1)">'
        '<meta property="og:url" content="file:///etc/passwd"></head><body><article>'
        "<h1>Council vote</h1><p>The city council approved the budget on Tuesday after a long "
        'debate. <a href="javascript:alert(1)">Critics</a> said the plan cuts funding for '
        "libraries and parks.</p><p>The mayor promised to review the spending next spring, "
        "officials said on Wednesday.</p></article></body></html>",
        encoding="utf-8",
    )
    notes = tmp_path / "notes.md"
    notes.write_text(
        "# Notes\n\nThe [mayor](javascript:alert(1)) spoke at noon on Friday. "
        "She said ![x](file:///etc/passwd) the [plan](https://ok.example/plan) "
        "would pass.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, _, err = run(
        capsys,
        "brief",
        str(page),
        str(notes),
        "--format",
        "md,html,docx,pdf,json",
        "--output-dir",
        str(out),
        "--created",
        CREATED,
    )
    assert (code, err) == (0, "")
    for fmt in ("md", "html", "docx", "pdf"):
        data = (out / f"default.{fmt}").read_bytes()
        assert all(link.startswith(("http://", "https://")) for link in links_in(fmt, data))
    data = json.loads((out / "default.json").read_text(encoding="utf-8"))
    assert all(s.get("url") is None or s["url"].startswith("http") for s in data["sources"])
    assert "javascript:" not in json.dumps(data["sections"])


# --- a fetched page or feed cannot make briefer read local files --------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "site"
    root.mkdir()

    class Handler(QuietFiles):
        def do_GET(self) -> None:  # noqa: N802 (http.server API)
            if self.path.startswith("/redirect"):
                self.send_response(302)
                self.send_header("Location", "file:///etc/passwd")
                self.end_headers()
                return
            super().do_GET()

    with serving(partial(Handler, directory=str(root))) as base:
        yield base, root


def test_feed_cannot_point_briefer_at_local_files(
    site: tuple[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, root = site
    secret = tmp_path / "secret.txt"
    secret.write_text(
        "TOP-SECRET-LINE should never be read by a feed. It is private.", encoding="utf-8"
    )
    (root / "story.html").write_text(
        "<!doctype html><html><head><title>Bridge</title></head><body><article><p>The bridge "
        "reopened on Monday after two years of repairs, officials said.</p><p>Traffic was back "
        "to normal by the evening rush hour, the city said.</p></article></body></html>",
        encoding="utf-8",
    )
    items = [
        f"{base}/story.html",
        f"file://{secret}",
        f"file:{secret}",
        str(secret),
        f"{base}/redirect",
    ]
    (root / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        + "".join(
            f"<item><title>i{n}</title><link>{link}</link></item>" for n, link in enumerate(items)
        )
        + "</channel></rss>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, _, err = run(
        capsys,
        "brief",
        f"{base}/feed.xml",
        "--format",
        "json",
        "--no-cache",
        "--output-dir",
        str(out),
        "--created",
        CREATED,
    )
    assert code == 3, err
    assert "TOP-SECRET" not in (out / "default.json").read_text(encoding="utf-8")
    skipped = err.splitlines()
    assert len(skipped) == 4 and all(line.startswith("briefer: skipped ") for line in skipped)
    assert (
        f"skipped {base}/redirect: HTTP 302 Found - Redirection to url 'file:///etc/passwd' "
        "is not allowed" in err
    )


def test_local_feed_file_with_file_links_reads_no_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(
        "TOP-SECRET-LINE never to be read. It is private and stays so.", encoding="utf-8"
    )
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>x</title><link>file://{secret}</link></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    code, _, err = run(
        capsys, "brief", str(feed), "--format", "json", "--output-dir", str(tmp_path / "out")
    )
    assert code == 1 and "TOP-SECRET" not in err
    # feedparser prints the link as file://tmp/... (one slash lost): it is still refused.
    assert re.fullmatch(
        rf"briefer: error: no readable source \(file:/+{str(secret)[1:]}: item "
        r"link is not an http\(s\) URL\)\n",
        err,
    ), err


# --- credentials: only from the environment, never logged nor written ---------------------------


def test_credentials_never_reach_logs_or_eml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "pa55-VERY-secret-xyz"
    monkeypatch.setenv("JOB_SMTP_USER", "brief-bot")
    monkeypatch.setenv("JOB_SMTP_PASS", secret)
    (tmp_path / "a.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    config = tmp_path / "job.toml"
    config.write_text(
        '[brief]\nsources = ["a.txt"]\nformats = ["json"]\noutput_dir = "out"\n'
        '[email]\nto = ["desk@example.org"]\nfrom = "b@example.org"\nhost = "127.0.0.1"\n'
        'port = 1\nusername_env = "JOB_SMTP_USER"\npassword_env = "JOB_SMTP_PASS"\n'
        '[log]\nfile = "job.log"\nlevel = "debug"\n',
        encoding="utf-8",
    )
    code, stdout, err = run(capsys, "-v", "run", "--config", str(config), "--dry-run")
    assert code == 0, err
    eml = next(Path(p) for p in stdout.split() if p.endswith(".eml"))
    dumped = eml.read_bytes()
    everything = [dumped, err.encode(), stdout.encode(), (tmp_path / "job.log").read_bytes()]
    everything += [p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()]
    for blob in everything:
        assert secret.encode() not in blob


def test_a_password_in_the_config_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "job.toml"
    config.write_text(
        '[brief]\nsources = ["a.txt"]\n[email]\nto = ["d@example.org"]\nfrom = "b@example.org"\n'
        'host = "127.0.0.1"\nusername_env = "U"\npassword_env = "hunter2 secret"\n',
        encoding="utf-8",
    )
    code, _, err = run(capsys, "run", "--config", str(config))
    assert code == 1 and "hunter2" not in err
    assert err == (
        f"briefer: error: {config}:8: [email] password_env: must be the NAME of an "
        "environment variable, not the secret\n"
    )
    config.write_text(
        config.read_text().replace(
            'password_env = "hunter2 secret"', 'password_env = "P"\npassword = "hunter2"'
        )
    )
    code, _, err = run(capsys, "run", "--config", str(config))
    assert (
        code == 1 and "hunter2" not in err and f"{config}:9: [email] password: unknown key" in err
    )


def test_library_articles_are_data_too() -> None:
    """Articles handed to the library directly go through the same escaping."""
    text = " ".join(INJECTIONS)
    brief = build_brief(
        [Article(text=text, location="memory", url="javascript:alert(1)")],
        options=BriefOptions(sentences=20, created=datetime(2026, 11, 26, tzinfo=UTC)),
    )
    html = render_bytes(brief, "html").decode("utf-8")
    assert "<script>alert" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
