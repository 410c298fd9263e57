"""Offline text handling: paragraphs, sentences, words, stems and stop words (no NLTK data)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import chain

from .errors import UsageError
from .splitter import split_paragraph

# Languages sumy has stemmers for (NLTK Snowball plus sumy's own); every one must work.
LANGUAGES = (
    "english",
    "arabic",
    "chinese",
    "czech",
    "danish",
    "dutch",
    "finnish",
    "french",
    "german",
    "greek",
    "hebrew",
    "hungarian",
    "italian",
    "japanese",
    "korean",
    "norwegian",
    "polish",
    "portuguese",
    "romanian",
    "russian",
    "slovak",
    "spanish",
    "swedish",
    "ukrainian",
)
# sumy's own stemmers for these (PyStemmer lacks them or sumy deliberately differs); sumy's
# Greek and Polish need extra packages, so PyStemmer's Snowball versions serve those.
_SUMY_STEMMED = {"czech", "slovak", "hebrew", "chinese", "japanese", "korean", "ukrainian"}
_ALIASES = {
    "en": "english",
    "uk": "ukrainian",
    "ru": "russian",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "cs": "czech",
    "sk": "slovak",
    "pl": "polish",
    "el": "greek",
    "nl": "dutch",
    "sv": "swedish",
    "fi": "finnish",
    "da": "danish",
    "no": "norwegian",
    "hu": "hungarian",
    "ro": "romanian",
    "ar": "arabic",
    "he": "hebrew",
    "zh": "chinese",
    "ja": "japanese",
    "ko": "korean",
}


def normalize_language(language: str | None) -> str:
    """A canonical language name ("en" → "english"), or a UsageError listing valid ones."""
    name = (language or "english").strip().lower()
    name = _ALIASES.get(name, name)
    if name not in LANGUAGES:
        raise UsageError(f"unknown language '{language}' (valid: {', '.join(LANGUAGES)})")
    return name


# --- cleaning ---------------------------------------------------------------------------------

# Control characters that no renderer accepts (python-docx raises, PDFs show boxes); vertical tab
# and form feed are layout, so they become line breaks rather than vanishing.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")


def clean_text(text: str) -> str:
    """Normalize line breaks and drop control characters; every other character is kept."""
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))


# --- paragraphs -------------------------------------------------------------------------------

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n\s*")
_TERMINAL_END = re.compile(r"[.!?…:;。！？\"'”’»)\]]\s*$")


def split_paragraphs(
    text: str,
    language: str = "english",
    *,
    keep_boilerplate: bool = False,
    captions: list[str] | None = None,
) -> list[str]:
    """Paragraphs: blank-line blocks; inside a block, lines are joined when hard-wrapped.

    Boilerplate (captions, share bars, "Read more", bylines, subheadings…) is left out unless
    `keep_boilerplate`; see briefer.boilerplate for the rules. Whole paragraphs left out that
    could be captions are added to `captions` when it is given.
    """
    paragraphs: list[str] = []
    for block in _BLANK_LINE.split(clean_text(text)):
        lines = [line.strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        current: list[str] = []
        for i, line in enumerate(lines):
            current.append(line)
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt is None or not _joins(line, nxt):
                paragraphs.append(" ".join(current))
                current = []
    if keep_boilerplate:
        return paragraphs
    from .boilerplate import filter_paragraphs

    return filter_paragraphs(paragraphs, language, captions)


def _joins(line: str, nxt: str) -> bool:
    """Whether a line break inside a block is a hard wrap (join) rather than a paragraph end."""
    if _TERMINAL_END.search(line):
        return False
    # A wrapped line is long, or the next line continues mid-sentence in lower case.
    return len(line) >= 60 or nxt[:1].islower()


# --- sentences --------------------------------------------------------------------------------


def split_sentences(
    text: str, language: str = "english", *, keep_boilerplate: bool = False
) -> list[str]:
    """Split text into sentences: paragraphs first, then rule-based boundaries (offline)."""
    sentences: list[str] = []
    for paragraph in split_paragraphs(text, language, keep_boilerplate=keep_boilerplate):
        sentences.extend(split_paragraph(paragraph))
    return sentences


# --- words ------------------------------------------------------------------------------------

# The leading look-ahead restates what every branch starts with: the scan then skips spaces and
# punctuation fast (a quarter faster) instead of trying each branch there.
_WORD = re.compile(
    r"(?=[^\W_])(?:"
    r"(?:[^\W\d_]\.){2,}"  # initialisms: U.S., e.g.
    r"|\d+(?:[.,:]\d+)*%?"  # numbers: 3.5, 1,000, 10%
    r"|[^\W_]+(?:['’\-][^\W_]+)*"  # words with inner apostrophes / hyphens
    r")"
)


def tokenize_words(text: str) -> list[str]:
    """Word tokens as written (punctuation dropped)."""
    return _WORD.findall(text)


class OfflineTokenizer:
    """A sumy-compatible tokenizer (to_sentences / to_words) needing no NLTK data."""

    def __init__(self, language: str = "english") -> None:
        self.language = normalize_language(language)

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Sentences of a paragraph (sumy calls this per paragraph)."""
        return tuple(split_sentences(paragraph, self.language))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Word tokens of a sentence."""
        return tuple(tokenize_words(sentence))


# --- stems and stop words ---------------------------------------------------------------------


@cache
def stop_words(language: str) -> frozenset[str]:
    """sumy's stop-word list for the language (empty where sumy has none, e.g. Russian)."""
    from importlib.resources import files

    try:
        data = (files("sumy") / "data" / "stopwords" / f"{language}.txt").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(w.strip().lower() for w in data.splitlines() if w.strip())


@cache
def _stem_function(language: str) -> Callable[[str], str]:
    """The stemmer: PyStemmer (C, fast import) where it has the language, else sumy's own."""
    if language not in _SUMY_STEMMED:
        try:
            import Stemmer  # PyStemmer

            return Stemmer.Stemmer(language).stemWord  # type: ignore[no-any-return]
        except (ImportError, KeyError):
            pass
    import warnings

    from sumy.nlp.stemmers import Stemmer as SumyStemmer

    # sumy's Czech stemmer warns on every mixed-case token (names, foreign words).
    warnings.filterwarnings("ignore", message="skipping word", module="sumy")
    return SumyStemmer(language)  # type: ignore[no-any-return]


_ALNUM = re.compile(r"[^\W_]")  # a character c with c.isalnum() (re's \w is that or "_")


class Analyzer:
    """Turns word tokens into stemmed content terms, caching every stem (one pass per word)."""

    def __init__(self, language: str = "english") -> None:
        self.language = normalize_language(language)
        self.stop_words = stop_words(self.language)
        self._stem = _stem_function(self.language)
        self._cache: dict[str, str | None] = {}
        self._terms_cache: dict[str, tuple[str, ...]] = {}

    def stem(self, word: str) -> str:
        """The stem of one (lower-cased) word."""
        return self._stem(word.lower())

    def term(self, word: str) -> str | None:
        """The stemmed term for a token, or None for stop words and non-words."""
        cached = self._cache.get(word, False)
        if cached is not False:
            return cached  # type: ignore[return-value]
        lower = word.lower()
        result: str | None
        if lower in self.stop_words or not (lower.isalnum() or _ALNUM.search(lower)):
            result = None
        else:
            result = self._stem(lower)
        self._cache[word] = result
        return result

    def terms(self, words: Iterable[str]) -> tuple[str, ...]:
        """Stemmed content terms of a token sequence, in order.

        Tokens stay whole ("air-defense" → "air-defens", "U.S." → "u.s."), as sumy sees them, so
        the vectorized rankers choose exactly what sumy's would; `match_terms` splits compounds.
        """
        words = words if isinstance(words, (list, tuple)) else list(words)
        cache = self._cache
        try:  # every word seen before (most of a corpus): map in C
            return tuple(filter(None, map(cache.__getitem__, words)))
        except KeyError:  # stem only the words not seen yet, then map in C
            return self.terms_many((words,))[0]

    def terms_many(self, token_lists: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
        """terms() of each token list; every distinct token is stemmed once, up front."""
        cache = self._cache
        for word in set(chain.from_iterable(token_lists)).difference(cache):
            self.term(word)
        known = cache.__getitem__
        return [tuple(filter(None, map(known, words))) for words in token_lists]

    def match_terms(self, words: Iterable[str]) -> tuple[str, ...]:
        """Terms for topic matching: hyphenated compounds also give their parts.

        "air-defense" → ("air-defens", "air", "defens"), so it matches a section's "air defense".
        """
        # Cached per token: a 1,000-article corpus has ~600k tokens but only ~40k distinct ones.
        cache = self._terms_cache
        out: list[str] = []
        for word in words:
            found = cache.get(word)
            if found is None:
                parts = word.split("-") if "-" in word else ()
                found = cache[word] = tuple(t for w in (word, *parts) if w and (t := self.term(w)))
            out.extend(found)
        return tuple(out)

    def text_terms(self, text: str) -> tuple[str, ...]:
        """Stemmed content terms of free text (profile terms, titles, topics), compounds split."""
        return self.match_terms(tokenize_words(text))
