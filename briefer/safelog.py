"""Log lines that are safe to print: one line each, no secrets, and a log file that cannot crash.

Every message briefer prints on stderr or writes to a job's log goes through `scrub()`: control
characters in file names or server replies are escaped (a name holding a newline cannot forge a
`briefer: error:` line), passwords in URLs are blanked, and so is every registered secret
(the SMTP password, in plain and in the base64 forms AUTH sends and servers sometimes echo).
"""

from __future__ import annotations

import base64
import logging
import re
import sys
import threading

__all__ = [
    "SafeFileHandler",
    "ScrubFilter",
    "forget_secrets",
    "one_line",
    "redact",
    "redact_url_passwords",
    "register_secret",
    "scrub",
]

_SECRETS: set[str] = set()
_LOCK = threading.Lock()
_URL_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^/\s:@]*):[^/\s@]*@")
# Control characters, line separators, and lone surrogates (undecodable bytes in file names,
# which no UTF-8 stream or log file can write).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _forms(value: str) -> set[str]:
    """A secret as sent on the wire: plain, URL-quoted and base64 (AUTH LOGIN / PLAIN)."""
    from urllib.parse import quote

    raw = value.encode("utf-8")
    return {value, quote(value, safe=""), base64.b64encode(raw).decode("ascii")}


def register_secret(value: str, user: str | None = None) -> None:
    """Blank `value` (and its wire forms; with `user` also the AUTH PLAIN blob) in every line."""
    if not value:
        return
    with _LOCK:
        _SECRETS.update(form for form in _forms(value) if len(form) >= 3)
        if user:
            blob = f"\0{user}\0{value}".encode()
            _SECRETS.add(base64.b64encode(blob).decode("ascii"))
            _SECRETS.add(base64.b64encode(user.encode("utf-8")).decode("ascii"))


def forget_secrets() -> None:
    """Drop every registered secret (tests; a long-lived process between jobs)."""
    with _LOCK:
        _SECRETS.clear()


def redact(text: str) -> str:
    """`text` with registered secrets and URL passwords replaced by ***; newlines kept."""
    with _LOCK:
        secrets = sorted(_SECRETS, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, "***")
    return _URL_PASSWORD.sub(r"\1:***@", text)


def redact_url_passwords(text: str) -> str:
    """`text` with the password of any `scheme://user:password@host` URL replaced by ***."""
    return _URL_PASSWORD.sub(r"\1:***@", text) if "@" in text else text


def one_line(text: str) -> str:
    """`text` on one line: control characters shown escaped (\\n, \\x1b), nothing removed."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _ESCAPES.get(
            char, f"\\x{ord(char):02x}" if ord(char) < 256 else f"\\u{ord(char):04x}"
        )

    return _CONTROL.sub(escape, text)


def scrub(text: str) -> str:
    """Redacted and on one line: what may be printed or logged."""
    return one_line(redact(text))


class ScrubFilter(logging.Filter):
    """Scrub every record a handler emits (message and, with -v, the traceback's secrets)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: show it rather than lose the record
            message = str(record.msg)
        record.msg, record.args = scrub(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class SafeFileHandler(logging.FileHandler):
    """A log file that reports its first write failure once on stderr and then goes quiet.

    logging's default prints a traceback per failed record (a full disk, a vanished folder):
    the run must go on and say so in one line instead.
    """

    failed = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        if self.failed:
            return
        self.failed = True
        error = sys.exc_info()[1]
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        sys.stderr.write(
            f"briefer: warning: cannot write the log file {one_line(self.baseFilename)}: "
            f"{one_line(str(reason)).lower()}; no more lines are written to it\n"
        )

    def emit(self, record: logging.LogRecord) -> None:
        if not self.failed:
            super().emit(record)

    def close(self) -> None:
        try:
            super().close()
        except OSError:  # the buffered tail of a full disk: already reported once
            if self.stream is not None:
                try:
                    self.stream.close()
                except OSError:
                    pass
                self.stream = None  # type: ignore[assignment]
