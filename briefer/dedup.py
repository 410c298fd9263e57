"""Duplicate control: the same article read twice, and near-duplicate sentences across sources.

Both use exact set-similarity joins with prefix filtering (Bayardo et al. 2007, "Scaling up all
pairs similarity search"): tokens are ordered rarest first, and two sets with Jaccard ≥ t must
share a token among the first |x| - ceil(t·|x|) + 1 of either, so only sets that share a *rare*
token are ever compared. No all-pairs loop, no false negatives, near-linear on real text.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import replace

from .models import Article

__all__ = ["ARTICLE_THRESHOLD", "SENTENCE_THRESHOLD", "MIN_WORDS", "dedupe_articles",
           "group_members", "jaccard", "near_duplicate_groups", "normalize_words", "shingles"]

ARTICLE_THRESHOLD = 0.8  # Jaccard of 3-word shingles: the same story, re-typeset or lightly edited
SENTENCE_THRESHOLD = 0.7  # Jaccard of word sets: wire copy with small edits
MIN_WORDS = 6  # shorter sentences only merge when identical (short ones look alike by chance)
_WORD = re.compile(r"\w+")


def normalize_words(text: str) -> list[str]:
    """Lower-cased word tokens (NFKC, punctuation dropped): what similarity is measured on."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(words: Sequence[str], size: int = 3) -> set[tuple[str, ...]]:
    """The set of `size`-word shingles (the whole text as one shingle when it is shorter)."""
    if len(words) <= size:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set | frozenset, b: set | frozenset) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    if not a and not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def _rank_tokens(sets: Sequence[set[Hashable] | None]) -> list[list[int]]:
    """Each set as a list of token ids sorted rarest first (id order = global rarity order)."""
    frequency: Counter[Hashable] = Counter()
    for tokens in sets:
        if tokens:
            frequency.update(tokens)
    order = sorted(frequency, key=lambda tok: (frequency[tok], repr(tok)))
    ids = {tok: rank for rank, tok in enumerate(order)}
    return [sorted(ids[tok] for tok in tokens) if tokens else [] for tokens in sets]


class _PrefixIndex:
    """Indexed sets; `probe` finds every indexed set with Jaccard ≥ threshold to a new one."""

    def __init__(self, records: list[list[int]], threshold: float) -> None:
        self.records = records
        self.sets = [frozenset(r) for r in records]
        self.threshold = threshold
        self.postings: dict[int, list[int]] = defaultdict(list)

    def _prefix(self, i: int) -> list[int]:
        n = len(self.records[i])
        return self.records[i][: n - math.ceil(self.threshold * n - 1e-9) + 1]

    def add(self, i: int) -> None:
        """Index record i (only its prefix tokens are needed)."""
        for token in self._prefix(i):
            self.postings[token].append(i)

    def probe(self, i: int) -> Iterator[tuple[int, float]]:
        """(j, similarity) for indexed records j similar to record i."""
        n = len(self.records[i])
        low, high = self.threshold * n, n / self.threshold  # sizes that can reach the threshold
        mine = self.sets[i]
        seen: set[int] = set()
        for token in self._prefix(i):
            for j in self.postings.get(token, ()):
                if j in seen:
                    continue
                seen.add(j)
                m = len(self.records[j])
                if m < low or m > high:
                    continue
                inter = len(mine & self.sets[j])
                similarity = inter / (n + m - inter)
                if similarity >= self.threshold:
                    yield j, similarity


def near_duplicate_groups(texts: Sequence[str], sources: Sequence[str], *,
                          threshold: float = SENTENCE_THRESHOLD,
                          min_words: int = MIN_WORDS) -> list[int]:
    """For each sentence, the index of its group's canonical sentence (itself when unique).

    A sentence joins the earliest-best earlier canonical sentence that is identical to it after
    normalization (any source, any length), or — for sentences of at least `min_words` words —
    whose word set has Jaccard ≥ `threshold` with it and that comes from a different source.
    Every member is compared with its canonical directly, so groups never drift by chaining.
    """
    if len(texts) != len(sources):
        raise ValueError("texts and sources must have the same length")
    words = [normalize_words(text) for text in texts]
    canonical = list(range(len(texts)))
    first_by_key: dict[str, int] = {}
    candidates: list[int] = []
    for i, tokens in enumerate(words):
        key = " ".join(tokens)
        if not key:
            continue
        if key in first_by_key:
            canonical[i] = canonical[first_by_key[key]]
        else:
            first_by_key[key] = i
            if len(set(tokens)) >= min_words:
                candidates.append(i)
    sets: list[set[Hashable] | None] = [None] * len(texts)
    for i in candidates:
        sets[i] = set(words[i])
    index = _PrefixIndex(_rank_tokens(sets), threshold)
    for i in candidates:
        best: tuple[float, int] | None = None
        for j, similarity in index.probe(i):
            if sources[j] == sources[i]:
                continue  # near (not exact) repeats inside one source are the writer's choice
            if best is None or (similarity, -j) > (best[0], -best[1]):
                best = (similarity, j)
        if best is not None:
            canonical[i] = best[1]
        else:
            index.add(i)  # only canonical sentences are indexed: later copies match them
    # Exact repeats of a sentence that joined a group follow it there.
    for i in range(len(texts)):
        canonical[i] = canonical[canonical[i]]
    return canonical


def group_members(groups: Sequence[int]) -> dict[int, list[int]]:
    """Canonical index → every member index (canonical first), for groups of two or more."""
    members: dict[int, list[int]] = defaultdict(list)
    for i, canon in enumerate(groups):
        members[canon].append(i)
    return {canon: idx for canon, idx in members.items() if len(idx) > 1}


def _richness(article: Article) -> tuple[int, int]:
    fields = (article.title, article.outlet, article.author, article.published, article.url)
    return sum(1 for value in fields if value), len(article.text)


def dedupe_articles(articles: Sequence[Article], *,
                    threshold: float = ARTICLE_THRESHOLD) -> list[Article]:
    """Keep each article once: copies (Jaccard of 3-word shingles ≥ threshold) are merged.

    Of each group the richest article (most metadata, then longest text, then earliest) is kept,
    at the position of the group's first member, with the other members' locations (and their
    own `duplicates`) in `Article.duplicates`.
    """
    sets: list[set[Hashable] | None] = [
        set(shingles(normalize_words(article.text))) or None for article in articles]
    index = _PrefixIndex(_rank_tokens(sets), threshold)
    canonical = list(range(len(articles)))
    for i in range(len(articles)):
        if not sets[i]:
            continue
        best = max(index.probe(i), key=lambda match: (match[1], -match[0]), default=None)
        if best is not None:
            canonical[i] = best[0]
        else:
            index.add(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, canon in enumerate(canonical):
        groups[canon].append(i)
    result: list[Article] = []
    for first in sorted(groups):
        members = groups[first]
        if len(members) == 1:
            result.append(articles[first])
            continue
        keep = max(members, key=lambda i: (*_richness(articles[i]), -i))
        others: list[str] = []
        for i in members:
            for location in (articles[i].location, *articles[i].duplicates):
                if location != articles[keep].location and location not in others:
                    others.append(location)
        result.append(replace(articles[keep], duplicates=tuple(others)))
    return result
