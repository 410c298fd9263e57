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
from email.policy import SMTPUTF8 as SMTPUTF8_POLICY
from email.utils import format_datetime, make_msgid
from pathlib import Path

from .config import EmailConfig
from .errors import DeliveryError
from .mailhdr import envelope_address, header_address, subject_line
from .models import Brief
from .render import RenderOptions
from .safelog import redact, register_secret

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
    msg["Subject"] = subject_line(config.subject, brief.title, now)
    msg["From"] = header_address(config.sender)
    msg["To"] = ", ".join(header_address(a) for a in config.to)
    if config.cc:
        msg["Cc"] = ", ".join(header_address(a) for a in config.cc)
    msg["Date"] = format_datetime(now if now.tzinfo else now.astimezone())
    domain = envelope_address(config.sender).rpartition("@")[2] or "briefer.invalid"
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
    """Bare envelope addresses of every recipient (domains in IDNA form)."""
    return [envelope_address(a) for a in (*config.to, *config.cc)]


def message_bytes(msg: EmailMessage) -> bytes:
    """The message as sent on the wire (CRLF line ends; raw UTF-8 headers only for SMTPUTF8)."""
    return msg.as_bytes(policy=SMTPUTF8_POLICY if _needs_utf8(msg) else SMTP_POLICY)


def _needs_utf8(msg: EmailMessage) -> bool:
    """True when an address's local part is not ASCII (only SMTPUTF8 can carry it)."""
    for key in ("From", "To", "Cc"):
        header = msg.get(key)
        for address in getattr(header, "addresses", ()):
            if not address.username.isascii():
                return True
    return False


class DeliveryUncertain(DeliveryError):
    """The connection broke after the message was sent: it may have arrived; never resend."""


class _Temporary(Exception):
    """A failure worth retrying: nothing was accepted, the server may work later."""


class _Permanent(Exception):
    """A failure that retrying will not fix."""


class _Uncertain(Exception):
    """The message may have been accepted: never resend it."""


class _ReplyReader:
    """Reads server replies against a total deadline: a reply that never ends (endless
    continuation lines, one byte every few seconds) fails at the deadline, not never."""

    def __init__(self, sock: socket.socket, deadline: float, timeout: float) -> None:
        self.sock, self.deadline, self.timeout = sock, deadline, timeout
        self.buffer = b""

    def readline(self, limit: int = -1) -> bytes:
        limit = limit if limit > 0 else 1 << 20
        while b"\n" not in self.buffer[:limit] and len(self.buffer) < limit:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the server's reply did not end in time")
            self.sock.settimeout(min(self.timeout, left))
            try:
                chunk = self.sock.recv(4096)
            finally:
                self.sock.settimeout(self.timeout)
            if not chunk:
                break
            self.buffer += chunk
        end = self.buffer.find(b"\n", 0, limit)
        cut = end + 1 if end >= 0 else min(limit, len(self.buffer))
        line, self.buffer = self.buffer[:cut], self.buffer[cut:]
        return line

    def close(self) -> None:
        self.buffer = b""


def _getreply(self: smtplib.SMTP) -> tuple[int, bytes]:
    """SMTP.getreply under the attempt's deadline; notes the server's 354 (after it, the
    message text is on its way)."""
    if not isinstance(self.file, _ReplyReader) and self.sock is not None:
        deadline = getattr(self, "deadline", float("inf"))
        self.file = _ReplyReader(self.sock, deadline, self.timeout)  # type: ignore[assignment]
    code, text = smtplib.SMTP.getreply(self)
    if code == 354:
        self.body_sent = True  # type: ignore[attr-defined]
    return code, text


class _SMTP(smtplib.SMTP):
    body_sent = False
    deadline = float("inf")
    getreply = _getreply


class _SMTP_SSL(smtplib.SMTP_SSL):  # noqa: N801
    body_sent = False
    deadline = float("inf")
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
    deadline: float = float("inf"),
    utf8: bool = False,
) -> None:
    context = ssl.create_default_context(cafile=str(config.ca_file) if config.ca_file else None)
    smtp: _SMTP | _SMTP_SSL | None = None
    try:
        smtp = _SMTP_SSL(timeout=timeout, context=context) if config.ssl else _SMTP(timeout=timeout)
        smtp.deadline = deadline
        smtp._host = config.host  # type: ignore[union-attr]  # for TLS server_hostname
        code, text = smtp.connect(config.host, config.port)
        if code != 220:
            raise _classify(code, text, "server greeting")
        smtp.ehlo()
        if config.starttls:
            smtp.starttls(context=context)
            smtp.ehlo()
        if login:
            smtp.login(*login)
        options: list[str] = []
        if utf8:
            if not smtp.has_extn("smtputf8"):
                raise _Permanent(
                    "an address is not ASCII and the server does not offer SMTPUTF8;"
                    " use an ASCII address (the domain may be international)"
                )
            options = ["SMTPUTF8"]
        code, text = smtp.mail(sender, options)
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
        reason = _describe(exc)
        if time.monotonic() >= deadline:
            reason = f"no complete reply from the server within max_time ({reason})"
        if smtp is not None and getattr(smtp, "body_sent", False):
            raise _Uncertain(reason) from None
        raise _Temporary(reason) from None
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
    if login:
        register_secret(login[1], login[0])  # blanked in every log line, even echoed in base64
    data = message_bytes(msg)
    sender, rcpts = envelope_address(config.sender), recipients(config)
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
                time.monotonic() + max(0.1, remaining),
                _needs_utf8(msg),
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
    return redact(text)


def write_eml(msg: EmailMessage, path: Path) -> Path:
    """Write the message as an .eml file (atomically) instead of sending it."""
    from .render import write_atomic

    write_atomic(path, message_bytes(msg))
    return path
