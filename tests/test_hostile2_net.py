"""Hostile peers (issue 16): servers that trickle, lie or never finish; secrets servers echo;
links into the local network; email settings that passed `config check` and then failed.

Every server is on loopback; every wait is short.
"""

from __future__ import annotations

import base64
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from cli_helpers import run
from servers import serving
from smtp_helpers import Mailbox, free_port, make_certs

from briefer.config import EmailConfig, load_config
from briefer.errors import DeliveryError, SourceError
from briefer.fetch import Fetcher
from briefer.ingest import read_sources

PROSE = (
    "The city council approved the new budget on Tuesday after a long debate. "
    "Critics said the plan cuts funding for public libraries and parks. "
    "The mayor promised to review the spending again next spring."
)
PAGE = f"<!doctype html><html><body><article><p>{PROSE}</p></article></body></html>".encode()
NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)


# --- HTTP: short bodies, trickling servers, the run's time limit ---------------------------------


class Short(BaseHTTPRequestHandler):
    """Promises 1,000 bytes, sends the page's first part, then closes."""

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(PAGE[:150])
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, *args: object) -> None:
        pass


def test_a_body_shorter_than_its_content_length_is_an_error_and_not_cached(
    tmp_path: Path,
) -> None:
    fetcher = Fetcher(cache_dir=tmp_path / "cache", timeout=2)
    with serving(Short) as base:
        url = f"{base}/story.html"
        with pytest.raises(SourceError) as info:
            fetcher.fetch(url)
    assert (
        str(info.value) == "incomplete download: 150 of 1,000 bytes (the connection closed early)"
    )
    assert not fetcher.cache_path(url).exists()


def _trickler(headers_too: bool) -> type[BaseHTTPRequestHandler]:
    class Trickle(BaseHTTPRequestHandler):
        """One byte every 0.2 s, for ever (well within any per-read timeout)."""

        def do_GET(self) -> None:  # noqa: N802
            try:
                if headers_too:
                    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(0.2)
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                for _ in range(10_000):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass

        def log_message(self, *args: object) -> None:
            pass

    return Trickle


@pytest.mark.parametrize("headers_too", [False, True])
def test_a_trickling_server_cannot_stretch_the_fetch_deadline(
    tmp_path: Path, headers_too: bool
) -> None:
    fetcher = Fetcher(cache_dir=tmp_path / "cache", timeout=1, total_timeout=1.0)
    with serving(_trickler(headers_too)) as base:
        start = time.monotonic()
        with pytest.raises(SourceError) as info:
            fetcher.fetch(f"{base}/slow.html")
        took = time.monotonic() - start
    assert took < 2.5
    assert str(info.value).startswith("download took longer than 1 s")
    # The abandoned download thread is woken (its socket shut) and ends, not reads on for ever.
    for _ in range(40):
        if not any(t.name == "briefer-fetch" for t in threading.enumerate()):
            break
        time.sleep(0.05)
    assert not any(t.name == "briefer-fetch" for t in threading.enumerate())


def test_time_limit_holds_against_a_trickling_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serving(_trickler(False)) as base:
        start = time.monotonic()
        code, out, err = run(
            capsys,
            "brief",
            f"{base}/slow.html",
            "--time-limit",
            "1",
            "--format",
            "json",
            "--output-dir",
            str(tmp_path / "out"),
        )
        took = time.monotonic() - start
    assert code == 1 and out == ""
    assert took < 3
    assert err == (
        f"briefer: error: time limit of 1 s reached while reading {base}/slow.html;"
        " nothing written\n"
    )
    assert not (tmp_path / "out").exists()


# --- the fetch cache: only a private folder of our own is trusted --------------------------------


class Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


def _plant(fetcher: Fetcher, url: str) -> None:
    """What an attacker with write access to the cache folder would leave there."""
    import json

    body = b"<html><body><p>" + b"Planted lies about the budget are here now. " * 5 + b"</p>"
    meta = {"url": url, "final_url": url, "content_type": "text/html", "fetched": time.time()}
    meta["size"] = len(body)
    path = fetcher.cache_path(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(json.dumps(meta).encode() + b"\n" + body)


@pytest.mark.parametrize("problem", ["world-writable", "another user's"])
def test_an_untrusted_cache_folder_is_not_used(
    tmp_path: Path, problem: str, caplog: pytest.LogCaptureFixture
) -> None:
    import os

    folder = tmp_path / "cache"
    folder.mkdir()
    if problem == "world-writable":
        folder.chmod(0o777)
    elif os.geteuid() == 0:
        os.chown(folder, 65534, 65534)
    else:
        pytest.skip("needs root to give a folder to another user")
    fetcher = Fetcher(cache_dir=folder, timeout=2)
    with serving(Page) as base:
        url = f"{base}/story.html"
        _plant(fetcher, url)
        response = fetcher.fetch(url)
    assert response.data == PAGE and not response.from_cache
    assert "not using the fetch cache" in caplog.text


def test_the_default_cache_folder_is_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "new" / "cache"))
    fetcher = Fetcher(timeout=2)
    with serving(Page) as base:
        fetcher.fetch(f"{base}/story.html")
        assert fetcher.fetch(f"{base}/story.html").from_cache
    assert (tmp_path / "new" / "cache").stat().st_mode & 0o777 == 0o700


# --- links found in feeds do not reach into the local network ------------------------------------


def _local_feed(tmp_path: Path, link: str) -> Path:
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>Inside</title><link>{link}</link></item></channel></rss>",
        encoding="utf-8",
    )
    return feed


def test_a_feed_cannot_point_briefer_at_the_local_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hits: list[str] = []

    class Record(Page):
        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            super().do_GET()

    monkeypatch.delenv("BRIEFER_ALLOW_PRIVATE_LINKS", raising=False)
    with serving(Record) as base:
        feed = _local_feed(tmp_path, f"{base}/admin")
        result = read_sources([str(feed)], fetcher=Fetcher(cache_dir=tmp_path / "c"))
        assert hits == [] and result.articles == ()
        [failure] = result.failures
        assert failure.reason == (
            "link points to a loopback address (127.0.0.1): not fetched; links found in feeds"
            " may only lead to public hosts (set BRIEFER_ALLOW_PRIVATE_LINKS=1 to allow)"
        )
        monkeypatch.setenv("BRIEFER_ALLOW_PRIVATE_LINKS", "1")  # the explicit opt-in
        result = read_sources([str(feed)], fetcher=Fetcher(cache_dir=tmp_path / "c"))
        assert hits == ["/admin"] and len(result.articles) == 1


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data/", "a link-local address"),
        ("http://10.1.2.3/", "a private address"),
        ("http://192.168.0.1/admin", "a private address"),
        ("http://[::1]:8080/", "a loopback address"),
        ("http://[::ffff:127.0.0.1]/", "a loopback address"),
        ("http://0.0.0.0/", "a non-public address"),
        ("http://localhost/", "a loopback address"),
        ("http://93.184.215.14/news", None),
    ],
)
def test_which_discovered_links_are_refused(link: str, reason: str | None, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefer.netguard import check_discovered_link

    monkeypatch.delenv("BRIEFER_ALLOW_PRIVATE_LINKS", raising=False)
    public_feed = "http://93.184.215.14/feed.xml"
    if reason is None:
        check_discovered_link(link, public_feed)
        return
    with pytest.raises(SourceError, match=f"link points to {reason}"):
        check_discovered_link(link, public_feed)
    check_discovered_link(link, "http://127.0.0.1:8000/feed.xml")  # a feed on a local network


# --- SMTP: a reply that never ends, addresses beyond ASCII, subjects, echoed secrets ------------


@contextmanager
def endless_smtp() -> Iterator[int]:
    """Greets, then answers EHLO with continuation lines for ever (one every 50 ms)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    stop = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.sendall(b"220 hello\r\n")
            conn.recv(1024)
            try:
                while not stop.is_set():
                    conn.sendall(b"250-still talking\r\n")
                    time.sleep(0.05)
            except OSError:
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        stop.set()
        listener.close()
        thread.join(timeout=5)


def _email(port: int, **changes: object) -> EmailConfig:
    from dataclasses import replace

    base = EmailConfig(
        to=("desk@example.org",),
        sender="briefer@example.org",
        host="127.0.0.1",
        port=port,
        starttls=False,
        attach=(),
        timeout=5,
        max_time=1.0,
        retry_delay=0.1,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_an_smtp_reply_that_never_ends_stops_at_max_time(sample_brief) -> None:  # type: ignore[no-untyped-def]
    from briefer.deliver import compose, send

    with endless_smtp() as port:
        config = _email(port)
        msg = compose(sample_brief, config, [], NOW)
        start = time.monotonic()
        with pytest.raises(DeliveryError) as info:
            send(msg, config, lambda refused: None)
        took = time.monotonic() - start
    assert took < 2.5  # timeout is 5 s per read, max_time 1 s: the total holds
    assert "no complete reply from the server within max_time" in str(info.value)


@contextmanager
def utf8_smtp(mailbox: Mailbox, smtputf8: bool) -> Iterator[int]:
    from aiosmtpd.controller import Controller

    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, enable_SMTPUTF8=smtputf8)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def test_international_addresses_go_out_with_idna_and_smtputf8(sample_brief) -> None:  # type: ignore[no-untyped-def]
    from briefer.deliver import compose, send

    mailbox = Mailbox()
    with utf8_smtp(mailbox, smtputf8=True) as port:
        config = _email(
            port,
            to=("Jörg <jörg@bücher.example>", "desk@bücher.example"),
            sender="Bриефер <briefer@пример.example>",
        )
        send(compose(sample_brief, config, [], NOW), config, lambda refused: None)
    [envelope] = mailbox.envelopes
    assert envelope.mail_from == "briefer@xn--e1afmkfd.example"
    assert envelope.rcpt_tos == ["jörg@xn--bcher-kva.example", "desk@xn--bcher-kva.example"]
    raw = envelope.original_content
    to = "To: Jörg <jörg@xn--bcher-kva.example>, desk@xn--bcher-kva.example\r\n"
    assert to.encode() in raw, raw[:300]  # raw UTF-8 headers: the server offered SMTPUTF8


def test_a_non_ascii_mailbox_without_smtputf8_is_one_clear_error(sample_brief) -> None:  # type: ignore[no-untyped-def]
    from briefer.deliver import compose, send

    mailbox = Mailbox()
    with utf8_smtp(mailbox, smtputf8=False) as port:
        config = _email(port, to=("jörg@example.org",))
        with pytest.raises(DeliveryError) as info:
            send(compose(sample_brief, config, [], NOW), config, lambda refused: None)
    assert "the server does not offer SMTPUTF8" in str(info.value)
    assert mailbox.envelopes == []
    # An ASCII mailbox at an international domain needs no SMTPUTF8.
    with utf8_smtp(mailbox, smtputf8=False) as port:
        config = _email(port, to=("desk@bücher.example",))
        send(compose(sample_brief, config, [], NOW), config, lambda refused: None)
    assert mailbox.envelopes[0].rcpt_tos == ["desk@xn--bcher-kva.example"]


def test_subject_format_specs_and_header_injection(sample_brief) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace as changed

    from briefer.deliver import compose, message_bytes

    config = _email(25, subject="Lagebild {date:%d.%m.%Y}: {title}")
    evil = changed(sample_brief, title="Budget\r\nBcc: victim@example.net\r\n\r\nbody")
    msg = compose(evil, config, [], NOW)
    assert msg["Subject"] == "Lagebild 26.11.2026: Budget Bcc: victim@example.net body"
    head = message_bytes(msg).split(b"\r\n\r\n", 1)[0]
    assert b"\r\nBcc:" not in head and msg["Bcc"] is None


def _job_config(folder: Path, email: str) -> Path:
    (folder / "a.txt").write_text(PROSE, encoding="utf-8")
    config = folder / "job.toml"
    config.write_text(
        '[brief]\nsources = ["a.txt"]\nformats = ["json"]\noutput_dir = "out"\n'
        f'[email]\nhost = "127.0.0.1"\nport = 25\nstarttls = false\n{email}\n',
        encoding="utf-8",
    )
    return config


@pytest.mark.parametrize(
    ("email", "message"),
    [
        (
            'to = ["a@b.org"]\nfrom = "x@y.org"\nsubject = "{title:%d}"',
            "subject: cannot be filled in",
        ),
        ('to = ["a@b.org"]\nfrom = "x@y.org"\nsubject = "{0}"', "subject: unknown field {0}"),
        ('to = ["a@b.org"]\nfrom = "x@y.org"\nsubject = "{title!z}"', "subject: "),
        ('to = ["a@b.org"]\nfrom = "x@y.org"\nsubject = "a\\u0085b"', "subject: must be one line"),
        ('to = ["a@-.org"]\nfrom = "x@y.org"', None),
        (f'to = ["a@{"ä" * 64}.org"]\nfrom = "x@y.org"', "to: the domain"),
        ('to = ["a@b.org\\r\\nBcc: c@d.org"]\nfrom = "x@y.org"', "to: must be one line"),
    ],
)
def test_config_check_rejects_what_the_run_would(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], email: str, message: str | None
) -> None:
    config = _job_config(tmp_path, email)
    code, out, err = run(capsys, "config", "check", str(config))
    if message is None:
        assert code == 0, err
        return
    assert code == 1 and out == ""
    assert err.startswith("briefer: error: ") and message in err and err.count("\n") == 1, err


def test_config_check_warns_about_a_non_ascii_mailbox(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _job_config(tmp_path, 'to = ["jörg@example.org"]\nfrom = "x@y.org"')
    code, out, err = run(capsys, "config", "check", str(config))
    assert code == 0
    assert err == (
        "warning: jörg@example.org ([email] to) is not ASCII before the @:"
        " only a server that offers SMTPUTF8 accepts it\n"
    )


def test_what_a_server_echoes_during_auth_never_reaches_logs_or_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    user, secret = "brief-bot", "pa55-VERY-secret-xyz"
    blob = base64.b64encode(f"\0{user}\0{secret}".encode()).decode()

    class Echo(Mailbox):
        def authenticate(self, server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
            assert isinstance(auth_data, LoginPassword)
            said = auth_data.password.decode()
            said64 = base64.b64encode(said.encode()).decode()
            echo = f"535 5.7.8 bad credentials {blob} / {said} / {said64}"
            return AuthResult(success=False, handled=False, message=echo)

    certs = make_certs(tmp_path)
    mailbox = Echo()
    port = free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=certs.server_context,
        require_starttls=True,
        authenticator=mailbox.authenticate,
        auth_require_tls=True,
    )
    monkeypatch.setenv("JOB_USER", user)
    monkeypatch.setenv("JOB_PASS", secret)
    (tmp_path / "a.txt").write_text(PROSE, encoding="utf-8")
    config = tmp_path / "job.toml"
    config.write_text(
        '[brief]\nsources = ["a.txt"]\nformats = ["json"]\noutput_dir = "out"\n'
        f'[email]\nto = ["desk@example.org"]\nfrom = "b@example.org"\nhost = "127.0.0.1"\n'
        f'port = {port}\nusername_env = "JOB_USER"\npassword_env = "JOB_PASS"\n'
        f'ca_file = "{certs.ca_file}"\nmax_time = 0\n'
        '[log]\nfile = "job.log"\nlevel = "debug"\n',
        encoding="utf-8",
    )
    controller.start()
    try:
        code, out, err = run(capsys, "-v", "run", "--config", str(config))
    finally:
        controller.stop()
    assert code == 4, err
    assert "bad credentials" in err  # the server's words are shown, its echo of the secret not
    state = load_config(config).state_path
    everything = [err, out, (tmp_path / "job.log").read_text("utf-8")]
    everything.append(state.read_bytes().decode("utf-8", "replace"))
    for text in everything:
        assert secret not in text and blob not in text
        assert base64.b64encode(secret.encode()).decode() not in text


def test_config_check_catches_a_bad_language_and_ca_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _job_config(tmp_path, 'to = ["a@b.org"]\nfrom = "x@y.org"')
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("[brief]\n", '[brief]\nlanguage = "klingon"\n'), "utf-8")
    code, out, err = run(capsys, "config", "check", str(config))
    assert code == 1 and err.startswith(
        f"briefer: error: {config}: [brief] language: unknown language 'klingon'"
    ), err
    (tmp_path / "ca.pem").write_text("not a certificate\n", encoding="utf-8")
    config.write_text(text + 'ca_file = "ca.pem"\n', encoding="utf-8")
    code, out, err = run(capsys, "config", "check", str(config))
    assert code == 1 and "[email] ca_file: not a usable certificate bundle" in err, err


# --- SIGHUP ends a run like SIGTERM ---------------------------------------------------------------


def test_sighup_ends_a_job_cleanly(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    from briefer.lock import JobLock
    from briefer.state import history

    arrived, done = threading.Event(), threading.Event()

    class Slow(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            arrived.set()
            done.wait(30)  # released below: no thread outlives the test

        def log_message(self, *args: object) -> None:
            pass

    (tmp_path / "a.txt").write_text(PROSE, encoding="utf-8")
    with serving(Slow) as base:
        config = tmp_path / "job.toml"
        config.write_text(
            f'[brief]\nsources = ["a.txt", "{base}/slow.html"]\nformats = ["json"]\n'
            'output_dir = "out"\n',
            encoding="utf-8",
        )
        proc = subprocess.Popen(
            [sys.executable, "-m", "briefer", "run", "--config", str(config)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert arrived.wait(30), "the run never fetched the slow page"
            proc.send_signal(signal.SIGHUP)
            stdout, stderr = proc.communicate(timeout=30)
        finally:
            done.set()
    assert proc.returncode == 128 + signal.SIGHUP, stderr
    assert "Traceback" not in stderr and stdout == ""
    loaded = load_config(config)
    assert [r.outcome for r in history(loaded.state_path)] == ["terminated"]
    with JobLock(loaded.lock_path):  # released
        pass


def test_config_check_catches_a_broken_template_and_reference_doc(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "brief.md.j2").write_text("{% for x in %}broken", encoding="utf-8")
    (tmp_path / "ref.docx").write_text("not a docx", encoding="utf-8")
    config = tmp_path / "job.toml"
    head = '[brief]\nsources = ["a.txt"]\nformats = ["md", "docx"]\noutput_dir = "out"\n'
    for extra, message in (
        ('template_dir = "tpl"\n', "[brief] template_dir: brief.md.j2 (line 1): Expected an"),
        ('reference_doc = "ref.docx"\n', "[brief] reference_doc: "),
    ):
        config.write_text(head + extra, encoding="utf-8")
        code, out, err = run(capsys, "config", "check", str(config))
        assert code == 1 and err.startswith(f"briefer: error: {config}: {message}"), err
