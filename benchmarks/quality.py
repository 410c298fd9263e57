"""Summary quality of every method on the dev sets, LEAD-k measured in the same run.

    python benchmarks/quality.py [--data-dir ../shared/eval] [--out benchmarks/quality.md]
                                 [--methods briefer,lexrank,...] [--limit N]

Reads the evaluation files (shared/eval/README.md; never copied into the project) and writes a
markdown table per dev set: ROUGE-1/2/Lsum F1, ROUGE-1 minus LEAD-k on the same records, the
own-minus-other-topic margin (NEWTS) and the sentence-vote F1 (ASPECTNEWS).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefer.evaluate import EvalResult, evaluate, read_records  # noqa: E402
from briefer.summarize import DEFAULT_METHOD, METHODS  # noqa: E402

LODO_SECTION = "## Leave-one-dataset-out validation"  # written by benchmarks/lodo.py
DEFAULT_DATA = Path(os.environ.get("BRIEFER_EVAL_DIR", ROOT.parent / "shared" / "eval"))


@dataclass(frozen=True)
class DevSet:
    """One dev file and the budget its target is stated in."""

    name: str
    file: str
    sentences: int | None
    words: int | None
    target: str


SETS = (
    DevSet(
        "NEWTS",
        "newts_dev.jsonl",
        3,
        None,
        "ROUGE-1 ≥ LEAD-3 + 1.0 and own-minus-other margin ≥ +3.0",
    ),
    DevSet(
        "ASPECTNEWS",
        "aspectnews_earthquake_dev.jsonl",
        3,
        None,
        "ROUGE-1 (vs reference_top3) ≥ LEAD-3 + 5",
    ),
    DevSet("Multi-News", "multinews_dev.jsonl", None, 260, "ROUGE-1 ≥ 43"),
    DevSet(
        "BBC",
        "bbc_dev.jsonl",
        3,
        None,
        "none (generic extractive, for comparison: the references keep ~40% of the article, "
        "so methods that favour long sentences, like TextRank and Edmundson, score high)",
    ),
)
# sumy's KL-Sum is cubic and its pure-Python rankers slow on long multi-document records:
# they run on the first records of each set only (the table says how many).
SLOW_LIMITS = {
    "sumy:kl": 25,
    "sumy:lexrank": 60,
    "sumy:textrank": 60,
    "sumy:lsa": 60,
    "sumy:sumbasic": 60,
    "sumy:edmundson": 100,
    "sumy:luhn": 100,
    "sumy:random": 100,
    "kl": 100,
    "edmundson": 200,
}


def run_set(
    dev: DevSet, path: Path, methods: list[str], limit: int | None
) -> list[tuple[str, EvalResult]]:
    """Evaluate every method on one dev set (records read once)."""
    records = read_records(path, limit)
    out = []
    for method in methods:
        cap = SLOW_LIMITS.get(method)
        rows = records[:cap] if cap else records
        started = time.perf_counter()
        result = evaluate(path, method, dev.sentences, dev.words, records=rows)
        print(
            f"{dev.name:11} {method:15} R1 {result.system.rouge1:6.2f} "
            f"(LEAD {result.lead.rouge1:6.2f}) {len(rows)} records "
            f"{time.perf_counter() - started:6.1f} s",
            file=sys.stderr,
            flush=True,
        )
        out.append((method, result))
    return out


FOLDS = 5


def article_folds(records: list[dict[str, Any]], folds: int = FOLDS) -> list[int]:
    """A fold per record, by article: records sharing an article (NEWTS's two topics, ASPECTNEWS's
    two aspects) share a fold; articles are dealt round-robin in hash order (deterministic)."""
    keys = [
        hashlib.sha1("\n".join(r.get("documents") or r.get("sentences") or ()).encode()).hexdigest()
        for r in records
    ]
    order = {key: n % folds for n, key in enumerate(sorted(set(keys)))}
    return [order[key] for key in keys]


def fold_line(result: EvalResult, folds: list[int]) -> str:
    """Mean and worst fold of R-1 − LEAD (and of the topic margin) for one method."""
    rows = result.per_record
    if len(rows) != len(folds) or not rows:
        return ""
    parts = []
    for label, value, sign in (
        ("R-1 − LEAD", lambda r: r.system["rouge1"] - r.baseline["rouge1"], "+"),
        ("R-1", lambda r: r.system["rouge1"], ""),
        ("own − other R-1", lambda r: r.margin, "+"),
    ):
        if label == "own − other R-1" and rows[0].margin is None:
            continue
        per = []
        for f in range(max(folds) + 1):
            values = [value(r) for r, k in zip(rows, folds, strict=True) if k == f]
            if values:
                per.append(sum(values) / len(values))
        parts.append(
            f"{label} mean {sum(per) / len(per):{sign}.2f}, worst fold {min(per):{sign}.2f}"
        )
    return f"{max(folds) + 1}-fold check by article ({result.method}): " + "; ".join(parts) + "."


def table(
    dev: DevSet, results: list[tuple[str, EvalResult]], total: int, folds: list[int] | None = None
) -> str:
    """The markdown table of one dev set."""
    full = next(r for _, r in results if r.records == total) if results else None
    has_margin = any(r.margin is not None for _, r in results)
    has_votes = any(r.vote_f1 is not None for _, r in results)
    head = ["method", "records", "ROUGE-1", "ROUGE-2", "ROUGE-Lsum", "R-1 − LEAD"]
    if has_margin:
        head.append("own − other R-1")
    if has_votes:
        head += ["vote F1", "top-3 F1"]
    head.append("s")
    lines = [
        f"### {dev.name} — {dev.file}, "
        f"{f'{dev.words} words' if dev.words else f'{dev.sentences} sentences'}",
        "",
        f"Target: {dev.target}.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]

    def row(name: str, r: EvalResult, lead: bool = False) -> str:
        s = r.lead if lead else r.system
        cells = [
            name,
            str(r.records),
            f"{s.rouge1:.2f}",
            f"{s.rouge2:.2f}",
            f"{s.rougeLsum:.2f}",
            "0.00" if lead else f"{r.system.rouge1 - r.lead.rouge1:+.2f}",
        ]
        if has_margin:
            value = r.lead_margin if lead else r.margin
            cells.append("" if value is None else f"{value:+.2f}")
        if has_votes:
            vote = r.lead_vote_f1 if lead else r.vote_f1
            top3 = r.lead_top3_f1 if lead else r.top3_f1
            cells += ["" if vote is None else f"{vote:.2f}", "" if top3 is None else f"{top3:.2f}"]
        cells.append("" if lead else f"{r.seconds:.1f}")
        return "| " + " | ".join(cells) + " |"

    if full is not None:
        lines.append(
            row(
                f"LEAD-{dev.sentences}" if dev.sentences else "LEAD (first of each)",
                full,
                lead=True,
            )
        )
    for name, r in results:
        label = f"**{name}** (default)" if name == DEFAULT_METHOD else name
        lines.append(row(label, r))
    default = next((r for name, r in results if name == DEFAULT_METHOD), None)
    if folds is not None and default is not None and (check := fold_line(default, folds)):
        lines += ["", check]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and write the markdown file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "quality.md")
    parser.add_argument("--methods", default=None, help="comma-separated (default: all)")
    parser.add_argument("--limit", type=int, default=None, help="records per set (default: all)")
    parser.add_argument("--sets", default=None, help="comma-separated set names")
    args = parser.parse_args(argv)
    methods = (
        args.methods.split(",")
        if args.methods
        else [m for m in [DEFAULT_METHOD, *METHODS.names()] if m != "lead"]
    )
    methods = list(dict.fromkeys(methods))
    wanted = {s.lower() for s in args.sets.split(",")} if args.sets else None
    chosen = [dev for dev in SETS if not wanted or dev.name.lower() in wanted]
    # Never rewrite the committed table from missing data: stop before anything is written.
    absent = [
        str(args.data_dir / dev.file) for dev in chosen if not (args.data_dir / dev.file).exists()
    ]
    if not chosen:
        names = ", ".join(dev.name for dev in SETS)
        print(
            f"quality.py: error: no dev set named {args.sets} (choose from {names})",
            file=sys.stderr,
        )
        return 2
    if absent:
        print(
            f"quality.py: error: evaluation data not found: {', '.join(absent)} "
            f"({args.out} left as it is)",
            file=sys.stderr,
        )
        return 1
    sections = []
    started = time.perf_counter()
    for dev in chosen:
        path = args.data_dir / dev.file
        records = read_records(path, args.limit)
        sections.append(
            table(
                dev, run_set(dev, path, methods, args.limit), len(records), article_folds(records)
            )
        )
    notes = [
        "# Summary quality on the dev sets",
        "",
        f"Generated by `python benchmarks/quality.py` on {date.today().isoformat()} "
        f"({platform.python_version()}, {os.cpu_count()} cores, "
        f"{time.perf_counter() - started:.0f} s in all). ROUGE F1 × 100 with `rouge-score` "
        "(Porter stemming, best over references; Lsum on newline-separated sentences). "
        'LEAD is computed in the same run on the same records as each row; "R-1 − LEAD" '
        "compares them. A topic record is summarized as a one-section profile built from its "
        "topic (the topic biases ranking, every sentence stays a candidate). ASPECTNEWS is "
        'scored against the three most-voted sentences; "vote F1" is its authors\' '
        "sentence-vote F1 (a chosen sentence earns one point per annotator who picked it), "
        '"top-3 F1" the F1 of the chosen sentences against those three. Methods marked by a '
        "smaller record count ran on the first records only (sumy's pure-Python rankers are "
        'slow); compare their "R-1 − LEAD" column, which uses the same records. Below each '
        "table, the default method's scores on 5 folds split by article (both topics of an "
        "article in one fold): the worst fold shows how much a target's margin shrinks on a "
        "different sample of articles.",
        "",
    ]
    text = "\n".join(notes) + "\n" + "\n\n".join(sections) + "\n"
    # benchmarks/lodo.py owns the leave-one-dataset-out section: keep it as it is.
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    if LODO_SECTION in old:
        text += "\n" + LODO_SECTION + old.split(LODO_SECTION, 1)[1]
    args.out.write_text(text, encoding="utf-8")
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
