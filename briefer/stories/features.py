"""Per-article feature vectors for story clustering: content terms, names and numbers."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
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
) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Term, name and number counts of one article's sentences."""
    skip = stop_words(language) | _NOT_NAMES
    terms = Counter(chain.from_iterable(item.terms for item in sentences))
    # A capital at sentence start says nothing, so each sentence's first word is left out; one
    # text, a sentence a line, lets the regexes run once per article (this is the hot loop).
    text = "\n".join(
        parts[1] for item in sentences if len(parts := item.sentence.text.split(None, 1)) > 1
    )
    found: list[str] = []
    for run in _CAPS.findall(text):
        words = [w for w in run.replace(".", "").lower().split() if w not in skip]
        found += words
        if len(words) > 1:
            found += [a + " " + b for a, b in zip(words, words[1:], strict=False)]
    names = Counter(found)
    # One-digit counts and bare years are shared by unrelated stories.
    numbers = Counter(
        v
        for v in (f.replace(",", "") for f in _FIGURE.findall(text))
        if len(v) >= 2 and not _YEAR.fullmatch(v)
    )
    return terms, names, numbers


def tfidf_block(counts: Sequence[Mapping[str, int]], vocabulary: dict[str, int]) -> Any:
    """Rows of sublinear TF-IDF weights, L2-normalised, over terms added to `vocabulary`."""
    import numpy as np
    from scipy import sparse

    n = len(counts)
    keys = sorted({k for row in counts for k in row})
    # Sorted keys: the vocabulary (and so every float sum) does not depend on input order.
    for key in keys:
        vocabulary.setdefault(key, len(vocabulary))
    lookup = vocabulary.__getitem__
    indptr = np.zeros(n + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(row) for row in counts])
    indices = np.fromiter(
        (lookup(k) for row in counts for k in row), dtype=np.int64, count=int(indptr[-1])
    )
    tf = np.fromiter(
        (c for row in counts for c in row.values()), dtype=np.float64, count=len(indices)
    )
    df = np.bincount(indices, minlength=len(vocabulary))
    data = (1.0 + np.log(tf)) * (np.log((n + 1) / (df[indices] + 1)) + 1.0)
    lengths = np.diff(indptr)
    starts = np.minimum(indptr[:-1], max(len(data) - 1, 0))
    sums = np.add.reduceat(data * data, starts) if len(data) else np.zeros(n)
    norms = np.sqrt(np.where(lengths > 0, sums, 1.0))
    data /= np.repeat(norms, lengths)
    return sparse.csr_matrix((data, indices, indptr), shape=(n, len(vocabulary)))


def feature_matrix(
    sentences_by_article: Sequence[Sequence[AnalyzedSentence]],
    weights: tuple[float, float, float],
    language: str = "english",
) -> Any:
    """One row per article: term, name and number blocks, so a row dot product mixes them."""
    from scipy import sparse

    feats = [article_features(items, language) for items in sentences_by_article]
    blocks = []
    for index, weight in enumerate(weights):
        vocabulary: dict[str, int] = {}
        block = tfidf_block([f[index] for f in feats], vocabulary)
        blocks.append(block * math.sqrt(weight))
    return sparse.hstack(blocks, format="csr")
