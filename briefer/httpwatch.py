"""urllib handlers for fetching: http(s)-only redirects, and sockets a watchdog can shut.

A download stuck on a peer that trickles bytes is abandoned by the fetch watchdog; shutting the
request's sockets makes the abandoned thread's read fail, so it ends instead of reading on.
"""

from __future__ import annotations

import functools
import http.client
import socket
import urllib.parse
import urllib.request

from .errors import SourceError

SCHEMES = ("http", "https")


class SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only: a page must never redirect us to file:// or ftp://."""

    max_redirections = 5

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in SCHEMES:
            raise SourceError(f"redirected to a non-http(s) URL ({scheme}:)")
        if getattr(req, "briefer_discovered", False):  # a feed's link: redirects are checked too
            from .netguard import check_discovered_link

            check_discovered_link(newurl, getattr(req, "briefer_origin", None))
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.briefer_discovered = getattr(req, "briefer_discovered", False)
            new.briefer_origin = getattr(req, "briefer_origin", None)
            new.briefer_sockets = getattr(req, "briefer_sockets", None)
        return new


def _tracked(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
    """A connection class that records its socket, so a watchdog can close it (see below)."""

    class Tracked(base):  # type: ignore[valid-type,misc]
        def __init__(self, *args: object, sockets: list[socket.socket], **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._briefer_sockets = sockets

        def connect(self) -> None:
            super().connect()
            self._briefer_sockets.append(self.sock)

    return Tracked


_TrackedHTTP = _tracked(http.client.HTTPConnection)
_TrackedHTTPS = _tracked(http.client.HTTPSConnection)


def _sockets_of(request: urllib.request.Request) -> list[socket.socket]:
    found = getattr(request, "briefer_sockets", None)
    return found if found is not None else []  # an empty list is the one to fill in


class WatchedHTTP(urllib.request.HTTPHandler):
    def http_open(self, req):  # type: ignore[no-untyped-def]
        return self.do_open(functools.partial(_TrackedHTTP, sockets=_sockets_of(req)), req)


class WatchedHTTPS(urllib.request.HTTPSHandler):
    def https_open(self, req):  # type: ignore[no-untyped-def]
        kwargs: dict[str, object] = {"context": getattr(self, "_context", None)}
        if hasattr(self, "_check_hostname"):  # Python 3.11 passes it on; later ones do not
            kwargs["check_hostname"] = self._check_hostname
        tracked = functools.partial(_TrackedHTTPS, sockets=_sockets_of(req))
        return self.do_open(tracked, req, **kwargs)


def close_all(sockets: list[socket.socket]) -> None:
    """Wake a thread blocked reading these sockets (it then fails and ends)."""
    for sock in list(sockets):
        try:
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except OSError:
            pass
