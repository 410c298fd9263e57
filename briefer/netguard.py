"""Links briefer finds by itself (feed items) may not lead into the local network.

A feed from the internet could otherwise point briefer at services only this machine can
reach (a router's admin page, a cloud metadata endpoint at 169.254.169.254, a database on
localhost) and quote what they say into a brief. The rule: a discovered link is not fetched
when its host resolves to a loopback, private, link-local or otherwise non-public address,
unless the feed itself was fetched from such an address (a feed on your own network) or
BRIEFER_ALLOW_PRIVATE_LINKS=1 is set. Addresses the user gives are always fetched.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from urllib.parse import urlsplit

from .errors import SourceError

__all__ = ["ALLOW_ENV", "check_discovered_link", "non_public_reason"]

ALLOW_ENV = "BRIEFER_ALLOW_PRIVATE_LINKS"


def _address_reason(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    if ip.is_unspecified or ip.is_multicast:
        return "a non-public address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_private:
        return "a private address"
    if ip.is_reserved or not ip.is_global:
        return "a non-public address"
    return None


def non_public_reason(host: str) -> str | None:
    """Why `host` is not on the public internet ("a loopback address"...), None if it is.

    A name that does not resolve is left to the fetch to report ("host not found").
    """
    host = host.strip("[]")
    try:
        return _address_reason(ipaddress.ip_address(host))
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return None
    for info in infos:
        try:
            reason = _address_reason(ipaddress.ip_address(str(info[4][0]).split("%")[0]))
        except ValueError:
            continue
        if reason:
            return reason
    return None


def _allowed_by_env() -> bool:
    return os.environ.get(ALLOW_ENV, "").strip().lower() in ("1", "true", "yes")


def check_discovered_link(link: str, origin_url: str | None) -> None:
    """SourceError when a link found in `origin_url`'s content (None: a local file) leads to a
    non-public address and the origin is not itself on such a network."""
    if _allowed_by_env():
        return
    try:
        host = urlsplit(link).hostname or ""
        origin = urlsplit(origin_url).hostname if origin_url else None
    except ValueError:
        return  # the fetch reports a bad URL
    if not host:
        return
    reason = non_public_reason(host)
    if reason is None:
        return
    if origin and non_public_reason(origin) is not None:
        return  # a feed on the local network may link within it
    raise SourceError(
        f"link points to {reason} ({host}): not fetched; links found in feeds may only lead"
        f" to public hosts (set {ALLOW_ENV}=1 to allow)"
    )
