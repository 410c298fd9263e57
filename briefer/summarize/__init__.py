"""Summarizer registry: every method scores the sentences of one section.

A ranker is a function `rank(request: RankRequest) -> list[float]` returning one score per
sentence (higher is better). Selection (budget, redundancy, source order) is done once, in
`briefer.summarize.select`, for every method alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..models import Sentence
from ..options import DEFAULT_LANGUAGE, DEFAULT_METHOD, DEFAULT_SENTENCES
from ..registry import Registry


@dataclass(frozen=True)
class RankRequest:
    """The sentences of one section, analysed once, plus what the ranker may use."""

    sentences: Sequence[Sentence]
    terms: Sequence[tuple[str, ...]]  # stemmed, lower-cased content words (stop words removed)
    words: Sequence[tuple[str, ...]]  # all word tokens, as written
    language: str = DEFAULT_LANGUAGE
    focus: tuple[str, ...] = ()  # stemmed terms describing the section's topic (may be empty)
    expansion: tuple[str, ...] = ()  # weaker stems: the concrete words of the focus's facets
    count: int = DEFAULT_SENTENCES  # how many sentences will be kept (greedy methods need it)


Ranker = Callable[[RankRequest], list[float]]

METHODS: Registry[Ranker] = Registry("method")
__all__ = ["DEFAULT_METHOD", "METHODS", "RankRequest", "Ranker", "method_names", "register_method"]


def register_method(name: str, target: str | Ranker, description: str = "") -> None:
    """Register a ranker under `name` (built-ins register exactly like extensions)."""
    METHODS.register(name, target, description)


for _name, _desc in [
    ("lexrank", "LexRank: eigenvector centrality of the sentence similarity graph (sumy)"),
    ("textrank", "TextRank: PageRank over word-overlap similarity (sumy)"),
    ("lsa", "LSA: singular value decomposition of the term-sentence matrix (sumy)"),
    ("luhn", "Luhn: clusters of significant words (sumy)"),
    ("edmundson", "Edmundson: cue, key, title and location words; cue words from the section"),
    ("kl", "KL-Sum: greedy minimum KL divergence to the document (sumy; cubic, capped)"),
    ("sumbasic", "SumBasic: word probability with redundancy updates (sumy)"),
    ("random", "Random order (sumy; seeded, a baseline)"),
]:
    register_method(_name, f"briefer.summarize.sumy_adapter:rank_{_name}", _desc)
register_method("lead", "briefer.summarize.lead:rank_lead", "First sentences of each source")
register_method(
    "briefer",
    "briefer.summarize.briefer_rank:rank_briefer",
    "Lead position + directed centrality + topic focus, MMR (briefer's own)",
)


def method_names() -> list[str]:
    """Every selectable method name."""
    return METHODS.names()


# Vectorized rankers (numpy / scipy.sparse, same definitions and choices as sumy's) take the
# plain names; sumy's own implementations stay selectable as "sumy:<name>" (the reference).
for _name, _desc in [
    ("lexrank", "LexRank: eigenvector centrality of the sentence similarity graph (vectorized)"),
    ("textrank", "TextRank: PageRank over word-overlap similarity (vectorized)"),
    ("lsa", "LSA: norm of each sentence in the term-sentence matrix's SVD (vectorized)"),
    ("luhn", "Luhn: clusters of significant words (stems cached)"),
    ("kl", "KL-Sum: greedy minimum KL divergence to the document (vectorized)"),
    ("sumbasic", "SumBasic: word probability with redundancy updates (lazy greedy)"),
]:
    register_method(_name, f"briefer.summarize.fast:rank_{_name}", _desc)
for _name in ("lexrank", "textrank", "lsa", "luhn", "edmundson", "kl", "sumbasic", "random"):
    register_method(
        f"sumy:{_name}",
        f"briefer.summarize.sumy_adapter:rank_{_name}",
        f"sumy's own {_name} (reference implementation)",
    )
