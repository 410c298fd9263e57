"""Property-based tests (hypothesis): the splitter loses no character, every selected sentence
survives into every output format (control characters aside), rendering never raises."""

from __future__ import annotations

import io
import json
import os
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefer.models import Brief, BriefSection, BriefSentence, BriefStats, Source, SourceFailure
from briefer.render import render_bytes
from briefer.render.common import strip_control
from briefer.text import clean_text, split_paragraphs, split_sentences

FORMATS = ("md", "html", "json", "docx", "pdf")
# Small counts keep the suite fast; BRIEFER_PROPERTY_SCALE=50 runs a long search by hand.
SCALE = max(1, int(os.environ.get("BRIEFER_PROPERTY_SCALE", "1")))
FAST = settings(
    max_examples=60 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
SLOW = settings(
    max_examples=12 * SCALE,
    deadline=None,  # a PDF + DOCX per example: ~0.3 s each
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Characters real news text carries, plus everything that is special to some output format.
MARKUP = "<>&;\"'{}%#*_[]()\\`!|~=+-/.,:?$@^"
LETTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "éèüößçñøåÉÜÇ"  # Latin-1 letters
    "ąęłśźżĄŁŚ"  # Latin Extended
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяЖЩЯЇїєі"  # Cyrillic
    "αβγδεζηθλμπσωΩΣ"  # Greek
    "אבגדהוזחטיכלמנסעפצקרשת"  # Hebrew (right to left)
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"  # Arabic (right to left)
    "“”‘’«»–—…€£°§©™•·"
)
CONTROLS = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9f"
SPACES = "      \t\n"

sentence_text = st.text(
    alphabet=st.sampled_from(LETTERS + MARKUP + SPACES + CONTROLS), min_size=1, max_size=160
).filter(lambda t: squash(strip_control(t)))
raw_text = st.text(
    alphabet=st.sampled_from(LETTERS + MARKUP + SPACES + CONTROLS + "\r\n\n"), max_size=600
)


def squash(text: str) -> str:
    """Text with all whitespace removed (layout may move line breaks and spaces)."""
    return "".join(text.split())


# --- the splitter --------------------------------------------------------------------------------


@FAST
@given(raw_text)
def test_splitter_never_loses_a_character(text: str) -> None:
    sentences = split_sentences(text, keep_boilerplate=True)  # the filter drops text on purpose
    assert squash("".join(sentences)) == squash(clean_text(text))
    assert all(s == s.strip() and s for s in sentences)


@FAST
@given(
    st.lists(
        st.sampled_from(
            [
                "The U.S. Army said so.",
                "Dr. Smith arrived at 3 p.m. on Friday.",
                "It rose 2.5 percent!",
                "Was it real?",
                "“Yes,” he said.",
                "Ukraine's air force... reported.",
                "Є нова ракета.",
                "AT&T said <10% of 5 > 3.",
                "",
                "\n\n",
                "word " * 30,
            ]
        ),
        max_size=12,
    )
)
def test_splitter_on_newsy_paragraphs(parts: list[str]) -> None:
    text = " ".join(parts)
    joined = "".join(split_sentences(text))
    assert squash(joined) == squash(clean_text(text))
    assert squash("".join(split_paragraphs(text))) == squash(clean_text(text))


# --- the renderers --------------------------------------------------------------------------------


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def extract_text(fmt: str, data: bytes) -> str:
    """What a reader of the file sees, as plain text (Markdown escapes and HTML entities undone)."""
    if fmt == "md":
        return re.sub(r"\\(.)", r"\1", data.decode("utf-8"))
    if fmt == "html":
        parser = _Text()
        parser.feed(data.decode("utf-8"))
        parser.close()
        return " ".join(parser.parts)
    if fmt == "json":  # JSON is data and keeps control characters: compare without them
        return strip_control(" ".join(_strings(json.loads(data))))
    if fmt == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
        return " ".join(parts)
    if fmt == "pdf":
        from pypdf import PdfReader

        return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    raise ValueError(fmt)


def make_brief(texts: list[str], title: str = "Brief", key_points: int = 1) -> Brief:
    """A Brief holding `texts` as sentences (the first `key_points` as key points)."""
    sents = [BriefSentence(text=t, source="s1", position=i, score=0.5) for i, t in enumerate(texts)]
    half = key_points + (len(sents) - key_points) // 2
    sections = (
        BriefSection(
            id="one",
            title="One",
            sentences=tuple(sents[key_points:half]),
            candidates=len(sents),
            sources=1,
        ),
        BriefSection(
            id="two", title="Two", sentences=tuple(sents[half:]), candidates=len(sents), sources=1
        ),
    )
    return Brief(
        title=title,
        created=datetime(2026, 11, 26, 6, 0, tzinfo=UTC),
        profile="p",
        method="lead",
        language="english",
        sections=sections,
        sources=(
            Source(
                id="s1",
                location="https://example.org/a?b=1&c=<2>",
                title=title,
                url="https://example.org/a?b=1&c=2",
                sentences=len(texts),
            ),
        ),
        stats=BriefStats(
            sources=1,
            sentences_read=len(texts),
            words_read=1,
            sentences_selected=len(texts),
            words_selected=1,
        ),
        key_points=tuple(sents[:key_points]),
        failures=(SourceFailure("javascript:alert(1)", "<b>not read</b>"),),
    )


def visible(text: str) -> str:
    """A sentence as every format must show it: control characters dropped, spaces free."""
    return squash(strip_control(text))


_RTL = re.compile("[\u0590-\u08ff]")


def shown_in(text: str, shown: str, fmt: str) -> bool:
    """Whether `text` is in the extracted `shown` text of a `fmt` file.

    pypdf extracts right-to-left runs in visual order, so for PDF text with Hebrew or Arabic
    only the characters (with their counts) are compared, not their order.
    """
    want = visible(text)
    if fmt == "pdf" and _RTL.search(want):
        from collections import Counter

        return not Counter(want) - Counter(shown)
    return want in shown


@SLOW
@given(st.lists(sentence_text, min_size=1, max_size=5), sentence_text)
def test_every_character_survives_into_every_format(texts: list[str], title: str) -> None:
    brief = make_brief(texts, title=title)
    for fmt in FORMATS:
        shown = squash(extract_text(fmt, render_bytes(brief, fmt)))
        for text in texts:
            assert shown_in(text, shown, fmt), (fmt, text)


@FAST
@given(st.lists(sentence_text, min_size=0, max_size=4), sentence_text)
def test_text_formats_never_raise_and_keep_every_character(texts: list[str], title: str) -> None:
    brief = make_brief(texts, title=title, key_points=min(1, len(texts)))
    for fmt in ("md", "html", "json"):
        shown = squash(extract_text(fmt, render_bytes(brief, fmt)))
        for text in texts:
            assert visible(text) in shown, (fmt, text)
        assert visible(title) in shown


@settings(max_examples=25 * SCALE, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_rendering_any_unicode_never_raises(text: str, title: str) -> None:
    """Any code point at all (surrogates, private use, non-characters): no renderer raises."""
    brief = make_brief([text or "x"], title=title, key_points=0)
    for fmt in FORMATS:
        assert render_bytes(brief, fmt)
