"""Timelines: the dated events of a story, one per date and sentence, sorted by date.

Dates come from `dates.find_dates` (relative ones resolved from each source's publication date).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..models import Sentence, TimelineEvent
from .dates import dates_by_text, find_dates, parse_published

__all__ = ["MIN_WORDS", "build_timeline", "find_dates", "parse_published"]

_DATELINE_HEAD = re.compile(r"\W*(?:[A-Z][\w.'’-]*[\s,]+){0,4}$")  # "KYIV, ", "NEW YORK, "
_DATELINE_TAIL = re.compile(r",?\s*(?:\([^)]{1,30}\))?\s*[-–—:]\s")  # " (Reuters) - "
_META = re.compile(r"^\s*(?:published|updated|last updated|posted|first published)\b", re.I)


def _dateline(text: str, expression: str) -> bool:
    """Whether the expression sits in a leading dateline ("KYIV, Nov 21 (Reuters) -")."""
    if _META.match(text):
        return True
    at = text.find(expression)
    if not 0 <= at < 40 or not _DATELINE_HEAD.match(text[:at]):
        return False
    return _DATELINE_TAIL.match(text, at + len(expression)) is not None


_WORDS = re.compile(r"\w+")
MIN_WORDS = 4  # words besides the date expression for a sentence to be an event


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORDS.findall(text.casefold()))


def build_timeline(
    sentences: Sequence[Sentence], published: Mapping[str, str | None]
) -> list[TimelineEvent]:
    """Dated events of a story's sentences, sorted by date, each (date, sentence) once.

    A sentence that only repeats the publication date in a dateline or a "Published …" line is
    not an event, nor is one of fewer than `MIN_WORDS` words besides its date ("Donate
    today!"). Copies of a sentence (word Jaccard ≥ 0.7) on the same date give one event, the
    first in input order; events of one date keep input order.
    """
    events: list[TimelineEvent] = []
    seen: dict[str, list[frozenset[str]]] = {}
    days = {source: parse_published(value) for source, value in published.items()}
    dated = dates_by_text([s.text for s in sentences], [days.get(s.source) for s in sentences])
    for index, found in dated.items():  # in input order; sentences without a date are out
        sentence = sentences[index]
        day = days.get(sentence.source)
        done: set[str] = set()
        for resolved, expression in found:
            if resolved in done:
                continue
            if day and resolved == day.isoformat() and _dateline(sentence.text, expression):
                continue
            if len(_WORDS.findall(sentence.text.replace(expression, " "))) < MIN_WORDS:
                continue  # "Donate today!", "Dec. 4, 2017:": a heading or a call, not an event
            words = _words(sentence.text)
            copies = seen.setdefault(resolved, [])
            if any(len(words & w) >= 0.7 * len(words | w) for w in copies):
                continue
            copies.append(words)
            done.add(resolved)
            events.append(
                TimelineEvent(
                    resolved, sentence.text, sentence.source, sentence.position, expression
                )
            )
    return sorted(events, key=lambda e: e.date)
