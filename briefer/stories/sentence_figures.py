"""Every sentence's figures, found once for the whole corpus rather than story by story.

A story's disagreements compare figures, but which figures a sentence holds depends on that
sentence alone. Found for every sentence at once, the work runs beside the clustering on the
other core (assemble.py); each story then looks its sentences up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .figures import Figure, find_figures, may_hold_figures

if TYPE_CHECKING:
    from ..models import Sentence
    from ..pipeline import Corpus


@dataclass(frozen=True)
class SentenceFigures:
    """`find_figures(text, True, words)` of each sentence that holds any, by (source, position)."""

    found: dict[tuple[str, int], list[Figure]]

    def of(self, sentence: Sentence) -> list[Figure]:
        """The sentence's figures ([] when it holds none)."""
        return self.found.get((sentence.source, sentence.position), [])


def corpus_figures(corpus: Corpus) -> SentenceFigures:
    """The figures of every sentence of the corpus."""
    items = corpus.sentences
    held = may_hold_figures([i.sentence.text for i in items], [i.words for i in items])
    found: dict[tuple[str, int], list[Figure]] = {}
    for item, hold in zip(items, held, strict=True):
        if hold and (figures := find_figures(item.sentence.text, True, item.words)):
            found[(item.sentence.source, item.sentence.position)] = figures
    return SentenceFigures(found)
