"""Date expressions in English news sentences, resolved to absolute dates.

Our own regular expressions over the stdlib calendar rather than `dateparser`: dateparser's
`search_dates` takes about 0.8 ms a sentence (20 s for a brief of 25,000 sentences) and finds
"sat", "we", "may" and ages ("22, of") as dates. English only: other languages give no dates.

Resolution rules (documented in `find_dates`): a named weekday means the most recent such day on
or before publication, or the next one after it when the sentence speaks of the future; a day and
month without a year take the year that puts them nearest the publication date (a future date
must be three times nearer than the past one); "last week" / "this week" / "next week" mean that
week's Monday; "last month" etc. give "YYYY-MM". Years alone ("in 2019", "last year") are too
coarse for a timeline and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from .joined import Joined

__all__ = ["dates_by_text", "find_dates", "parse_published"]

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
_FULL_MONTHS = {name for name in _MONTHS if len(name) > 4} | {"may", "june", "july"}
# "Black Friday", "Super Tuesday", "Bloody Sunday": named days, not the last such weekday.
_DAY_NAMES = {"black", "good", "cyber", "super", "ash", "holy", "bloody", "easter", "palm",
              "maundy", "shrove", "giving", "mad", "whit", "low", "fat"}  # fmt: skip
_MONTH_LEADS = {"in", "since", "until", "by", "from", "during", "of", "early", "late", "mid",
                "last", "this", "next", "on", "end", "before", "after", "through", "between",
                "and", "or", "till", "throughout", "around", "about"}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip

_MONTH = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAY = r"(?P<{g}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>1[89]\d\d|20\d\d)"
_WEEKDAY = "(?P<wd>" + "|".join(day.title() for day in WEEKDAYS) + ")(?:'s|’s)?"
_PART = r"(?:\s+(?i:morning|afternoon|evening|night))?"
_ISO_DATE = (
    r"(?P<iso>\b" + _YEAR.format(g="iy") + r"-(?P<im>0[1-9]|1[0-2])-(?P<id>[0-2]\d|3[01])\b)"
)
_MONTH_PREP = r"(?P<mp>(?i:in|since|until|by|from|during|early|late|mid|end of))"
_DAY_PREP = r"(?P<wp>(?i:on|last|this|next|since|by|until|from|late|early|overnight))"
_PATTERN = re.compile(
    "|".join(
        [
            _ISO_DATE,
            # "Monday, November 18, 2024" / "18 November 2024" / "Nov. 18": the weekday is kept
            r"(?P<dm>\b(?:" + _WEEKDAY.replace("wd", "w1") + r",?\s+)?(?:the\s+)?"
            + _DAY.format(g="d1") + r"\s+(?:of\s+)?" + _MONTH.format(g="m1")
            + r"(?:,?\s+" + _YEAR.format(g="y1") + r")?(?![\w-]))",
            r"(?P<md>\b(?:" + _WEEKDAY.replace("wd", "w2") + r",?\s+)?" + _MONTH.format(g="m2")
            + r"\s+" + _DAY.format(g="d2") + r"(?![\d:.,]\d|\w|\s*(?:%|per\s?cent|-))"
            + r"(?:,?\s+" + _YEAR.format(g="y2") + r"(?!\w))?)",
            r"(?P<my>\b(?:" + _MONTH_PREP + r"[\s-]+)?" + _MONTH.format(g="m3")
            + r"(?:\s+" + _YEAR.format(g="y3") + r")?(?![\w-])(?!\.?\s+\d))",
            # "Monday, November 18" is read from its month
            r"(?P<wk>\b(?:" + _DAY_PREP + r"\s+)?" + _WEEKDAY + _PART
            + r"(?![\w-])(?!,?\s+(?:the\s+)?(?:\d|" + _MONTH.format(g="m4") + r")))",
            r"(?P<rel>\b(?i:yesterday|today|tonight|tomorrow|last night|this morning)\b)",
            r"(?P<per>\b(?P<pq>(?i:last|this|next))\s+(?P<pu>(?i:week|month))\b)",
            r"(?P<ago>\b(?P<an>\d{1,2}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten))"
            r"\s+(?P<au>days?|weeks?)\s+ago\b)",
        ]
    )
)  # fmt: skip
# The full pattern is slow to run over every position of every sentence (≈50 µs a sentence).
# Dates hang on a capitalised month or weekday name or on a few relative words: those are found
# by a scan whose first characters are rare (capitals) or by plain substring tests, and the
# pattern is only tried, anchored, at the word starts just before each (25,000 sentences in
# a fraction of the time).
_CAPITAL_ANCHOR = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|"
                             r"Thu|Fri|Sat|Sun)")  # fmt: skip
_WORD_ANCHORS = ("esterday", "oday", "onight", "omorrow", "ast night", "his morning", "week",
                 "month", " ago")  # fmt: skip
_ISO = re.compile(r"(?:19|20)\d\d-\d\d-\d\d")
_WORD_START = re.compile(r"(?<![\w'’])\w")
_REACH = 32  # characters before an anchor where its expression can start ("on the 18th of")
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|'ll|’ll|due|expected|scheduled|set to|plans? to|planned|going to|"
    r"to be held|to hold|to meet|to vote|upcoming|next|is to|are to|forecast)\b",
    re.IGNORECASE,
)
_PAST_CUE = re.compile(r"\b(?:said|says|told|was|were|had|did|ago|earlier|last)\b", re.IGNORECASE)
# Month names that are also names or verbs need a preposition, a day or a year beside them.
_NAMEY_MONTHS = {"may", "march", "june", "april", "august", "jan", "mar", "sep", "oct"}


def parse_published(value: str | None) -> date | None:
    """The calendar date of an ISO 8601 date or datetime string (None when absent or invalid)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _month(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _nearest_year(month: int, day: int, published: date) -> date | None:
    """The date with that month and day nearest to publication (ties go to the past)."""
    best: tuple[int, date] | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        # Past dates are likelier in news: a future one must be three times nearer to win.
        days = (candidate - published).days
        distance = days * 3 if days > 0 else -days
        if best is None or distance < best[0]:
            best = (distance, candidate)
    return best[1] if best else None


def _nearest_month(month: int, published: date) -> str:
    """ "YYYY-MM" of the month nearest publication (a month ahead or up to ten behind)."""
    year = published.year
    if month > published.month + 1:
        year -= 1
    elif month < published.month - 10:
        year += 1
    return f"{year:04d}-{month:02d}"


def _shift_month(published: date, months: int) -> str:
    index = published.year * 12 + published.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _future(text: str, start: int, prefix: str) -> bool:
    """Whether the words just before a weekday speak of the future ("will meet on Monday")."""
    if prefix == "next":
        return True
    if prefix in ("last", "since", "overnight"):
        return False
    before = text[max(0, start - 60) : start]
    future, past = list(_FUTURE.finditer(before)), list(_PAST_CUE.finditer(before))
    if not future:
        return False
    return not past or past[-1].start() < future[-1].start()


def _weekday(text: str, m: re.Match[str], published: date) -> date:
    wanted = WEEKDAYS.index(m["wd"].lower())
    prefix = (m["wp"] or "").lower()
    if _future(text, m.start(), prefix):
        ahead = (wanted - published.weekday()) % 7 or (7 if prefix == "next" else 0)
        return published + timedelta(days=ahead)
    return published - timedelta(days=(published.weekday() - wanted) % 7)


def _guarded_weekday(text: str, m: re.Match[str]) -> bool:
    """ "Black Friday", "Super Tuesday", "Sunday Times", "Monday Night Football": not dates."""
    before = text[max(0, m.start() - 40) : m.start()].rstrip()  # a window: no full rescans
    word_before = re.search(r"([\w’']+)\W*$", before)
    if word_before and word_before.group(1).lower() in _DAY_NAMES and not m["wp"]:
        return True
    if m["wp"]:
        return False
    if word_before and word_before.group(1)[:1].isupper() and before[-1:].isalnum():
        if (word_before.start() > 0 or m.start() > 40) and not re.search(
            r"[.!?:\"“(]\s*$", before[: word_before.start()]
        ):
            return True
    after = text[m.end() :]
    return bool(re.match(r"\s+(?!(?:January|February|March|April|May|June|July|August|"
                         r"September|October|November|December)\b)[A-Z][a-z]", after))  # fmt: skip


def _guarded_month(text: str, m: re.Match[str], group: str) -> bool:
    """A bare month name that is a person ("Theresa May") or a verb ("March on")."""
    word = m[group].lower().rstrip(".")
    if word not in _NAMEY_MONTHS:
        return False
    before = text[max(0, m.start(group) - 40) : m.start(group)].rstrip()
    prev = re.search(r"([\w’']+)$", before)
    # "Theresa May 2019" / "Brian May": a capitalised word before it that is not a date word.
    return bool(
        prev
        and prev.group(1)[:1].isupper()
        and prev.group(1).lower() not in WEEKDAYS
        and prev.group(1).lower() not in _MONTH_LEADS
    )


def _resolve(text: str, m: re.Match[str], published: date | None) -> str | None:
    """The absolute date of one match, or None when it cannot be resolved or is not a date."""
    if m["iso"]:
        try:
            return date(int(m["iy"]), int(m["im"]), int(m["id"])).isoformat()
        except ValueError:
            return None
    for kind, d, mo, y in (("dm", "d1", "m1", "y1"), ("md", "d2", "m2", "y2")):
        if m[kind]:
            month, day = _month(m[mo]), int(m[d])
            if kind == "md" and _guarded_month(text, m, mo) and not m[y]:
                return None
            if m[y]:
                try:
                    return date(int(m[y]), month, day).isoformat()
                except ValueError:
                    return None
            found = _nearest_year(month, day, published) if published else None
            return found.isoformat() if found else None
    if m["my"]:
        if _guarded_month(text, m, "m3"):
            return None
        if m["y3"]:
            return f"{int(m['y3']):04d}-{_month(m['m3']):02d}"
        if not m["mp"] or m["m3"][:1].islower() or published is None:
            return None  # a bare "May" is a verb or a name far too often
        if m["m3"].lower() not in _FULL_MONTHS:
            return None  # "in Mar" is rare; "by Oct" too, and "Jun" is a name
        return _nearest_month(_month(m["m3"]), published)
    if published is None:
        return None
    if m["wk"]:
        if m["wd"][:1].islower() or _guarded_weekday(text, m):
            return None
        return _weekday(text, m, published).isoformat()
    if m["rel"]:
        word = m["rel"].lower()
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        return (published + timedelta(days=offset)).isoformat()
    if m["per"]:
        step = {"last": -1, "this": 0, "next": 1}[m["pq"].lower()]
        if m["pu"].lower() == "month":
            return _shift_month(published, step)
        monday = published - timedelta(days=published.weekday())
        return (monday + timedelta(weeks=step)).isoformat()
    if m["ago"]:
        count = _NUMBERS.get(m["an"].lower()) or int(m["an"])
        days = count * (7 if m["au"].lower().startswith("week") else 1)
        return (published - timedelta(days=days)).isoformat()
    return None


def find_dates(
    text: str, published: date | None, language: str = "english"
) -> list[tuple[str, str]]:
    """Each date expression in `text` as (absolute "YYYY-MM-DD" or "YYYY-MM", expression).

    Relative expressions ("on Monday", "yesterday", "last week", "three days ago") and days
    without a year are resolved from `published`; without it only dates that carry a year
    count. Non-English text gives no dates.
    """
    if language.lower() not in ("english", "en"):
        return []
    return _dates(text, published, _anchors(text))


def dates_by_text(
    texts: Sequence[str], published: Sequence[date | None]
) -> dict[int, list[tuple[str, str]]]:
    """`find_dates` of each English text with its publication date: index -> dates found.

    Texts that give no date are left out. Most sentences hold no anchor, so one scan over the
    texts joined by "\n" finds every text's anchors (none contains a line break) and only the
    texts with one are read further: no call per sentence.
    """
    joined = Joined(texts)
    anchors: dict[int, list[int]] = {}
    for anchor in _anchors(joined.text):
        index, offset = joined.locate(anchor)
        anchors.setdefault(index, []).append(offset)
    # In text order: the anchors come sorted, so their texts do too.
    found = {i: _dates(texts[i], published[i], at) for i, at in anchors.items()}
    return {i: dates for i, dates in found.items() if dates}


def _dates(text: str, published: date | None, anchors: list[int]) -> list[tuple[str, str]]:
    """The dates of one text, tried at its sorted anchors (see `_anchors`)."""
    found: list[tuple[str, str]] = []
    cursor = 0
    for anchor in anchors:
        if anchor < cursor:
            continue
        for start in _WORD_START.finditer(text, max(cursor, anchor - _REACH), anchor + 1):
            m = _PATTERN.match(text, start.start())
            if m is None or m.end() <= anchor:
                continue
            cursor = m.end()
            resolved = _resolve(text, m, published)
            if resolved:
                found.append((resolved, m.group().strip()))
            break
    return found


def _anchors(text: str) -> list[int]:
    """Where date expressions can hang, sorted: month and weekday stems, relative words, ISO.

    No anchor contains a line break, so a scan of texts joined by "\n" finds exactly the
    anchors of each (`dates_by_text`).
    """
    anchors = [m.start() for m in _CAPITAL_ANCHOR.finditer(text)]
    if (
        "day" in text
        or "night" in text
        or "ing" in text
        or "wee" in text
        or "mon" in text
        or ("ago" in text or "orrow" in text)
    ):
        for word in _WORD_ANCHORS:
            at = text.find(word)
            while at >= 0:
                anchors.append(at)
                at = text.find(word, at + 1)
    if "-" in text:
        anchors.extend(m.start() for m in _ISO.finditer(text))
    anchors.sort()
    return anchors
