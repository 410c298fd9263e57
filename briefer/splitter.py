"""Sentence boundaries inside one paragraph: abbreviations, initialisms, decimals, quotes.

Offline and deterministic (no NLTK data); `briefer.text.split_sentences` splits paragraphs first.
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- sentences --------------------------------------------------------------------------------

# Abbreviations that never end a sentence when a capitalised word or a number follows.
_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sen",
    "rep",
    "gov",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "cmdr",
    "adm",
    "maj",
    "rev",
    "hon",
    "pres",
    "st",
    "mt",
    "ft",
    "jr",
    "sr",
    "sens",
    "reps",
    "messrs",
    "mme",
    "mlle",
    "fr",
    "supt",
    "det",
    "insp",
    "cpl",
    "pvt",
    "gens",
    "atty",
    "brig",
}
# Abbreviations that end a sentence only when a typical sentence opener follows.
_AMBIGUOUS = {
    "inc",
    "corp",
    "ltd",
    "co",
    "llc",
    "plc",
    "bros",
    "etc",
    "vs",
    "v",
    "approx",
    "est",
    "dept",
    "univ",
    "assn",
    "ave",
    "blvd",
    "rd",
    "hwy",
    "no",
    "nos",
    "vol",
    "vols",
    "fig",
    "figs",
    "p",
    "pp",
    "ch",
    "sec",
    "art",
    "para",
    "cf",
    "al",
    "ca",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "mln",
    "bn",
    "tr",
    "min",
    "max",
    "gal",
    "oz",
    "lb",
    "lbs",
    "km",
    "kg",
    "cm",
    "mm",
    "mi",
    "yr",
    "yrs",
    "hr",
    "hrs",
    "ed",
    "eds",
    "intl",
    "natl",
    "govt",
}
# Capitalised words that usually open a sentence rather than continue a name.
_OPENERS = {
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "or",
    "so",
    "in",
    "on",
    "at",
    "for",
    "if",
    "as",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "when",
    "while",
    "after",
    "before",
    "since",
    "however",
    "meanwhile",
    "yet",
    "still",
    "then",
    "now",
    "also",
    "some",
    "many",
    "most",
    "all",
    "no",
    "not",
    "what",
    "who",
    "how",
    "why",
    "where",
    "with",
    "by",
    "from",
    "to",
    "of",
    "officials",
    "police",
    "one",
    "two",
    "three",
    "last",
    "earlier",
    "later",
    "according",
    "despite",
}
_INITIALISM = re.compile(r"^(?:[^\W\d_]\.){1,}[^\W\d_]$")  # U.S, e.g, a.m, Ph.D
# The leading look-ahead only restates what every branch starts with, but lets the scan skip
# plain text quickly (4x faster over a corpus: re otherwise tries each branch at every letter).
# The last branch is a full stop with no space after it ("last year.The company"): text scraped
# with its paragraph breaks lost (_is_glued decides).
_CANDIDATE = re.compile(
    r"(?=[.!?…。！？])(?:(?:\.{3}|…|[.!?]+|[。！？]+)[\"'”’»)\]]*(?=\s+|$)|[。！？]+(?=\S)"
    r"|(?<=[a-z]{3})[.!?][\"'”’]?(?=[A-Z][a-z]))"
)
_OPEN_CHARS = "\"'“‘«([¿¡—–-"


def split_paragraph(paragraph: str) -> list[str]:
    """Sentences of one paragraph (no line breaks inside)."""
    return list(_split_paragraph(paragraph))


@lru_cache(maxsize=512)
def _split_paragraph(paragraph: str) -> tuple[str, ...]:
    # Cached: the boilerplate filter splits a long paragraph, then the pipeline splits it again.
    out: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(paragraph):
        end = match.end()
        # Where the rest begins (its first non-space), found without copying the rest: slicing
        # it at every full stop made long paragraphs quadratic.
        following = _NON_SPACE.search(paragraph, end)
        if following is None:
            break
        if _is_boundary(paragraph, match.start(), match.group(), following.start()):
            piece = paragraph[start:end].strip()
            if piece:
                out.append(piece)
            start = end
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return tuple(out)


_NON_SPACE = re.compile(r"\S")
_NEXT_WORD = re.compile(r"[\w'’]+")


def _last_word(text: str, at: int) -> str:
    """text[:at].rsplit(None, 1)[-1] ("" when only spaces), looking back no further than needed."""
    lo = max(0, at - 64)
    while True:
        window = text[lo:at]
        parts = window.rsplit(None, 1)
        if lo == 0:
            return parts[-1] if parts else ""
        if len(parts) == 2 or (parts and window[:1].isspace()):
            return parts[-1]  # the word starts inside the window
        lo = max(0, lo - 4 * (at - lo))


_GLUED_NEXT = re.compile(r"[A-Z][a-z]+(?=[\s.,;:!?'’\"”]|$)")
_DOMAINS = {"com", "org", "net", "gov", "edu", "info", "biz"}  # "Example.Com" is one name


def _is_glued(text: str, at: int, rest_at: int) -> bool:
    """Whether "word.Next" glued without a space is two sentences ("families.The", "said.But"),
    not a name, an address or a link ("One.Tel", "Daniel.Miller@thr.com", "example.com/Page")."""
    word = _last_word(text, at).lstrip(_OPEN_CHARS)
    if not word.isalpha() or word.lower() in _TITLES or word.lower() in _AMBIGUOUS:
        return False
    following = _GLUED_NEXT.match(text, rest_at)
    return following is not None and following.group().lower() not in _DOMAINS


def _is_boundary(text: str, at: int, mark: str, rest_at: int) -> bool:
    """Decide whether the punctuation at `at` ends a sentence, given what follows from
    `rest_at` (the first non-space after it)."""
    first = text[rest_at]
    if mark[0] in "。！？":
        return True
    if rest_at == at + len(mark):
        return _is_glued(text, at, rest_at)
    if first.islower():
        return False  # "U.S. presidential", "e.g. the", "Yahoo! said"
    if not (first.isupper() or first.isdigit() or first in _OPEN_CHARS or not first.isalpha()):
        return False
    if not mark.startswith(".") or mark.startswith("..."):
        return True
    word = _last_word(text, at).lstrip(_OPEN_CHARS)
    key = word.lower()
    after = rest_at
    while after < len(text) and text[after] in _OPEN_CHARS:
        after += 1
    next_word = _NEXT_WORD.match(text, after)
    opener = bool(next_word) and next_word.group().lower() in _OPENERS  # type: ignore[union-attr]
    if key in _TITLES:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return opener  # an initial ("George W. Bush") unless a sentence clearly starts
    if key in _AMBIGUOUS or _INITIALISM.match(word):
        return opener  # "the U.S. The talks" splits; "U.S. President" does not
    return True
