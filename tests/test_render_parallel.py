"""Formats rendered in a forked child give the serial bytes; its failures fall back cleanly."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefer.errors import UsageError
from briefer.forked import can_fork
from briefer.models import Brief
from briefer.render import RENDERERS, RenderOptions, render
from briefer.render.parallel import render_formats, split
from briefer.render.view import build_view

ALL = ["pdf", "docx", "md", "html", "json"]

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.fixture
def md_dies_in_child() -> Iterator[None]:
    """Swap the Markdown renderer for one that kills any process but this one."""
    parent = os.getpid()
    original = RENDERERS.get("md")

    def dying(*args: object) -> bytes:
        if os.getpid() != parent:
            os._exit(3)
        return original(*args)  # type: ignore[arg-type]

    RENDERERS.register("md", dying, "Markdown (dies in a child)")
    try:
        yield
    finally:
        RENDERERS.register("md", "briefer.render.text:render_markdown", "Markdown (Jinja2)")


def test_split_keeps_the_pdf_here() -> None:
    assert split(ALL) == (["pdf"], ["docx", "md", "html", "json"])
    assert split(["md", "json"]) == (["md"], ["json"])


@needs_fork
def test_forked_render_gives_the_serial_bytes_in_order(sample_brief: Brief) -> None:
    view = build_view(sample_brief)
    serial = render_formats(sample_brief, ALL, None, view, parallel=False)
    calls: list[tuple[int, int]] = []
    forked = render_formats(
        sample_brief, ALL, None, view, lambda done, total: calls.append((done, total)), True
    )
    assert [fmt for fmt, _ in forked] == ALL
    assert forked == serial
    assert calls == [(n, 5) for n in range(1, 6)]


@needs_fork
def test_a_child_that_dies_is_replaced_by_rendering_here(
    sample_brief: Brief, md_dies_in_child: None
) -> None:
    view = build_view(sample_brief)
    forked = render_formats(sample_brief, ["pdf", "md", "json"], None, view, parallel=True)
    serial = render_formats(sample_brief, ["pdf", "md", "json"], None, view, parallel=False)
    assert [fmt for fmt, _ in forked] == ["pdf", "md", "json"]
    assert forked == serial


@needs_fork
def test_a_failing_format_raises_its_own_error_and_writes_nothing(
    sample_brief: Brief, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    children: list[int] = []
    real_fork = os.fork

    def recording_fork() -> int:
        pid = real_fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recording_fork)
    not_docx = tmp_path / "letterhead.docx"
    not_docx.write_text("not a zip file", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(UsageError, match="is not a readable DOCX file"):
        render(
            sample_brief,
            "pdf,docx,json",
            out,
            options=RenderOptions(reference_doc=not_docx),
            parallel=True,
        )
    assert not out.exists() or list(out.iterdir()) == []
    assert len(children) == 1
    with pytest.raises(ChildProcessError):  # already waited for: no zombie left behind
        os.waitpid(children[0], os.WNOHANG)


def test_can_fork_refuses_while_other_threads_run() -> None:
    import threading

    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert can_fork() is False
    finally:
        stop.set()
        worker.join()
