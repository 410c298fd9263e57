"""Email header values that cannot break a run: addresses (IDNA, SMTPUTF8) and the subject line."""

from __future__ import annotations

import re
import string
from datetime import datetime
from email.headerregistry import Address
from email.utils import formataddr, parseaddr

__all__ = [
    "SUBJECT_FIELDS",
    "address_problem",
    "envelope_address",
    "header_address",
    "needs_smtputf8",
    "smtputf8_warnings",
    "subject_line",
    "subject_problem",
]

SUBJECT_FIELDS = ("title", "date")
MAX_SUBJECT = 250  # characters; header folding copes with more, mail clients do not
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class _Date:
    """`{date}` is YYYY-MM-DD; `{date:%d.%m.%Y}` any strftime format."""

    def __init__(self, when: datetime) -> None:
        self.when = when

    def __format__(self, spec: str) -> str:
        return self.when.strftime(spec or "%Y-%m-%d")

    def __str__(self) -> str:
        return format(self)


def _one_line(text: str) -> str:
    """Control characters (CR, LF, tabs...) become spaces and runs of spaces one space."""
    return " ".join(_CONTROL.sub(" ", text).split())


def subject_line(template: str, title: str, when: datetime) -> str:
    """The subject: `template` filled in, on one line (a title with CR/LF cannot add headers)."""
    text = _one_line(template.format(title=_one_line(title), date=_Date(when)))
    return text if len(text) <= MAX_SUBJECT else text[: MAX_SUBJECT - 1].rstrip() + "…"


def subject_problem(template: str) -> str | None:
    """Why a subject template would fail at run time (None when it is fine)."""
    if _CONTROL.search(template):
        return "must be one line (no control characters)"
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
    except ValueError as exc:
        return f"bad braces: {exc}"
    unknown = sorted(fields - set(SUBJECT_FIELDS))
    if unknown:
        return f"unknown field {{{unknown[0]}}} (use {{title}} and {{date}})"
    try:
        subject_line(template, "Title", datetime(2026, 1, 31, 6, 0))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        return f"cannot be filled in: {exc} (e.g. {{date:%d.%m.%Y}}, {{title}})"
    return None


def _split(address: str) -> tuple[str, str, str]:
    """(display name, local part, domain) of one address."""
    name, addr = parseaddr(address)
    local, _, domain = addr.rpartition("@")
    return name, local, domain


def _idna(domain: str) -> str:
    """The domain as DNS spells it (bücher.example → xn--bcher-kva.example); ValueError."""
    if domain.isascii():
        return domain
    return domain.encode("idna").decode("ascii")


def address_problem(address: str) -> str | None:
    """Why an address cannot be used (None when it can; non-ASCII needs no special check)."""
    if _CONTROL.search(address):
        return "must be one line"
    _, addr = parseaddr(address)
    _, local, domain = _split(address)
    if not local or not domain or " " in addr or "@" not in addr:
        return "not an email address"
    try:
        _idna(domain)
    except (UnicodeError, ValueError):
        return f"the domain {domain} is not a valid international domain name"
    return None


def needs_smtputf8(address: str) -> bool:
    """True when the local part is not ASCII: only a server offering SMTPUTF8 can take it."""
    return not _split(address)[1].isascii()


def envelope_address(address: str) -> str:
    """The bare address for MAIL FROM / RCPT TO, its domain in IDNA form."""
    _, local, domain = _split(address)
    return f"{local}@{_idna(domain)}"


def header_address(address: str) -> str:
    """The address for a To/From/Cc header: the display name kept, the domain in IDNA form."""
    name, local, domain = _split(address)
    if not local.isascii():
        return str(Address(display_name=name, username=local, domain=_idna(domain)))
    return formataddr((name, f"{local}@{_idna(domain)}"))


def smtputf8_warnings(fields: dict[str, tuple[str, ...]]) -> list[str]:
    """`config check` warnings for addresses only an SMTPUTF8 server accepts (key → addresses)."""
    return [
        f"{address} ([email] {key}) is not ASCII before the @:"
        " only a server that offers SMTPUTF8 accepts it"
        for key, addresses in fields.items()
        for address in addresses
        if needs_smtputf8(address)
    ]
