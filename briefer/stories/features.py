"""Per-article feature vectors for story clustering: content terms, names and numbers."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import chain
from typing import Any

from ..models import AnalyzedSentence
from ..text import stop_words

# Capitalised words that are not names of anything a story is about: titles, days, months.
_NOT_NAMES = frozenset(
    "mr mrs ms miss dr sir prof st jr sr monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december "
    "i i'm i've i'd i'll ok oh yes no".split()
)
_YEAR = re.compile(r"(19|20)\d\d")


# A run of capitalised words (a name or place, maybe several words long) and a number.
_CAPS = re.compile(r"(?<![\w'’])[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)*")
_FIGURE = re.compile(r"\d[\d,.]*\d|\d")


def article_features(
    sentences: Sequence[AnalyzedSentence], language: str = "english"
) -> tuple[list[str], list[str], list[str]]:
    """The content terms, names (and two-word names) and numbers of one article, repeats kept."""
    skip = stop_words(language) | _NOT_NAMES
    terms = list(chain.from_iterable(item.terms for item in sentences))
    # A capital at sentence start says nothing, so each sentence's first word is left out; one
    # text, a sentence a line, lets the regexes run once per article (this is the hot loop).
    text = "\n".join(
        parts[1] for item in sentences if len(parts := item.sentence.text.split(None, 1)) > 1
    )
    names: list[str] = []
    for run in _CAPS.findall(text):
        words = [w for w in run.replace(".", "").lower().split() if w not in skip]
        names += words
        if len(words) > 1:
            names += [a + " " + b for a, b in zip(words, words[1:], strict=False)]
    # One-digit counts and bare years are shared by unrelated stories.
    numbers = [
        v
        for v in (f.replace(",", "") for f in _FIGURE.findall(text))
        if len(v) >= 2 and not _YEAR.fullmatch(v)
    ]
    return terms, names, numbers


def tfidf_block(tokens: Sequence[Sequence[str]]) -> Any:
    """Rows of sublinear TF-IDF weights (1 + log tf) · idf, L2-normalised, one per token list."""
    import numpy as np
    from scipy import sparse

    n = len(tokens)
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=n)
    vocabulary: dict[str, int] = {}
    add = vocabulary.setdefault
    # Columns in order of first use: callers pass articles in a fixed (content) order.
    ids = np.fromiter(
        (add(t, len(vocabulary)) for row in tokens for t in row),
        dtype=np.int64,
        count=int(lengths.sum()),
    )
    width = max(len(vocabulary), 1)
    keys, tf = np.unique(np.repeat(np.arange(n), lengths) * width + ids, return_counts=True)
    rows, cols = keys // width, keys % width
    df = np.bincount(cols, minlength=width)
    data = (1.0 + np.log(tf)) * (np.log((n + 1) / (df[cols] + 1)) + 1.0)
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=n))
    data /= norms[rows]
    indptr = np.zeros(n + 1, dtype=np.int64)
    indptr[1:] = np.cumsum(np.bincount(rows, minlength=n))
    return sparse.csr_matrix((data, cols, indptr), shape=(n, width))


def feature_matrix(
    sentences_by_article: Sequence[Sequence[AnalyzedSentence]],
    weights: tuple[float, float, float],
    language: str = "english",
) -> Any:
    """One row per article: term, name and number blocks, so a row dot product mixes them."""
    from scipy import sparse

    feats = [article_features(items, language) for items in sentences_by_article]
    blocks = [
        tfidf_block([f[index] for f in feats]) * math.sqrt(weight)
        for index, weight in enumerate(weights)
    ]
    return sparse.hstack(blocks, format="csr")
