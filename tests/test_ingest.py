"""Readers: text, HTML, DOCX, PDF, feeds, folders, stdin; sniffing; failures; concurrency."""

from __future__ import annotations

import io
import sys
import threading
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefer.dedup import dedupe_articles
from briefer.errors import SourceError
from briefer.fetch import Fetcher
from briefer.ingest import (
    READERS,
    Payload,
    ReadContext,
    choose_reader,
    load,
    read_location,
    read_sources,
    reader_for,
    register_reader,
)
from briefer.ingest.pdf import pdf_date, rebuild_paragraphs
from briefer.ingest.text import decode_bytes, strip_markdown

# --- fixtures: a loopback web server and documents built on the fly ----------------------------

STORY = [
    "A new intermediate-range missile struck the city of Dnipro early on Thursday, officials "
    "said, damaging an industrial site and several homes in the eastern districts.",
    "The regional governor said two people were injured and that emergency crews worked "
    "through the morning to clear the rubble from the streets.",
    "President Zelensky called on allies to send more air-defense systems, saying the attack "
    "showed that the threat to Ukrainian cities was growing every week.",
    "Western diplomats condemned the strike and said it marked a dangerous escalation of a war "
    "that has now lasted for more than a thousand days.",
]
BOILERPLATE = [
    "We use cookies",
    "Accept all cookies",
    "Buy cheap flights",
    "Subscribe now",
    "spam comment",
    "All rights reserved",
    "Sport news",
    "Privacy policy",
]


def page(
    title: str,
    paragraphs: list[str],
    site: str = "Kyiv Daily",
    author: str = "",
    date: str = "2026-11-21",
    canonical: str = "",
) -> str:
    """An article page wrapped in realistic boilerplate: banner, menu, ads, comments, footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    meta = f'<meta name="author" content="{author}">' if author else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title><meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">{meta}{link}
<meta property="article:published_time" content="{date}T08:30:00Z"></head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience on
our site and to show you personalised advertising. Accept all cookies?</p></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport news and results</a></li><li><a href="/sub">Subscribe now</a></li>
</ul></nav></header>
<div class="ad advertisement"><p>Buy cheap flights now! Limited offer for our subscribers only,
book today.</p></div>
<main><article><h1>{title}</h1>{body}</article>
<section id="comments" class="comments"><h3>Comments</h3><div class="comment"><p>This spam comment
should never appear in any brief that anybody reads, ever again.</p></div></section></main>
<footer><p>Copyright 2026 {site}. All rights reserved. Privacy policy. Terms of use.</p></footer>
</body></html>"""


def make_pdf(
    path: Path,
    paragraphs: list[str],
    title: str | None = None,
    author: str | None = None,
    heading: str | None = None,
    pages: int = 1,
) -> Path:
    """A text PDF (reportlab) with page numbers in the footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=title or "", author=author or "")
    story: list = [Paragraph(heading, styles["Title"])] if heading else []
    for number in range(pages):
        if number:
            story.append(PageBreak())
        story.extend(Paragraph(p, styles["BodyText"]) for p in paragraphs)

    def footer(canvas, document) -> None:  # type: ignore[no-untyped-def]
        canvas.drawString(280, 20, str(document.page))

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return path


def make_docx(
    path: Path,
    paragraphs: list[str],
    title: str | None = None,
    author: str | None = None,
    heading: str | None = None,
    created: datetime | None = None,
) -> Path:
    """A DOCX (python-docx) with optional core properties and a heading."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    if author:
        document.core_properties.author = author
    if created:
        document.core_properties.created = created
    if heading:
        document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path


def rss(items: list[dict[str, str]], title: str = "Wire Service Feed") -> str:
    """An RSS 2.0 document."""
    parts = []
    for item in items:
        fields = "".join(f"<{key}>{value}</{key}>" for key, value in item.items())
        parts.append(f"<item>{fields}</item>")
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://wire.example/</link>"
        f"<description>news</description>{''.join(parts)}</channel></rss>"
    )


class Site:
    """A loopback web server serving `routes` (path → (content type, body)), counting hits."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[str, bytes]] = {}
        self.hits: Counter[str] = Counter()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                site.hits[self.path] += 1
                ctype, body = site.routes.get(self.path, ("", b""))
                self.send_response(200 if ctype else 404)
                self.send_header("Content-Type", ctype or "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(self, path: str, body: str | bytes, ctype: str = "text/html; charset=utf-8") -> str:
        self.routes[path] = (ctype, body.encode("utf-8") if isinstance(body, str) else body)
        return self.base + path


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    server = Site()
    thread = threading.Thread(target=server.server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def fetcher(tmp_path: Path) -> Fetcher:
    return Fetcher(cache_dir=tmp_path / "cache", timeout=2.0)


# --- decoding ----------------------------------------------------------------------------------

TEXTS = {
    "english": "The minister said “air defence is urgent” — it costs €5 million, café naïve.",
    "french": "Le ministre a déclaré à Paris que la défense aérienne était prioritaire.",
    "german": "Größe und Übermaß: für Äpfel zahlt man mehr.",
    "ukrainian": "Президент України закликав союзників посилити протиповітряну оборону.",
}


@pytest.mark.parametrize(
    "name, encoding",
    [
        ("english", "utf-8"),
        ("english", "utf-8-sig"),
        ("english", "utf-16"),
        ("english", "cp1252"),
        ("french", "latin-1"),
        ("french", "cp1252"),
        ("german", "latin-1"),
        ("french", "utf-16-le"),
        ("ukrainian", "utf-8"),
        ("ukrainian", "utf-16"),
        ("ukrainian", "cp1251"),
    ],
)
def test_decode_bytes(name: str, encoding: str) -> None:
    text = TEXTS[name]
    data = text.encode(encoding)
    if encoding == "utf-16":
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff")  # Python writes a BOM
    assert decode_bytes(data) == text


def test_text_files_in_every_encoding_read_the_same(tmp_path: Path) -> None:
    text = "Dnipro strike\n\n" + TEXTS["english"] + "\n\nSecond paragraph.\n"
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1252"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        (article,) = read_location(str(path)).articles
        assert article.title == "Dnipro strike"
        assert article.text == TEXTS["english"] + "\n\nSecond paragraph."


# --- text, Markdown and stdin ------------------------------------------------------------------


def test_markdown_loses_markup_but_keeps_words(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "# Allies meet\n\nThe **defence** ministers met in [Brussels](http://x.y).\n\n"
        "## Outcome\n\n- More *air-defence* systems.\n",
        encoding="utf-8",
    )
    (article,) = read_location(str(path)).articles
    assert article.title == "Allies meet"
    assert "The defence ministers met in Brussels." in article.text
    assert "More air-defence systems." in article.text
    assert not any(mark in article.text for mark in ("**", "](", "#", "- "))
    assert strip_markdown("a `code` b") == "a code b"


def test_stdin_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    data = ("Headline here\n\n" + STORY[0]).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    result = read_sources(["-"])
    assert not result.failures
    assert result.articles[0].location == "-" and result.articles[0].text == STORY[0]


def test_stdin_html_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    data = page("Strike on Dnipro", STORY).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (article,) = read_sources(["-"]).articles
    assert article.title == "Strike on Dnipro" and article.outlet == "Kyiv Daily"


# --- HTML --------------------------------------------------------------------------------------


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(
        page(
            "Strike on Dnipro",
            STORY,
            author="Olena Petrenko",
            canonical="https://kyivdaily.example/dnipro",
        ),
        encoding="utf-8",
    )
    (article,) = read_location(str(path)).articles
    assert article.title == "Strike on Dnipro"
    assert article.outlet == "Kyiv Daily"
    assert article.author == "Olena Petrenko"
    assert article.published == "2026-11-21"
    assert article.url == "https://kyivdaily.example/dnipro"
    assert article.text == "\n\n".join(STORY)  # paragraphs kept, headline not repeated
    for junk in BOILERPLATE:
        assert junk.lower() not in article.text.lower()


def test_html_in_a_txt_file_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(page("Strike on Dnipro", STORY), encoding="utf-8")
    payload = load(str(path))
    assert choose_reader(payload) == "html"
    (article,) = read_location(payload).articles
    assert article.text.startswith(STORY[0]) and "cookies" not in article.text


def test_html_charset_from_meta(tmp_path: Path) -> None:
    markup = page(
        "Café society",
        [
            "Le café était plein de ministres qui parlaient de défense "
            "aérienne et de la guerre en Ukraine ce matin-là."
        ],
    )
    path = tmp_path / "latin.html"
    path.write_bytes(markup.replace('charset="utf-8"', 'charset="iso-8859-1"').encode("latin-1"))
    (article,) = read_location(str(path)).articles
    assert article.title == "Café society" and "défense aérienne" in article.text


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><nav><a href='/'>Home</a><a href='/w'>World</a></nav></body></html>",
        "<html><body><script>var text = 'a long script that is not an article at all';</script>"
        "</body></html>",
    ],
)
def test_html_without_article_text_fails_cleanly(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "empty.html"
    path.write_text(markup, encoding="utf-8")
    with pytest.raises(SourceError, match="no article text"):
        read_location(str(path))


# --- DOCX --------------------------------------------------------------------------------------


def test_docx_core_properties(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "memo.docx",
        STORY[:2],
        title="Memo on Dnipro",
        author="Analyst One",
        created=datetime(2026, 11, 21, 7, 0),
    )
    (article,) = read_location(str(path)).articles
    assert article.title == "Memo on Dnipro" and article.author == "Analyst One"
    assert article.text == "\n\n".join(STORY[:2])
    assert article.published == "2026-11-21T07:00:00+00:00"


def test_docx_first_heading_is_title_and_template_defaults_ignored(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "memo.docx", STORY[:2], heading="Allies weigh air defence")
    (article,) = read_location(str(path)).articles
    assert article.title == "Allies weigh air defence"
    assert article.author is None  # "python-docx" is the library's placeholder, not a person
    assert article.published is None  # and so is its template's 2013 creation date
    assert article.text == "\n\n".join(STORY[:2])


def test_docx_damaged_or_bomb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = make_docx(tmp_path / "good.docx", STORY)
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(good.read_bytes()[:1500])
    with pytest.raises(SourceError, match="not a valid DOCX"):
        read_location(str(truncated))
    plain_zip = tmp_path / "archive.docx"
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(SourceError, match=r"not a DOCX document \(it is a ZIP archive\)"):
        read_location(str(plain_zip))
    monkeypatch.setattr("briefer.ingest.docx.MAX_UNPACKED", 4 * 1024 * 1024)  # keeps it fast
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (5 * 1024 * 1024))
    assert bomb.stat().st_size < 64 * 1024
    with pytest.raises(SourceError, match="unpacks to more than"):
        read_location(str(bomb))


# --- PDF ---------------------------------------------------------------------------------------


def test_pdf_metadata_and_paragraphs(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "story.pdf",
        STORY,
        title="Strike on Dnipro",
        author="Olena Petrenko",
        heading="Strike on Dnipro",
        pages=2,
    )
    (article,) = read_location(str(path)).articles
    assert article.title == "Strike on Dnipro" and article.author == "Olena Petrenko"
    assert article.published is None  # a file's creation date is not a publication date
    words = article.text.split()
    assert " ".join(words) == " ".join(" ".join(STORY * 2).split())  # every word, page numbers gone
    assert article.text.count("\n\n") >= 4  # paragraph breaks survive for the splitter


def test_pdf_without_metadata_takes_its_first_line_as_title(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "story.pdf", STORY[:2], heading="Dnipro after the strike")
    (article,) = read_location(str(path)).articles
    assert article.title == "Dnipro after the strike"
    assert article.text.startswith("A new intermediate-range missile")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    drawing = canvas.Canvas(str(path))
    drawing.rect(100, 100, 300, 400, fill=1)  # a "scanned" page: pixels, no text
    drawing.save()
    with pytest.raises(SourceError, match="no text layer"):
        read_location(str(path))


def test_pdf_helpers() -> None:
    assert pdf_date("D:20261121083000+00'00'") == "2026-11-21T08:30:00"
    assert pdf_date("D:2026") == "2026" and pdf_date("garbage") is None
    pages = [
        f"Running header\nA long line of text number {n} that goes on and on across the\n"
        f"page.\nA heading\nNext para-\ngraph.\nLast line {n}.\n{n + 1}"
        for n in range(3)
    ]
    assert rebuild_paragraphs(pages)[:4] == [
        "A long line of text number 0 that goes on and on across the page.",
        "A heading",
        "Next para-graph.",
        "Last line 0.",
    ]
    assert len(rebuild_paragraphs(pages)) == 12


# --- sniffing and bad sources ------------------------------------------------------------------


def test_sniffing_beats_misleading_names(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "story.pdf", STORY)
    no_suffix = tmp_path / "download"
    no_suffix.write_bytes(pdf.read_bytes())
    assert choose_reader(load(str(no_suffix))) == "pdf"
    docx_file = make_docx(tmp_path / "memo.docx", STORY)
    odd_name = tmp_path / "memo.txt"
    odd_name.write_bytes(docx_file.read_bytes())
    assert choose_reader(load(str(odd_name))) == "docx"
    feed = tmp_path / "feed"
    feed.write_text(rss([{"title": "x"}]), encoding="utf-8")
    assert choose_reader(load(str(feed))) == "feed"


@pytest.mark.parametrize(
    "name, data, message",
    [
        (
            "photo.pdf",
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 100,
            "not a PDF (it is a JPEG image)",
        ),
        ("notes.pdf", b"just some text, not a pdf at all", "not a PDF (the file holds plain text)"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "unsupported file type (a PNG image)"),
        ("junk.txt", bytes(range(256)) * 4, "unsupported file type (binary data)"),
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n\t\n", "empty file"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "not a DOCX document"),
    ],
)
def test_bad_files_give_one_line_reasons(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = read_sources([str(path)])
    assert not result.articles
    (failure,) = result.failures
    assert failure.location == str(path)
    assert failure.reason.startswith(message) and "\n" not in failure.reason


def test_file_urls_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("secret", encoding="utf-8")
    (failure,) = read_sources([path.as_uri()]).failures
    assert "file:// URLs are not fetched" in failure.reason


def test_every_builtin_reader_is_registered() -> None:
    assert {"text", "html", "docx", "pdf", "feed"} <= set(READERS.names())


# --- URLs and feeds ----------------------------------------------------------------------------


def test_urls_are_read_by_content_type(site: Site, fetcher: Fetcher, tmp_path: Path) -> None:
    html_url = site.add("/news/strike", page("Strike on Dnipro", STORY))
    pdf_url = site.add(
        "/files/report",
        make_pdf(tmp_path / "r.pdf", STORY[1:], title="Report").read_bytes(),
        "application/pdf",
    )
    result = read_sources([html_url, pdf_url], fetcher=fetcher)
    assert not result.failures
    web, report = result.articles
    assert web.url == html_url and web.location == html_url and web.title == "Strike on Dnipro"
    assert report.title == "Report" and report.url == pdf_url


def test_feed_items_are_fetched_and_filled_in(site: Site, fetcher: Fetcher) -> None:
    bare = (
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in STORY[2:])
        + "</article></body></html>"
    )
    first = site.add("/a1", page("Strike on Dnipro", STORY[:2]))
    second = site.add("/a2", bare)  # a page with no metadata at all
    summary = " ".join(STORY)  # long enough to stand in for a dead page
    feed_url = site.add(
        "/feed.xml",
        rss(
            [
                {"title": "Strike on Dnipro", "link": first},
                {
                    "title": "Allies respond",
                    "link": second,
                    "author": "desk@wire.example (Wire Desk)",
                    "pubDate": "Fri, 22 Nov 2026 06:00:00 GMT",
                },
                {
                    "title": "Dead but summarised",
                    "link": site.base + "/gone",
                    "description": summary,
                },
                {"title": "Dead and empty", "link": site.base + "/gone2", "description": "Short."},
            ]
        ),
        "application/rss+xml",
    )
    result = read_sources([feed_url], fetcher=fetcher)
    titles = [a.title for a in result.articles]
    assert titles == ["Strike on Dnipro", "Allies respond", "Dead but summarised"]
    a1, a2, a3 = result.articles
    assert a1.outlet == "Kyiv Daily" and a1.text == "\n\n".join(STORY[:2])
    assert a2.outlet == "Wire Service Feed" and a2.url == second
    assert a2.published == "2026-11-22T06:00:00Z" and a2.author
    assert a3.text == summary and a3.url == site.base + "/gone"
    (failure,) = result.failures
    assert failure.location == site.base + "/gone2" and failure.reason == "HTTP 404 Not Found"
    before = sum(site.hits.values())
    read_sources([feed_url], fetcher=fetcher)  # a re-run: pages come from the cache
    assert sum(site.hits.values()) - before <= 3  # only the two dead links and the fresh feed


def test_atom_feed_from_a_local_file(
    site: Site, fetcher: Fetcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A local feed file linking to the loopback test site: links found in feeds may only
    # lead to public hosts unless this is set (briefer.netguard).
    monkeypatch.setenv("BRIEFER_ALLOW_PRIVATE_LINKS", "1")
    link = site.add("/atom-story", page("Atom story", STORY))
    feed = tmp_path / "news.atom"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom Outlet</title><id>urn:x</id><updated>2026-11-22T00:00:00Z</updated>"
        f'<entry><title>Atom story</title><id>urn:1</id><link href="{link}"/>'
        "<updated>2026-11-22T00:00:00Z</updated></entry></feed>",
        encoding="utf-8",
    )
    (article,) = read_sources([str(feed)], fetcher=fetcher).articles
    assert article.title == "Atom story" and article.url == link


def test_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "data.xml"
    path.write_text("<?xml version='1.0'?><config><a>1</a></config>", encoding="utf-8")
    (failure,) = read_sources([str(path)]).failures
    assert failure.reason.startswith("not an RSS or Atom feed")


# --- the whole folder --------------------------------------------------------------------------


def test_folder_of_mixed_sources(
    site: Site, fetcher: Fetcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A local feed file linking to the loopback test site: links found in feeds may only
    # lead to public hosts unless this is set (briefer.netguard).
    monkeypatch.setenv("BRIEFER_ALLOW_PRIVATE_LINKS", "1")
    wire = [
        "Officials in Kyiv said the air-raid alert lasted for nearly three hours and that "
        "air defences shot down most of the drones launched overnight.",
        "The energy ministry said power had been restored to most homes by the evening.",
    ]
    link1 = site.add("/wire/1", page("Alert lasted three hours", wire, site="Wire One"))
    link2 = site.add(
        "/wire/2",
        page(
            "Partners meet in Ramstein",
            [
                "Defence ministers meeting at Ramstein pledged new "
                "air-defence systems for Ukraine, officials said."
            ],
            site="Wire Two",
        ),
    )
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "note.txt").write_text(
        "Morning note\n\nThe mayor of Dnipro said schools would stay closed on Friday.\n",
        encoding="utf-8",
    )
    (folder / "story.html").write_text(
        page("Strike on Dnipro", STORY, canonical="https://kyivdaily.example/dnipro"),
        encoding="utf-8",
    )
    make_pdf(folder / "sub" / "story.pdf", STORY, title="Strike on Dnipro (print)")
    make_docx(
        folder / "memo.docx",
        [
            "Ministers will meet in Brussels next week to discuss "
            "winter support for the Ukrainian grid."
        ],
        title="Memo",
    )
    (folder / "feed.rss").write_text(
        rss([{"title": "Alert", "link": link1}, {"title": "Ramstein", "link": link2}]),
        encoding="utf-8",
    )
    (folder / "photo.pdf").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    (folder / "empty.txt").write_bytes(b"")
    (folder / ".hidden.txt").write_text("never read", encoding="utf-8")
    specs = [str(folder), str(tmp_path / "missing.txt"), site.base + "/dead"]
    result = read_sources(specs, fetcher=fetcher)

    by_name = {Path(a.location).name: a for a in result.articles}
    assert set(by_name) == {"1", "2", "memo.docx", "note.txt", "story.html", "story.pdf"}
    assert by_name["note.txt"].title == "Morning note"
    assert by_name["memo.docx"].title == "Memo"
    assert by_name["story.html"].outlet == "Kyiv Daily"
    assert by_name["1"].outlet == "Wire One" and by_name["1"].url == link1
    for article in result.articles:
        for junk in BOILERPLATE:
            assert junk.lower() not in article.text.lower()
    reasons = {Path(f.location).name: f.reason for f in result.failures}
    assert reasons == {
        "missing.txt": "no such file or folder",
        "photo.pdf": "not a PDF (it is a JPEG image)",
        "empty.txt": "empty file",
        "dead": "HTTP 404 Not Found",
    }

    kept = dedupe_articles(result.articles)  # the HTML and the PDF are one story
    assert len(kept) == len(result.articles) - 1
    (story,) = [a for a in kept if a.duplicates]
    assert {Path(story.location).name, *(Path(d).name for d in story.duplicates)} == {
        "story.html",
        "story.pdf",
    }


def test_workers_read_concurrently_in_input_order(tmp_path: Path) -> None:
    paths = []
    for number in range(12):
        path = tmp_path / f"{number:02d}.txt"
        path.write_text(
            f"Title {number}\n\nArticle number {number} has one sentence.\n", encoding="utf-8"
        )
        paths.append(str(path))
    paths.insert(5, str(tmp_path / "missing.txt"))
    serial = read_sources(paths)
    parallel = read_sources(paths, workers=4)
    assert parallel == serial
    assert [a.title for a in parallel.articles] == [f"Title {n}" for n in range(12)]
    assert len(parallel.failures) == 1


def test_the_same_file_given_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Just one article here.", encoding="utf-8")
    result = read_sources([str(path), str(tmp_path), str(tmp_path / "*.txt")])
    assert len(result.articles) == 1 and not result.failures


def test_context_workers_used_for_feed(site: Site, fetcher: Fetcher) -> None:
    links = [
        site.add(
            f"/p{n}",
            page(
                f"Story {n}", [f"Story number {n} is about the air-defence appeal in Kyiv today."]
            ),
        )
        for n in range(10)
    ]
    feed = site.add(
        "/f.xml",
        rss([{"title": f"Story {n}", "link": link} for n, link in enumerate(links)]),
        "application/rss+xml",
    )
    articles = read_location(feed, ReadContext(fetcher=fetcher, workers=4)).articles
    assert [a.title for a in articles] == [f"Story {n}" for n in range(10)]


def test_control_characters_and_damaged_utf8_are_still_text(tmp_path: Path) -> None:
    control = tmp_path / "control.txt"
    control.write_bytes(b"The ministry\x0b confirmed the\x00 figures on Friday.\x0c Next one.")
    (article,) = read_location(str(control)).articles
    assert "confirmed the" in article.text  # renderers strip the controls; the words stay
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes("Le café était plein, la défense aérienne débattue ".encode() + b"\xff.")
    (article,) = read_location(str(damaged)).articles
    assert article.text.startswith("Le café était plein, la défense aérienne débattue")


def test_progress_is_reported_per_location(tmp_path: Path) -> None:
    paths = []
    for number in range(9):
        path = tmp_path / f"{number}.txt"
        path.write_text(f"Article {number} is short.", encoding="utf-8")
        paths.append(str(path))
    seen: list[tuple[int, int]] = []
    read_sources(paths, workers=3, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, 9) for n in range(1, 10)]


def test_an_added_reader_takes_part_in_sniffing(tmp_path: Path) -> None:
    from briefer.ingest.readers import unregister_reader
    from briefer.models import Article

    def read_notes(payload: Payload) -> list[Article]:
        body = payload.data.decode("utf-8").removeprefix("%NOTES\n")
        return [Article(text=body, location=payload.location)]

    path = tmp_path / "minutes.txt"  # the suffix says plain text; the bytes say otherwise
    path.write_bytes(b"%NOTES\nThe committee met on Monday. It approved the budget.\n")
    try:
        register_reader(
            "notes",
            read_notes,
            [".notes"],
            "Meeting notes",
            sniff=lambda data: data.startswith(b"%NOTES\n"),
            priority=50,
        )
        assert choose_reader(load(str(path))) == "notes"
        (article,) = read_location(str(path))
        assert article.text == "The committee met on Monday. It approved the budget.\n"
        assert reader_for("x.notes") == "notes"
    finally:
        unregister_reader("notes")
    assert choose_reader(load(str(path))) == "text"


def test_choose_reader_sniffs_the_bytes_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefer.ingest import readers, source

    calls: list[bytes] = []

    def counting(data: bytes) -> str:
        calls.append(data)
        return source.sniff(data)

    monkeypatch.setattr(readers, "sniff", counting)
    page = Payload("page.txt", b"<!doctype html><html><body><p>Hello.</p></body></html>")
    assert choose_reader(page) == "html"
    assert choose_reader(Payload("a.txt", b"Plain words.")) == "text"
    assert len(calls) == 2
    assert readers.reader_entry("feed").sniff(b"<rss version='2.0'></rss>")  # still callable


def test_a_feed_reports_its_failed_items_as_read_outcome_failures(tmp_path: Path) -> None:
    feed = tmp_path / "news.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>A</title><link>ftp://example.org/a</link></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    outcome = read_location(str(feed))
    assert outcome.articles == ()
    assert [(f.location, f.reason) for f in outcome.failures] == [
        ("ftp://example.org/a", "item link is not an http(s) URL")
    ]


def test_html_table_text_is_read_with_its_column_names() -> None:
    from briefer.ingest.html import parse_html

    page = (
        "<html><head><title>Election results</title></head><body><article>"
        "<h1>Election results</h1><p>The governing party lost its majority in Sunday's election, "
        "official results showed on Monday, ending twelve years in power.</p>"
        "<table><tr><th>Party</th><th>Seats</th></tr><tr><td>Labour Alliance</td><td>142</td>"
        "</tr><tr><td>National Front</td><td>97</td></tr></table><p>Coalition talks are "
        "expected to begin next week, and analysts expect them to last months.</p>"
        "</article></body></html>"
    )
    text = parse_html(page, "results.html").text
    assert "Party: Labour Alliance; Seats: 142." in text
    assert "Party: National Front; Seats: 97." in text
    assert "|" not in text
    assert text.index("Seats: 142") < text.index("Coalition talks")  # in reading order
