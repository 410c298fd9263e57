"""`briefer run` end to end: a real SMTP server on loopback, state, lock, retention, cron env."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from smtp_helpers import PASSWORD, USER, Mailbox, free_port, make_certs, smtp_server

from briefer.config import load_config
from briefer.errors import ExitCode, LockedError, NoInputError
from briefer.jobs import run_job
from briefer.lock import JobLock
from briefer.state import format_run, history

NOW = datetime(2026, 11, 26, 6, 0).astimezone()
ARTICLES = {
    "grain.txt": "Grain exports rise\n\nUkraine shipped a record amount of grain through its Black "
    "Sea ports in November. The ports of Odesa and Pivdennyi handled most of the "
    "cargo. Traders said insurance costs for ships fell for the third month. Wheat "
    "and corn made up nine tenths of the exports. The ministry expects the volume to "
    "grow again in December.",
    "power.txt": "Power grid repaired\n\nEngineers restored electricity to most of Kharkiv after "
    "a week of outages. The national grid operator said two substations were rebuilt. "
    "Hospitals ran on generators during the blackout. Residents queued for water at "
    "public pumps. The operator warned that further repairs will take months.",
}
NEW_ARTICLE = (
    "Rail link reopens\n\nThe railway bridge near Zaporizhzhia reopened to passenger "
    "trains on Tuesday. Repair crews replaced two spans damaged in the spring. The "
    "first train carried four hundred passengers to Dnipro. Tickets sold out within an "
    "hour of the announcement. Freight trains will use the bridge from next week."
)


def _job(
    folder: Path,
    port: int | None = None,
    *,
    email: str = "",
    tls: bool = False,
    only_new: bool = True,
    keep_days: int = 0,
) -> Path:
    """Articles plus a job config in `folder`; email goes to 127.0.0.1:`port` when given."""
    (folder / "articles").mkdir(exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / "articles" / name).write_text(text, encoding="utf-8")
    text = f"""[brief]
title = "Morning brief"
sources = ["articles/"]
formats = ["json", "pdf"]
output_dir = "out"
only_new = {str(only_new).lower()}
keep_days = {keep_days}
sentences = 2

[log]
file = "logs/job.log"
"""
    if port is not None:
        text += f"""
[email]
to = ["Desk <desk@example.org>"]
from = "briefer@example.org"
subject = "{{title}} ({{date}})"
host = "127.0.0.1"
port = {port}
starttls = {str(tls).lower()}
attach = ["pdf"]
timeout = 5
max_time = 0.6
retry_delay = 0.1
{email}"""
    path = folder / "job.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def lines() -> Iterator[list[str]]:
    """Log lines the 'briefer' logger emits (independent of other tests' handler set-up)."""
    got: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            got.append(record.getMessage())

    logger = logging.getLogger("briefer")
    handler, old = Collect(logging.INFO), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield got
    logger.removeHandler(handler)
    logger.setLevel(old)


def _cli(
    args: list[str], env: dict[str, str] | None = None, cwd: Path | str = "/"
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefer", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def test_email_arrives_with_pdf_and_html_body(tmp_path, lines) -> None:
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        result = run_job(load_config(_job(tmp_path, port)), now=NOW)
    assert (result.outcome, result.exit_code) == ("delivered", ExitCode.OK)
    day = tmp_path / "out" / "2026-11-26"
    assert [p.name for p in result.files] == ["default-0600.json", "default-0600.pdf"]
    assert all(p.parent == day for p in result.files)
    assert sorted(p.name for p in day.iterdir()) == ["default-0600.json", "default-0600.pdf"]
    [msg] = mailbox.messages
    assert msg["Subject"] == "Morning brief (2026-11-26)" and msg["Message-ID"] == result.message_id
    html = msg.get_body(("html",)).get_content()
    assert "Morning brief" in html and "<html" in html
    [pdf] = list(msg.iter_attachments())
    assert (pdf.get_filename(), pdf.get_content_type()) == ("default-0600.pdf", "application/pdf")
    assert pdf.get_content() == (day / "default-0600.pdf").read_bytes()
    [run] = history(tmp_path / "out" / "briefer-state.sqlite3")
    assert (run.outcome, run.articles, run.message_id) == ("delivered", 2, result.message_id)
    assert "emailed to Desk <desk@example.org>" in (tmp_path / "logs/job.log").read_text()
    assert "delivered" in format_run(run) and "default-0600.pdf" in format_run(run)


def test_only_new_material_is_briefed_and_sent(tmp_path, lines) -> None:
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        config = load_config(_job(tmp_path, port))
        run_job(config, now=NOW)
        lines.clear()
        second = run_job(config, now=NOW + timedelta(days=1))
        assert (second.outcome, second.exit_code, second.files) == ("nothing-new", 0, ())
        assert lines == ["nothing new to brief: all 2 article(s) were briefed before"]
        assert len(mailbox.messages) == 1 and not (tmp_path / "out" / "2026-11-27").exists()
        (tmp_path / "articles" / "rail.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        third = run_job(config, now=NOW + timedelta(days=1, hours=1))
    assert third.outcome == "delivered" and len(mailbox.messages) == 2
    data = json.loads(third.files[0].read_text(encoding="utf-8"))
    # Yesterday's articles are still read (they tie today's reports to their stories); only
    # the new article's sentences are shown.
    rail = str(tmp_path / "articles" / "rail.txt")
    location = {s["id"]: s["location"] for s in data["sources"]}
    shown = [s for sec in data["sections"] for s in sec["sentences"]]
    assert shown and {location[s["source"]] for s in shown} == {rail}
    assert all(s["text"] in NEW_ARTICLE for s in shown)
    outcomes = [r.outcome for r in history(config.state_path)]
    assert outcomes == ["delivered", "nothing-new", "delivered"]


def test_unreachable_server_keeps_the_brief_and_retries_material_later(tmp_path, lines) -> None:
    config = load_config(_job(tmp_path, free_port()))
    result = run_job(config, now=NOW)
    assert (result.outcome, result.exit_code) == ("not-delivered", ExitCode.DELIVERY)
    assert "connection refused" in (result.error or "")
    assert all(p.is_file() for p in result.files)
    # Nothing was accepted, so the articles are not marked: the next run briefs them again.
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        config = load_config(_job(tmp_path, port))
        assert run_job(config, now=NOW + timedelta(hours=1)).outcome == "delivered"
    assert [r.outcome for r in history(config.state_path)] == ["delivered", "not-delivered"]


def test_possibly_delivered_brief_is_never_sent_again(tmp_path, lines) -> None:
    dropping = Mailbox(drop=True)
    with smtp_server(dropping) as port:
        result = run_job(load_config(_job(tmp_path, port)), now=NOW)
    assert result.exit_code == ExitCode.DELIVERY and "not resending" in (result.error or "")
    assert dropping.data_calls == 1
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        later = run_job(load_config(_job(tmp_path, port)), now=NOW + timedelta(hours=1))
    assert later.outcome == "nothing-new" and mailbox.messages == []


def test_cli_exit_4_without_traceback(tmp_path) -> None:
    proc = _cli(["run", "--config", str(_job(tmp_path, free_port()))])
    assert proc.returncode == 4, proc.stderr
    assert "Traceback" not in proc.stderr and "connection refused" in proc.stderr
    written = [Path(p) for p in proc.stdout.split()]
    assert written and all(p.is_file() for p in written)


def test_two_runs_never_work_at_once(tmp_path) -> None:
    config = load_config(_job(tmp_path))
    with JobLock(config.lock_path):
        with pytest.raises(LockedError, match="another run of this job is in progress"):
            run_job(config, now=NOW)
        proc = _cli(["run", "--config", str(config.path)])
    assert proc.returncode == ExitCode.LOCKED
    assert len(proc.stderr.strip().splitlines()) == 1 and proc.stdout == ""
    assert not (tmp_path / "out" / "2026-11-26").exists()
    assert run_job(config, now=NOW).outcome == "written"  # the lock is free again


def test_credentials_come_from_env_and_stay_out_of_logs(tmp_path, monkeypatch, lines) -> None:
    certs = make_certs(tmp_path)
    monkeypatch.setenv("BRIEFER_TEST_USER", USER)
    monkeypatch.setenv("BRIEFER_TEST_PASS", PASSWORD)
    mailbox = Mailbox()
    extra = (
        f'ca_file = "{certs.ca_file.name}"\n'
        'username_env = "BRIEFER_TEST_USER"\npassword_env = "BRIEFER_TEST_PASS"\n'
    )
    with smtp_server(mailbox, starttls=certs.server_context, auth=True) as port:
        path = _job(tmp_path, port, email=extra, tls=True)
        config = load_config(path)
        assert PASSWORD not in path.read_text()
        dry = run_job(config, dry_run=True, now=NOW)
        result = run_job(config, now=NOW + timedelta(minutes=1))
    assert result.outcome == "delivered" and mailbox.logins == [(USER, PASSWORD)]
    assert dry.eml is not None and PASSWORD.encode() not in dry.eml.read_bytes()
    log_text = (tmp_path / "logs/job.log").read_text()
    for text in (log_text, "\n".join(lines)):
        assert PASSWORD not in text and USER not in text


def test_dry_run_writes_eml_and_sends_nothing(tmp_path) -> None:
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        config = load_config(_job(tmp_path, port))
        dry = run_job(config, dry_run=True, now=NOW)
        assert dry.outcome == "dry-run" and dry.eml == tmp_path / "out/2026-11-26/default-0600.eml"
        assert mailbox.messages == []
        # A dry run does not use the articles up.
        assert run_job(config, now=NOW + timedelta(minutes=5)).outcome == "delivered"


def test_sigterm_leaves_no_partial_state(tmp_path) -> None:
    mailbox = Mailbox(rcpt_delay=60)
    with smtp_server(mailbox) as port:
        path = _job(tmp_path, port)
        proc = subprocess.Popen(
            [sys.executable, "-m", "briefer", "run", "--config", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while mailbox.rcpt_calls == 0 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        proc.terminate()
        _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM and "Traceback" not in stderr
    config = load_config(path)
    assert [r.outcome for r in history(config.state_path)] == ["terminated"]
    assert not list((tmp_path / "out").rglob("*.tmp")) and mailbox.messages == []
    with JobLock(config.lock_path):  # released
        pass


def test_cron_environment_without_home(tmp_path) -> None:
    path = _job(tmp_path, free_port())
    env = {"PATH": "/usr/bin:/bin"}
    proc = _cli(["run", "--config", str(path), "--dry-run"], env=env, cwd="/")
    assert proc.returncode == 0, proc.stderr
    written = [Path(p) for p in proc.stdout.split()]
    assert [p.suffix for p in written] == [".json", ".pdf", ".eml"]
    assert all(p.is_file() and p.parent.parent == tmp_path / "out" for p in written)
    assert "\x1b[" not in proc.stderr and "\x1b[" not in (tmp_path / "logs/job.log").read_text()
    history_proc = _cli(["history", "--config", str(path)], env=env)
    assert history_proc.returncode == 0 and "dry-run" in history_proc.stdout


def test_retention_prunes_old_dated_folders(tmp_path) -> None:
    out = tmp_path / "out"
    for name in ("2026-10-01", "2026-10-27", "2026-11-20", "keep-me"):
        (out / name).mkdir(parents=True)
        (out / name / "x.pdf").write_bytes(b"%PDF")
    run_job(load_config(_job(tmp_path, keep_days=30)), now=NOW)
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [
        "2026-10-27",
        "2026-11-20",
        "2026-11-26",
        "keep-me",
    ]


def test_same_minute_does_not_overwrite(tmp_path) -> None:
    config = load_config(_job(tmp_path, only_new=False))
    first, second = run_job(config, now=NOW), run_job(config, now=NOW)
    assert [p.name for p in first.files] == ["default-0600.json", "default-0600.pdf"]
    assert [p.name for p in second.files] == ["default-0600-2.json", "default-0600-2.pdf"]
    assert not list((tmp_path / "out").rglob("*.tmp"))


def test_nothing_readable_is_an_error_in_history(tmp_path) -> None:
    path = _job(tmp_path)
    for child in (tmp_path / "articles").iterdir():
        child.unlink()
    config = load_config(path)
    with pytest.raises(NoInputError):
        run_job(config, now=NOW)
    [run] = history(config.state_path)
    assert run.outcome == "error" and "no readable source" in run.detail
    assert sorted(os.listdir(tmp_path / "out")) == [".briefer.lock", "briefer-state.sqlite3"]


def test_user_templates_shape_the_files_and_the_email_body(tmp_path) -> None:
    import email

    templates = tmp_path / "my-templates"
    templates.mkdir()
    (templates / "brief.html.j2").write_text(
        "<html><body><h1>DESK COPY: {{ doc.title }}</h1>{% for section in doc.sections %}"
        "{% for s in section.sentences %}<p>{{ s.text }}</p>{% endfor %}{% endfor %}"
        "</body></html>",
        encoding="utf-8",
    )
    path = _job(tmp_path, 2525)  # never contacted: a dry run
    text = (
        path.read_text(encoding="utf-8")
        .replace(
            "[brief]\n",
            '[brief]\ntemplate_dir = "my-templates"\npage_size = "Letter"\n'
            'formats = ["html", "pdf"]\n',
            1,
        )
        .replace('formats = ["json", "pdf"]\n', "")
    )
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    assert (
        config.brief.options.template_dir == templates
        and config.brief.options.page_size == "Letter"
    )
    result = run_job(config, dry_run=True, now=NOW)
    html_file = next(f for f in result.files if f.suffix == ".html")
    assert "DESK COPY: Morning brief" in html_file.read_text(encoding="utf-8")
    assert result.eml is not None
    message = email.message_from_bytes(result.eml.read_bytes())
    bodies = [
        part.get_payload(decode=True).decode("utf-8")
        for part in message.walk()
        if part.get_content_type() == "text/html"
    ]
    assert bodies and "DESK COPY: Morning brief" in bodies[0]
    from pypdf import PdfReader

    pdf = next(f for f in result.files if f.suffix == ".pdf")
    width, height = PdfReader(pdf).pages[0].mediabox.upper_right
    assert (round(float(width)), round(float(height))) == (612, 792)  # US Letter


def test_missing_template_dir_is_named_with_its_line(tmp_path) -> None:
    from briefer.errors import ConfigError

    path = _job(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "[brief]\n", '[brief]\ntemplate_dir = "nowhere"\n', 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"job.toml:2: \[brief\] template_dir: folder not found"):
        load_config(path)
