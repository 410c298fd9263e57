"""Duplicate control: the same article read twice, and near-duplicate sentences across sources.

Both use the exact set-similarity join of `briefer.simjoin` (prefix filtering: no all-pairs
loop, no false negatives).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import replace
from itertools import chain
from typing import Any

from .models import Article
from .simjoin import earlier_matches, join_hashes, similar_pairs

__all__ = [
    "ARTICLE_THRESHOLD",
    "SENTENCE_THRESHOLD",
    "MIN_WORDS",
    "article_copies",
    "dedupe_articles",
    "group_members",
    "jaccard",
    "near_duplicate_groups",
    "normalize_tokens",
    "normalize_words",
    "same_figures",
    "shingles",
    "similar_pairs",
]

ARTICLE_THRESHOLD = 0.8  # Jaccard of 3-word shingles: the same story, re-typeset or lightly edited
SENTENCE_THRESHOLD = 0.7  # Jaccard of word sets: wire copy with small edits
MIN_WORDS = 6  # shorter sentences only merge when identical (short ones look alike by chance)
_WORD = re.compile(r"\w+")


def normalize_words(text: str) -> list[str]:
    """Lower-cased word tokens (NFKC, punctuation dropped): what similarity is measured on."""
    return _word_runs(unicodedata.normalize("NFKC", text).casefold())


# re's \w is exactly str.isalnum() or "_", and no white space is either: so blanking every other
# character and splitting on white space gives _WORD.findall's runs, at C speed (2x the scan).
_ASCII_NON_WORD = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_")}
)


def _word_runs(text: str) -> list[str]:
    """_WORD.findall(text): the runs of word characters."""
    if text.isascii():
        return text.translate(_ASCII_NON_WORD).split()
    for char in set(text):
        if not (char.isalnum() or char == "_" or char.isspace()):
            text = text.replace(char, " ")
    return text.split()


def normalize_tokens(words: Sequence[str]) -> list[str]:
    """`normalize_words` from tokens already split (the pipeline's), without splitting again."""
    return _WORD.findall(unicodedata.normalize("NFKC", " ".join(words)).casefold())


def _normalized_keys(tokens: Sequence[Sequence[str]]) -> list[str]:
    """ " ".join(normalize_tokens(t)) for each token list, normalizing each distinct token once.

    NFKC never composes or reorders across a space (a starter that composes with nothing),
    case folding maps each character alone and a space holds no word: so a list's
    normalization is its tokens' normalizations in order. A corpus of ~500k tokens has ~40k
    distinct ones.
    """
    normalize, findall = unicodedata.normalize, _WORD.findall
    distinct = set(chain.from_iterable(tokens))
    pieces = {t: " ".join(findall(normalize("NFKC", t).casefold())) for t in distinct}
    # filter(None): a token without a word char adds no word (and no double space).
    return [" ".join(filter(None, map(pieces.__getitem__, t))) for t in tokens]


def shingles(words: Sequence[str], size: int = 3) -> set[tuple[str, ...]]:
    """The set of `size`-word shingles (the whole text as one shingle when it is shorter)."""
    if len(words) <= size:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set | frozenset, b: set | frozenset) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    if not a and not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


_FIGURE_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion trillion dozen".split()
)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def same_figures(a: Collection[str], b: Collection[str]) -> bool:
    """Whether two token lists (or sets) name the same numbers (digits and number words).

    Two copies that differ in a figure ("26 injured" / "15 injured") are a disagreement to show,
    never one "reported by 2" sentence.
    """

    def figures(tokens: Collection[str]) -> set[str]:
        # "26", "3bn", "18th"; not link codes such as "1a6mxog"
        return {t for t in tokens if t in _FIGURE_WORDS or t.rstrip(_LETTERS).isdigit()}

    return figures(a) == figures(b)


def near_duplicate_groups(
    texts: Sequence[str],
    sources: Sequence[str],
    *,
    threshold: float = SENTENCE_THRESHOLD,
    min_words: int = MIN_WORDS,
    tokens: Sequence[Sequence[str]] | None = None,
) -> list[int]:
    """For each sentence, the index of its group's canonical sentence (itself when unique).

    A sentence joins the earliest-best earlier canonical sentence that is identical to it after
    normalization (any source, any length), or — for sentences of at least `min_words` words —
    whose word set has Jaccard ≥ `threshold` with it, names the same figures (`same_figures`)
    and comes from a different source.
    Every member is compared with its canonical directly, so groups never drift by chaining.
    `tokens` (the pipeline's word tokens of each text) saves splitting the texts again.
    """
    if len(texts) != len(sources) or (tokens is not None and len(tokens) != len(texts)):
        raise ValueError("texts, sources and tokens must have the same length")
    if tokens is not None:
        keys = _normalized_keys(tokens)
    else:
        keys = [" ".join(normalize_words(text)) for text in texts]
    canonical = list(range(len(texts)))
    first_by_key: dict[str, int] = {}
    candidates: list[int] = []
    sets: list[set[str] | None] = [None] * len(texts)
    for i, key in enumerate(keys):
        if not key:
            continue
        if key in first_by_key:
            canonical[i] = canonical[first_by_key[key]]
        else:
            first_by_key[key] = i
            words = set(key.split())  # the normalized words (no space inside one)
            if len(words) >= min_words:
                candidates.append(i)
                sets[i] = words
    # Near repeats inside one source are never merged (below), so one source needs no join:
    # a single huge file of repetitive text would otherwise pair up every sentence.
    if len({sources[i] for i in candidates}) > 1:
        matches = earlier_matches(similar_pairs(sets, threshold))
    else:
        matches = {}
    for i in candidates:
        best: tuple[float, int] | None = None
        for j, similarity in matches.get(i, ()):
            if canonical[j] != j or sources[j] == sources[i]:
                continue  # members are reached through their canonical; near repeats inside
                # one source are the writer's choice, not copies
            if not same_figures(sets[i] or (), sets[j] or ()):  # both candidates: sets
                continue
            if best is None or (similarity, -j) > (best[0], -best[1]):
                best = (similarity, j)
        if best is not None:
            canonical[i] = best[1]
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


def _shingle_hashes(words: Sequence[str], size: int = 3) -> Any:
    """The distinct hashes of a text's `size`-word shingles (what shingles() gives, as ints)."""
    import numpy as np

    if not words:
        return np.zeros(0, dtype=np.int64)
    h = np.fromiter(map(hash, words), dtype=np.int64, count=len(words)).view(np.uint64)
    if len(h) < size:
        h = np.concatenate([h, np.zeros(size - len(h), dtype=np.uint64)])
    count = len(h) - size + 1
    mixed = np.zeros(count, dtype=np.uint64)
    for offset in range(size):  # a polynomial hash of each window (wrapping uint64 arithmetic)
        mixed = mixed * np.uint64(0x100000001B3) + h[offset : offset + count]
    return np.unique(mixed).view(np.int64)


def _richness(article: Article) -> tuple[int, int]:
    fields = (article.title, article.outlet, article.author, article.published, article.url)
    return sum(1 for value in fields if value), len(article.text)


PROSE_WORDS = 5  # shorter lines are page numbers, datelines and captions, not reported figures


def _prose_words(text: str) -> list[str]:
    """Normalised words of the article's lines of prose (page numbers left out)."""
    words: list[str] = []
    for line in text.splitlines():
        line_words = normalize_words(line)
        if len(line_words) >= PROSE_WORDS:
            words.extend(line_words)
    return words


def dedupe_articles(
    articles: Sequence[Article], *, threshold: float = ARTICLE_THRESHOLD
) -> list[Article]:
    """Keep each article once: copies (Jaccard of 3-word shingles ≥ threshold) are merged.

    Copies whose prose names different figures are kept apart (`same_figures`).

    Of each group the richest article (most metadata, then longest text, then earliest) is kept,
    at the position of the group's first member, with the other members' locations (and their
    own `duplicates`) in `Article.duplicates`.
    """
    return [
        articles[i] if others is None else replace(articles[i], duplicates=others)
        for i, others in article_copies(articles, threshold=threshold)
    ]


def article_copies(
    articles: Sequence[Article], *, threshold: float = ARTICLE_THRESHOLD
) -> list[tuple[int, tuple[str, ...] | None]]:
    """What dedupe_articles keeps, as (index of the kept article, its new `duplicates` or None
    when it has no copy): small enough to come back from another process."""
    import numpy as np

    per_article = [_shingle_hashes(normalize_words(article.text)) for article in articles]
    prose_cache: dict[int, list[str]] = {}

    def prose(i: int) -> list[str]:
        # Only articles with a near copy need their prose: most have none.
        if i not in prose_cache:
            prose_cache[i] = _prose_words(articles[i].text)
        return prose_cache[i]

    lengths = np.asarray([len(h) for h in per_article], dtype=np.int64)
    hashes = np.concatenate(per_article) if per_article else np.zeros(0, dtype=np.int64)
    matches = earlier_matches(join_hashes(hashes, lengths, threshold))
    canonical = list(range(len(articles)))
    for i in range(len(articles)):
        # Copies that differ in a figure stay apart: the brief shows that they disagree.
        found = [
            (similarity, -j)
            for j, similarity in matches.get(i, ())
            if canonical[j] == j and same_figures(prose(i), prose(j))
        ]
        if found:
            canonical[i] = -max(found)[1]
    groups: dict[int, list[int]] = defaultdict(list)
    for i, canon in enumerate(canonical):
        groups[canon].append(i)
    result: list[tuple[int, tuple[str, ...] | None]] = []
    for first in sorted(groups):
        members = groups[first]
        if len(members) == 1:
            result.append((first, None))
            continue
        keep = max(members, key=lambda i: (*_richness(articles[i]), -i))
        others: list[str] = []
        for i in members:
            for location in (articles[i].location, *articles[i].duplicates):
                if location != articles[keep].location and location not in others:
                    others.append(location)
        result.append((keep, tuple(others)))
    return result
