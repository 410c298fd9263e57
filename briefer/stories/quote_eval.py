"""Score find_quotes against hand-annotated articles (quotes-dev.jsonl and its kin)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..models import Quote, Sentence
from ..text import split_paragraphs, split_sentences
from .quotes import find_quotes


@dataclass(frozen=True)
class KindScores:
    """Detection figures for one kind of quote ("direct" or "indirect")."""

    precision: float
    recall: float
    f1: float
    system: int
    gold: int


@dataclass(frozen=True)
class QuoteScores:
    """Quote detection P/R/F1 and speaker accuracy over matched quotes."""

    precision: float
    recall: float
    f1: float
    speaker_accuracy: float
    system: int  # quotes found by find_quotes
    gold: int  # annotated quotes
    system_found: int  # system quotes overlapping a gold quote
    gold_found: int  # gold quotes overlapped by a system quote
    speaker_right: int  # matched system quotes whose speaker is right
    articles: int
    by_kind: dict[str, KindScores]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def article_sentences(article: str, source: str = "a", language: str = "english") -> list[Sentence]:
    """The article's sentences exactly as the pipeline splits them (briefer.pipeline.analyse)."""
    out: list[Sentence] = []
    for p_index, paragraph in enumerate(split_paragraphs(article)):
        for text in split_sentences(paragraph, language):
            out.append(Sentence(source, len(out), text, p_index))
    return out


def _offsets(article: str, sentences: list[Sentence]) -> list[int]:
    """Each sentence's start in the article (the splitter keeps sentence text verbatim)."""
    starts: list[int] = []
    cursor = 0
    for sentence in sentences:
        at = article.find(sentence.text, cursor)
        if at < 0:
            at = article.find(sentence.text)
        starts.append(max(at, 0))
        cursor = max(at, cursor)
    return starts


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans overlap by at least half the shorter of the two."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0 and overlap * 2 >= min(a[1] - a[0], b[1] - b[0])


def speaker_right(system: str, gold: dict[str, object]) -> bool:
    """A speaker is right when it is one of the gold aliases or holds the surname as a word."""
    aliases = {str(a).lower() for a in gold.get("speaker_aliases") or []}  # type: ignore[attr-defined]
    name = str(gold["speaker"])
    if system.lower() in aliases | {name.lower()}:
        return True
    surname = name.split()[-1]
    return re.search(r"\b" + re.escape(surname) + r"\b", system, re.IGNORECASE) is not None


def _quote_span(quote: Quote, sentences: list[Sentence], starts: list[int]) -> tuple[int, int]:
    at = sentences[quote.position].text.find(quote.text)
    begin = starts[quote.position] + max(at, 0)
    return begin, begin + len(quote.text)


def _records(path: Path) -> Iterable[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def evaluate_quotes(
    path: str | Path,
    ids: set[str] | None = None,
    finder: Callable[[Sequence[Sentence]], list[Quote]] = find_quotes,
) -> QuoteScores:
    """Run the splitter and find_quotes on each gold article and score as the gold README says.

    `ids` limits the run to some articles (a held-out split); `finder` scores another extractor
    (a baseline) with the same scorer.
    """
    counts = {k: [0, 0, 0, 0] for k in ("direct", "indirect")}  # system, sys found, gold, found
    right = articles = 0
    for record in _records(Path(path)):
        if ids is not None and record["id"] not in ids:
            continue
        articles += 1
        article = str(record["article"])
        sentences = article_sentences(article)
        starts = _offsets(article, sentences)
        system = [(q, _quote_span(q, sentences, starts)) for q in finder(sentences)]
        gold = []
        for item in record["quotes"]:  # type: ignore[attr-defined]
            begin = article.find(item["quote"])
            gold.append((item, (begin, begin + len(item["quote"]))))
        for quote, span in system:
            counts[quote.kind][0] += 1
            hits = [g for g, g_span in gold if _overlaps(span, g_span)]
            if hits:
                counts[quote.kind][1] += 1
                right += any(speaker_right(quote.speaker, g) for g in hits)
        for item, g_span in gold:
            counts[item["kind"]][2] += 1
            counts[item["kind"]][3] += any(_overlaps(span, g_span) for _q, span in system)
    by_kind = {}
    for kind, (n_sys, sys_found, n_gold, gold_found) in counts.items():
        p = sys_found / n_sys if n_sys else 0.0
        r = gold_found / n_gold if n_gold else 0.0
        by_kind[kind] = KindScores(p, r, _f1(p, r), n_sys, n_gold)
    n_sys = sum(c[0] for c in counts.values())
    sys_found = sum(c[1] for c in counts.values())
    n_gold = sum(c[2] for c in counts.values())
    gold_found = sum(c[3] for c in counts.values())
    p = sys_found / n_sys if n_sys else 0.0
    r = gold_found / n_gold if n_gold else 0.0
    accuracy = right / sys_found if sys_found else 0.0
    return QuoteScores(
        p, r, _f1(p, r), accuracy, n_sys, n_gold, sys_found, gold_found, right, articles, by_kind
    )
