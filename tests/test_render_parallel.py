"""Formats rendered in a forked child give the serial bytes; its failures fall back cleanly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from forking import dying_in_child, reaped

from briefer.errors import UsageError
from briefer.forked import can_fork
from briefer.models import Brief
from briefer.render import RenderOptions, render
from briefer.render.parallel import render_formats, split
from briefer.render.view import build_view

ALL = ["pdf", "docx", "md", "html", "json"]

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


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
def test_a_child_that_dies_is_replaced_by_rendering_here(sample_brief: Brief) -> None:
    view = build_view(sample_brief)
    with dying_in_child("md"):
        forked = render_formats(sample_brief, ["pdf", "md", "json"], None, view, parallel=True)
    serial = render_formats(sample_brief, ["pdf", "md", "json"], None, view, parallel=False)
    assert [fmt for fmt, _ in forked] == ["pdf", "md", "json"]
    assert forked == serial


@needs_fork
def test_a_failing_format_raises_its_own_error_and_writes_nothing(
    sample_brief: Brief, tmp_path: Path, forks: list[int]
) -> None:
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
    assert len(forks) == 1 and reaped(forks[0])  # already waited for: no zombie left behind


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
