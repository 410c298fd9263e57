"""Automatic sections for briefs without a profile: group sentences into a few titled topics.

Spherical k-means on TF-IDF sentence vectors (deterministic: farthest-point start from the most
central sentence), small clusters folded into their nearest neighbour, each topic titled by its
most distinctive terms written as the sources write them (stem → most common surface form).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import chain

import numpy as np
import scipy.sparse as sp

from .models import AnalyzedSentence, SectionPlan, SectionSpec
from .text import Analyzer

SINGLE_BELOW = 12  # fewer sentences than this make one section: too little to split
MAX_TOPICS = 5
SENTENCES_PER_TOPIC = 15  # roughly one more topic per this many sentences, up to MAX_TOPICS
MIN_SHARE = 0.08  # a cluster smaller than this share of the sentences joins its neighbour
TITLE_TERMS = 3
FOCUS_TERMS = 8
ITERATIONS = 25


def topic_count(n: int) -> int:
    """How many topics `n` sentences are split into (1 when small)."""
    if n < SINGLE_BELOW:
        return 1
    return max(2, min(MAX_TOPICS, n // SENTENCES_PER_TOPIC + 1))


def auto_sections(items: Sequence[AnalyzedSentence], analyzer: Analyzer) -> list[SectionPlan]:
    """Sections over `items` (indices into it): a few topics, each titled by its key terms."""
    from .summarize.briefer_rank import tfidf_rows

    n = len(items)
    k = topic_count(n)
    if not n:
        return [SectionPlan(SectionSpec(id="summary", title="Summary"), ())]
    matrix, vocabulary = tfidf_rows([item.terms for item in items])
    names = sorted(vocabulary, key=vocabulary.__getitem__)
    if k == 1 or matrix.nnz == 0:
        focus = _key_terms(matrix, names, np.arange(n), None, FOCUS_TERMS)
        spec = SectionSpec(id="summary", title="Summary")
        return [SectionPlan(spec, tuple(range(n)), tuple(focus))]
    labels = cluster(matrix, k)
    forms = surface_forms(items, analyzer)
    groups = [np.flatnonzero(labels == c) for c in range(labels.max() + 1)]
    groups = sorted((g for g in groups if len(g)), key=lambda g: (-len(g), int(g[0])))
    plans = []
    used_titles: set[str] = set()
    for number, members in enumerate(groups, 1):
        terms = _key_terms(matrix, names, members, labels, FOCUS_TERMS)
        title = _title(terms, forms, used_titles)
        spec = SectionSpec(id=f"topic-{number}", title=title)
        plans.append(SectionPlan(spec, tuple(int(i) for i in members), tuple(terms)))
    return plans


def cluster(matrix: sp.csr_matrix, k: int) -> np.ndarray:
    """Spherical k-means labels (0..k-1, small clusters merged away) for L2-normalised rows."""
    n = matrix.shape[0]
    total = np.asarray(matrix.sum(axis=0)).ravel()
    centrality = np.asarray(matrix @ total).ravel()
    # Farthest-point start: the most central sentence, then each time the sentence least like
    # any chosen centre (among those with terms) — deterministic and spread out.
    centres = [int(np.argmax(centrality))]
    has_terms = np.diff(matrix.indptr) > 0
    closest = np.asarray(matrix @ matrix[centres[0]].T.toarray()).ravel()
    for _ in range(1, k):
        candidates = np.where(has_terms, closest, np.inf)
        nxt = int(np.argmin(candidates))
        centres.append(nxt)
        closest = np.maximum(closest, np.asarray(matrix @ matrix[nxt].T.toarray()).ravel())
    centroids = matrix[centres].toarray()
    labels = np.zeros(n, dtype=np.int64)
    for _ in range(ITERATIONS):
        new = np.asarray(matrix @ centroids.T).argmax(axis=1)
        if np.array_equal(new, labels) and _ > 0:
            break
        labels = new
        centroids = _centroids(matrix, labels, centroids)
    return _merge_small(matrix, labels, centroids)


def _centroids(matrix: sp.csr_matrix, labels: np.ndarray, old: np.ndarray) -> np.ndarray:
    # All cluster sums in one sparse product (k × n indicator @ n × V), not k row slicings.
    k, n = old.shape[0], matrix.shape[0]
    member = sp.csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(k, n))
    sums = (member @ matrix).toarray()
    norms = np.linalg.norm(sums, axis=1)
    out = old.copy()
    used = np.bincount(labels, minlength=k) > 0
    out[used] = sums[used] / np.where(norms[used] > 0, norms[used], 1.0)[:, None]
    return out


def _merge_small(matrix: sp.csr_matrix, labels: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """Fold clusters below MIN_SHARE into their most similar remaining cluster; renumber."""
    n = len(labels)
    labels = labels.copy()
    while True:
        sizes = np.bincount(labels, minlength=centroids.shape[0])
        alive = np.flatnonzero(sizes)
        small = [c for c in alive if sizes[c] < max(2, MIN_SHARE * n)]
        if not small or len(alive) <= 1:
            break
        victim = min(small, key=lambda c: (sizes[c], c))
        others = [c for c in alive if c != victim]
        sims = centroids[others] @ centroids[victim]
        labels[labels == victim] = others[int(np.argmax(sims))]
        centroids = _centroids(matrix, labels, centroids)
    _, renumbered = np.unique(labels, return_inverse=True)
    return np.asarray(renumbered, dtype=np.int64)


def _key_terms(
    matrix: sp.csr_matrix,
    names: Sequence[str],
    members: np.ndarray,
    labels: np.ndarray | None,
    count: int,
) -> list[str]:
    """The stems that best distinguish these sentences from the rest (or just the heaviest)."""
    if not len(members):
        return []
    inside = np.asarray(matrix[members].mean(axis=0)).ravel()
    weight = inside
    if labels is not None and len(members) < matrix.shape[0]:
        rest = np.setdiff1d(np.arange(matrix.shape[0]), members)
        outside = np.asarray(matrix[rest].mean(axis=0)).ravel()
        weight = inside - 0.5 * outside
    # Terms carried by a single sentence make poor titles: require two sentences when possible.
    support = np.asarray((matrix[members] > 0).sum(axis=0)).ravel()
    if len(members) >= 4:
        weight = np.where(support >= 2, weight, weight - 1.0)
    top = np.argsort(-weight, kind="stable")[:count]
    return [names[int(i)] for i in top if weight[int(i)] > -1.0 and inside[int(i)] > 0]


def surface_forms(items: Sequence[AnalyzedSentence], analyzer: Analyzer) -> dict[str, str]:
    """For each stem, the word form the sources use most (proper nouns keep their capital)."""
    counts: dict[str, Counter[str]] = {}
    # Distinct tokens only (a 1,000-article corpus has ~600k tokens, ~60k distinct), in order
    # of first appearance, so ties resolve exactly as a token-by-token pass would.
    for word, n in Counter(chain.from_iterable(item.words for item in items)).items():
        for part in word.split("-") if "-" in word else (word,):
            stem = analyzer.term(part.rstrip("."))
            if stem:
                seen = counts.get(stem)
                if seen is None:
                    seen = counts[stem] = Counter()
                seen[part] += n
    forms: dict[str, str] = {}
    for stem, seen in counts.items():
        lower: Counter[str] = Counter()
        for form, c in seen.items():
            lower[form.lower()] += c
        best = max(lower.items(), key=lambda kv: (kv[1], -len(kv[0]), kv[0]))[0]
        # Keep the capital only when the word is (almost) always written with one.
        capitalised = sum(c for f, c in seen.items() if f.lower() == best and f[:1].isupper())
        upper_any = next(
            (f for f, _ in seen.most_common() if f.lower() == best and f[:1].isupper()), best
        )
        forms[stem] = upper_any if capitalised >= 0.8 * lower[best] else best
    return forms


def _title(terms: Sequence[str], forms: dict[str, str], used: set[str]) -> str:
    words: list[str] = []
    for term in terms:
        form = forms.get(term, term)
        if form.lower() not in {w.lower() for w in words}:
            words.append(form)
        if len(words) == TITLE_TERMS:
            break
    if not words:
        return "Other"
    title = ", ".join(words)
    title = title[:1].upper() + title[1:]
    base, number = title, 2
    while title in used:  # two topics never share a heading
        title = f"{base} ({number})"
        number += 1
    used.add(title)
    return title
