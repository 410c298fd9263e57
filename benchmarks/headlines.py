"""Story headlines on Multi-News mixes: the shipped rule beside ranking alone, same run.

    python benchmarks/headlines.py [--eval-dir ../shared/eval] [--seeds 10]

Each mix puts the documents of 30 Multi-News dev records in one corpus (as benchmarks/stories.py
does) and ranks it once, as a brief does. Each record with two or more sources is one gold story;
its headline is chosen among its sources' lead sentences (1) by the corpus ranking alone (the
rule before 4 December) and (2) by briefer.stories.headlines.headline (ranking plus support from
the story's other leads). Each headline is scored with ROUGE-1/2 F1 against the first sentence of
the record's reference summary (the human lede). Even- and odd-indexed records are reported
apart: a rule must not lose on either half.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import stories as mixes  # noqa: E402

from briefer.evaluate import read_records  # noqa: E402
from briefer.pipeline import analyse  # noqa: E402
from briefer.stories.compose import corpus_scores  # noqa: E402
from briefer.stories.headlines import LEAD, LEAD_WORDS, headline, statements  # noqa: E402
from briefer.text import Analyzer  # noqa: E402


def lede(reference: str) -> str:
    """The first sentence of a Multi-News summary (which opens with a dash)."""
    return re.split(r"(?<=[.!?])\s+", reference.strip().lstrip("–—- ").strip())[0]


def ranking_only(members: list[int], items: list, scores: dict[int, float]) -> int:
    """The earlier rule: the best-ranked lead sentence that is not a question."""
    said = statements(members, items)
    leads = [
        m for m in said if items[m].sentence.position < LEAD and len(items[m].words) >= LEAD_WORDS
    ]
    return max(leads or said, key=lambda m: (scores.get(m, 0.0), -m))


def run(eval_dir: Path, parity: int, seeds: int) -> tuple[int, dict[str, list[float]]]:
    """(stories scored, rule -> [ROUGE-1 sum, ROUGE-2 sum]) over `seeds` mixes of one half."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    path = eval_dir / "multinews_dev.jsonl"
    refs = [r["references"] for r in read_records(path)]
    records, _ = mixes.load_records(path)
    analyzer = Analyzer("english")
    pool = [r for r in range(len(records)) if records[r] and r % 2 == parity]
    totals = {"ranking only": [0.0, 0.0], "shipped": [0.0, 0.0]}
    count = 0
    for seed in range(seeds):
        corpus = analyse(
            mixes.mix_articles(records, random.Random(seed).sample(pool, mixes.MIX)), analyzer
        )
        scores = corpus_scores(corpus, "briefer", "english")
        items = corpus.sentences
        record_of = {s.id: int(s.location.split("-")[0][2:]) for s in corpus.sources}
        stories: dict[int, list[int]] = {}
        for m in corpus.representatives:
            stories.setdefault(record_of[items[m].sentence.source], []).append(m)
        for record, members in stories.items():
            sources = tuple(dict.fromkeys(items[m].sentence.source for m in members))
            if len(sources) < 2:
                continue
            reference = refs[record][0] if isinstance(refs[record], list) else refs[record]
            group = SimpleNamespace(members=members, sources=sources)
            for rule, pick in (
                ("ranking only", ranking_only(members, items, scores)),
                ("shipped", headline(group, scores, items)),  # type: ignore[arg-type]
            ):
                got = scorer.score(lede(reference), items[pick].sentence.text)
                totals[rule][0] += got["rouge1"].fmeasure
                totals[rule][1] += got["rouge2"].fmeasure
            count += 1
    return count, totals


def main(argv: list[str] | None = None) -> int:
    """Print one table: each rule's ROUGE on each half."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--seeds", type=int, default=10)
    args = parser.parse_args(argv)
    halves = {
        name: run(args.eval_dir, parity, args.seeds) for name, parity in (("even", 0), ("odd", 1))
    }
    print(
        "| headline rule | "
        + " | ".join(f"{h} records R-1 / R-2 ({n} stories)" for h, (n, _) in halves.items())
        + " |"
    )
    print("|---|" + "---|" * len(halves))
    for rule in ("ranking only", "shipped"):
        cells = [
            f"{100 * t[rule][0] / n:.2f} / {100 * t[rule][1] / n:.2f}" for n, t in halves.values()
        ]
        print(f"| {rule} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
