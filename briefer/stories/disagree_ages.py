"""Ages of named people that a story's sources give differently ("Jane Doe, 28," / "29-year-old
Jane Doe")."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from .disagree_context import MONTH, WEEKDAY
from .joined import Joined

# Ages of named people: "Geraldine Alcorn, 28," and "29-year-old Geraldine Alcorn".
_AGE_COMMA = re.compile(r", (\d{1,3}),")
_YEAR_OLD = re.compile(r"-year-old ")
_DIGITS_BEFORE = re.compile(r"(?<![\d.,])(\d{1,3})$")
_NAME = r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*"
_NAME_BEFORE = re.compile(r"(?<![\w.])((?:" + _NAME + r"\s)*" + _NAME + r")$")
_NAME_AFTER = re.compile(r"(?:[a-z]+\s){0,2}?(" + _NAME + r"(?:\s" + _NAME + r")+)")
# Capitalised words that are not a first name before a surname ("Mr Smith", "When Smith").
_NOT_FIRST = frozenset(
    "Mr Mrs Ms Miss Dr Sen Rep Gov President Officer Judge Sgt Lt Capt Chief Prof Sir Lord Lady "
    "Dame Father Rev Detective Deputy Attorney General Secretary Minister Mayor Coach Agent The "
    "When But And If As After Before While Since Then So Yet In On At For With By From Of To That "
    "This Said Says Suspect Victim Defendant Constable Inspector Sergeant Captain Lieutenant "
    "Senator Governor Sheriff Professor Doctor Bishop Pope King Queen Prince Princess".split()
)
_MONTH_OR_DAY = re.compile(MONTH + r"|" + WEEKDAY)


def ages(
    texts: Sequence[str], sources: Sequence[Sequence[str]]
) -> list[tuple[str, list[tuple[int, str]]]]:
    """Named people whose ages two sources give differently: (name, [(text index, age)]).

    `texts` are a story's distinct sentence texts, `sources[i]` the sources that carry texts[i].
    """
    joined = Joined(list(texts))  # one scan of the story, not one a text
    said: dict[str, list[tuple[int, str, str]]] = defaultdict(list)  # surname → (i, age, name)
    # Two scans with literal openings (fast): ", 28," and "-year-old " with its digits before.
    marks = [(m.start(), m.end(), m[1], True) for m in _AGE_COMMA.finditer(joined.text)]
    for m in _YEAR_OLD.finditer(joined.text):
        digits = _DIGITS_BEFORE.search(joined.text, max(0, m.start() - 4), m.start())
        if digits is not None:
            marks.append((digits.start(), m.end(), digits[1], False))
    for start, end, age, before in marks:
        i, at = joined.locate(start)
        text = texts[i]
        if before:
            named = _NAME_BEFORE.search(text, max(0, at - 60), at)
        else:
            named = _NAME_AFTER.match(text, at + end - start)
        words = [w for w in named.group(1).split() if w not in _NOT_FIRST] if named else []
        if words and not _MONTH_OR_DAY.fullmatch(words[-1]):
            said[words[-1]].append((i, age, " ".join(words)))
    found = []
    for surname, given in said.items():
        if len({age for _, age, _ in given}) < 2 or not _one_person(texts, surname):
            continue
        by_source: dict[str, set[str]] = defaultdict(set)
        for i, age, _ in given:
            for source in sources[i]:
                by_source[source].add(age)
        # as with figures: two sources disagree only when they share no reading
        if any(x.isdisjoint(y) for x, y in combinations(by_source.values(), 2)):
            full = max((name for _, _, name in given), key=len)
            found.append((full, [(i, age) for i, age, _ in given]))
    return found


def _one_person(texts: Sequence[str], surname: str) -> bool:
    """Whether the story names one person of this surname: at most one first name before it."""
    before = re.compile(r"\b(" + _NAME + r")\s+" + re.escape(surname) + r"\b")
    firsts = {
        m.group(1)
        for text in texts
        if surname in text
        for m in before.finditer(text)
        if m.group(1) not in _NOT_FIRST
    }
    return len(firsts) <= 1
