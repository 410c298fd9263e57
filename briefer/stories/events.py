"""Different events of one kind (two quakes, two bombings): what two articles' openings say
apart, as a factor on the pair's similarity."""

from __future__ import annotations

from typing import Any

from .features import Tokens

APART = 0.25  # share of similarity kept when openings tell of different events
APART_EVIDENCE = 2  # kinds of evidence (place, day, figure) that must say so


def event_factors(tokens: Tokens, left: Any, right: Any) -> Any:
    """APART for pairs whose openings tell of different events of one kind, else 1.

    Two quakes, bombings or matches of one kind share most words; what tells them apart is in
    the opening sentence: where (dateline, "off Chile" / "east of Honshu"), which day ("struck
    Sunday") and which figures ("magnitude 7.2"). Each is evidence only when both openings give
    it and neither article mentions the other's (a report naming "Honshu" meets one datelined
    "Tokyo" that says "off Japan's east coast near Honshu"). Reports of one story are set in
    different places too (a feature moves from city to city) and disagree on figures, so a pair
    needs APART_EVIDENCE kinds of it; one kind alone changes nothing.
    """
    import numpy as np

    if tokens.opening is None or not len(left):
        return np.ones(len(left))
    n, rows = tokens.n, tokens.rows
    width = int(max(tokens.term_ids.max(), tokens.number_ids.max())) + 1

    def sets(where: Any, cols: Any) -> Any:
        return _sets(rows[where], cols[where], n, width)

    opening, lead, days = tokens.opening, tokens.lead, tokens.weekday
    numbers = tokens.number_ids >= 0
    every = np.ones(len(rows), dtype=bool)
    kinds = [  # (what each opening tells, what each article mentions)
        (_sets(tokens.place_rows, tokens.place_ids, n, width), sets(every, tokens.term_ids)),
        (sets(opening & days, tokens.term_ids), sets(lead & days, tokens.term_ids)),
        (sets(opening & numbers, tokens.number_ids), sets(numbers, tokens.number_ids)),
    ]
    evidence = sum(_apart(told, known, left, right).astype(np.int64) for told, known in kinds)
    return np.where(evidence >= APART_EVIDENCE, APART, 1.0)


def _sets(rows: Any, cols: Any, n: int, width: int) -> Any:
    """A 0/1 CSR matrix: row r holds the columns given for it."""
    import numpy as np
    from scipy import sparse

    out = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, width))
    out.data[:] = 1.0
    return out


def _apart(told: Any, known: Any, left: Any, right: Any) -> Any:
    """Pairs where both articles tell something (a row of `told`) and neither's is `known` to
    the other: neither mentions any place, day or figure the other's opening gives."""
    import numpy as np

    out = np.zeros(len(left), dtype=bool)
    given = np.diff(told.indptr) > 0
    both = np.flatnonzero(given[left] & given[right])
    if not len(both):
        return out
    a, b = left[both], right[both]
    meets = np.asarray(told[a].multiply(known[b]).sum(axis=1)).ravel() > 0
    meets |= np.asarray(told[b].multiply(known[a]).sum(axis=1)).ravel() > 0
    out[both[~meets]] = True
    return out
