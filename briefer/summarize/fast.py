"""Vectorized LexRank, TextRank, LSA, SumBasic, KL-Sum and Luhn (numpy + scipy.sparse).

Each core reproduces the definition in sumy 0.13 (see the docstrings for the exact formulas,
including sumy's quirks) so it picks the same sentences, but works on sparse term matrices and
scales near-linearly instead of quadratically or worse. The graph rankers (LexRank, TextRank) live
in `briefer.summarize.graph`; `briefer.summarize.fast_sumy` wraps the same cores as drop-in sumy
summarizer classes; the `rank_*` functions are briefer rankers.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache

import numpy as np
import scipy.sparse as sp

from . import RankRequest
from .graph import (
    duplicate_groups,
    lexrank_scores,
    max_per_row,
    similar_pairs,
    textrank_scores,
)
from .matrix import term_matrix

__all__ = [
    "duplicate_groups",
    "kl_inputs",
    "kl_order",
    "lexrank_scores",
    "lsa_scores",
    "lsa_scores_svd",
    "luhn_scores",
    "rank_kl",
    "rank_lexrank",
    "rank_lsa",
    "rank_luhn",
    "rank_sumbasic",
    "rank_textrank",
    "similar_pairs",
    "sumbasic_order",
    "textrank_scores",
]

# --- LSA --------------------------------------------------------------------------------------


def lsa_scores(
    counts: sp.csr_matrix, n_terms: int | None = None, smooth: float = 0.4
) -> np.ndarray:
    """sumy's LSA rating, computed without an SVD (it is exactly a column norm).

    sumy fills a terms × sentences matrix A with smooth + (1-smooth)·count/max for *every* cell
    of a non-empty sentence (absent terms get `smooth`), takes its SVD and, because its rank
    selection keeps all singular values (REDUCTION_RATIO = 1), rates sentence j by
    sqrt(Σ_i σ_i² v_ij²) = ‖A e_j‖. So the score is the norm of the sentence's column.
    `n_terms` is the dictionary size (defaults to the number of columns of `counts`).
    """
    n_terms = counts.shape[1] if n_terms is None else n_terms
    row_max = max_per_row(counts)
    present = np.diff(counts.indptr)
    safe_max = np.where(row_max == 0, 1.0, row_max)
    cells = smooth + (1.0 - smooth) * counts.data / np.repeat(safe_max, present)
    rows = np.repeat(np.arange(counts.shape[0]), present)
    squares = np.bincount(rows, cells**2, minlength=counts.shape[0])
    total = (n_terms - present) * smooth**2 + squares
    return np.where(row_max > 0, np.sqrt(total), 0.0)


def lsa_scores_svd(
    counts: sp.csr_matrix, n_terms: int, dimensions: int, smooth: float = 0.4
) -> np.ndarray:
    """sumy's LSA rating when fewer than all dimensions are kept (needs a real SVD)."""
    dense = np.zeros((n_terms, counts.shape[0]))
    row_max = max_per_row(counts)
    coo = counts.tocoo()
    dense[coo.col, coo.row] = coo.data
    nonempty = row_max > 0
    dense[:, nonempty] = smooth + (1 - smooth) * dense[:, nonempty] / row_max[nonempty]
    _u, sigma, v = np.linalg.svd(dense, full_matrices=False)
    powered = np.where(np.arange(len(sigma)) < dimensions, sigma**2, 0.0)
    return np.sqrt(powered @ v**2)


# --- SumBasic ---------------------------------------------------------------------------------


def sumbasic_order(ids: Sequence[Sequence[int]], n_terms: int) -> list[int]:
    """sumy's SumBasic selection order (every sentence, best first).

    p(t) = count / number of content tokens; repeatedly take the sentence with the highest mean
    p over its tokens (first one on ties), then square p(t) once per occurrence of t in it.
    Means only fall, so a lazy max-heap recomputes a sentence only when it reaches the top.
    """
    total = sum(len(s) for s in ids)
    freq = [0.0] * n_terms
    for sentence in ids:
        for t in sentence:
            freq[t] += 1
    if total:
        freq = [f / total for f in freq]

    def mean(i: int) -> float:
        words = ids[i]
        # the same arithmetic as sumy (a plain left-to-right sum) so that ties stay ties
        return sum([freq[t] for t in words]) / len(words) if words else 0

    heap = [(-mean(i), i) for i in range(len(ids))]
    heapq.heapify(heap)
    order: list[int] = []
    while heap:
        neg, i = heapq.heappop(heap)
        current = mean(i)
        if current != -neg:
            heapq.heappush(heap, (-current, i))
            continue
        order.append(i)
        for t in ids[i]:
            freq[t] *= freq[t]
    return order


# --- KL-Sum -----------------------------------------------------------------------------------


def kl_order(
    content: sp.csr_matrix,
    summary_words: sp.csr_matrix,
    word_counts: np.ndarray,
    doc_freq: np.ndarray,
    steps: int | None = None,
) -> tuple[list[int], np.ndarray]:
    """sumy's KL-Sum greedy order, in O(steps · nnz) vectorized work.

    Each step adds the sentence minimizing Σ_{w∈U} q_w log(q_w / j_w), where q is `doc_freq`,
    j the word distribution of (candidate content words + the summary's words) and U its words
    that q knows. `content` holds each sentence's content words, `summary_words` the words a
    sentence contributes once it is in the summary (sumy uses their raw form there) and
    `word_counts` how many words it adds to the summary length. Returns the first `steps` picks
    (all by default) and the divergence each remaining sentence had at the last step.
    """
    n, n_terms = content.shape
    steps = n if steps is None else min(steps, n)
    q = doc_freq
    with np.errstate(divide="ignore", invalid="ignore"):
        q_log_q = np.where(q > 0, q * np.log(np.where(q > 0, q, 1.0)), 0.0)
    rows = np.repeat(np.arange(n), np.diff(content.indptr))
    cols = content.indices
    b = content.data
    q_c, q_log_q_c = q[cols], q_log_q[cols]
    lengths = np.asarray(content.sum(axis=1)).ravel()
    summary = np.zeros(n_terms)
    summary_length = 0.0
    removed = np.zeros(n, dtype=bool)
    order: list[int] = []
    divergence = np.zeros(n)
    for _ in range(steps + 1):
        if len(order) == n:
            break
        divergence = _kl_step(
            summary, summary_length, q, q_log_q, rows, cols, b, q_c, q_log_q_c, lengths, n
        )
        if len(order) == steps:
            break
        divergence[removed] = np.inf
        best = int(np.argmin(divergence))
        order.append(best)
        removed[best] = True
        row = summary_words.getrow(best)
        summary[row.indices] += row.data
        summary_length += word_counts[best]
    return order, divergence


def _kl_step(
    summary: np.ndarray,
    summary_length: float,
    q: np.ndarray,
    q_log_q: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    b: np.ndarray,
    q_c: np.ndarray,
    q_log_q_c: np.ndarray,
    lengths: np.ndarray,
    n: int,
) -> np.ndarray:
    """Divergence of every candidate joined with the current summary (see kl_order).

    With U = words of summary ∪ candidate, j_w = (a_w + b_w) / (L + l):
    Σ_U q log(q / j) = Σ_U q log q − Σ_U q log(a + b) + log(L + l) Σ_U q, where the sums over
    the summary's words are shared by all candidates and the rest runs over the candidate's
    nonzeros only (`rows`, `cols`, `b` = its counts; `q_c`, `q_log_q_c` = q at those words).
    """
    held = summary > 0
    base_qlogq = q_log_q[held].sum()
    base_q = q[held].sum()
    base_qlog = (q[held] * np.log(summary[held])).sum()
    a_c = summary[cols]
    new = a_c == 0
    with np.errstate(divide="ignore"):
        log_a = np.where(new, 0.0, np.log(np.where(new, 1.0, a_c)))
    e1 = np.bincount(rows, np.where(new, q_log_q_c, 0.0), minlength=n)
    e2 = np.bincount(rows, q_c * (np.log(a_c + b) - log_a), minlength=n)
    e3 = np.bincount(rows, np.where(new, q_c, 0.0), minlength=n)
    total = summary_length + lengths
    with np.errstate(divide="ignore", invalid="ignore"):
        result = (base_qlogq + e1) - (base_qlog + e2) + np.log(total) * (base_q + e3)
    return np.where(total > 0, result, 0.0)


def kl_inputs(
    words: Sequence[Sequence[str]], stop_words: frozenset[str]
) -> tuple[sp.csr_matrix, sp.csr_matrix, np.ndarray, np.ndarray]:
    """KL-Sum's matrices from raw word tokens, with sumy's exact (quirky) word handling.

    sumy's document distribution drops stop words *before* lower-casing (so "The" counts in its
    total) and its candidates drop them after; the summary side uses the raw tokens as written.
    """
    doc = Counter(w.lower() for sentence in words for w in sentence if w not in stop_words)
    total = sum(doc.values())
    vocabulary = {w: i for i, w in enumerate(doc)}
    content = term_matrix(
        [[w for w in (x.lower() for x in s) if w not in stop_words] for s in words], vocabulary
    )
    summary = term_matrix([[w for w in s if w in vocabulary] for s in words], vocabulary)
    size = len(vocabulary)  # the content pass may have added a term q does not know (q = 0)
    freq = np.zeros(size)
    if total:
        for w, c in doc.items():
            freq[vocabulary[w]] = c / total
    counts = np.array([len(s) for s in words], dtype=np.float64)
    return _widen(content.counts, size), _widen(summary.counts, size), counts, freq


def _widen(matrix: sp.csr_matrix, columns: int) -> sp.csr_matrix:
    """The same rows with `columns` columns (term ids never exceed it)."""
    return sp.csr_matrix(
        (matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], columns)
    )


# --- Luhn -------------------------------------------------------------------------------------


def luhn_scores(flags: Sequence[Sequence[bool]], max_gap: int = 4) -> list[float]:
    """sumy's Luhn rating from each word's "is significant" flag (all words, in order).

    Chunks start at a significant word and end after `max_gap` insignificant ones; a chunk
    rates significant² / length (trailing insignificant words dropped; 0 for one significant
    word); a sentence rates its best chunk.
    """
    scores = []
    for sentence in flags:
        best = 0.0
        significant = length = gap = 0
        in_chunk = False
        for flag in sentence:
            if flag and not in_chunk:
                in_chunk, significant, length, gap = True, 1, 1, 0
            elif in_chunk:
                length += 1
                if flag:
                    significant += 1
                    gap = 0
                else:
                    gap += 1
            if in_chunk and gap >= max_gap:
                in_chunk = False
                best = max(best, _chunk_rating(significant, length - gap))
        if in_chunk:
            best = max(best, _chunk_rating(significant, length - gap))
        scores.append(best)
    return scores


def _chunk_rating(significant: int, length: int) -> float:
    return 0.0 if significant == 1 else significant**2 / length


# --- briefer rankers --------------------------------------------------------------------------


def rank_lexrank(request: RankRequest) -> list[float]:
    """LexRank (sumy's definition, vectorized) over the request's stemmed terms."""
    matrix = term_matrix(request.terms)
    return lexrank_scores(matrix.counts).tolist()


def rank_textrank(request: RankRequest) -> list[float]:
    """TextRank (sumy's definition, vectorized) over the request's stemmed terms."""
    matrix = term_matrix(request.terms)
    return textrank_scores(matrix.counts, matrix.lengths).tolist()


def rank_lsa(request: RankRequest) -> list[float]:
    """LSA (sumy's definition: the norm of each sentence's smoothed term column).

    Like sumy, a stop word counts in its sentence when its stem is a term of the document
    ("allow" once "allowed" is a term): sumy filters stop words for the dictionary only.
    """
    stops = _stop_words(request.language)
    stem = _stemmer(request.language)
    dictionary = {t for terms in request.terms for t in terms}
    counted = [
        list(terms) + [t for t in (stem(w) for w in words if w.lower() in stops) if t in dictionary]
        for terms, words in zip(request.terms, request.words, strict=True)
    ]
    matrix = term_matrix(counted)
    return lsa_scores(matrix.counts, len(dictionary)).tolist()


def rank_sumbasic(request: RankRequest) -> list[float]:
    """SumBasic (sumy's definition): minus the step at which the sentence is picked."""
    matrix = term_matrix(request.terms)
    order = sumbasic_order(matrix.ids, len(matrix.vocabulary))
    return _order_scores(order, len(request.terms))


def rank_kl(request: RankRequest) -> list[float]:
    """KL-Sum (sumy's definition on unstemmed words); exact for the first `count` picks.

    Later sentences are ordered by the divergence they would give as the next pick, which keeps
    the cost at O(count · nnz) instead of sumy's cubic full ordering.
    """
    n = len(request.words)
    content, summary, counts, freq = kl_inputs(request.words, _stop_words(request.language))
    order, divergence = kl_order(content, summary, counts, freq, steps=max(1, request.count))
    scores = np.asarray(_order_scores(order, n), dtype=np.float64)
    rest = np.setdiff1d(np.arange(n), order)
    if len(rest):
        d = divergence[rest]
        span = float(d.max() - d.min()) or 1.0
        scores[rest] = -len(order) - (d - d.min()) / span  # in [-len-1, -len], best first
    return scores.tolist()


def rank_luhn(request: RankRequest) -> list[float]:
    """Luhn (sumy's definition): stems seen more than once, densest chunk of them."""
    counts = Counter(t for terms in request.terms for t in terms)
    significant = {t for t, c in counts.items() if c > 1}
    stem = _stemmer(request.language)
    flags = [[stem(w) in significant for w in words] for words in request.words]
    return luhn_scores(flags)


def _order_scores(order: Sequence[int], n: int) -> list[float]:
    """sumy's greedy ratings: 0 for the first pick, -1 for the second, ..."""
    scores = [-float(n)] * n
    for step, i in enumerate(order):
        scores[i] = -float(step)
    return scores


@cache
def _stop_words(language: str) -> frozenset[str]:
    from ..text import normalize_language, stop_words

    return stop_words(normalize_language(language))


@cache
def _stemmer(language: str) -> Callable[[str], str]:
    from ..text import Analyzer

    return cache(Analyzer(language).stem)
