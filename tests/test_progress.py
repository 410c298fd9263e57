"""Progress bars: drawn on a terminal (pseudo-terminal), silent on pipes and files."""

from __future__ import annotations

import inspect
import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from briefer.progress import CLEAR, Progress

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "dnipro-oreshnik-strike.txt"


def _read_all(fd: int, proc: subprocess.Popen[bytes]) -> bytes:
    """Everything written to a pty master until the child exits (EIO marks the end on Linux)."""
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    return b"".join(chunks)


def _run_on_tty(args: list[str], tmp_path: Path) -> tuple[int, bytes, bytes]:
    """Run `args` with stderr on a pseudo-terminal and stdout on a pipe."""
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL, cwd=tmp_path
        )
        os.close(slave)
        slave = -1
        err = _read_all(master, proc)
        out = proc.stdout.read() if proc.stdout else b""
        return proc.wait(timeout=60), out, err
    finally:
        os.close(master)
        if slave >= 0:
            os.close(slave)


def test_silent_on_a_non_terminal_stream() -> None:
    stream = io.StringIO()
    bar = Progress(stream)
    assert not bar.enabled
    bar.update("reading", 1, 2)
    bar.stage("ranking")(2, 2)
    bar.close()
    assert stream.getvalue() == ""


def test_draws_and_erases_when_enabled() -> None:
    stream = io.StringIO()
    with Progress(stream, enabled=True, width=10, interval=0) as bar:
        bar.update("reading", 5, 10)
        bar.stage("rendering")(3, 3)
        bar.update("analysing", 0, 0)
    text = stream.getvalue()
    assert "reading    [#####.....] 5/10" in text
    assert "rendering  [##########] 3/3" in text
    assert "analysing…" in text
    assert text.endswith(CLEAR)  # the line is left clean for what follows


def test_throttles_but_always_draws_the_last_count() -> None:
    stream = io.StringIO()
    bar = Progress(stream, enabled=True, interval=3600)
    for done in range(1, 101):
        bar.update("reading", done, 100)
    text = stream.getvalue()
    assert text.count("reading") == 2  # the first and the final count only
    assert "100/100" in text


def test_quiet_and_pseudo_terminal() -> None:
    master, slave = pty.openpty()
    try:
        with os.fdopen(slave, "w", encoding="utf-8", closefd=False) as stream:
            assert Progress(stream).enabled
            assert not Progress(stream, quiet=True).enabled
            bar = Progress(stream, interval=0)
            bar.update("ranking", 1, 4)
            bar.close()
        output = os.read(master, 4096).decode()
        assert "ranking" in output and "1/4" in output
    finally:
        os.close(master)
        os.close(slave)


def test_closed_stream_stops_drawing() -> None:
    stream = io.StringIO()
    bar = Progress(stream, enabled=True)
    stream.close()
    bar.update("reading", 1, 2)  # no exception: a vanished terminal must not fail the brief
    assert not bar.enabled


def test_pipeline_and_render_report_every_stage(tmp_path: Path) -> None:
    from briefer.options import BriefOptions
    from briefer.render import render
    from briefer.run import make_brief

    calls: list[tuple[str, int, int]] = []
    brief = make_brief(
        [EXAMPLE],
        "ukraine-air-defense",
        BriefOptions(sentences=2),
        progress=lambda *a: calls.append(a),
    )
    render(brief, "md,json", tmp_path, progress=lambda d, t: calls.append(("rendering", d, t)))
    stages = [c[0] for c in calls]
    assert stages[0] == "reading" and calls[0][1:] == (1, 1)
    assert "analysing" in stages
    ranking = [c for c in calls if c[0] == "ranking"]
    assert ranking and ranking[-1][1] == ranking[-1][2] == len(brief.sections)
    assert calls[-2:] == [("rendering", 1, 2), ("rendering", 2, 2)]


SCRIPT = """
import sys
from briefer.options import BriefOptions
from briefer.progress import Progress
from briefer.run import make_brief
from briefer.render import render
with Progress() as bar:
    brief = make_brief([sys.argv[1]], "ukraine-air-defense", BriefOptions(sentences=2),
                       progress=bar.update)
    render(brief, "json", sys.argv[2], progress=bar.stage("rendering"))
"""


def test_library_bar_on_a_tty_and_not_on_a_pipe(tmp_path: Path) -> None:
    args = [sys.executable, "-c", SCRIPT, str(EXAMPLE), str(tmp_path / "out")]
    code, _, err = _run_on_tty(args, tmp_path)
    assert code == 0, err
    for stage in (b"reading", b"analysing", b"ranking", b"rendering"):
        assert stage in err
    assert b"[" in err and b"\x1b[K" in err
    piped = subprocess.run(args, capture_output=True, cwd=tmp_path, timeout=60)
    assert piped.returncode == 0 and piped.stderr == b""


def _cli_wired() -> bool:
    from briefer import cli

    return "Progress" in inspect.getsource(cli.brief)


@pytest.mark.skipif(not _cli_wired(), reason="briefer.cli.brief does not draw progress yet")
def test_cli_bar_on_a_tty_silent_on_a_pipe_and_when_quiet(tmp_path: Path) -> None:
    base = [sys.executable, "-m", "briefer"]
    brief = [
        "brief",
        str(EXAMPLE),
        "--profile",
        "ukraine-air-defense",
        "--sentences",
        "2",
        "--format",
        "json",
        "--output-dir",
        str(tmp_path / "out"),
    ]
    code, out, err = _run_on_tty([*base, *brief], tmp_path)
    assert code == 0, err
    assert b"reading" in err and b"rendering" in err
    assert b"reading" not in out  # stdout (the written paths) stays clean
    code, _, err = _run_on_tty([*base, "-q", *brief], tmp_path)
    assert code == 0 and b"[" not in err
    piped = subprocess.run([*base, *brief], capture_output=True, cwd=tmp_path, timeout=60)
    assert piped.returncode == 0
    assert b"\r" not in piped.stderr and b"reading" not in piped.stderr
