"""Figures in news sentences: numbers (digits or words) with what they count.

"26 people were injured", "killing at least 12", "$2.5 billion", "3.5%", "a dozen soldiers":
each becomes a `Figure` with its value, the range it allows ("at least 12" is 12 or more), and a
`key` naming what it counts, so that two sources' figures can be compared. Years, ages, times,
scores, dates and labels ("Flight 370") are not figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .joined import Joined

__all__ = ["Figure", "compatible", "find_figures", "may_hold_figures", "number_value"]

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
          "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a dozen": 12}  # fmt: skip
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "bn": 1e9, "m": 1e6, "k": 1e3, "mn": 1e6, "tn": 1e12}  # fmt: skip
NUMBER_WORDS = frozenset(w for w in _UNITS if " " not in w)

_WORDNUM = (
    r"(?:a\s+dozen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|"
    r"three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|dozen)"
)
_QUALIFIER = (
    r"(?P<q>at\s+least|more\s+than|over|nearly|almost|about|around|approximately|roughly|some|"
    r"up\s+to|fewer\s+than|less\s+than|as\s+many\s+as|an\s+estimated|close\s+to|under|"
    r"at\s+most|only|just)"
)
_FIGURE = re.compile(
    r"(?<![\w.,$£€-])(?:(?i:" + _QUALIFIER + r")\s+)?"
    r"(?P<cur>[$£€]|US\$)?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?i:" + _WORDNUM + r"))"
    r"(?:\s?(?P<scale>(?i:hundred|thousand|million|billion|trillion)|bn|mn|tn|m|k)\b)?"
    r"(?P<pct>\s?%|\s(?i:per\s?cent|percent))?"
    r"(?![\w:/]|[.,]\d|-(?:year|month|week|day|hour|minute|\d))"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# What casualty-style figures count, by the word that says so.
EVENTS = {
    "killed": "killed", "dead": "killed", "died": "killed", "deaths": "killed",
    "killing": "killed", "fatalities": "killed", "death": "killed", "lives": "killed",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "injuring": "injured",
    "wounding": "injured", "injuries": "injured", "hospitalised": "injured",
    "hospitalized": "injured", "missing": "missing", "arrested": "arrested",
    "detained": "arrested", "arrests": "arrested", "arresting": "arrested", "custody": "arrested",
    "evacuated": "evacuated", "displaced": "displaced", "rescued": "rescued",
    "stabbed": "stabbed", "stabbing": "stabbed", "shot": "shot", "shooting": "shot",
}  # fmt: skip
PEOPLE = {"people", "person", "civilians", "civilian", "residents", "victims", "persons",
          "individuals"}  # fmt: skip
_SKIP = {"more", "other", "additional", "new", "further", "of", "the", "were", "was", "have",
         "had", "been", "are", "is", "and", "people's"}  # fmt: skip
_NOT_NOUNS = {"years", "year", "old", "times", "percent", "per", "cent", "a", "an", "in", "on",
              "at", "to", "for", "by", "as", "or", "than", "from", "with", "p", "am", "pm",
              "o'clock", "points", "point", "seconds", "minutes", "hours", "days", "weeks",
              "months", "decades", "centuries", "goals", "runs", "votes", "that", "this",
              "which", "who", "it", "he", "she", "they", "we", "i", "you"}  # fmt: skip
_TIME_WORDS = {"last", "next", "month", "year", "week", "day", "quarter", "since", "after",
               "before", "over", "compared", "higher", "lower", "more", "less"}  # fmt: skip
# Capitalised words that may open a sentence before a count ("The 26 victims"); any other
# capitalised word before a number makes it a label ("Flight 370", "Chapter 11").
_OPENERS = {"the", "all", "another", "those", "these", "and", "but", "its", "their", "his",
            "her", "our", "some", "only", "about", "nearly", "over", "around", "almost", "of",
            "with", "in", "by", "for", "on", "at", "to", "from", "after", "when", "while", "now",
            "then", "yet", "so", "a", "an", "just", "more", "fewer", "less", "least"}  # fmt: skip
_MONTHS = re.compile(r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$")


@dataclass(frozen=True)
class Figure:
    """A number in a sentence and what it counts."""

    value: float
    text: str  # as written, with its qualifier: "at least 26", "$2.5 billion"
    low: float  # the range the wording allows: "at least 26" → 26 … inf
    high: float
    key: str  # what is counted: "people killed", "$ deal", "% growth", "troops"
    start: int
    end: int


def number_value(text: str) -> float | None:
    """The value of "1,200", "3.5", "twenty-six", "a dozen" (None when it is not a number)."""
    word = " ".join(text.lower().replace("-", " ").split())
    if word[:1].isdigit():
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    if word in _UNITS:
        return float(_UNITS[word])
    parts = word.split(" ")
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS:
        return float(_UNITS[parts[0]] + _UNITS[parts[1]])
    return None


def _range(value: float, qualifier: str) -> tuple[float, float]:
    q = " ".join(qualifier.lower().split())
    if q in ("at least", "more than", "over", "as many as", "up to"):
        if q in ("as many as", "up to"):
            return 0.0, value
        return value, float("inf")
    if q in ("fewer than", "less than", "under", "at most"):
        return 0.0, value
    if q in ("nearly", "almost", "close to"):
        return value * 0.9, value
    if q in ("about", "around", "approximately", "roughly", "some", "an estimated"):
        return value * 0.9, value * 1.1
    return value, value


def compatible(a: Figure, b: Figure) -> bool:
    """Whether two figures can both be true ("at least 12" and "15" can; "12" and "15" cannot)."""
    return a.low <= b.high * 1.0001 and b.low <= a.high * 1.0001


_YEAR_NUMBER = re.compile(r"1[89]\d\d|20\d\d")
_BREAK = re.compile(r"[;:!?()\u2014\u2013]|[.,](?=\s)|\s-\s|\d")
_AFTER_MONTH = re.compile(r"\s+(?:of\s+)?" + _MONTHS.pattern.rstrip("$"))
_AFTER_AGE = re.compile(r"\s*(?:,\s*(?:of|from|who|a|an|the)\b)|\s*\)|\s+years?\s+old")
_AFTER_TIME = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|BST|EST|ET\b)")


def _previous_word(text: str, start: int) -> tuple[str, bool]:
    """The word just before `start` (punctuation kept) and whether it opens its sentence."""
    head = text[max(0, start - 40) : start].rstrip()
    parts = head.rsplit(None, 2)
    if not parts:
        return "", True
    word = parts[-1]
    before = parts[-2] if len(parts) > 1 else ""
    opens = (len(parts) == 1 and start <= 40) or before[-1:] in (".", "!", "?", '"', "“")
    return word, opens


def _words_after(text: str, end: int, count: int) -> list[str]:
    """The next `count` words, stopping at a clause break or another number."""
    rest = _BREAK.split(text[end : end + 60], maxsplit=1)[0]
    return _WORD.findall(rest)[:count]


def _words_before(text: str, start: int, count: int) -> list[str]:
    head = _BREAK.split(text[max(0, start - 40) : start])[-1]
    return _WORD.findall(head)[-count:]


def _key(text: str, m: re.Match[str]) -> str | None:
    """What the figure counts, or None when it is not a comparable quantity."""
    after = _words_after(text, m.end(), 8)
    before = _words_before(text, m.start(), 4)
    if m["pct"]:  # "3.5% growth", "a 20% stake"; "rose 3% last month" says nothing
        noun = after[0].lower() if after else ""
        return "%" if noun in _NOT_NOUNS or noun in _SKIP or noun in _TIME_WORDS else f"% {noun}"
    if m["cur"]:
        noun = next((w.lower() for w in after[:3] if w.lower() not in _NOT_NOUNS | _SKIP), "")
        return f"{m['cur']} {noun}".strip()
    if any(w.lower() in ("toll", "tolls") for w in before) and text[m.end() : m.end() + 1] != "-":
        # "the toll rose to 26"; not "the toll from the 6.3-magnitude quake" (a modifier)
        return "people killed"
    lowered = [w.lower() for w in before]
    if lowered[-1:] == ["of"] and len(before) >= 2 and number_value(before[-2]) is not None:
        return None  # "four of five charges": a part and a whole, neither is the count
    if [w.lower() for w in after[:1]] == ["of"] and number_value("".join(after[1:2])) is not None:
        return None
    if lowered and lowered[-1] in EVENTS and lowered[-1].endswith(("ing", "ed")):
        return f"people {EVENTS[lowered[-1]]}"  # "killing 26", "injured at least 15"
    nouns = [w for w in after[:3] if w.lower() not in _SKIP]
    if not nouns:
        return None
    first = nouns[0]
    if first.lower() in EVENTS:  # "15 dead", "26 injured", "two wounded journalists"
        rest = [w for w in nouns[1:3] if w.lower() not in _NOT_NOUNS]
        if rest and rest[0][:1].isupper() and len(rest) > 1:
            rest = rest[1:]  # "two wounded Western journalists"
        who = rest[0].lower() if rest and rest[0].lower().endswith("s") else "people"
        return f"{'people' if who in PEOPLE else who} {EVENTS[first.lower()]}"
    if first[:1].isupper() and len(nouns) > 1:  # "three Ukrainian soldiers"
        first = nouns[1]
    noun = first.lower()
    if noun in _NOT_NOUNS or noun in _GATE_WORDS or _MONTHS.match(noun) or not noun.isalpha():
        return None
    if noun in PEOPLE:
        noun = "people"
    if noun in _CHARGES:  # "two counts of assault" and "six counts of criminal mischief" differ
        return _charge_key(noun, [w.lower() for w in after])
    # "26 people were injured"; not "300 million people a year, killing 600,000" (its own count)
    event = next(
        (EVENTS[w.lower()] for w in after[1:6] if w.lower() in EVENTS and w[-3:] != "ing"), None
    )
    return f"{noun} {event}" if event else noun


_CHARGES = {"counts", "count", "charges", "charge"}
_PHRASE_ENDS = {"and", "or", "in", "for", "on", "with", "after", "at", "against", "to", "from",
                "related", "connected", "over", "by", "while", "when", "that", "which"}  # fmt: skip


def _charge_key(noun: str, after: list[str]) -> str:
    """ "counts of mischief" for "five counts of fifth degree criminal mischief, …": the
    offence's last word before a break, "and" or a preposition (just "counts" without "of")."""
    at = after.index(noun) if noun in after else -1
    if at < 0 or after[at + 1 : at + 2] != ["of"]:
        return noun
    phrase: list[str] = []
    for word in after[at + 2 :]:
        if word in _PHRASE_ENDS:
            break
        phrase.append(word)
    return f"{noun} of {phrase[-1]}" if phrase else noun


def _is_date(text: str, m: re.Match[str]) -> bool:
    """Years and days of the month: dates are compared as dates, not as figures."""
    if m["cur"] or m["pct"] or m["scale"]:
        return False
    if _YEAR_NUMBER.fullmatch(m["num"]):
        return True  # a year ("2,000 people" has its comma)
    prev, _ = _previous_word(text, m.start())
    if prev and _MONTHS.match(prev):
        return True  # "November 18"
    return bool(_AFTER_MONTH.match(text, m.end()))


def _is_label(text: str, m: re.Match[str]) -> bool:
    """Years, ages, scores, dates and labels such as "Flight 370" or "G20"."""
    if m["cur"] or m["pct"]:
        return False
    prev, opens = _previous_word(text, m.start())
    if prev[:1].isupper() and prev[-1:].isalnum() and m["q"] is None:
        if not opens or prev.lower() not in _OPENERS:
            return True  # "Flight 370", "Chapter 11"
    if prev.lower() in ("aged", "age", "no.", "number", "page", "room"):
        return True
    if _AFTER_AGE.match(text, m.end()):
        return True  # "John Smith, 45, of Leeds", "(45)", "45 years old"
    return bool(_AFTER_TIME.match(text, m.end()))


_DIGITS = re.compile(r"\d[\d,.]*")
_WORD_NUMBER = re.compile(r"(?<![\w-])" + _WORDNUM + r"(?![\w])")
_QUALIFIERS = {
    q.replace("\\s+", " ") for q in _QUALIFIER.removeprefix("(?P<q>").removesuffix(")").split("|")
}
_QUALIFIER_ENDS = {q.split()[-1] for q in _QUALIFIERS} | {"$", "£", "€", "us$"}
_BEFORE_FIGURE = {" ", "$", "£", "€"}
_GATE_WORDS = NUMBER_WORDS | {
    f"{tens}-{unit}"
    for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
    for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
}


def _starts(text: str, words: Sequence[str] | None) -> list[int]:
    """Where numbers begin: digits (a fast scan) and number words (only when a word is there)."""
    starts = [m.start() for m in _DIGITS.finditer(text)]
    if words is not None:
        spelled = _spelled(words)
        low = text.lower() if spelled else text
    else:
        low = text.lower()
        spelled = not _GATE_WORDS.isdisjoint(low.split())  # a count word is followed by its noun
    if spelled:
        starts.extend(m.start() for m in _WORD_NUMBER.finditer(low))
        starts.sort()
    return starts


def _spelled(words: Sequence[str]) -> bool:
    """Whether tokens may hold a number word: a lower-case one, or a capital one first."""
    return not _GATE_WORDS.isdisjoint(words) or not _GATE_WORDS.isdisjoint(
        map(str.lower, words[:2])
    )


def may_hold_figures(texts: Sequence[str], words: Sequence[Sequence[str]]) -> list[bool]:
    """For each text (with its tokens), whether `find_figures` can find anything in it.

    A figure starts at a digit or a number word: one digit scan over the texts joined by "\n"
    (a digit is no line break) and a token test of the rest, instead of a call per sentence.
    """
    joined = Joined(texts)
    held = [False] * len(texts)
    found = _DIGITS.search(joined.text)
    while found is not None:
        index, _ = joined.locate(found.start())
        held[index] = True
        found = _DIGITS.search(joined.text, joined.after(index))  # the next text on
    return [h or _spelled(w) for h, w in zip(held, words, strict=True)]


def _figure_start(text: str, at: int) -> int:
    """Where a figure whose number starts at `at` begins: its qualifier or currency sign."""
    start = at
    before = text[at - 1 : at]
    if before not in _BEFORE_FIGURE:
        return at  # the common case: nothing that could open a qualifier or a currency
    if before == " ":
        space = text.rfind(" ", 0, at - 1)
        if text[space + 1 : at - 1].lower() not in _QUALIFIER_ENDS:
            return at
    if text[at - 1 : at] in ("$", "£", "€") or text[at - 2 : at] in ("$ ", "£ ", "€ "):
        start = text.rindex(text[start - 1] if text[at - 1] != " " else text[at - 2], 0, at)
        if text[start - 2 : start] == "US":
            start -= 2
    if " " not in text[max(0, start - 2) : start]:
        return start
    words = text[max(0, start - 24) : start].split()
    for size in (3, 2, 1):  # "as many as", "at least", "nearly"
        if len(words) >= size and " ".join(words[-size:]).lower() in _QUALIFIERS:
            return text.rindex(words[-size], 0, start)
    return start


def find_figures(
    text: str, keyless: bool = False, words: Sequence[str] | None = None
) -> list[Figure]:
    """Every comparable figure in a sentence, in order.

    With `keyless`, numbers that count nothing known (years, ages, labels) are kept too, with
    key "": copies of one sentence compare them position by position. `words`, the sentence's
    tokens when the caller has them, make the test for spelled-out numbers cheaper.
    """
    figures: list[Figure] = []
    cursor = 0
    for at in _starts(text, words):
        if at < cursor:
            continue
        start = _figure_start(text, at)
        m = _FIGURE.match(text, start)
        if m is None or m.start("num") != at:
            continue
        cursor = m.end()
        figure = _figure(text, m, keyless)
        if figure is not None:
            figures.append(figure)
    return figures


def _figure(text: str, m: re.Match[str], keyless: bool) -> Figure | None:
    value = number_value(m["num"])
    if value is None or _is_date(text, m):
        return None
    if m["num"][:1].isalpha() and m["num"].lower() == "one" and not m["q"]:
        return None  # "one of them", "no one": too often not a count
    key = None if _is_label(text, m) else _key(text, m)
    if key is None and not keyless:
        return None
    if m["scale"]:
        scale = m["scale"].lower()
        if scale in ("m", "k") and not m["cur"]:
            return None  # "5m" is metres, "10k" a race
        value *= _SCALES[scale]
    low, high = _range(value, m["q"] or "")
    shown = " ".join(m.group().split())
    return Figure(value, shown, low, high, key or "", m.start(), m.end())
