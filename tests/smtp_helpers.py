"""A real SMTP server on 127.0.0.1 (aiosmtpd) for the delivery and job tests."""

from __future__ import annotations

import asyncio
import email
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "brief-bot", "s3cret-Pa55word!"


def free_port() -> int:
    """A TCP port nothing listens on (bound once, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Mailbox:
    """aiosmtpd handler that keeps what it receives; can defer, refuse or drop on purpose."""

    defer_first: int = 0  # answer DATA with 451 this many times
    refuse: bool = False  # answer DATA with 554
    drop: bool = False  # close the connection after the message text arrived
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[Any] = field(default_factory=list)
    data_calls: int = 0
    logins: list[tuple[str, str]] = field(default_factory=list)
    rcpt_delay: float = 0.0  # seconds to wait before accepting a recipient
    rcpt_calls: int = 0

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        self.rcpt_calls += 1
        await asyncio.sleep(self.rcpt_delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_calls += 1
        if self.drop:
            server.transport.close()
            return "250 OK (never seen by the client)"
        if self.data_calls <= self.defer_first:
            return "451 4.3.0 Try again later"
        if self.refuse:
            return "554 5.7.1 Message rejected"
        self.envelopes.append(envelope)
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))  # type: ignore[arg-type]
        return "250 2.0.0 Message accepted"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            login, password = auth_data.login.decode(), auth_data.password.decode()
            self.logins.append((login, password))
            return AuthResult(success=(login, password) == (USER, PASSWORD), handled=False)
        return AuthResult(success=False, handled=False)


@dataclass
class Certs:
    """A test CA and a server context whose certificate is valid for 127.0.0.1."""

    ca_file: Path
    server_context: ssl.SSLContext


def make_certs(folder: Path) -> Certs:
    """trustme CA + server certificate for 127.0.0.1 / localhost."""
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    ca_file = folder / "test-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return Certs(ca_file, context)


@contextmanager
def smtp_server(
    mailbox: Mailbox,
    *,
    starttls: ssl.SSLContext | None = None,
    smtps: ssl.SSLContext | None = None,
    auth: bool = False,
) -> Iterator[int]:
    """Run aiosmtpd on 127.0.0.1 in a thread; yield its port."""
    kwargs: dict[str, Any] = {}
    if starttls is not None:
        kwargs.update(tls_context=starttls, require_starttls=True)
    if smtps is not None:
        kwargs.update(ssl_context=smtps)
    if auth:
        kwargs.update(authenticator=mailbox.authenticate, auth_require_tls=True)
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
