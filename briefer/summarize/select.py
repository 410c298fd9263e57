"""Turn scores into a section's sentences: best first within the budget, shown in source order."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import AnalyzedSentence

REDUNDANCY = 0.6  # term-set overlap above which a sentence adds nothing to one already chosen


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _repeats(
    terms: frozenset[str], chosen: list[frozenset[str]], postings: dict[str, list[int]]
) -> bool:
    """True when `terms` overlaps a chosen term set by more than REDUNDANCY (as _overlap)."""
    if not terms:
        return False
    shared: dict[int, int] = {}
    for term in terms:
        for index in postings.get(term, ()):
            shared[index] = shared.get(index, 0) + 1
    return any(
        count / min(len(terms), len(chosen[index])) > REDUNDANCY for index, count in shared.items()
    )


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
    # term → positions in chosen_terms: a candidate is compared only with the chosen sentences
    # it shares a term with (the others overlap 0), so a budget of thousands is not quadratic.
    postings: dict[str, list[int]] = {}
    used = 0
    limit = sentences if sentences is not None else (None if words else 3)
    for i in order:
        if limit is not None and len(chosen) >= limit:
            break
        length = len(items[i].words)
        if words is not None and used + length > words:
            continue
        terms = frozenset(items[i].terms)
        if _repeats(terms, chosen_terms, postings):
            continue
        for term in terms:
            postings.setdefault(term, []).append(len(chosen_terms))
        chosen.append(i)
        chosen_terms.append(terms)
        used += length
    return sorted(chosen)
