"""Email delivery: compose the brief as a MIME message, send it once, retry only when safe."""

from __future__ import annotations

import logging
import os
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path

from .config import EmailConfig
from .errors import DeliveryError
from .models import Brief
from .render import RenderOptions

log = logging.getLogger("briefer")

MIME_TYPES = {
    "pdf": ("application", "pdf"),
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "md": ("text", "markdown"),
    "html": ("text", "html"),
    "json": ("application", "json"),
    "eml": ("message", "rfc822"),
}


def compose(
    brief: Brief,
    config: EmailConfig,
    attachments: Sequence[Path],
    now: datetime,
    options: RenderOptions | None = None,
) -> EmailMessage:
    """The email: HTML brief as body, Markdown as plain-text alternative, files attached.

    `options` are the job's render options, so the user's templates shape the body too.
    """
    from .render import render_bytes
    from .render.common import document_view

    msg = EmailMessage()
    msg["Subject"] = config.subject.format(title=brief.title, date=now.strftime("%Y-%m-%d"))
    msg["From"] = config.sender
    msg["To"] = ", ".join(config.to)
    if config.cc:
        msg["Cc"] = ", ".join(config.cc)
    msg["Date"] = format_datetime(now if now.tzinfo else now.astimezone())
    domain = parseaddr(config.sender)[1].rpartition("@")[2] or "briefer.invalid"
    # A domain of our own avoids make_msgid's DNS lookup of this host (slow or absent in cron).
    msg["Message-ID"] = make_msgid("briefer", domain=domain)
    msg["X-Mailer"] = "briefer"
    view = document_view(brief)  # one view for both bodies
    msg.set_content(render_bytes(brief, "md", options, view).decode("utf-8"))
    msg.add_alternative(render_bytes(brief, "html", options, view).decode("utf-8"), subtype="html")
    for path in attachments:
        maintype, subtype = MIME_TYPES.get(
            path.suffix.lstrip(".").lower(), ("application", "octet-stream")
        )
        msg.add_attachment(
            path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name
        )
    return msg


def recipients(config: EmailConfig) -> list[str]:
    """Bare envelope addresses of every recipient."""
    return [parseaddr(a)[1] for a in (*config.to, *config.cc)]


def message_bytes(msg: EmailMessage) -> bytes:
    """The message as sent on the wire (CRLF line ends)."""
    return msg.as_bytes(policy=SMTP_POLICY)


class DeliveryUncertain(DeliveryError):
    """The connection broke after the message was sent: it may have arrived; never resend."""


class _Temporary(Exception):
    """A failure worth retrying: nothing was accepted, the server may work later."""


class _Permanent(Exception):
    """A failure that retrying will not fix."""


class _Uncertain(Exception):
    """The message may have been accepted: never resend it."""


def _getreply(self: smtplib.SMTP) -> tuple[int, bytes]:
    """SMTP.getreply that notes the server's 354: after it, the message text is on its way."""
    code, text = smtplib.SMTP.getreply(self)
    if code == 354:
        self.body_sent = True  # type: ignore[attr-defined]
    return code, text


class _SMTP(smtplib.SMTP):
    body_sent = False
    getreply = _getreply


class _SMTP_SSL(smtplib.SMTP_SSL):  # noqa: N801
    body_sent = False
    getreply = _getreply


def _credentials(config: EmailConfig, env: Mapping[str, str]) -> tuple[str, str] | None:
    if not config.username_env or not config.password_env:
        return None
    values = []
    for key in ("username_env", "password_env"):
        name = getattr(config, key)
        if not env.get(name):
            raise DeliveryError(f"environment variable {name} ([email] {key}) is not set")
        values.append(env[name])
    return values[0], values[1]


def _classify(code: int, text: bytes | str, what: str) -> Exception:
    reply = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    message = f"{what}: {code} {' '.join(reply.split())}"
    return _Temporary(message) if 400 <= code < 500 else _Permanent(message)


def _attempt(
    data: bytes,
    sender: str,
    rcpts: list[str],
    config: EmailConfig,
    login: tuple[str, str] | None,
    timeout: float,
    on_accepted: Callable[[list[str]], None],
) -> None:
    context = ssl.create_default_context(cafile=str(config.ca_file) if config.ca_file else None)
    smtp: _SMTP | _SMTP_SSL | None = None
    try:
        if config.ssl:
            smtp = _SMTP_SSL(config.host, config.port, timeout=timeout, context=context)
        else:
            smtp = _SMTP(config.host, config.port, timeout=timeout)
        smtp.ehlo()
        if config.starttls:
            smtp.starttls(context=context)
            smtp.ehlo()
        if login:
            smtp.login(*login)
        code, text = smtp.mail(sender)
        if code != 250:
            raise _classify(code, text, "sender refused")
        accepted: list[str] = []
        refused: list[str] = []
        for rcpt in rcpts:
            code, text = smtp.rcpt(rcpt)
            if 400 <= code < 500:  # try the whole message again later, for everyone at once
                raise _classify(code, text, f"recipient {rcpt} deferred")
            (accepted if code in (250, 251) else refused).append(rcpt)
        if not accepted:
            raise _Permanent(f"every recipient was refused: {', '.join(refused)}")
        code, text = smtp.data(data)
        if code != 250:
            raise _classify(code, text, "message refused")
        on_accepted(refused)  # recorded before QUIT: nothing after this may cause a resend
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            pass
        smtp = None
    except (_Temporary, _Permanent):
        raise
    except smtplib.SMTPResponseException as exc:  # includes a refused login or greeting
        raise _classify(exc.smtp_code, exc.smtp_error, "server said") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise _Permanent(f"the server cannot do what the config asks: {exc}") from None
    except ssl.SSLCertVerificationError as exc:
        raise _Permanent(f"certificate check failed: {exc.verify_message}") from None
    except ssl.SSLError as exc:
        raise _Permanent(f"TLS failed: {exc.reason or exc}") from None
    except (smtplib.SMTPException, OSError) as exc:
        if smtp is not None and getattr(smtp, "body_sent", False):
            raise _Uncertain(_describe(exc)) from None
        raise _Temporary(_describe(exc)) from None
    finally:
        if smtp is not None:
            smtp.close()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "timed out"
    if isinstance(exc, socket.gaierror):
        return f"host not found ({exc.strerror})"
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def send(
    msg: EmailMessage,
    config: EmailConfig,
    on_accepted: Callable[[list[str]], None],
    *,
    env: Mapping[str, str] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Send `msg`, retrying temporary failures with doubling delays within `max_time`.

    `on_accepted(refused_recipients)` runs the moment the server accepts the message, before
    anything else can fail. Returns the number of attempts; raises DeliveryError otherwise.
    """
    login = _credentials(config, os.environ if env is None else env)
    secrets = [s for s in (login or ()) if s]
    data = message_bytes(msg)
    sender, rcpts = parseaddr(config.sender)[1], recipients(config)
    where = f"{config.host}:{config.port}"
    deadline = clock() + config.max_time
    delay, attempt = config.retry_delay, 0
    while True:
        attempt += 1
        remaining = deadline - clock()
        try:
            _attempt(
                data,
                sender,
                rcpts,
                config,
                login,
                max(0.1, min(config.timeout, remaining)),
                on_accepted,
            )
            return attempt
        except _Permanent as exc:
            raise DeliveryError(f"email to {where} failed: {_redact(exc, secrets)}") from None
        except _Uncertain as exc:
            raise DeliveryUncertain(
                f"connection to {where} lost after the message was sent"
                f" ({_redact(exc, secrets)}); not resending, the server may have accepted it"
            ) from None
        except _Temporary as exc:
            reason = _redact(exc, secrets)
            if clock() + delay >= deadline:
                raise DeliveryError(
                    f"email to {where} failed after {attempt} attempt(s): {reason}"
                ) from None
            log.warning(
                "email attempt %d to %s failed: %s; retrying in %g s", attempt, where, reason, delay
            )
            sleep(delay)
            delay = max(delay * 2, 0.1)


def _redact(exc: BaseException, secrets: Sequence[str]) -> str:
    """The error text with any credential blanked out (servers sometimes echo them)."""
    text = " ".join(str(exc).split())
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


def write_eml(msg: EmailMessage, path: Path) -> Path:
    """Write the message as an .eml file (atomically) instead of sending it."""
    from .render import write_atomic

    write_atomic(path, message_bytes(msg))
    return path
