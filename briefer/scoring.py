"""Scores for summaries: ROUGE (rouge-score) over several references, ASPECTNEWS vote F1."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .text import split_paragraphs, split_sentences

ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")
# BBC references glue sentences ("office.Analysts"): split them there for ROUGE-Lsum only.
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z])")


class RougeScorer:
    """rouge-score's scorer (Porter stemming on), best over several references."""

    def __init__(self) -> None:
        from rouge_score import rouge_scorer

        self._scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)

    def score(
        self, summary: Sequence[str], references: Sequence[str | Sequence[str]]
    ) -> dict[str, float]:
        """ROUGE F1 (percent) of summary sentences, the maximum over references per metric."""
        best = dict.fromkeys(ROUGE_TYPES, 0.0)
        candidate = "\n".join(s.strip() for s in summary)
        for reference in references:
            target = "\n".join(reference_sentences(reference))
            if not target.strip():
                continue
            result = self._scorer.score(target, candidate)
            for name in ROUGE_TYPES:
                best[name] = max(best[name], 100.0 * result[name].fmeasure)
        return best


def reference_sentences(reference: str | Sequence[str]) -> list[str]:
    """A reference as sentences (for ROUGE-Lsum, which compares sentence by sentence)."""
    if not isinstance(reference, str):
        return [s.strip() for s in reference if s.strip()]
    out: list[str] = []
    for piece in _GLUED.split(reference):
        out.extend(split_sentences(piece))
    return out


def vote_counts(record: dict[str, Any]) -> Counter[int]:
    """ASPECTNEWS: how many annotators picked each sentence (`annotations` lists picks)."""
    votes: Counter[int] = Counter()
    for worker in record.get("annotations") or ():
        votes.update({int(pick[0]) for pick in worker})
    return votes


def sentence_map(record: dict[str, Any], language: str) -> list[int]:
    """For each sentence our splitter finds, the index of the given sentence it belongs to."""
    out: list[int] = []
    for index, text in enumerate(record["sentences"]):
        for paragraph in split_paragraphs(text.strip(), keep_boilerplate=True):
            out.extend([index] * len(split_sentences(paragraph, language, keep_boilerplate=True)))
    return out


def set_f1(chosen: set[int], gold: set[int]) -> float:
    hits = len(chosen & gold)
    if not hits:
        return 0.0
    precision, recall = hits / len(chosen), hits / len(gold)
    return 100.0 * 2 * precision * recall / (precision + recall)


@dataclass
class VoteTally:
    """ASPECTNEWS sentence-vote F1 accumulated over records (micro-averaged)."""

    correct: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, chosen: Sequence[int], votes: Counter[int], annotators: int) -> None:
        # The ASPECTNEWS authors' micro F1: a chosen sentence earns one point per annotator
        # who picked it, out of (chosen × annotators) predicted and all votes cast.
        self.correct += sum(votes[i] for i in chosen)
        self.predicted += len(chosen) * annotators
        self.gold += sum(votes.values())

    @property
    def f1(self) -> float:
        if not self.correct:
            return 0.0
        p, r = self.correct / self.predicted, self.correct / self.gold
        return 100.0 * 2 * p * r / (p + r)
