"""The PDF renderer forked before the brief exists: serial bytes, its warnings, no stray child."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pytest
from forking import dying_in_child, reaped

from briefer.errors import NoInputError
from briefer.models import Brief
from briefer.options import BriefOptions
from briefer.render.parallel import render_formats
from briefer.render.prestart import Prestarted, prestart
from briefer.render.view import build_view
from briefer.run import BriefRequest, run_brief

pytestmark = pytest.mark.usefixtures("single_threaded")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "dnipro-oreshnik-strike.txt"
LOST = "\U0001fb00"  # a legacy-computing glyph no bundled font draws


def with_lost_character(brief: Brief) -> Brief:
    first = brief.key_points[0]
    lost = dataclasses.replace(first, text=f"{first.text} {LOST}")
    return dataclasses.replace(brief, key_points=(lost, *brief.key_points[1:]))


def test_prestart_takes_only_a_requested_pdf_or_docx() -> None:
    assert prestart(["md", "json"]) is None
    workers = [prestart(["json", "pdf"]), prestart(["docx", "json", "pdf"])]
    try:
        assert [w.fmts if w else None for w in workers] == [("pdf",), ("pdf", "docx")]
    finally:
        for worker in workers:
            if worker is not None:
                worker.cancel()
                assert reaped(worker.pid)


def test_the_prestarted_pdf_has_the_serial_bytes_and_its_warning_comes_here(
    sample_brief: Brief, caplog: pytest.LogCaptureFixture
) -> None:
    brief = with_lost_character(sample_brief)
    view = build_view(brief)
    fmts = ["pdf", "docx", "json"]
    with caplog.at_level(logging.WARNING, logger="briefer"):
        serial = render_formats(brief, fmts, None, view, parallel=False)
    here = [r.getMessage() for r in caplog.records if "cannot show" in r.getMessage()]
    caplog.clear()
    worker = Prestarted(("pdf", "docx"))  # the DOCX renders in a grandchild
    calls: list[tuple[int, int]] = []
    with caplog.at_level(logging.WARNING, logger="briefer"):
        rendered = render_formats(
            brief, fmts, None, view, lambda done, total: calls.append((done, total)), None, worker
        )
    worker.cancel()  # a no-op: the result was read
    assert rendered == serial
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert worker.status == 0 and reaped(worker.pid)
    there = [r.getMessage() for r in caplog.records if "cannot show" in r.getMessage()]
    assert there == here and len(here) == 1 and "U+1FB00" in here[0]


def test_a_prestarted_child_that_dies_is_replaced_by_rendering_here(sample_brief: Brief) -> None:
    view = build_view(sample_brief)
    with dying_in_child("pdf"):
        worker = Prestarted(("pdf",))
        rendered = render_formats(sample_brief, ["pdf", "md"], None, view, worker=worker)
    worker.cancel()
    assert worker.status == 3 and reaped(worker.pid)
    assert rendered == render_formats(sample_brief, ["pdf", "md"], None, view, parallel=False)


def test_a_run_that_fails_before_rendering_leaves_no_child(
    tmp_path: Path, forks: list[int]
) -> None:
    with pytest.raises(NoInputError):
        run_brief(BriefRequest([tmp_path / "nope.txt"], None, BriefOptions(), tmp_path))
    assert all(reaped(pid) for pid in forks)
    assert list(tmp_path.iterdir()) == []


def test_a_run_renders_its_pdf_in_the_prestarted_child(tmp_path: Path, forks: list[int]) -> None:
    options = BriefOptions(sentences=2, formats=("pdf", "json"))
    done = run_brief(BriefRequest([EXAMPLE], "ukraine-air-defense", options, tmp_path))
    assert [p.suffix for p in done.paths] == [".pdf", ".json"]
    assert done.paths[0].read_bytes().startswith(b"%PDF-")
    assert len(forks) == 1 and reaped(forks[0])  # the prestarted child only, and it is gone


def test_a_brief_that_cannot_be_handed_over_is_rendered_here(
    sample_brief: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    from briefer.render import prestart as module

    view = build_view(sample_brief)
    serial = render_formats(sample_brief, ["pdf", "json"], None, view, parallel=False)
    worker = Prestarted(("pdf",))

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise pickle.PicklingError("cannot pickle this brief")

    monkeypatch.setattr(module.pickle, "dumps", refuse)
    rendered = render_formats(sample_brief, ["pdf", "json"], None, view, worker=worker)
    monkeypatch.undo()
    worker.cancel()
    assert rendered == serial and reaped(worker.pid)
