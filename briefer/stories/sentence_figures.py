"""The figures sentences hold, found for a story's sentences or once for the whole corpus.

A story's disagreements compare figures, but which figures a sentence holds depends on that
sentence alone. Found for every sentence at once, the work runs beside the clustering on the
other core (assemble.py); each story then looks its sentences up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .figures import Figure, find_figures, may_hold_figures

if TYPE_CHECKING:
    from ..models import AnalyzedSentence, Sentence
    from ..pipeline import Corpus


@dataclass(frozen=True)
class SentenceFigures:
    """`find_figures(text, True, words)` of each sentence that holds any, by (source, position)."""

    found: dict[tuple[str, int], list[Figure]]

    def of(self, sentence: Sentence) -> list[Figure]:
        """The sentence's figures ([] when it holds none)."""
        return self.found.get((sentence.source, sentence.position), [])


def figures_of_each(items: Sequence[AnalyzedSentence]) -> list[list[Figure]]:
    """`find_figures(text, True, words)` of each sentence, skipping those that cannot hold one."""
    held = may_hold_figures([i.sentence.text for i in items], [i.words for i in items])
    return [
        find_figures(i.sentence.text, True, i.words) if h else []
        for i, h in zip(items, held, strict=True)
    ]


def corpus_figures(corpus: Corpus) -> SentenceFigures:
    """The figures of every sentence of the corpus."""
    items = corpus.sentences
    return SentenceFigures(
        {
            (item.sentence.source, item.sentence.position): figures
            for item, figures in zip(items, figures_of_each(items), strict=True)
            if figures
        }
    )
