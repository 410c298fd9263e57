"""Sparse sentence × term count matrices, built once and shared by the fast rankers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True)
class TermMatrix:
    """Counts of each term (column) in each sentence (row), plus the term ids in order."""

    counts: sp.csr_matrix  # float64, shape (sentences, terms), sorted indices, no duplicates
    vocabulary: dict[str, int]
    ids: list[list[int]]  # term ids of each sentence in token order (duplicates kept)

    @property
    def lengths(self) -> np.ndarray:
        """Number of term tokens of each sentence (duplicates counted)."""
        return np.fromiter((len(i) for i in self.ids), dtype=np.float64, count=len(self.ids))


def term_matrix(
    sentences: Sequence[Sequence[str]], vocabulary: dict[str, int] | None = None
) -> TermMatrix:
    """Build the CSR count matrix of `sentences` (each a sequence of terms).

    With `vocabulary`, new terms are appended to it (so several matrices can share columns).
    """
    vocab: dict[str, int] = {} if vocabulary is None else vocabulary
    setdefault = vocab.setdefault
    ids: list[list[int]] = []
    indptr = np.zeros(len(sentences) + 1, dtype=np.int64)
    for row, terms in enumerate(sentences):
        # setdefault with len(vocab) numbers new terms in first-seen order in one dict lookup
        row_ids = [setdefault(t, len(vocab)) for t in terms]
        ids.append(row_ids)
        indptr[row + 1] = indptr[row] + len(row_ids)
    flat = np.fromiter(
        (i for row_ids in ids for i in row_ids), dtype=np.int32, count=int(indptr[-1])
    )
    rows = np.repeat(np.arange(len(sentences), dtype=np.int32), np.diff(indptr))
    data = np.ones(len(flat), dtype=np.float64)
    # COO -> CSR sums duplicate (row, term) pairs into counts
    counts = sp.coo_matrix((data, (rows, flat)), shape=(len(sentences), len(vocab))).tocsr()
    counts.sum_duplicates()
    counts.sort_indices()
    return TermMatrix(counts=counts, vocabulary=vocab, ids=ids)
