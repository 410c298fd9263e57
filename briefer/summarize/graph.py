"""Vectorized graph rankers: LexRank and TextRank over sparse similarity (numpy + scipy.sparse).

Each reproduces sumy 0.13's definition exactly (see the docstrings, quirks included) so it picks
the same sentences, while memory stays bounded by blocked sparse products and a pair budget.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import scipy.sparse as sp

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
    rows, cols = similar_pairs(unit_tfidf(counts)[first], threshold, max_neighbors, budget)
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


def unit_tfidf(counts: sp.csr_matrix) -> sp.csr_matrix:
    """Rows of max-normalized tf × sumy's idf, scaled to unit length (zero rows stay zero)."""
    n = counts.shape[0]
    tf = counts.copy()
    row_max = max_per_row(counts)
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


def max_per_row(counts: sp.csr_matrix) -> np.ndarray:
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
