"""Where and when a figure's sentence puts it: the periods and places it names, and whether a
casualty count is an aside (a part of the toll, or another, earlier event's count)."""

from __future__ import annotations

import re

from .dates import WEEKDAYS
from .figures import Figure

MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
DAY_MONTH = re.compile(
    r"\b(?:(?P<d1>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?P<m1>" + MONTH + r")"
    r"|(?P<m2>" + MONTH + r")\s+(?P<d2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\b(?!:)"
)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\."
WEEKDAY = "(?:" + "|".join(day.title() for day in WEEKDAYS) + ")"
# The periods a sentence names, by kind: years, months, weekdays, weeks. A month is a month only
# beside a day or after a preposition ("22 May", "May 22", "in May"; not "Theresa May").
_PERIOD = re.compile(
    r"\b(?:(?P<y>1[89]\d\d|20\d\d)(?![\d,])"
    r"|(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Pp]revious|[Pp]ast)\s+(?P<unit>year|month|week)"
    r"|(?P<d>" + WEEKDAY + r")"
    r"|(?P<m>" + MONTH + r"|" + _MONTH_ABBR + r")(?=\s+\d)"
    r"|(?:(?<=\d\s)|(?<=\d[snrt][tdh]\s)"
    r"|(?:[Ii]n|[Oo]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Ee]arly|[Ll]ate|[Mm]id|of)[\s-]+)"
    r"(?P<m2>" + MONTH + r")\b)"
)
# A count placed in another, earlier event or period: "the bombing on May 22 that killed 22",
# "killed 17 people in January", "since the Jan. 7-9 attacks", "last year", "two years ago".
_ELSEWHERE = re.compile(
    r"\b[Ii]n\s+(?:early\s+|late\s+|mid-?)?" + MONTH + r"\b(?!\s+\d)"
    r"|\b(?:[Ll]ast|[Pp]revious)\s+(?:year|month)\b|\b[Ee]arlier\s+this\s+(?:year|month)\b"
    r"|\b(?:years?|months?|weeks?|decades?)\s+ago\b|\banniversary\b"
    r"|\b[Ss]ince\s+(?:\S+\s+){0,3}?(?:" + MONTH + r"|" + _MONTH_ABBR + r"|1[89]\d\d|20\d\d)"
)
_WHICH_KILLED = re.compile(r"\b(?:that|which)\s+(?:killed|left|claimed|injured|wounded)\b")
_DATED = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b|" + DAY_MONTH.pattern)
# A part of the toll: one day's or one place's share, or more on top of it.
_PART = re.compile(
    r"\b[Aa]s\s+day\s+broke\b|\b[IiOo]n\s+(?:[\w'’.-]+\s+){1,3}alone\b"
    r"|\b(?:[Pp]er|a|[Ee]ach|[Ee]very)\s+(?:day|week|month|year)\b(?!\s+(?:after|before|later))"
    r"|\b[Dd]aily\b"
)
_MORE = re.compile(r"\s+(?:more|other|additional|further)\b")


# Places a sentence puts its facts in: a name after "in", "near", "off", "outside" or "west of"
# ("off the east coast of Honshu", "west of Panama City", "in the city of Homs").
_PLACE = re.compile(
    r"\b(?:[Ii]n|[Nn]ear|[Oo]ff|[Oo]utside"
    r"|(?:north|south|east|west)(?:-?(?:north|south|east|west))?(?:ern)?\s+of)"
    r"\s+(?:the\s+(?:(?:[a-z]+\s+){0,3}?of\s+(?:the\s+)?)?)?"  # "off the east coast of"
    r"((?:[A-Z](?:[\w'’-]|\.(?=\w))*\s?)+)"
)
_POSSESSIVE = re.compile(r"['’]s?$")  # "Chile's" → "Chile"
_NOT_PLACE = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An New North South East West "
    "Northern Southern Eastern Western Central City County Saint St Port San Los Las El La".split()
)


def named_periods(text: str) -> dict[str, frozenset[str]]:
    """The periods a sentence names, by kind: {"y": {"2019", "last"}, "m": {"may"}, "d": …}."""
    found: dict[str, set[str]] = {}
    for m in _PERIOD.finditer(text):
        if m["y"]:
            kind, value = "y", m["y"]
        elif m["rel"]:
            kind, value = m["unit"][0] if m["unit"] != "week" else "w", m["rel"].lower()
        elif m["d"]:
            kind, value = "d", m["d"][:3].lower()
        else:
            kind, value = "m", (m["m"] or m["m2"])[:3].lower()
        found.setdefault(kind, set()).add(value)
    return {kind: frozenset(values) for kind, values in found.items()}


def named_places(text: str) -> frozenset[str]:
    """The words of the places a sentence names ("in Panama City" → {"Panama"})."""
    words = (_POSSESSIVE.sub("", w) for m in _PLACE.finditer(text) for w in m[1].split())
    return frozenset(w for w in words if w and w not in _NOT_PLACE)


def other_places(
    pi: frozenset[str], pj: frozenset[str], wi: frozenset[str], wj: frozenset[str]
) -> bool:
    """Whether two sentences name places and neither names, anywhere, a place of the other
    ("in Kyiv" / "in Ukraine's capital, Kyiv" is one place)."""
    if not (pi and pj) or not pi.isdisjoint(pj):
        return False
    return all(p.lower() not in wj for p in pi) and all(p.lower() not in wi for p in pj)


def other_periods(a: dict[str, frozenset[str]], b: dict[str, frozenset[str]]) -> bool:
    """Whether two sentences name different periods of one kind ("in 2019" / "in 2024",
    "on Sunday" / "on Friday", "in January" / "last month")."""
    return any(kind in b and values.isdisjoint(b[kind]) for kind, values in a.items())


def more(text: str, figure: Figure) -> bool:
    """Whether a figure counts more on top of another: "three more", "another 12"."""
    before = text[max(0, figure.start - 8) : figure.start]
    return bool(_MORE.match(text, figure.end)) or before.lower() == "another "


def aside(text: str, figure: Figure) -> bool:
    """Whether a casualty count is not the story's own toll: a part of it ("as day broke",
    "on Tuesday alone", "three more"), or a count of another, earlier event ("in January",
    "last year", "since the 2015 attacks", "the bombing on May 22 that killed 22")."""
    if more(text, figure) or _PART.search(text) or _ELSEWHERE.search(text):
        return True
    return bool(_WHICH_KILLED.search(text) and _DATED.search(text))
