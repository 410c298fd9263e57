"""Shared fixtures."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from briefer.models import (
    Brief,
    BriefSection,
    BriefSentence,
    BriefStats,
    Source,
    SourceFailure,
)

# Sentences chosen to break naive renderers: markup characters, Cyrillic, curly quotes, template
# syntax, a control character. Renderers must show each exactly (control characters stripped).
HOSTILE_SENTENCES = {
    "markup": "AT&T said <10% of 5 > 3 users, and <b>bold</b> claims stayed plain.",
    "cyrillic": "Президент України Володимир Зеленський закликав союзників посилити ППО.",
    "curly": "Ukraine’s defence minister called the “Oreshnik” launch a serious escalation.",
    "template": "Analysts wrote {{ 7*7 }} and {% raw %} in their notes, not code.",
    "control": "The ministry\x0b confirmed the\x00 figures on Friday.",
    "script": "A page tried <script>alert('x')</script> and [a link](javascript:alert(1)).",
}
CONTROL_CLEAN = "The ministry confirmed the figures on Friday."


def _sent(text: str, source: str, position: int, also_in: tuple[str, ...] = ()) -> BriefSentence:
    return BriefSentence(text=text, source=source, position=position, also_in=also_in, score=0.5)


@pytest.fixture
def sample_brief() -> Brief:
    """A Brief built directly from the models: sections, key points, three sources, hostile text."""
    h = HOSTILE_SENTENCES
    sources = (
        Source(
            id="s1",
            location="https://news.example.org/dnipro-strike?id=7&lang=en",
            title="Ukraine seeks air defences after “Oreshnik” strike",
            outlet="Example News",
            author="Jane Doe",
            published="2026-11-25",
            url="https://news.example.org/dnipro-strike?id=7&lang=en",
            sentences=14,
            words=380,
        ),
        Source(
            id="s2",
            location="examples/kyiv-wire.txt",
            title="Київ: реакція союзників",
            outlet=None,
            sentences=9,
            words=210,
            duplicates=("examples/kyiv-wire.html",),
        ),
        Source(
            id="s3",
            location="https://wire.example.com/story/42",
            title=None,
            outlet="Example Wire",
            url="https://wire.example.com/story/42",
            sentences=11,
            words=260,
        ),
    )
    key_points = (
        _sent(
            "Russia fired a new intermediate-range missile at Dnipro on Thursday.", "s1", 0, ("s3",)
        ),
        _sent(h["curly"], "s1", 2),
    )
    sections = (
        BriefSection(
            id="strike",
            title="The strike",
            candidates=5,
            sources=2,
            sentences=(
                _sent(
                    "The missile hit an industrial site in the city of Dnipro.",
                    "s1",
                    1,
                    ("s2", "s3"),
                ),
                _sent(h["markup"], "s3", 4),
            ),
        ),
        BriefSection(
            id="air-defense-appeal",
            title="The air-defense appeal",
            candidates=4,
            sources=2,
            sentences=(
                _sent(h["cyrillic"], "s2", 0),
                _sent(h["template"], "s1", 5),
                _sent(h["control"], "s3", 6),
            ),
        ),
        BriefSection(
            id="diplomatic-reactions",
            title="Diplomatic reactions",
            candidates=3,
            sources=3,
            sentences=(_sent(h["script"], "s2", 3),),
        ),
        BriefSection(
            id="us-outlook", title="The US outlook", candidates=0, sources=0, sentences=()
        ),
    )
    selected = key_points + tuple(s for sec in sections for s in sec.sentences)
    return Brief(
        title="Ukraine air defence — morning brief",
        created=datetime(2026, 11, 26, 6, 0, tzinfo=UTC),
        profile="ukraine-air-defense",
        method="lexrank",
        language="english",
        sections=sections,
        sources=sources,
        stats=BriefStats(
            sources=3,
            sentences_read=34,
            words_read=850,
            sentences_selected=len(selected),
            words_selected=sum(len(s.text.split()) for s in selected),
        ),
        key_points=key_points,
        marking="OFFICIAL — FOR INTERNAL USE",
        failures=(SourceFailure(location="https://dead.example.net/a", reason="HTTP 404"),),
    )


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test: fetch cache in a temp folder, and no connection beyond loopback."""
    import socket

    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and not (str(host).startswith("127.") or host in ("::1", "localhost")):
            raise OSError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def single_threaded() -> None:
    """Wait for threads earlier tests' servers left finishing (a slow handler's last second):
    forking is only done from a single-threaded process. Skips where it still cannot fork."""
    import threading

    from briefer.forked import can_fork

    for thread in threading.enumerate():
        if thread is not threading.main_thread():
            thread.join(timeout=10)
    if not can_fork():
        pytest.skip("forking is not safe here (one core, or a thread that does not end)")


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pid of every child forked during the test."""
    import os

    children: list[int] = []
    real_fork = os.fork

    def recording_fork() -> int:
        pid = real_fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recording_fork)
    return children
