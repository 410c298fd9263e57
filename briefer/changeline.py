"""What changed in a story, in one line: new reports, edited articles, revised figures."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Story
    from .sourcenews import SourceNews

MATCH = 0.6  # word similarity (numbers masked) of an edited sentence and the one it replaced
WINDOW = 8  # words either side of a figure that say what it counts
_FIGURE = re.compile(r"\b(\d[\d,.]*\d|\d)\s+([^\W\d]+)")
_NUMBER = re.compile(r"\d[\d,.]*")
_WEAK = {"about", "after", "again", "their", "there", "which", "while", "would", "since"}


def revised_figures(old: Sequence[str], new: Sequence[str]) -> list[tuple[str, str, str]]:
    """(old value, new value, unit word) for each figure the new sentences revise, in order.

    A figure is revised when a new sentence gives a number for the same unit ("26 people") as
    an old sentence ("12 people") and the two either read alike but for numbers (an edit) or
    share a word near the figure that says what is counted ("injured").
    """
    found: list[tuple[str, str, str]] = []
    units: set[str] = set()
    for text in new:
        for now, unit, near in _figures(text):
            if unit in units:
                continue
            for before in old:
                was = _same_count(before, unit, near, now, _alike(before, text))
                if was is not None:
                    found.append((was, now, unit))
                    units.add(unit)
                    break
    return found


def _figures(text: str) -> list[tuple[str, str, set[str]]]:
    """(number, unit word, words near it) of each figure in a sentence."""
    words = re.findall(r"\w+", text.casefold())
    out = []
    for match in _FIGURE.finditer(text):
        number, unit = match.group(1), match.group(2).casefold()
        at = len(re.findall(r"\w+", text[: match.start()].casefold()))
        near = {
            w
            for w in words[max(0, at - WINDOW) : at + WINDOW]
            if len(w) >= 5 and w != unit and w not in _WEAK and not w.isdigit()
        }
        out.append((number, unit, near))
    return out


def _same_count(before: str, unit: str, near: set[str], now: str, alike: bool) -> str | None:
    for was, other_unit, other_near in _figures(before):
        if other_unit == unit and was != now and (alike or near & other_near):
            return was
    return None


def _alike(a: str, b: str) -> bool:
    left, right = (_NUMBER.sub("#", t.casefold()).split() for t in (a, b))
    return SequenceMatcher(None, left, right).ratio() >= MATCH


def change_line(story: Story, parts: Sequence[SourceNews], since: str) -> str:
    """ "2 new reports since 1 Dec 06:00; casualty figure revised from 12 to 26"."""
    reports = sum(1 for n in parts if n.kind == "new" and n.fresh)
    edited = sum(1 for n in parts if n.kind == "changed" and n.fresh)
    said: list[str] = []
    if reports:
        said.append(f"{reports} new report{'s' if reports > 1 else ''}")
    if edited:
        said.append(f"{edited} article{'s' if edited > 1 else ''} updated")
    line = f"{' and '.join(said) or 'new material'} since {since}"
    old = [t for n in parts for p, (_, t) in enumerate(n.record.lines) if p not in n.fresh]
    new = [n.record.lines[p][1] for n in parts for p in n.fresh]
    figures = _revised_disagreements(story, parts) + [
        f"figure revised from {was} to {now} {unit}"
        for was, now, unit in revised_figures([*old, *(t for n in parts for t in n.gone)], new)
    ]
    return "; ".join([line, *dict.fromkeys(figures)])


def _revised_disagreements(story: Story, parts: Sequence[SourceNews]) -> list[str]:
    """A disputed figure whose old value comes from old reports and new value from new ones."""
    old = {n.source.id for n in parts if n.kind == "seen"}
    out = []
    for dispute in story.disagreements:
        before = [v for v in dispute.values if set(v.sources) <= old]
        after = [v for v in dispute.values if not set(v.sources) & old]
        if before and after:
            out.append(f"{dispute.about} revised from {before[0].value} to {after[0].value}")
    return out
