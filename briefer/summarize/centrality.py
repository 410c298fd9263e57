"""PacSum's directed centrality (Zheng & Lapata 2019) within each source, for all sources at once.

A sentence's forward sum is its cosine similarity to the sentences after it in its own article,
its backward sum to those before. Computed one source at a time, a thousand sources cost a
thousand rounds of scipy overhead; here one sparse product gives every within-source similarity
(each source has its own copy of the term columns, so sentences of different sources share none)
and the sums run over the same dense position-ordered blocks, stacked by size. The products and
the sums are the very same floating-point operations as block by block, so the scores are equal
to the last bit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from ..models import Sentence

STACK_CELLS = 4_000_000  # dense cells summed at once (32 MB), whatever the block sizes


def directed_centrality(
    sentences: Sequence[Sentence], matrix: sp.csr_matrix, limit: int
) -> tuple[np.ndarray, np.ndarray]:
    """Forward and backward similarity sums of each row of `matrix` within its source.

    Sources with one sentence, or more than `limit`, get zeros (a dense block would be too big).
    """
    n = matrix.shape[0]
    forward, backward = np.zeros(n), np.zeros(n)
    blocks: dict[str, list[int]] = {}
    for index, sentence in enumerate(sentences):
        blocks.setdefault(sentence.source, []).append(index)
    kept = [members for members in blocks.values() if 2 <= len(members) <= limit]
    if not kept:
        return forward, backward
    # Each block's rows by position ("after" means later in the article), ties by input order.
    positions = np.fromiter((s.position for s in sentences), dtype=np.int64, count=n)
    rows = np.concatenate([np.asarray(m)[np.argsort(positions[m], kind="stable")] for m in kept])
    sizes = np.fromiter(map(len, kept), dtype=np.int64, count=len(kept))
    block_of = np.repeat(np.arange(len(kept)), sizes)
    starts = np.cumsum(sizes) - sizes  # where each block's rows begin in `rows`
    local = np.arange(len(rows)) - np.repeat(starts, sizes)
    sim = _within_block_products(matrix[rows], block_of).tocoo()
    off = sim.row != sim.col  # the diagonal counts for nothing
    r, c, values = sim.row[off], sim.col[off], sim.data[off]
    # Stack the blocks of one size into (blocks, size, size) arrays; numpy sums each row of
    # them exactly as it sums the rows of one block.
    by_size = np.argsort(sizes, kind="stable")
    entry_order = np.argsort(sizes[block_of[r]], kind="stable")
    r, c, values = r[entry_order], c[entry_order], values[entry_order]
    entry_size = sizes[block_of[r]]
    for size in np.unique(sizes).tolist():
        group = by_size[sizes[by_size] == size]  # blocks of this size, in block order
        lo, hi = np.searchsorted(entry_size, [size, size + 1])
        g_r, g_c, g_v = r[lo:hi], c[lo:hi], values[lo:hi]
        slot = np.empty(len(kept), dtype=np.int64)
        slot[group] = np.arange(len(group))
        step = max(1, STACK_CELLS // (size * size))
        for start in range(0, len(group), step):
            chunk = group[start : start + step]
            in_chunk = (slot[block_of[g_r]] >= start) & (slot[block_of[g_r]] < start + step)
            cells = np.zeros((len(chunk), size, size))
            e_r = g_r[in_chunk]
            cells[slot[block_of[e_r]] - start, local[e_r], local[g_c[in_chunk]]] = g_v[in_chunk]
            members = rows[(starts[chunk][:, None] + np.arange(size)).ravel()]
            forward[members] = np.triu(cells).sum(axis=2).ravel()
            backward[members] = np.tril(cells).sum(axis=2).ravel()
    return forward, backward


def _within_block_products(rows: sp.csr_matrix, block_of: np.ndarray) -> sp.csr_matrix:
    """rows @ rows.T, but only between rows of one block (the others are structurally zero).

    Each (block, term) pair becomes its own column; the entries keep their order in each row,
    so every product sums the same terms in the same order as a block's own product would.
    """
    entry_block = np.repeat(block_of, np.diff(rows.indptr))
    _, columns = np.unique(entry_block * rows.shape[1] + rows.indices, return_inverse=True)
    columns = columns.reshape(-1)
    spread = sp.csr_matrix(
        (rows.data, columns, rows.indptr), shape=(rows.shape[0], int(columns.max()) + 1)
    )
    return spread @ spread.T
