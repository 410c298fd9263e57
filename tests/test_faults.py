"""Faults around a run: unwritable or full disks, a dying SMTP server, vanishing sources,
SIGTERM, hung servers. Each ends with a documented exit code, one clear line, no partial files."""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from cli_helpers import run
from servers import serving

from briefer.config import load_config
from briefer.lock import JobLock
from briefer.state import history

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "dnipro-oreshnik-strike.txt"
CREATED = "2026-11-26T06:00:00+00:00"
ALL = "md,html,json,docx,pdf"


def leftovers(folder: Path) -> list[Path]:
    """Every file under `folder` (outputs and temporary files alike)."""
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@contextmanager
def tmpfs(where: Path, options: str) -> Iterator[Path]:
    """A small tmpfs mounted at `where` (root only); skips the test when it cannot be mounted."""
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


# --- output folder not writable, disk full -------------------------------------------------------


def test_output_folder_not_writable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with tmpfs(tmp_path / "ro", "ro,size=1m") as out:
        code, stdout, err = run(
            capsys,
            "brief",
            str(EXAMPLE),
            "--format",
            ALL,
            "--output-dir",
            str(out / "briefs"),
            "--created",
            CREATED,
        )
        assert (code, stdout) == (1, "")
        assert err == f"briefer: error: cannot write to {out / 'briefs'}: Read-only file system\n"
        assert leftovers(out) == []


def test_output_folder_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("not a folder", encoding="utf-8")
    code, stdout, err = run(
        capsys,
        "brief",
        str(EXAMPLE),
        "--format",
        "json,md",
        "--output-dir",
        str(blocker / "out"),
        "--created",
        CREATED,
    )
    assert (code, stdout) == (1, "")
    assert err == f"briefer: error: cannot write to {blocker / 'out'}: Not a directory\n"


def test_disk_full_on_a_real_tiny_filesystem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with tmpfs(tmp_path / "full", "size=48k") as out:
        # JSON and Markdown fit; the PDF (~60 KB with embedded fonts) does not.
        code, stdout, err = run(
            capsys,
            "brief",
            str(EXAMPLE),
            "--format",
            "json,md,pdf",
            "--output-dir",
            str(out),
            "--created",
            CREATED,
        )
        assert (code, stdout) == (1, "")
        assert err == f"briefer: error: cannot write to {out}: No space left on device\n"
        assert leftovers(out) == []  # the JSON and Markdown written first are gone too


def test_disk_full_simulated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without root: the third file's write fails with ENOSPC inside write_atomic."""
    import briefer.render as render_module

    real_fdopen = os.fdopen
    calls = {"n": 0}

    class Full:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])  # type: ignore[attr-defined]
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fdopen(fd: int, *args: object, **kwargs: object) -> object:
        calls["n"] += 1
        handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]
        return Full(handle) if calls["n"] == 3 else handle

    monkeypatch.setattr(render_module.os, "fdopen", fdopen)
    out = tmp_path / "out"
    code, stdout, err = run(
        capsys,
        "brief",
        str(EXAMPLE),
        "--format",
        "json,md,html,docx",
        "--output-dir",
        str(out),
        "--created",
        CREATED,
    )
    assert (code, stdout) == (1, "")
    assert err == f"briefer: error: cannot write to {out}: No space left on device\n"
    assert leftovers(out) == []


def test_job_on_a_full_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with tmpfs(tmp_path / "full", "size=48k") as disk:
        config = _job(tmp_path)
        config.write_text(
            config.read_text().replace('output_dir = "out"', 'output_dir = "full/out"')
        )
        code, stdout, err = run(capsys, "run", "--config", str(config))
        assert (code, stdout) == (1, "")
        assert err.startswith(f"briefer: error: cannot write to {disk / 'out'}/")
        assert err.endswith(": No space left on device\n") and err.count("\n") == 1
        assert [p for p in leftovers(disk) if p.suffix in (".json", ".pdf", ".tmp")] == []
        assert [r.outcome for r in history(load_config(config).state_path)] == ["error"]


def test_job_with_a_read_only_output_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with tmpfs(tmp_path / "ro", "ro,size=48k") as disk:
        config = _job(tmp_path)
        config.write_text(config.read_text().replace('output_dir = "out"', 'output_dir = "ro/out"'))
        code, stdout, err = run(capsys, "run", "--config", str(config))
        assert (code, stdout) == (1, "")
        assert err == (
            f"briefer: error: cannot create the lock file {disk / 'out'}/.briefer.lock:"
            " Read-only file system\n"
        )


# --- a source disappearing between listing and reading ----------------------------------------


def test_source_vanishing_after_listing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefer.ingest as ingest

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_text(
        "The bridge reopened on Monday after repairs. Traffic is back to normal, officials said.",
        encoding="utf-8",
    )
    real = ingest.expand_sources

    def listing_then_delete(specs: object) -> object:
        found = real(specs)  # type: ignore[arg-type]
        (folder / "b.txt").unlink()  # gone between the folder listing and the read
        return found

    monkeypatch.setattr(ingest, "expand_sources", listing_then_delete)
    out = tmp_path / "out"
    code, stdout, err = run(
        capsys,
        "brief",
        str(folder),
        "--format",
        "json",
        "--output-dir",
        str(out),
        "--created",
        CREATED,
    )
    assert code == 3
    assert stdout == f"{out / 'default.json'}\n"
    assert err == f"briefer: skipped {folder / 'b.txt'}: no such file\n"


# --- a fetch that never answers: the timeout ------------------------------------------------------


@pytest.fixture
def hung_server() -> Iterator[str]:
    """A TCP server on loopback that accepts and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/story.html"
    finally:
        stop.set()
        thread.join()
        for conn in accepted:
            conn.close()
        listener.close()


def test_fetch_timeout_is_one_line(
    hung_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, stdout, err = run(
        capsys, "brief", hung_server, "--timeout", "0.3", "--no-cache", "--output-dir", str(out)
    )
    assert (code, stdout) == (1, "")
    assert err == (f"briefer: error: no readable source ({hung_server}: timed out after 0.3 s)\n")
    assert leftovers(out) == []


# --- SMTP server dropping the connection in the middle of the message ---------------------------


@contextmanager
def smtp_dropping_mid_message() -> Iterator[tuple[int, list[bytes]]]:
    """A minimal SMTP server that accepts the envelope, then hangs up halfway through DATA."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    received: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn, conn.makefile("rb") as file:  # closing both really hangs up
                conn.settimeout(10)
                conn.sendall(b"220 test ESMTP\r\n")
                while line := file.readline():
                    verb = line[:4].upper()
                    if verb in (b"EHLO", b"HELO"):
                        conn.sendall(b"250-test\r\n250 SIZE 10000000\r\n")
                    elif verb == b"DATA":
                        conn.sendall(b"354 go ahead\r\n")
                        received.append(file.read(2048))  # part of the message, then hang up
                        conn.shutdown(socket.SHUT_RDWR)
                        break
                    elif verb == b"QUIT":
                        conn.sendall(b"221 bye\r\n")
                        break
                    else:
                        conn.sendall(b"250 OK\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], received
    finally:
        try:  # wakes the accept() the thread is blocked in (close alone does not, on Linux)
            listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        listener.close()
        thread.join(timeout=5)


def _job(folder: Path, extra: str = "", sources: str = '["articles/"]') -> Path:
    (folder / "articles").mkdir(exist_ok=True)
    (folder / "articles" / "a.txt").write_text(
        EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8"
    )
    path = folder / "job.toml"
    path.write_text(
        f'[brief]\nsources = {sources}\nformats = ["json", "pdf"]\n'
        f'output_dir = "out"\nonly_new = true\nsentences = 2\n{extra}',
        encoding="utf-8",
    )
    return path


def test_smtp_connection_dropped_mid_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with smtp_dropping_mid_message() as (port, received):
        config = _job(
            tmp_path,
            f'\n[email]\nto = ["desk@example.org"]\nfrom = "b@example.org"\n'
            f'host = "127.0.0.1"\nport = {port}\nstarttls = false\n'
            "timeout = 5\nmax_time = 0.5\nretry_delay = 0.1\n",
        )
        code, stdout, err = run(capsys, "run", "--config", str(config))
    assert received and received[0]  # the server really saw the start of the message
    assert code == 4, err
    written = [Path(p) for p in stdout.split()]
    assert [p.suffix for p in written] == [".json", ".pdf"] and all(p.is_file() for p in written)
    last = err.splitlines()[-1]
    assert last.startswith("briefer: ") and "the brief is on disk" in last, err
    assert not list((tmp_path / "out").rglob("*.tmp"))
    state = load_config(config).state_path
    assert [r.outcome for r in history(state)] == ["not-delivered"]


# --- SIGTERM in the middle of a run ------------------------------------------------------------


@pytest.fixture
def slow_site() -> Iterator[tuple[str, threading.Event]]:
    """A page that takes 60 s to answer; the event is set once the request arrived."""
    arrived, done = threading.Event(), threading.Event()

    class Slow(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server API)
            arrived.set()
            done.wait(60)  # released when the test ends: no thread outlives it

        def log_message(self, *args: object) -> None:
            pass

    with serving(Slow) as base:
        try:
            yield f"{base}/slow.html", arrived
        finally:
            done.set()


def test_sigterm_while_reading_sources(
    slow_site: tuple[str, threading.Event], tmp_path: Path
) -> None:
    url, arrived = slow_site
    config = _job(tmp_path, sources=f'["articles/", "{url}"]')
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefer", "run", "--config", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert arrived.wait(60), "the run never fetched the slow page"
    proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in stderr and stdout == ""
    out = tmp_path / "out"
    assert [p for p in leftovers(out) if p.suffix in (".json", ".pdf", ".tmp")] == []
    loaded = load_config(config)
    assert [r.outcome for r in history(loaded.state_path)] == ["terminated"]
    with JobLock(loaded.lock_path):  # released
        pass


def test_sigterm_during_brief_leaves_no_partial_set(
    slow_site: tuple[str, threading.Event], tmp_path: Path
) -> None:
    url, arrived = slow_site
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "briefer",
            "brief",
            str(EXAMPLE),
            url,
            "--output-dir",
            str(out),
            "--no-cache",
            "--timeout",
            "120",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert arrived.wait(60)
    proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in stderr and stdout == ""
    assert leftovers(out) == []
