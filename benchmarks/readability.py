"""Dangling openers and ROUGE on default-settings briefs, today's behaviour beside the repair.

    python benchmarks/readability.py [--limit 150] ../shared/eval/multinews_dev.jsonl …

For each record a brief is built with `briefer.pipeline.build_brief` (default profile and
budgets) from the record's documents, three ways in one run:
  today       no boilerplate filter, no context repair (the code as it was)
  filter      boilerplate filter only
  filter+ctx  boilerplate filter and context repair (the code as it is)
A shown sentence dangles when it opens with a reference to what came before (briefer.context's
lexicon) while neither its predecessor is shown just before it nor it carries `context`.
"context opens dangling" counts contexts whose own first sentence leans back further (a chain
the repair cuts at two sentences). "boilerplate shown" counts shown sentences and source titles
holding a marker the issue names (captions, player notices, share widgets, "Read more",
copyright, sign-up, bylines). ROUGE (briefer.scoring) scores the shown sentences (key
points, then sections) against the references; `context` is not counted, as renderers show it
de-emphasised.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

import briefer.boilerplate
import briefer.context  # noqa: E402
import briefer.pipeline  # noqa: E402
from briefer.context import dangling_reference, is_dangling  # noqa: E402
from briefer.evaluate import read_records, record_articles  # noqa: E402
from briefer.models import Article, Brief, BriefSentence  # noqa: E402
from briefer.scoring import RougeScorer  # noqa: E402
from briefer.text import Analyzer  # noqa: E402

CONFIGS = ("today", "filter", "filter+ctx")
# Boilerplate the issue names: a shown sentence holding one of these is counted as boilerplate.
MARKERS = re.compile(
    r"Image copyright|Image caption|Media playback|Media caption|Play Facebook|Copy this code"
    r"|Getty Images|Read more|Related Topics|Sign up|All rights reserved|©|autoplay"
    r"|Share this with|Advertisement Continue|^By [A-Z]\w+ [A-Z]\w+,?[^.]*$"
)


@contextlib.contextmanager
def configured(name: str) -> Iterator[None]:
    """Switch the boilerplate filter and the context repair off as `name` says."""
    saved = briefer.boilerplate.filter_paragraphs, briefer.pipeline.repair, briefer.context.repair
    if name == "today":
        briefer.boilerplate.filter_paragraphs = (
            lambda paragraphs, language="english", captions=None: list(paragraphs)
        )
    if name != "filter+ctx":
        # Sections repair through pipeline's name, story cards through the module's.
        briefer.pipeline.repair = lambda selection, corpus, language: tuple(selection)
        briefer.context.repair = briefer.pipeline.repair
    try:
        yield
    finally:
        (
            briefer.boilerplate.filter_paragraphs,
            briefer.pipeline.repair,
            briefer.context.repair,
        ) = saved


def shown_lists(brief: Brief) -> list[tuple[BriefSentence, ...]]:
    """The brief's sentence lists as a reader meets them: key points, then each section.

    A section with story cards is read card by card (each card opens with its headline, even
    when that is also a key point), then its sentences outside any card.
    """
    by_id = {story.id: story for story in brief.stories}
    lists = [brief.key_points]
    for section in brief.sections:
        cards = [by_id[i].sentences for i in section.stories if i in by_id]
        in_cards = {(s.source, s.position) for card in cards for s in card}
        lists += cards
        lists.append(tuple(s for s in section.sentences if (s.source, s.position) not in in_cards))
    return lists


def source_texts(articles: list[Article], language: str) -> dict[tuple[str, int], str]:
    """Every source sentence by (source id, position), split as the brief split them."""
    corpus = briefer.pipeline.analyse(articles, Analyzer(language))
    return {(a.sentence.source, a.sentence.position): a.sentence.text for a in corpus.sentences}


def count_dangling(brief: Brief, texts: dict[tuple[str, int], str]) -> tuple[int, int, int, int]:
    """(shown sentences, dangling ones, ones carrying context, contexts that open dangling)."""
    shown = dangling = with_context = chained = 0
    for sentences in shown_lists(brief):
        previous = None
        for sentence in sentences:
            shown += 1
            before = texts.get((sentence.source, sentence.position - 1))
            dangling += is_dangling(sentence, previous, brief.language, before)
            with_context += sentence.context is not None
            chained += bool(sentence.context) and bool(
                dangling_reference(sentence.context or "", brief.language)
            )
            previous = sentence
    return shown, dangling, with_context, chained


def run(path: Path, limit: int, scorer: RougeScorer) -> None:
    """Print one table row per configuration for one dev set."""
    records = read_records(path, limit)
    rows = []
    for name in CONFIGS:
        started = time.perf_counter()
        shown = dangling = with_context = chained = first_connective = boilerplate = 0
        rouge = [0.0, 0.0, 0.0]
        scored = 0
        with configured(name):
            for record in records:
                articles = [a for a in record_articles(record) if a.text.strip()]
                try:
                    brief = briefer.pipeline.build_brief(articles)
                except briefer.errors.BrieferError:
                    continue
                s, d, c, h = count_dangling(brief, source_texts(articles, brief.language))
                shown, dangling, with_context = shown + s, dangling + d, with_context + c
                chained += h
                first_connective += sum(
                    1
                    for sentences in shown_lists(brief)
                    for sentence in sentences
                    if sentence.position == 0 and dangling_reference(sentence.text, "english")
                )
                summary = [x.text for sentences in shown_lists(brief) for x in sentences]
                boilerplate += sum(1 for text in summary if MARKERS.search(text))
                boilerplate += sum(1 for src in brief.sources if MARKERS.search(src.title or ""))
                scores = scorer.score(summary, record["references"])
                for k, key in enumerate(("rouge1", "rouge2", "rougeLsum")):
                    rouge[k] += scores[key]
                scored += 1
        n = max(1, scored)
        rows.append(
            (
                name,
                scored,
                shown,
                100.0 * dangling / max(1, shown),
                with_context,
                chained,
                first_connective,
                boilerplate,
                *(r / n for r in rouge),
                time.perf_counter() - started,
            )
        )
    print(f"\n{path.name} ({len(records)} records)")
    print(
        "| config | briefs | shown | dangling % | with context | context opens dangling "
        "| first-sentence openers | boilerplate shown | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | seconds |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row[0]} | {row[1]} | {row[2]} | {row[3]:.1f} | {row[4]} | {row[5]} | {row[6]} "
            f"| {row[7]} | {row[8]:.2f} | {row[9]:.2f} | {row[10]:.2f} | {row[11]:.0f} |"
        )


def main() -> None:
    """Run every dev set given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=150)
    args = parser.parse_args()
    scorer = RougeScorer()
    for path in args.files:
        run(path, args.limit, scorer)


if __name__ == "__main__":
    main()
