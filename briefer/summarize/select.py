"""Turn scores into a section's sentences: best first within the budget, shown in source order."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import AnalyzedSentence

REDUNDANCY = 0.6  # term-set overlap above which a sentence adds nothing to one already chosen


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def select_sentences(
    scores: Sequence[float],
    items: Sequence[AnalyzedSentence],
    sentences: int | None = None,
    words: int | None = None,
) -> list[int]:
    """Indices (into `items`) of the chosen sentences, in source order.

    Greedy by score; skips a sentence that repeats one already chosen; with a word budget the
    summary is never longer than `words` (a sentence that does not fit is skipped).
    """
    order = sorted(range(len(items)), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    chosen_terms: list[frozenset[str]] = []
    used = 0
    limit = sentences if sentences is not None else (None if words else 3)
    for i in order:
        if limit is not None and len(chosen) >= limit:
            break
        length = len(items[i].words)
        if words is not None and used + length > words:
            continue
        terms = frozenset(items[i].terms)
        if any(_overlap(terms, other) > REDUNDANCY for other in chosen_terms):
            continue
        chosen.append(i)
        chosen_terms.append(terms)
        used += length
    return sorted(chosen)
