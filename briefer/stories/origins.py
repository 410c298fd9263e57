"""Origins: copies of one wire story (edited or not) found by shingles of content terms."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

SHINGLE = 4  # terms per shingle: enough that two independent reports rarely share many
CONTAINMENT = 0.6  # share of the shorter text's shingles found in the longer: a copy
MIN_SHINGLES = 20  # shorter texts are too short to call copies


def shingle_hashes(ids: Any, size: int = SHINGLE) -> Any:
    """Sorted distinct hashes of the `size`-term shingles of a sequence of term ids."""
    import numpy as np

    h = np.asarray(ids).view(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    if len(h) < size:
        return np.zeros(0, dtype=np.uint64)
    count = len(h) - size + 1
    mixed = np.zeros(count, dtype=np.uint64)
    for offset in range(size):  # a polynomial hash of each window (wrapping uint64 arithmetic)
        mixed = mixed * np.uint64(0x100000001B3) + h[offset : offset + count]
    return np.unique(mixed)


def containment(a: Any, b: Any) -> float:
    """|a ∩ b| / min(|a|, |b|) of two shingle-hash sets: 1.0 when one text is inside the other."""
    import numpy as np

    if not len(a) or not len(b):
        return 0.0
    shared = np.intersect1d(a, b, assume_unique=True)
    return len(shared) / min(len(a), len(b))


def find_origins(words: Sequence[Any], pairs: Sequence[tuple[int, int]]) -> list[int]:
    """For each article (its content-term ids, in order), the index of its origin: the first of
    the copies it belongs to.

    Only `pairs` (already known to be similar) are compared, so the cost stays near-linear.
    A changed figure or an added paragraph leaves most shingles shared: still one origin.
    """
    cache: dict[int, Any] = {}

    def grams(i: int) -> Any:
        if i not in cache:
            cache[i] = shingle_hashes(words[i])
        return cache[i]

    parent = list(range(len(words)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(pairs):
        a, b = grams(i), grams(j)
        if min(len(a), len(b)) >= MIN_SHINGLES and containment(a, b) >= CONTAINMENT:
            ri, rj = root(i), root(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    return [root(i) for i in range(len(words))]
