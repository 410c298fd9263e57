"""LEAD: the first sentences of each source score highest."""

from __future__ import annotations

from . import RankRequest


def rank_lead(request: RankRequest) -> list[float]:
    """Earlier sentences score higher; the first sentence of every source ties for first."""
    return [-float(s.position) for s in request.sentences]
