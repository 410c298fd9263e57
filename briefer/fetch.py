"""HTTP(S) fetching with a timeout, a size limit, a clear user agent and an on-disk cache."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import stat
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import SourceError
from .options import DEFAULT_TIMEOUT  # seconds per connect / read (one home for defaults)

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # larger downloads are refused
PAGE_MAX_AGE = 7 * 24 * 3600.0  # articles rarely change: reuse a cached copy for a week
FEED_MAX_AGE = 15 * 60.0  # feeds change all day: revalidate after 15 minutes
_CHUNK = 64 * 1024
_FEED_TYPES = ("rss", "atom", "rdf", "/xml", "+xml")


def _version() -> str:
    import briefer

    found = getattr(briefer, "__version__", None)
    if found:
        return str(found)
    try:
        from importlib.metadata import version

        return version("briefer")
    except Exception:  # not installed (running from a checkout): still a useful agent string
        return "0"


def user_agent() -> str:
    """The User-Agent sent with every request."""
    return f"briefer/{_version()} (+offline news brief tool)"


def default_cache_dir() -> Path:
    """$BRIEFER_CACHE_DIR, else $XDG_CACHE_HOME/briefer, else ~/.cache/briefer, else a temp dir."""
    if os.environ.get("BRIEFER_CACHE_DIR"):
        return Path(os.environ["BRIEFER_CACHE_DIR"]).expanduser()
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "briefer"
    home = os.environ.get("HOME")
    if home and home != "/":  # cron's `env -i` leaves no HOME; some daemons get "/"
        return Path(home) / ".cache" / "briefer"
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"briefer-cache-{uid}"


def check_url(url: str) -> str:
    """The URL if it is http(s) with a host, else a SourceError saying what is allowed."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        raise SourceError("not a valid URL") from None
    from .httpwatch import SCHEMES

    scheme = parts.scheme.lower()
    if scheme == "file":
        raise SourceError("file:// URLs are not fetched; give the local path instead")
    if scheme not in SCHEMES:
        raise SourceError(f"only http and https URLs are fetched, not {scheme or 'this'}:")
    if not parts.hostname:
        raise SourceError("URL has no host name")
    return url


@dataclass(frozen=True)
class Response:
    """A fetched (or cached) body with its content type and the URL it finally came from."""

    url: str  # as requested
    final_url: str  # after redirects
    content_type: str  # the Content-Type header as sent ("" when absent)
    data: bytes
    from_cache: bool = False

    @property
    def charset(self) -> str | None:
        """The charset parameter of the Content-Type, if any."""
        return content_charset(self.content_type)


def content_charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header value, lower-cased, if any."""
    for param in content_type.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return None


@dataclass
class Fetcher:
    """Fetches http(s) URLs through an on-disk cache; thread-safe, one instance per run."""

    cache_dir: Path | None = None  # None: default_cache_dir()
    use_cache: bool = True
    timeout: float = DEFAULT_TIMEOUT
    # Total seconds for one download, however the server paces its bytes (None: 3 × timeout,
    # at least 30 s). Enforced by a watchdog, so a byte every few seconds cannot stretch it.
    total_timeout: float | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_age: float = PAGE_MAX_AGE
    feed_max_age: float = FEED_MAX_AGE
    agent: str = field(default_factory=user_agent)
    requests: int = field(default=0, init=False)  # network requests made (not cache hits)
    _lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        if self.cache_dir is None:
            self.cache_dir = default_cache_dir()
        self.cache_dir = Path(self.cache_dir).expanduser()
        self._opener: Any = None  # built on the first download: local files need no HTTP stack
        self._cache_checked = False

    # --- public -------------------------------------------------------------------------------

    @property
    def total_seconds(self) -> float:
        """The total time one download may take."""
        if self.total_timeout is not None:
            return self.total_timeout
        return max(3 * self.timeout, 30.0)

    def fetch(self, url: str, *, discovered: bool = False, origin: str | None = None) -> Response:
        """The body of `url`: from the cache when fresh, else from the network (SourceError).

        `discovered`: the link was found in `origin`'s content (a feed item), not given by the
        user, so it (and every redirect) must lead to a public host (briefer.netguard).
        """
        check_url(url)
        if discovered:
            from .netguard import check_discovered_link

            check_discovered_link(url, origin)
        cached = self._load(url) if self._cache_usable() else None
        if cached is not None:
            response, meta = cached
            if time.time() - float(meta.get("fetched", 0)) <= self._max_age(response):
                return response
            fresh = self._download(url, meta, discovered, origin)  # stale: revalidate
            if fresh is None:  # 304 keeps the cached body
                self._store(response, {**meta, "fetched": time.time()})
                return response
        else:
            fresh = self._download(url, {}, discovered, origin)
            assert fresh is not None  # no validators were sent, so no 304
        response, meta = fresh
        if self._cache_usable():
            self._store(response, meta)
        return response

    def cache_path(self, url: str) -> Path:
        """Where the cached copy of `url` lives (it may not exist)."""
        assert self.cache_dir is not None
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.cache_dir / digest[:2] / f"{digest}.http"

    # --- network ------------------------------------------------------------------------------

    def _download(
        self, url: str, meta: dict, discovered: bool = False, origin: str | None = None
    ) -> tuple[Response, dict] | None:
        """One download under the total deadline (a watchdog thread: see briefer.watchdog)."""
        from .httpwatch import close_all
        from .watchdog import call_with_deadline

        total = self.total_seconds
        deadline = time.monotonic() + total
        sockets: list[socket.socket] = []

        def give_up() -> SourceError:
            close_all(sockets)  # the abandoned thread ends instead of reading on for ever
            return SourceError(f"download took longer than {total:g} s (the server is too slow)")

        return call_with_deadline(
            lambda: self._download_now(url, meta, discovered, origin, deadline, sockets),
            total,
            give_up,
            name="briefer-fetch",
        )

    def _download_now(
        self,
        url: str,
        meta: dict,
        discovered: bool,
        origin: str | None,
        deadline: float,
        sockets: list[socket.socket],
    ) -> tuple[Response, dict] | None:
        import http.client
        import urllib.error
        import urllib.request

        headers = {
            "User-Agent": self.agent,
            "Accept-Encoding": "identity",
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,"
            "application/pdf,*/*;q=0.8",
        }
        if meta.get("etag"):
            headers["If-None-Match"] = meta["etag"]
        if meta.get("last_modified"):
            headers["If-Modified-Since"] = meta["last_modified"]
        request = urllib.request.Request(url, headers=headers)
        request.briefer_discovered = discovered  # type: ignore[attr-defined]
        request.briefer_origin = origin  # type: ignore[attr-defined]
        request.briefer_sockets = sockets  # type: ignore[attr-defined]
        with self._lock:
            self.requests += 1
            if self._opener is None:
                from .httpwatch import SafeRedirects, WatchedHTTP, WatchedHTTPS

                handlers = (SafeRedirects(), WatchedHTTP(), WatchedHTTPS())
                self._opener = urllib.request.build_opener(*handlers)
        log.debug("fetching %s", url)
        try:
            with self._opener.open(request, timeout=self.timeout) as reply:
                length = reply.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > self.max_bytes:
                    raise SourceError(self._too_big())
                chunks: list[bytes] = []
                size = 0
                while True:
                    chunk = reply.read1(_CHUNK)  # what has arrived: the deadline is checked often
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise SourceError(self._too_big())
                    if time.monotonic() > deadline:
                        raise SourceError(f"download took longer than {self.total_seconds:g} s")
                    chunks.append(chunk)
                if length and length.isdigit() and size < int(length):
                    # The connection closed early: a truncated article must not be briefed
                    # (or cached) as if it were whole.
                    raise SourceError(
                        f"incomplete download: {size:,} of {int(length):,} bytes"
                        " (the connection closed early)"
                    )
                response = Response(
                    url=url,
                    final_url=reply.geturl() or url,
                    content_type=reply.headers.get("Content-Type", ""),
                    data=b"".join(chunks),
                )
                new_meta = {
                    "etag": reply.headers.get("ETag"),
                    "last_modified": reply.headers.get("Last-Modified"),
                }
        except urllib.error.HTTPError as exc:
            if exc.code == 304 and meta:
                return None
            reason = f" {exc.reason}" if exc.reason and str(exc.reason) != str(exc.code) else ""
            raise SourceError(f"HTTP {exc.code}{reason}") from None
        except urllib.error.URLError as exc:
            raise SourceError(self._describe(exc.reason)) from None
        except (http.client.HTTPException, OSError) as exc:
            raise SourceError(self._describe(exc)) from None
        except ValueError as exc:  # e.g. a malformed port
            raise SourceError(f"bad URL: {exc}") from None
        new_meta.update(
            url=url,
            final_url=response.final_url,
            content_type=response.content_type,
            fetched=time.time(),
        )
        return response, new_meta

    def _describe(self, reason: object) -> str:
        """One line for a network failure."""
        import http.client
        import ssl

        if isinstance(reason, (TimeoutError, socket.timeout)):
            return f"timed out after {self.timeout:g} s"
        if isinstance(reason, ConnectionRefusedError):
            return "connection refused"
        if isinstance(reason, ConnectionResetError):
            return "connection reset by the server"
        if isinstance(reason, socket.gaierror):
            return "host not found"
        if isinstance(reason, ssl.SSLCertVerificationError):
            return f"TLS certificate not trusted: {reason.verify_message}"
        if isinstance(reason, ssl.SSLError):
            return f"TLS error: {reason.reason or reason}"
        if isinstance(reason, http.client.HTTPException):
            return f"bad HTTP response ({type(reason).__name__})"
        if isinstance(reason, OSError) and reason.strerror:
            return reason.strerror.lower()
        return str(reason) or type(reason).__name__

    def _too_big(self) -> str:
        return f"larger than the {self.max_bytes / (1024 * 1024):g} MB download limit"

    def _max_age(self, response: Response) -> float:
        kind = response.content_type.split(";")[0].strip().lower()
        is_feed = any(mark in kind for mark in _FEED_TYPES) and "xhtml" not in kind
        return self.feed_max_age if is_feed else self.max_age

    def _cache_usable(self) -> bool:
        """Whether to use the cache: on, and its folder ours and private (checked once)."""
        if not self.use_cache:
            return False
        if not self._cache_checked:
            with self._lock:
                if not self._cache_checked:
                    assert self.cache_dir is not None
                    problem = cache_dir_problem(self.cache_dir)
                    if problem:
                        log.warning("not using the fetch cache %s: %s", self.cache_dir, problem)
                        self.use_cache = False
                    self._cache_checked = True
        return self.use_cache

    # --- cache: one file per URL, a JSON header line then the body, replaced atomically ---------

    def _load(self, url: str) -> tuple[Response, dict] | None:
        path = self.cache_path(url)
        try:
            raw = path.read_bytes()
            header, _, body = raw.partition(b"\n")
            meta = json.loads(header)
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or meta.get("size") != len(body):
            return None  # hash collision or a torn file: treat as absent
        response = Response(
            url=url,
            final_url=meta.get("final_url") or url,
            content_type=meta.get("content_type") or "",
            data=body,
            from_cache=True,
        )
        return response, meta

    def _store(self, response: Response, meta: dict) -> None:
        path = self.cache_path(response.url)
        meta = {**meta, "size": len(response.data)}
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(json.dumps(meta).encode("utf-8") + b"\n" + response.data)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:  # a read-only or full cache must not fail the brief
            log.warning("cannot write the fetch cache in %s: %s", self.cache_dir, exc)


def cache_dir_problem(folder: Path) -> str | None:
    """Why `folder` cannot be trusted as a cache (None when it can); creates it (mode 0700).

    Cached bodies are briefed as if fetched: a folder another user owns or may write to (a
    shared /tmp, say) would let them plant articles. Such a folder is not used.
    """
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError as exc:
        return f"cannot create it ({(exc.strerror or str(exc)).lower()})"
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        return "it is not a folder (a symbolic link?)"
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return f"it belongs to another user (uid {info.st_uid})"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"others may write to it (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def deadline_s(timeout: float) -> str:
    """The total download time limit for a per-operation timeout, as text."""
    return f"{max(3 * timeout, 30.0):g}"


_DEFAULTS: dict[Path, Fetcher] = {}
_DEFAULT_LOCK = threading.Lock()


def default_fetcher() -> Fetcher:
    """A shared Fetcher with default settings for the current default_cache_dir()."""
    where = default_cache_dir()  # looked up each time: tests and jobs change the environment
    with _DEFAULT_LOCK:
        if where not in _DEFAULTS:
            _DEFAULTS[where] = Fetcher(cache_dir=where)
        return _DEFAULTS[where]


def fetch(url: str) -> Response:
    """Fetch `url` with the default Fetcher (cache in default_cache_dir())."""
    return default_fetcher().fetch(url)
