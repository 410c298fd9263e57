"""Email delivery against a real SMTP server on loopback (aiosmtpd): body, attachments, TLS,
login from the environment, retries, and never a second send."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from smtp_helpers import PASSWORD, USER, Mailbox, free_port, make_certs, smtp_server

from briefer.config import EmailConfig
from briefer.deliver import DeliveryUncertain, compose, send, write_eml
from briefer.errors import DeliveryError, ExitCode
from briefer.render import render

NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)


def _config(port: int, **changes: object) -> EmailConfig:
    base = EmailConfig(
        to=("Analysts <analysts@example.org>", "duty@example.org"),
        sender="Briefer <briefer@example.org>",
        host="127.0.0.1",
        port=port,
        starttls=False,
        attach=("pdf", "json"),
        timeout=5,
        max_time=10,
        retry_delay=0.05,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def files(sample_brief, tmp_path: Path) -> list[Path]:
    return render(sample_brief, ["pdf", "json"], tmp_path / "out", "ukraine-air-defense-0600")


def test_message_has_html_body_text_alternative_and_attachments(sample_brief, files) -> None:
    mailbox = Mailbox()
    accepted: list[list[str]] = []
    with smtp_server(mailbox) as port:
        config = _config(port)
        msg = compose(sample_brief, config, files, NOW)
        assert send(msg, config, accepted.append) == 1
    assert accepted == [[]]
    [got] = mailbox.messages
    assert mailbox.envelopes[0].rcpt_tos == ["analysts@example.org", "duty@example.org"]
    assert got["Subject"] == "Ukraine air defence — morning brief — 2026-11-26"
    assert got["Date"] == "Thu, 26 Nov 2026 06:00:00 +0000"
    assert got["Message-ID"].startswith("<") and got["Message-ID"].endswith("@example.org>")
    html = got.get_body(("html",))
    plain = got.get_body(("plain",))
    assert html is not None and plain is not None
    assert "<h2" in html.get_content() and "The strike" in html.get_content()
    # Article text is escaped in the HTML body, never markup.
    assert "<script>alert" not in html.get_content()
    assert "The strike" in plain.get_content()
    parts = {p.get_filename(): p for p in got.iter_attachments()}
    assert set(parts) == {"ukraine-air-defense-0600.pdf", "ukraine-air-defense-0600.json"}
    pdf = parts["ukraine-air-defense-0600.pdf"]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_content() == files[0].read_bytes()
    assert parts["ukraine-air-defense-0600.json"].get_content_type() == "application/json"


def test_starttls_with_login_from_environment(sample_brief, files, tmp_path, caplog) -> None:
    certs = make_certs(tmp_path)
    mailbox = Mailbox()
    env = {"SMTP_USER": USER, "SMTP_PASS": PASSWORD}
    with smtp_server(mailbox, starttls=certs.server_context, auth=True) as port:
        config = _config(
            port,
            starttls=True,
            ca_file=certs.ca_file,
            username_env="SMTP_USER",
            password_env="SMTP_PASS",
        )
        msg = compose(sample_brief, config, files[:1], NOW)
        with caplog.at_level(logging.DEBUG, logger="briefer"):
            send(msg, config, lambda refused: None, env=env)
    assert mailbox.logins == [(USER, PASSWORD)]
    assert len(mailbox.messages) == 1
    assert PASSWORD not in caplog.text and USER not in caplog.text
    assert PASSWORD.encode() not in msg.as_bytes()


def test_wrong_password_is_permanent_and_never_echoed(sample_brief, files, tmp_path) -> None:
    certs = make_certs(tmp_path)
    mailbox = Mailbox()
    with smtp_server(mailbox, starttls=certs.server_context, auth=True) as port:
        config = _config(
            port, starttls=True, ca_file=certs.ca_file, username_env="U", password_env="P"
        )
        msg = compose(sample_brief, config, files[:1], NOW)
        with pytest.raises(DeliveryError) as caught:
            send(msg, config, lambda r: None, env={"U": USER, "P": "wrong-one"})
    assert "535" in str(caught.value) and "wrong-one" not in str(caught.value)
    # smtplib tries PLAIN, then LOGIN, on one connection; a refused login is not retried.
    assert len(mailbox.logins) == 2


def test_missing_credential_variable_is_a_delivery_error(sample_brief, files) -> None:
    config = _config(
        free_port(), starttls=True, username_env="NO_SUCH_USER_VAR", password_env="NO_SUCH_PASS_VAR"
    )
    msg = compose(sample_brief, config, files, NOW)
    with pytest.raises(DeliveryError, match="NO_SUCH_USER_VAR .* is not set"):
        send(msg, config, lambda r: None, env={})


def test_untrusted_certificate_is_refused(sample_brief, files, tmp_path) -> None:
    certs = make_certs(tmp_path)
    mailbox = Mailbox()
    with smtp_server(mailbox, starttls=certs.server_context) as port:
        config = _config(port, starttls=True)  # no ca_file: the test CA is not trusted
        with pytest.raises(DeliveryError, match="certificate"):
            send(compose(sample_brief, config, files, NOW), config, lambda r: None)
    assert mailbox.messages == []


def test_implicit_tls(sample_brief, files, tmp_path) -> None:
    certs = make_certs(tmp_path)
    mailbox = Mailbox()
    with smtp_server(mailbox, smtps=certs.server_context) as port:
        config = _config(port, ssl=True, ca_file=certs.ca_file)
        send(compose(sample_brief, config, files, NOW), config, lambda r: None)
    assert len(mailbox.messages) == 1


def test_temporary_refusal_is_retried_once_accepted(sample_brief, files, caplog) -> None:
    mailbox = Mailbox(defer_first=2)
    calls: list[list[str]] = []
    with smtp_server(mailbox) as port:
        config = _config(port)
        with caplog.at_level(logging.WARNING, logger="briefer"):
            attempts = send(compose(sample_brief, config, files, NOW), config, calls.append)
    assert attempts == 3 and len(calls) == 1 and len(mailbox.messages) == 1
    assert caplog.text.count("451") == 2


def test_permanent_refusal_is_not_retried(sample_brief, files) -> None:
    mailbox = Mailbox(refuse=True)
    with smtp_server(mailbox) as port:
        config = _config(port)
        with pytest.raises(DeliveryError, match="554"):
            send(compose(sample_brief, config, files, NOW), config, lambda r: None)
    assert mailbox.data_calls == 1


def test_connection_refused_gives_up_within_the_time_limit(sample_brief, files) -> None:
    config = _config(free_port(), max_time=0.5, retry_delay=0.1)
    slept: list[float] = []
    with pytest.raises(DeliveryError, match="connection refused") as caught:
        send(
            compose(sample_brief, config, files, NOW),
            config,
            lambda r: None,
            sleep=slept.append,
            clock=lambda: 0.05 * len(slept),
        )
    assert caught.value.exit_code == ExitCode.DELIVERY
    assert slept == [0.1, 0.2]  # exponential back-off, stopped by max_time
    assert "after 3 attempt(s)" in str(caught.value)


def test_connection_lost_after_the_message_is_not_resent(sample_brief, files) -> None:
    mailbox = Mailbox(drop=True)
    with smtp_server(mailbox) as port:
        config = _config(port)
        with pytest.raises(DeliveryUncertain, match="not resending"):
            send(compose(sample_brief, config, files, NOW), config, lambda r: None)
    assert mailbox.data_calls == 1


def test_eml_dump_round_trips(sample_brief, files, tmp_path) -> None:
    import email
    from email.policy import default

    config = _config(25)
    path = write_eml(compose(sample_brief, config, files, NOW), tmp_path / "brief.eml")
    parsed = email.message_from_bytes(path.read_bytes(), policy=default)
    assert parsed["To"] == "Analysts <analysts@example.org>, duty@example.org"
    assert [p.get_filename() for p in parsed.iter_attachments()] == [f.name for f in files]
