"""Hostile input, part two (issue 16): nothing lost in silence, no run killed or held by one input.

Each test failed before its fix. Inputs are small and constructed; servers are loopback only.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from cli_helpers import run

from briefer.ingest import read_sources
from briefer.ingest.docx import read_docx

PROSE = (
    "The city council approved the new budget on Tuesday after a long debate. "
    "Critics said the plan cuts funding for public libraries and parks. "
    "The mayor promised to review the spending again next spring."
)
CREATED = "2026-11-26T06:00:00+00:00"


def brief(capsys: pytest.CaptureFixture[str], out: Path, *args: str) -> tuple[int, str, str]:
    return run(
        capsys,
        "brief",
        *args,
        "--format",
        "json",
        "--output-dir",
        str(out),
        "--created",
        CREATED,
    )


# --- class 1: text silently lost ----------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_with_body(body_xml: str) -> bytes:
    """A real python-docx document whose <w:body> content is replaced by `body_xml`."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                start = text.index("<w:body>") + len("<w:body>")
                end = text.index("<w:sectPr")
                data = (text[:start] + body_xml + text[end:]).encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_docx_tables_content_controls_and_insertions_are_read(tmp_path: Path) -> None:
    body = (
        _p("Plain paragraph one says hello.")
        + "<w:tbl><w:tr><w:tc>"
        + _p("Cell text from the table.")
        + "</w:tc>"
        + "<w:tc>"
        + _p("Second cell of the row.")
        + "</w:tc></w:tr></w:tbl>"
        + "<w:sdt><w:sdtPr/><w:sdtContent>"
        + _p("Inside a content control.")
        + "</w:sdtContent></w:sdt>"
        + '<w:p><w:r><w:t xml:space="preserve">Tracked </w:t></w:r>'
        + '<w:ins w:id="1" w:author="x"><w:r><w:t>insertion kept</w:t></w:r></w:ins>'
        + '<w:del w:id="2" w:author="x"><w:r><w:delText>deleted words</w:delText></w:r>'
        + "</w:del><w:r><w:t>.</w:t></w:r></w:p>"
        + "<w:p><w:sdt><w:sdtContent><w:r><w:t>Inline control text.</w:t></w:r>"
        + "</w:sdtContent></w:sdt></w:p>"
    )
    path = tmp_path / "doc.docx"
    path.write_bytes(_docx_with_body(body))
    text = read_docx(str(path))[0].text
    assert text.split("\n\n") == [
        "Plain paragraph one says hello.",
        "Cell text from the table.",
        "Second cell of the row.",
        "Inside a content control.",
        "Tracked insertion kept.",
        "Inline control text.",
    ]


def test_docx_of_30000_tiny_paragraphs_is_fast(tmp_path: Path) -> None:
    import time

    path = tmp_path / "tiny.docx"
    path.write_bytes(_docx_with_body(_p("a") * 30_000))
    start = time.monotonic()
    text = read_docx(str(path))[0].text
    assert time.monotonic() - start < 5  # was 32 s (python-docx looks each style up anew)
    assert text.count("a") == 30_000


def _pages_pdf(path: Path, pages: int) -> Path:
    from test_ingest import make_pdf

    return make_pdf(path, [PROSE], pages=pages)


def test_pdf_page_limit_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefer.ingest.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)  # the real limit is 2,000 pages
    path = _pages_pdf(tmp_path / "long.pdf", 3)
    code, out, err = brief(capsys, tmp_path / "out", str(path))
    assert code == 3, err
    assert err == (f"briefer: skipped {path} (pages 3–3): beyond the limit of 2 pages per PDF\n")


def _feed(items: list[str]) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        + "".join(items)
        + "</channel></rss>"
    )


def _item(i: int, title: str = "") -> str:
    words = " ".join(f"word{i}x{j}" for j in range(45))  # long enough to stand in for the page
    return f"<item><title>{title or f'Story {i}'}</title><description>{words}.</description></item>"


def test_feed_item_limit_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefer.ingest.feed as feed_reader

    monkeypatch.setattr(feed_reader, "MAX_ITEMS", 3)  # the real limit is 500 items
    feed = tmp_path / "feed.rss"
    feed.write_text(_feed([_item(i) for i in range(5)]), encoding="utf-8")
    code, out, err = brief(capsys, tmp_path / "out", str(feed))
    assert code == 3, err
    assert err == f"briefer: skipped {feed} (items 4–5): beyond the limit of 3 items per feed\n"


@pytest.mark.parametrize(
    "ref", ["&#xD800;", "&#xDFFF;", "&#0;", "&#x1;", "&#xFFFE;", "&#x110000;", "&#99999999;"]
)
def test_one_bad_character_reference_costs_one_character(tmp_path: Path, ref: str) -> None:
    feed = tmp_path / "feed.rss"
    items = [_item(0), _item(1, f"Bad {ref} title"), _item(2)]
    feed.write_text(_feed(items), encoding="utf-8")
    result = read_sources([str(feed)])
    assert result.failures == ()
    assert [a.title for a in result.articles] == [
        "Story 0",
        "Bad \ufffd title" if ref not in ("&#x1;",) else "Bad \ufffd title",
        "Story 2",
    ]


def _walk_names(failures: object) -> list[tuple[str, str]]:
    return [(Path(f.location).name, f.reason) for f in failures]  # type: ignore[attr-defined]


def test_fifo_is_refused_at_once_not_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, out, err = brief(capsys, tmp_path / "out", str(fifo), str(good))
    assert code == 3, err
    assert err == f"briefer: skipped {fifo}: not a regular file (a FIFO (named pipe)): not read\n"
    # Inside a folder too: reported, never opened.
    result = read_sources([str(tmp_path)])
    assert _walk_names(result.failures) == [
        ("pipe.txt", "not a regular file (a FIFO (named pipe)): not read")
    ]


def test_symlinks_out_of_a_folder_are_not_followed_unless_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(PROSE, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("The private diary entry says the vault code is seven. " * 3)
    (folder / "diary.txt").symlink_to(secret)
    (folder / "inner.txt").symlink_to(folder / "a.txt")  # inside the folder: fine
    (folder / "up").symlink_to(tmp_path, target_is_directory=True)  # a folder outside, a loop
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    code, out, err = brief(capsys, tmp_path / "out", str(folder))
    assert code == 3, err
    outside = "symbolic link leads outside the folder: not followed (use --follow-links)"
    assert err.splitlines() == [
        f"briefer: skipped {folder / 'dangling.txt'}: broken symbolic link",
        f"briefer: skipped {folder / 'diary.txt'}: {outside}",
        f"briefer: skipped {folder / 'up'}: {outside}",
    ]
    data = (tmp_path / "out" / "default.json").read_text(encoding="utf-8")
    assert "vault code" not in data
    code, out, err = brief(capsys, tmp_path / "out2", "--follow-links", str(folder))
    assert "vault code" in (tmp_path / "out2" / "default.json").read_text(encoding="utf-8")
    assert "leads outside" not in err


def test_a_file_name_cannot_forge_an_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    evil = tmp_path / "x\nbriefer: error: disk on fire\r\x1b[2K.txt"
    evil.write_bytes(b"")
    code, out, err = brief(capsys, tmp_path / "out", str(tmp_path))
    assert code == 3, err
    assert len(err.splitlines()) == 1 and err.startswith("briefer: skipped "), err
    assert err == (
        f"briefer: skipped {tmp_path}/x\\nbriefer: error: disk on fire\\r\\x1b[2K.txt: empty file\n"
    )
    # And as the only source: the one error line stays one line.
    code, out, err = brief(capsys, tmp_path / "out3", str(evil))
    assert code == 1 and err.count("\n") == 1 and err.startswith("briefer: error: no readable")


def test_a_300_character_file_name_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    long = str(tmp_path / ("n" * 300 + ".txt"))
    code, out, err = brief(capsys, tmp_path / "out", long, str(good))
    assert code == 3, err
    assert err == f"briefer: skipped {long}: cannot open: file name too long\n"


def test_briefing_proc_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not Path("/proc/self").exists():
        pytest.skip("no /proc here")
    code, out, err = brief(capsys, tmp_path / "out", "/proc")
    assert code == 1 and out == ""
    assert err == (
        "briefer: error: too many sources: more than 5,000 files in the folder /proc"
        " (the limit is 5,000); give a narrower folder or glob\n"
    )


@pytest.mark.parametrize(
    "charset", ["base64", "rot13", "hex", "zlib", "bz2", "uu", "idna", "punycode", "nonsense"]
)
def test_a_non_text_charset_is_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], charset: str
) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(
        f'<!doctype html><html><head><meta charset="{charset}"><title>Budget</title></head>'
        f"<body><article><p>{PROSE}</p><p>Caf\u00e9 owners welcomed the news.</p></article>"
        "</body></html>".encode()
    )
    code, out, err = brief(capsys, tmp_path / "out", str(page))
    assert code == 0, err
    data = (tmp_path / "out" / "default.json").read_text(encoding="utf-8")
    assert "city council approved" in data


def test_every_codec_name_as_charset_decodes_or_falls_back() -> None:
    """Property over every codec Python knows (text or not): decoding never raises."""
    import encodings.aliases

    from briefer.ingest.html import decode_html

    names = set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values())
    names |= {"rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "undefined", "idna"}
    body = "<html><body><p>Caf\u00e9 au lait.</p></body></html>".encode()
    for name in sorted(names):
        for data in (body, body.replace(b"<html>", f'<html><meta charset="{name}">'.encode())):
            text = decode_html(data, name)
            assert isinstance(text, str), name  # EBCDIC names give EBCDIC text: still text


# --- permissions: as an ordinary user (root reads everything, so root steps down) ---------------


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A folder any user may use (root's pytest folders are private to root)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="briefer-perm-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o777)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def unprivileged() -> Iterator[None]:
    """Run the block as user `nobody` when the tests run as root (permissions then apply)."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def test_unreadable_sub_folder_and_path_are_reported(
    open_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = open_dir / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.txt").write_text(PROSE, encoding="utf-8")
    (folder / "locked" / "b.txt").write_text(PROSE.upper(), encoding="utf-8")
    for path in (open_dir, folder):
        path.chmod(0o777)
    (folder / "a.txt").chmod(0o644)
    (folder / "locked").chmod(0)
    out = open_dir / "out"
    with unprivileged():
        code, _, err = brief(capsys, out, str(folder), str(folder / "locked" / "b.txt"))
    assert code == 3, err
    assert err.splitlines() == [
        f"briefer: skipped {folder / 'locked'}: cannot read the folder: permission denied",
        f"briefer: skipped {folder / 'locked' / 'b.txt'}: cannot open: permission denied",
    ]
    assert (out / "default.json").is_file()


def _job(folder: Path, extra: str = "") -> Path:
    (folder / "articles").mkdir(exist_ok=True)
    (folder / "articles" / "a.txt").write_text(PROSE, encoding="utf-8")
    config = folder / "job.toml"
    config.write_text(
        f'[brief]\nsources = ["articles/"]\nformats = ["json"]\noutput_dir = "out"\n{extra}',
        encoding="utf-8",
    )
    return config


def _dated(folder: Path) -> list[Path]:
    return sorted(p for p in (folder / "out").glob("20*/*") if p.is_file())


def test_corrupt_state_database_is_one_line_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _job(tmp_path)
    (tmp_path / "out").mkdir()
    state = tmp_path / "out" / "briefer-state.sqlite3"
    code, out, err = run(capsys, "run", "--config", str(config))
    assert code == 0, err
    first = _dated(tmp_path)
    data = state.read_bytes()
    state.write_bytes(data[:100] + b"\xff" * (len(data) - 100))  # a valid header, damaged pages
    code, out, err = run(capsys, "run", "--config", str(config))
    assert code == 1 and out == ""
    assert (
        err.startswith(f"briefer: error: cannot open the job state {state}: ")
        and err.count("\n") == 1
    ), err
    assert _dated(tmp_path) == first


def test_read_only_state_database_fails_before_writing(
    open_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _job(open_dir)
    code, out, err = run(capsys, "run", "--config", str(config))
    assert code == 0, err
    for path in [open_dir, *open_dir.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    state = open_dir / "out" / "briefer-state.sqlite3"
    state.chmod(0o444)
    first = _dated(open_dir)
    (open_dir / "articles" / "b.txt").write_text(PROSE.replace("Tuesday", "Friday"))
    (open_dir / "articles" / "b.txt").chmod(0o644)
    with unprivileged():
        code, out, err = run(capsys, "run", "--config", str(config))
    assert code == 1 and out == "", err
    assert err == (
        f"briefer: error: cannot open the job state {state}: attempt to write a readonly database\n"
    )
    assert _dated(open_dir) == first  # the run died before writing, not after
    with unprivileged():
        code, out, err = run(capsys, "history", "--config", str(config))
    assert code == 0 and "written" in out  # history still reads a read-only database


def test_a_full_disk_under_the_log_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    config = _job(tmp_path, '[log]\nfile = "/dev/full"\nlevel = "debug"\n')
    code, out, err = run(capsys, "run", "--config", str(config))
    assert code == 0, err
    assert len(_dated(tmp_path)) == 1
    warning = (
        "briefer: warning: cannot write the log file /dev/full: no space left on device;"
        " no more lines are written to it"
    )
    assert err.splitlines().count(warning) == 1, err
    assert "Logging error" not in err and "Traceback" not in err


def test_fifo_source_in_a_job_never_holds_the_lock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _job(tmp_path)
    os.mkfifo(tmp_path / "articles" / "pipe.txt")
    for _ in range(2):  # the second run is not locked out (exit 5) by a stuck first one
        code, out, err = run(capsys, "run", "--config", str(config))
        assert code == 3, err
        assert "pipe.txt: not a regular file (a FIFO (named pipe)): not read" in err


# --- memory follows the input, not the budget ----------------------------------------------------


def _mmr_inputs(n: int):  # type: ignore[no-untyped-def]
    import numpy as np
    import scipy.sparse as sp

    rng = np.random.default_rng(7)
    matrix = sp.random(n, 2000, density=0.004, random_state=7, format="csr")
    return rng.random(n), matrix


def test_mmr_with_a_huge_budget_builds_no_pool_sized_matrix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tracemalloc

    import briefer.summarize.briefer_rank as rank

    # Small numbers, the real path: pools above DENSE_MMR_POOL (2,000) are computed row by row.
    monkeypatch.setattr(rank, "DENSE_MMR_POOL", 100)
    relevance, matrix = _mmr_inputs(600)
    tracemalloc.start()
    try:
        order = rank.mmr_order(relevance, matrix, 0.7, 600)  # a budget as large as the input
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(order) == 600 == len(set(order))
    assert peak < 1024 * 1024, peak  # the dense 600 × 600 matrix alone is 2.9 MB


def test_mmr_row_by_row_gives_the_dense_ranking(monkeypatch: pytest.MonkeyPatch) -> None:
    import briefer.summarize.briefer_rank as rank

    for n, depth in ((300, 120), (900, 450), (1500, 40)):
        relevance, matrix = _mmr_inputs(n)
        dense = rank.mmr_order(relevance, matrix, 0.7, depth)
        monkeypatch.setattr(rank, "DENSE_MMR_POOL", 0)
        rows = rank.mmr_order(relevance, matrix, 0.7, depth)
        monkeypatch.undo()
        assert rows == dense


# --- what is printed: one line each, no secrets (property) ---------------------------------------


def test_scrubbed_text_is_one_line_without_secrets() -> None:
    import base64

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from briefer.safelog import forget_secrets, register_secret, scrub

    secret = "Zq9-very-secret"
    register_secret(secret, "bot")
    forms = [secret, base64.b64encode(secret.encode()).decode()]
    forms.append(base64.b64encode(f"\0bot\0{secret}".encode()).decode())

    @settings(max_examples=100, deadline=None)
    @given(st.text(), st.sampled_from(forms), st.text())
    def check(before: str, form: str, after: str) -> None:
        text = scrub(before + form + after)
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in text)
        assert "\u2028" not in text and "\u2029" not in text
        assert secret not in text and form not in text

    try:
        check()
    finally:
        forget_secrets()


def test_a_password_in_a_url_is_not_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from servers import free_port_url

    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    url = free_port_url("user:hunter2@")
    code, out, err = brief(capsys, tmp_path / "out", url, str(good))
    assert code == 3, err
    assert "hunter2" not in err and "user:***@127.0.0.1" in err, err
    data = (tmp_path / "out" / "default.json").read_text(encoding="utf-8")
    assert "hunter2" not in data and "user:***@127.0.0.1" in data  # the failures list


def test_redundancy_check_with_postings_matches_the_pairwise_rule() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from briefer.summarize.select import REDUNDANCY, _overlap, _repeats

    sets = st.frozensets(st.sampled_from("abcdefghij"), max_size=6)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(sets, max_size=12), sets)
    def check(chosen: list[frozenset[str]], candidate: frozenset[str]) -> None:
        postings: dict[str, list[int]] = {}
        for index, terms in enumerate(chosen):
            for term in terms:
                postings.setdefault(term, []).append(index)
        pairwise = any(_overlap(candidate, other) > REDUNDANCY for other in chosen)
        assert _repeats(candidate, chosen, postings) == pairwise

    check()


def test_a_fifo_as_job_config_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "job.toml"
    os.mkfifo(fifo)
    for args in (("run", "--config", str(fifo)), ("config", "check", str(fifo))):
        code, out, err = run(capsys, *args)
        assert (code, err) == (
            1,
            f"briefer: error: cannot read config {fifo}: not a regular file"
            " (a FIFO (named pipe)): not read\n",
        )


def test_undecodable_file_names_in_a_job_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _job(tmp_path, '[log]\nfile = "job.log"\n')
    (tmp_path / "articles" / os.fsdecode(b"\xff\xfe.txt")).write_bytes(b"")
    code, out, err = run(capsys, "run", "--config", str(config))
    assert code == 3, err
    log = (tmp_path / "job.log").read_text(encoding="utf-8")
    assert "\\udcff\\udcfe.txt: empty file" in log and "cannot write the log" not in err
