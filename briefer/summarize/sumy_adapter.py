"""The one place that talks to sumy: build its document from our sentences, map scores back.

sumy compares sentences by text (duplicates collapse) and returns only the chosen ones, so we
capture every sentence's rating through sumy's callable `sentences_count` hook, keyed by the
sentence's order in the document, i.e. by position — never by text.
"""

from __future__ import annotations

import math
import random
from typing import Any

from ..errors import UsageError
from ..text import OfflineTokenizer, _stem_function
from . import RankRequest

KL_LIMIT = 400  # sumy's KL-Sum is cubic: 3.8 s at 200 sentences, 360 s at 1,000 (2 cores)

# Words that make a sentence less worth reporting (Edmundson's "stigma" cue words).
_STIGMA_WORDS = (
    "hardly",
    "perhaps",
    "maybe",
    "impossible",
    "allegedly",
    "reportedly",
    "subscribe",
    "newsletter",
    "click",
    "advertisement",
    "cookie",
    "copyright",
)


def _document(request: RankRequest) -> Any:
    """A sumy ObjectDocumentModel with one paragraph per (source, paragraph) run."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = OfflineTokenizer(request.language)
    paragraphs: list[list[Any]] = []
    last = None
    for sentence in request.sentences:
        key = (sentence.source, sentence.paragraph)
        if key != last:
            paragraphs.append([])
            last = key
        paragraphs[-1].append(SumySentence(sentence.text, tokenizer))
    return ObjectDocumentModel(tuple(Paragraph(p) for p in paragraphs))


def run_sumy(summarizer: Any, request: RankRequest) -> list[float]:
    """Run a configured sumy summarizer and return one rating per sentence, by position."""
    n = len(request.sentences)
    if n == 0:
        return []
    captured: dict[int, float] = {}

    def count(infos: Any) -> Any:
        for rank, info in enumerate(infos):  # best first
            rating = info.rating
            try:
                value = float(rating)
            except (TypeError, ValueError):
                value = -float(rank)
            captured[info.order] = value if math.isfinite(value) else -float(rank)
        return infos[: request.count]

    summarizer(_document(request), count)
    # Order of sumy's document sentences equals ours: one sumy sentence per our sentence.
    return [captured.get(i, -math.inf) for i in range(n)]


def _configure(summarizer: Any, request: RankRequest) -> Any:
    from ..text import stop_words

    summarizer.stop_words = stop_words(request.language)
    return summarizer


def _stemmer(request: RankRequest) -> Any:
    return _stem_function(request.language)


def rank_lexrank(request: RankRequest) -> list[float]:
    """sumy's LexRank."""
    from sumy.summarizers.lex_rank import LexRankSummarizer

    return run_sumy(_configure(LexRankSummarizer(_stemmer(request)), request), request)


def rank_textrank(request: RankRequest) -> list[float]:
    """sumy's TextRank."""
    from sumy.summarizers.text_rank import TextRankSummarizer

    return run_sumy(_configure(TextRankSummarizer(_stemmer(request)), request), request)


def rank_lsa(request: RankRequest) -> list[float]:
    """sumy's LSA."""
    from sumy.summarizers.lsa import LsaSummarizer

    return run_sumy(_configure(LsaSummarizer(_stemmer(request)), request), request)


def rank_luhn(request: RankRequest) -> list[float]:
    """sumy's Luhn."""
    from sumy.summarizers.luhn import LuhnSummarizer

    return run_sumy(_configure(LuhnSummarizer(_stemmer(request)), request), request)


def rank_sumbasic(request: RankRequest) -> list[float]:
    """sumy's SumBasic."""
    from sumy.summarizers.sum_basic import SumBasicSummarizer

    return run_sumy(_configure(SumBasicSummarizer(_stemmer(request)), request), request)


def rank_kl(request: RankRequest) -> list[float]:
    """sumy's KL-Sum, refused above KL_LIMIT sentences (it is cubic)."""
    if len(request.sentences) > KL_LIMIT:
        raise UsageError(
            f"sumy's KL-Sum is cubic and would take minutes on {len(request.sentences)} sentences"
            f" in one section (limit {KL_LIMIT}); use --method kl (vectorized) or another method"
        )
    from sumy.summarizers.kl import KLSummarizer

    return run_sumy(_configure(KLSummarizer(_stemmer(request)), request), request)


def rank_random(request: RankRequest) -> list[float]:
    """sumy's random baseline, seeded so the same input gives the same brief."""
    from sumy.summarizers.random import RandomSummarizer

    state = random.getstate()
    random.seed(len(request.sentences))
    try:
        return run_sumy(RandomSummarizer(_stemmer(request)), request)
    finally:
        random.setstate(state)


def rank_edmundson(request: RankRequest) -> list[float]:
    """sumy's Edmundson with English-style cue words from the section (sumy's are Czech)."""
    from sumy.summarizers.edmundson import EdmundsonSummarizer

    from ..text import stop_words

    summarizer = EdmundsonSummarizer(_stemmer(request))
    # Cue words: the section's own terms (already stemmed: set the stemmed sets directly);
    # without a focus, the words of the document's most frequent content terms.
    bonus = set(request.focus) or _frequent_terms(request)
    summarizer._bonus_words = frozenset(bonus)
    summarizer._stigma_words = frozenset(_stem_function(request.language)(w) for w in _STIGMA_WORDS)
    summarizer._null_words = frozenset(stop_words(request.language))
    return run_sumy(summarizer, request)


def _frequent_terms(request: RankRequest, top: int = 10) -> set[str]:
    from collections import Counter

    counts = Counter(t for terms in request.terms for t in set(terms))
    return {t for t, _ in counts.most_common(top)}
