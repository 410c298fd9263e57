"""Fetching over HTTP from a real server on 127.0.0.1: cache, limits, errors, user agent."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefer.errors import SourceError
from briefer.fetch import Fetcher, check_url, default_cache_dir, user_agent


class Site:
    """A loopback web server: `routes` maps a path to (status, content type, body, headers)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes, dict[str, str]]] = {}
        self.hits: Counter[str] = Counter()
        self.agents: list[str] = []
        self.delay = 0.0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                site.hits[self.path] += 1
                site.agents.append(self.headers.get("User-Agent", ""))
                status, ctype, body, headers = site.routes.get(
                    self.path, (404, "text/plain", b"not found", {})
                )
                etag = headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                if site.delay:
                    time.sleep(site.delay)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout, size limit): that is the test

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(
        self,
        path: str,
        body: bytes | str,
        ctype: str = "text/html; charset=utf-8",
        status: int = 200,
        **headers: str,
    ) -> str:
        """Serve `body` at `path`; returns the full URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (
            status,
            ctype,
            data,
            {k.replace("_", "-"): v for k, v in headers.items()},
        )
        return self.base + path


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """A running loopback server (no proxy in the way)."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    server = Site()
    thread = threading.Thread(target=server.server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def fetcher(tmp_path: Path) -> Fetcher:
    return Fetcher(cache_dir=tmp_path / "cache", timeout=2.0)


def test_fetch_returns_body_type_and_agent(site: Site, fetcher: Fetcher) -> None:
    url = site.add("/a", "<html>café</html>")
    response = fetcher.fetch(url)
    assert response.data == "<html>café</html>".encode()
    assert response.content_type == "text/html; charset=utf-8"
    assert response.charset == "utf-8"
    assert response.final_url == url and not response.from_cache
    assert site.agents == [user_agent()]
    assert user_agent().startswith("briefer/") and "(+offline news brief tool)" in user_agent()


def test_cache_means_a_rerun_does_not_fetch_again(site: Site, tmp_path: Path) -> None:
    url = site.add("/story", "<p>story</p>")
    first = Fetcher(cache_dir=tmp_path / "c").fetch(url)
    second = Fetcher(cache_dir=tmp_path / "c").fetch(url)  # a new run, same cache folder
    assert site.hits["/story"] == 1
    assert second.from_cache and second.data == first.data
    assert second.content_type == first.content_type and second.final_url == url


def test_no_cache_fetches_every_time(site: Site, tmp_path: Path) -> None:
    url = site.add("/story", "<p>story</p>")
    fetcher = Fetcher(cache_dir=tmp_path / "c", use_cache=False)
    fetcher.fetch(url)
    fetcher.fetch(url)
    assert site.hits["/story"] == 2 and fetcher.requests == 2
    assert not (tmp_path / "c").exists()


def test_stale_entry_is_revalidated_with_etag(site: Site, tmp_path: Path) -> None:
    url = site.add("/feed.xml", "<rss/>", "application/rss+xml", ETag='"v1"')
    fetcher = Fetcher(cache_dir=tmp_path / "c", feed_max_age=0.0)
    fetcher.fetch(url)
    again = fetcher.fetch(url)  # feeds go stale at once here: a conditional request, 304
    assert site.hits["/feed.xml"] == 2 and again.data == b"<rss/>" and again.from_cache


def test_redirect_records_final_url_and_caches_it(site: Site, fetcher: Fetcher) -> None:
    target = site.add("/final", "<p>moved here</p>")
    start = site.add("/old", b"", status=301, Location=target)
    response = fetcher.fetch(start)
    assert response.final_url == target and response.data == b"<p>moved here</p>"
    assert fetcher.fetch(start).final_url == target and site.hits["/old"] == 1


def test_redirect_to_file_url_is_refused(site: Site, fetcher: Fetcher) -> None:
    url = site.add("/evil", b"", status=302, Location="file:///etc/passwd")
    with pytest.raises(SourceError, match="redirect|file"):
        fetcher.fetch(url)


@pytest.mark.parametrize(
    "url, message",
    [
        ("file:///etc/passwd", "file:// URLs are not fetched"),
        ("ftp://example.org/a", "only http and https"),
        ("http:///nohost", "no host"),
    ],
)
def test_only_http_and_https(url: str, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        check_url(url)


def test_http_error_is_one_line(site: Site, fetcher: Fetcher) -> None:
    with pytest.raises(SourceError) as info:
        fetcher.fetch(site.base + "/missing")
    assert str(info.value) == "HTTP 404 Not Found"
    assert "\n" not in str(info.value)


def test_errors_are_not_cached(site: Site, fetcher: Fetcher) -> None:
    url = site.add("/flaky", "down", status=503)
    for _ in range(2):
        with pytest.raises(SourceError, match="HTTP 503"):
            fetcher.fetch(url)
    assert site.hits["/flaky"] == 2


def test_connection_refused(fetcher: Fetcher) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(SourceError, match="^connection refused$"):
        fetcher.fetch(f"http://127.0.0.1:{port}/x")


def test_timeout(site: Site, tmp_path: Path) -> None:
    url = site.add("/slow", "<p>late</p>")
    site.delay = 1.0
    with pytest.raises(SourceError, match=r"^timed out after 0.3 s$"):
        Fetcher(cache_dir=tmp_path, timeout=0.3).fetch(url)


def test_size_limit(site: Site, tmp_path: Path) -> None:
    url = site.add("/big", b"x" * 5000, "text/plain")
    with pytest.raises(SourceError, match="download limit"):
        Fetcher(cache_dir=tmp_path, max_bytes=1000).fetch(url)
    assert Fetcher(cache_dir=tmp_path, max_bytes=5000).fetch(url).data == b"x" * 5000


def test_unwritable_cache_does_not_fail_the_fetch(site: Site, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    url = site.add("/a", "<p>a</p>")
    assert Fetcher(cache_dir=blocker / "cache").fetch(url).data == b"<p>a</p>"


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BRIEFER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "briefer"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "briefer"
    monkeypatch.delenv("HOME")  # cron with `env -i`: no HOME at all
    assert "briefer-cache" in default_cache_dir().name
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "mine"))
    assert default_cache_dir() == tmp_path / "mine"
