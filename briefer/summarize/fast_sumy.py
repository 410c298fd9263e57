"""Drop-in replacements for sumy's summarizers, backed by the vectorized cores in `fast`.

Same construction (`Summarizer(stemmer)`, `.stop_words`), same call
(`summarizer(document, sentences_count)`) and the same tuple of sentences as the sumy class,
including sumy's handling of duplicate sentences (ratings keyed by sentence text) — only fast.
Kept apart from `fast` because importing sumy pulls in NLTK, which the briefer rankers avoid.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.utils import ItemsCount

from . import fast
from .matrix import term_matrix


class _StopWordsMixin(AbstractSummarizer):
    """sumy's stop-word property: words are normalized (lower-cased) when set."""

    _stop_words: frozenset[str] = frozenset()

    @property
    def stop_words(self) -> frozenset[str]:
        """The stop words (normalized)."""
        return self._stop_words

    @stop_words.setter
    def stop_words(self, words: Any) -> None:
        self._stop_words = frozenset(map(self.normalize_word, words))

    def _content_terms(self, sentence: Any) -> list[str]:
        """Stemmed content words, exactly as sumy's LexRank/TextRank/SumBasic take them."""
        words = map(self.normalize_word, sentence.words)
        return [self.stem_word(w) for w in words if w not in self._stop_words]


def _steps(sentences_count: Any, sentences: tuple[Any, ...]) -> int | None:
    """How many greedy picks decide the result (None: the full order is needed).

    sumy keys ratings by sentence text, so a later pick of a duplicate overwrites (lowers) the
    rating of its earlier copy: with duplicates only the full order gives sumy's result.
    """
    if callable(sentences_count) or len(set(sentences)) < len(sentences):
        return None
    return len(ItemsCount(sentences_count)(range(len(sentences))))


def _greedy_ratings(sentences: tuple[Any, ...], order: list[int]) -> dict[Any, float]:
    """sumy's greedy ratings: keyed by sentence, -len(ratings) at the time of the pick."""
    ratings: dict[Any, float] = {}
    for i in order:
        ratings[sentences[i]] = -len(ratings)
    picked = set(order)
    for i, sentence in enumerate(sentences):  # never picked (only when steps were limited)
        if i not in picked and sentence not in ratings:
            ratings[sentence] = -float(len(sentences))
    return ratings


class FastLexRankSummarizer(_StopWordsMixin):
    """sumy's LexRankSummarizer, vectorized (same threshold, epsilon and results)."""

    threshold = 0.1
    epsilon = 0.1

    def __call__(self, document: Any, sentences_count: Any) -> tuple[Any, ...]:
        sentences = document.sentences
        if not sentences:
            return ()
        matrix = term_matrix([self._content_terms(s) for s in sentences])
        scores = fast.lexrank_scores(matrix.counts, self.threshold, self.epsilon)
        ratings = dict(zip(sentences, scores.tolist(), strict=True))
        return self._get_best_sentences(sentences, sentences_count, ratings)


class FastTextRankSummarizer(_StopWordsMixin):
    """sumy's TextRankSummarizer, vectorized (same damping, epsilon and results)."""

    epsilon = 1e-4
    damping = 0.85

    def __call__(self, document: Any, sentences_count: Any) -> tuple[Any, ...]:
        sentences = document.sentences
        if not sentences:
            return ()
        matrix = term_matrix([self._content_terms(s) for s in sentences])
        scores = fast.textrank_scores(matrix.counts, matrix.lengths, self.damping, self.epsilon)
        ratings = dict(zip(sentences, scores.tolist(), strict=True))
        return self._get_best_sentences(sentences, sentences_count, ratings)


class FastLsaSummarizer(_StopWordsMixin):
    """sumy's LsaSummarizer without the SVD when all dimensions are kept (sumy's default)."""

    MIN_DIMENSIONS = LsaSummarizer.MIN_DIMENSIONS
    REDUCTION_RATIO = LsaSummarizer.REDUCTION_RATIO

    def __call__(self, document: Any, sentences_count: Any) -> tuple[Any, ...]:
        words = map(self.normalize_word, document.words)
        dictionary = {self.stem_word(w) for w in words if w not in self._stop_words}
        if not dictionary:
            return ()
        vocabulary = {w: i for i, w in enumerate(dictionary)}
        # sumy counts every word whose stem is in the dictionary, stop words included
        stems = [
            [t for t in map(self.stem_word, s.words) if t in vocabulary] for s in document.sentences
        ]
        counts = term_matrix(stems, vocabulary).counts
        n_values = min(len(vocabulary), len(document.sentences))
        dimensions = max(self.MIN_DIMENSIONS, int(n_values * self.REDUCTION_RATIO))
        if dimensions >= n_values:
            scores = fast.lsa_scores(counts, len(vocabulary))
        else:
            scores = fast.lsa_scores_svd(counts, len(vocabulary), dimensions)
        ranks = iter(scores.tolist())
        return self._get_best_sentences(document.sentences, sentences_count, lambda _s: next(ranks))


class FastSumBasicSummarizer(_StopWordsMixin):
    """sumy's SumBasicSummarizer with a lazy heap instead of rescoring every sentence."""

    def __call__(self, document: Any, sentences_count: Any) -> tuple[Any, ...]:
        sentences = document.sentences
        matrix = term_matrix([self._content_terms(s) for s in sentences])
        order = fast.sumbasic_order(matrix.ids, len(matrix.vocabulary))
        return self._get_best_sentences(
            sentences, sentences_count, _greedy_ratings(sentences, order)
        )


class FastKLSummarizer(AbstractSummarizer):
    """sumy's KLSummarizer in O(k · nnz): only the picks that decide the result are made."""

    stop_words: frozenset[str] = frozenset()

    def __call__(self, document: Any, sentences_count: Any) -> tuple[Any, ...]:
        sentences = document.sentences
        words = [tuple(s.words) for s in sentences]
        content, summary, counts, freq = fast.kl_inputs(words, frozenset(self.stop_words))
        steps = _steps(sentences_count, sentences)
        order, _ = fast.kl_order(content, summary, counts, freq, steps=steps)
        return self._get_best_sentences(
            sentences, sentences_count, _greedy_ratings(sentences, order)
        )


class FastLuhnSummarizer(_StopWordsMixin):
    """sumy's LuhnSummarizer with each stem computed once."""

    max_gap_size = 4
    significant_percentage = 1

    def __call__(self, document: Any, sentences_count: Any) -> tuple[Any, ...]:
        stems: dict[str, str] = {}

        def stem(word: str) -> str:
            if word not in stems:
                stems[word] = self.stem_word(word)
            return stems[word]

        terms = [
            stem(w) for w in map(self.normalize_word, document.words) if w not in self._stop_words
        ]
        counts = Counter(terms)
        # sumy's TfDocumentModel.most_frequent_terms: stable sort by count, 0 means "all"
        ranked = [t for t, _ in sorted(counts.items(), key=lambda i: -i[1])]
        limit = int(len(terms) * self.significant_percentage)
        best = ranked[:limit] if limit else ranked
        significant = {t for t in best if counts[t] > 1}
        flags = [[stem(w) in significant for w in s.words] for s in document.sentences]
        ranks = iter(fast.luhn_scores(flags, self.max_gap_size))
        return self._get_best_sentences(document.sentences, sentences_count, lambda _s: next(ranks))


__all__ = [
    "FastKLSummarizer",
    "FastLexRankSummarizer",
    "FastLsaSummarizer",
    "FastLuhnSummarizer",
    "FastSumBasicSummarizer",
    "FastTextRankSummarizer",
]
