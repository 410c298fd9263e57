"""Vectorized LexRank, TextRank, LSA, SumBasic, KL-Sum and Luhn (numpy + scipy.sparse).

Each core reproduces the definition in sumy 0.13 (see the docstrings for the exact formulas,
including sumy's quirks) so it picks the same sentences, but works on sparse term matrices and
scales near-linearly instead of quadratically or worse. `briefer.summarize.fast_sumy` wraps the
same cores as drop-in sumy summarizer classes; the `rank_*` functions are briefer rankers.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache

import numpy as np
import scipy.sparse as sp

from . import RankRequest
from .matrix import term_matrix

#: most similar pairs a LexRank graph may hold (12 bytes each). Real news stays far below it
#: (30,000 sentences of real articles: 2.8 M); masses of near-identical copies can exceed it,
#: and then each sentence keeps only its PAIR_BUDGET // n most similar neighbours.
PAIR_BUDGET = 10_000_000
#: up to this many sentences TextRank builds its graph explicitly (sumy's own arithmetic)
EXPLICIT_TEXTRANK = 300
#: most entries one block of the similarity product may hold (≈ 12 bytes each)
BLOCK_ENTRIES = 2_000_000
#: pairs handled at once in LexRank's power iteration
_CHUNK = 1_000_000


# --- LexRank ----------------------------------------------------------------------------------


def lexrank_scores(
    counts: sp.csr_matrix,
    threshold: float = 0.1,
    epsilon: float = 0.1,
    *,
    max_neighbors: int | None = None,
) -> np.ndarray:
    """sumy's LexRank: thresholded idf-modified-cosine graph, degree-normalized, power method.

    tf = count / max count in the sentence; idf = log(n / (1 + df)); an edge wherever the
    cosine of the tf·idf vectors exceeds `threshold` (self-loops included); rows divided by their
    degree; power iteration from the uniform vector with L2 normalization until the step is at
    most `epsilon`. `max_neighbors` keeps only each sentence's most similar neighbours (by
    default only if the graph would exceed PAIR_BUDGET pairs, so memory stays bounded).
    """
    n = counts.shape[0]
    if n == 0:
        return np.zeros(0)
    # identical sentences (wire copy) are one node with a multiplicity: the same arithmetic as
    # sumy's (copies always hold equal scores) without multiplying every copy with every copy
    group, first = duplicate_groups(counts)
    size = len(first)
    copies = np.bincount(group).astype(float)
    budget = PAIR_BUDGET if max_neighbors is None else None
    rows, cols = similar_pairs(_unit_tfidf(counts)[first], threshold, max_neighbors, budget)
    # the graph is symmetric: each stored pair (i <= j) is the edge i-j both ways

    def spread(x: np.ndarray) -> np.ndarray:  # Aᵀx for the 0/1 adjacency A of the nodes
        out = np.zeros(size)
        for a in range(0, len(rows), _CHUNK):  # in chunks: temporaries stay small
            r, c = rows[a : a + _CHUNK], cols[a : a + _CHUNK]
            out += np.bincount(r, x[c], minlength=size)
            off = r != c
            out += np.bincount(c[off], x[r[off]], minlength=size)
        return out

    degrees = spread(copies)  # a sentence's degree counts every copy of its neighbours
    degrees[degrees == 0] = 1.0
    p = np.full(size, 1.0 / n)
    step = 1.0
    while step > epsilon:
        nxt = spread(copies * p / degrees)
        norm = math.sqrt(float(copies @ nxt**2))  # the norm of the vector over all sentences
        if norm == 0:  # no sentence has a usable term (sumy returns NaN here)
            return np.full(n, 1.0 / n)
        nxt /= norm
        step = math.sqrt(float(copies @ (nxt - p) ** 2))
        p = nxt
    return p[group]


def duplicate_groups(counts: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Group identical rows: (group of each row, first row of each group)."""
    if not counts.has_sorted_indices:
        counts = counts.sorted_indices()
    indptr, indices, data = counts.indptr, counts.indices, counts.data
    seen: dict[tuple[bytes, bytes], int] = {}
    group = np.empty(counts.shape[0], dtype=np.int64)
    first: list[int] = []
    for i in range(counts.shape[0]):
        a, b = indptr[i], indptr[i + 1]
        key = (indices[a:b].tobytes(), data[a:b].tobytes())
        g = seen.setdefault(key, len(seen))
        if g == len(first):
            first.append(i)
        group[i] = g
    return group, np.asarray(first, dtype=np.int64)


def _unit_tfidf(counts: sp.csr_matrix) -> sp.csr_matrix:
    """Rows of max-normalized tf × sumy's idf, scaled to unit length (zero rows stay zero)."""
    n = counts.shape[0]
    tf = counts.copy()
    row_max = _row_max(counts)
    row_max[row_max == 0] = 1.0
    tf.data /= np.repeat(row_max, np.diff(tf.indptr))
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log(n / (1.0 + df))
    weights = tf
    weights.data *= idf[weights.indices]
    weights.eliminate_zeros()  # terms in n-1 sentences have idf 0: no contribution anywhere
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    weights.data /= np.repeat(norms, np.diff(weights.indptr))
    return weights


def _row_max(counts: sp.csr_matrix) -> np.ndarray:
    """Largest count in each row (0 for empty rows, also when there are no terms at all)."""
    if counts.shape[1] == 0:
        return np.zeros(counts.shape[0])
    return counts.max(axis=1).toarray().ravel()


def similar_pairs(
    unit: sp.csr_matrix,
    threshold: float,
    max_neighbors: int | None = None,
    budget: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i <= j) of rows whose dot product exceeds `threshold`, diagonal included.

    Computed in blocks of rows, each multiplied only with the rows at or after it (the
    similarity is symmetric). Blocks are cut so that an upper bound of their product's size
    (Σ document frequencies of their terms) stays under BLOCK_ENTRIES, which bounds memory
    however dense the similarities are. With `max_neighbors` each row keeps at most that many
    pairs (its most similar). If more than `budget` pairs turn up, the pairs are found again
    with each row capped at budget // n, so masses of near-identical wire copies that are all
    similar to each other cannot exhaust memory.
    """
    pairs = _collect_pairs(unit, threshold, max_neighbors, budget)
    if pairs is None:
        pairs = _collect_pairs(unit, threshold, max(1, (budget or 0) // unit.shape[0]), None)
    assert pairs is not None
    return pairs


def _collect_pairs(
    unit: sp.csr_matrix, threshold: float, limit: int | None, budget: int | None
) -> tuple[np.ndarray, np.ndarray] | None:
    """similar_pairs' blocked search; None as soon as more than `budget` pairs are found."""
    n = unit.shape[0]
    transposed = unit.T.tocsc()
    df = np.bincount(unit.indices, minlength=unit.shape[1])
    bound = np.minimum(
        np.bincount(np.repeat(np.arange(n), np.diff(unit.indptr)), df[unit.indices], minlength=n), n
    ).cumsum()
    rows_out: list[np.ndarray] = []
    cols_out: list[np.ndarray] = []
    total = 0
    start = 0
    while start < n:
        used = bound[start - 1] if start else 0
        stop = max(start + 1, int(np.searchsorted(bound, used + BLOCK_ENTRIES, side="right")))
        stop = min(stop, n)
        product = (unit[start:stop] @ transposed[:, start:]).tocsr()
        rows, cols, data = _upper_entries(product, threshold)
        del product
        if limit is not None:  # a block holds all of its rows' pairs: capping it is final
            rows, cols, data = _cap_rows(rows, cols, data, limit, stop - start)
        rows_out.append((rows + start).astype(np.int32))
        cols_out.append((cols + start).astype(np.int32))
        total += len(rows)
        if budget is not None and limit is None and total > budget:
            return None
        start = stop
    if not rows_out:
        return np.zeros(0, np.int32), np.zeros(0, np.int32)
    return np.concatenate(rows_out), np.concatenate(cols_out)


def _upper_entries(
    product: sp.csr_matrix, threshold: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, col, value) of a block's entries above threshold on or right of the diagonal.

    Block-relative: row r of the block is sentence start + r, column c is start + c.
    """
    # threshold first: few entries survive, so rows are found only for those
    above = np.flatnonzero(product.data > threshold)
    rows = np.searchsorted(product.indptr, above, side="right") - 1
    cols = product.indices[above]
    upper = cols >= rows
    return rows[upper], cols[upper], product.data[above[upper]]


def _cap_rows(
    rows: np.ndarray, cols: np.ndarray, data: np.ndarray, limit: int, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Keep at most `limit` pairs per row: the most similar, the diagonal always."""
    counts = np.bincount(rows, minlength=n)
    crowded = counts[rows] > limit
    if not crowded.any():
        return rows, cols, data
    # only the rows over the limit are sorted
    c_rows, c_cols, c_data = rows[crowded], cols[crowded], data[crowded]
    order = np.lexsort((-np.where(c_rows == c_cols, np.inf, c_data), c_rows))
    per_row = np.bincount(c_rows, minlength=n)
    starts = np.concatenate([[0], np.cumsum(per_row)[:-1]])
    rank = np.arange(len(order)) - np.repeat(starts, per_row)
    chosen = order[rank < limit]
    keep = ~crowded
    return (
        np.concatenate([rows[keep], c_rows[chosen]]),
        np.concatenate([cols[keep], c_cols[chosen]]),
        np.concatenate([data[keep], c_data[chosen]]),
    )


# --- TextRank ---------------------------------------------------------------------------------


def textrank_scores(
    counts: sp.csr_matrix,
    lengths: np.ndarray,
    damping: float = 0.85,
    epsilon: float = 1e-4,
    *,
    explicit: bool | None = None,
) -> np.ndarray:
    """sumy's TextRank: PageRank over shared-word counts divided by log|s1| + log|s2|.

    weight(i, j) = Σ_t c_it·c_jt / (log len_i + log len_j) (the plain count when both sentences
    have one word; self-loops included); rows divided by (row sum + 1e-7); M = (1-d)/n + d·W;
    p ← Mᵀp from the uniform vector until the step is at most `epsilon`. Small inputs build W
    explicitly; large ones never do: 1/(log a + log b) over the distinct lengths is a matrix of
    numerical rank ~12, so W·x is a dozen sparse products with the term matrix (error ~1e-14).
    """
    n = counts.shape[0]
    if n == 0:
        return np.zeros(0)
    if explicit is None:
        explicit = n <= EXPLICIT_TEXTRANK
    multiply = (
        _explicit_textrank(counts, lengths) if explicit else _lowrank_textrank(counts, lengths)
    )
    row_sums = multiply(np.ones(n)) + 1e-7
    base = (1.0 - damping) / n
    p = np.full(n, 1.0 / n)
    step = 1.0
    while step > epsilon:
        # W is symmetric, so (D⁻¹W)ᵀp = W(p / row sums)
        nxt = base * p.sum() + damping * multiply(p / row_sums)
        step = float(np.linalg.norm(nxt - p))
        p = nxt
    return p


def _edge_norm(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """sumy's edge denominator log a + log b, or 1 where both sentences have one word."""
    norm = np.log(a) + np.log(b)
    return np.where(norm == 0, 1.0, norm)


def _explicit_textrank(
    counts: sp.csr_matrix, lengths: np.ndarray
) -> Callable[[np.ndarray], np.ndarray]:
    """W·x with W built as a sparse matrix."""
    shared = (counts @ counts.T).tocoo()
    safe = np.maximum(lengths, 1.0)
    data = shared.data / _edge_norm(safe[shared.row], safe[shared.col])
    weights = sp.csr_matrix((data, (shared.row, shared.col)), shape=shared.shape)
    return lambda x: weights @ x


def _lowrank_textrank(
    counts: sp.csr_matrix, lengths: np.ndarray
) -> Callable[[np.ndarray], np.ndarray]:
    """W·x = Σ_k diag(u_k) C Cᵀ diag(v_k) x, from an SVD of the length kernel."""
    safe = np.maximum(lengths, 1.0).astype(np.int64)
    distinct, group = np.unique(safe, return_inverse=True)
    sizes = distinct.astype(np.float64)
    kernel = 1.0 / _edge_norm(sizes[:, None], sizes[None, :])
    u, s, vt = np.linalg.svd(kernel)
    rank = max(1, int((s > s[0] * 1e-15).sum()))
    left = (u[:, :rank] * s[:rank])[group]  # n × rank
    right = vt[:rank].T[group]  # n × rank
    by_term = counts.T.tocsr()

    def multiply(x: np.ndarray) -> np.ndarray:
        inner = by_term @ (right * x[:, None])  # terms × rank
        return np.einsum("ij,ij->i", counts @ inner, left)

    return multiply


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
    row_max = _row_max(counts)
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
    row_max = _row_max(counts)
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
