"""Story clustering on Multi-News dev mixes: B-cubed P/R/F1 beside a TF-IDF average-link oracle.

    python benchmarks/stories.py [--eval-dir ../shared/eval] [--out benchmarks/stories.md]
                                 [--seeds 10] [--split test|dev] [--no-coverage]

Each Multi-News record's documents are one gold story. Documents under 40 words (empty pages,
failed scrapes) are dropped from the gold first. A *mix* puts the documents of 30 records
(drawn at random, one seed per mix) in one collection; one larger mix takes 100 records.
Parameters of briefer.stories.cluster were chosen on mixes of the even-indexed records
(`--split dev`); the table reports mixes of the odd-indexed records (`--split test`, default).
The baseline is plain TF-IDF cosine, average-link (scipy), cut at its best threshold *per mix*
(an oracle it could not have in use). An untuned check draws mixes from all records with seeds
nobody chose parameters on; a BBC row counts distinct articles merged (a precision sanity check).
Timing clusters 1,000 and ~1,450 real articles and 10,000 (real plus spliced halves). Quote
scores come from briefer.stories.quote_eval when it exists; story coverage counts the gold stories
(≥ 2 documents) with at least one sentence in the default brief. Eval data is read in place at run
time, never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefer.models import Article  # noqa: E402
from briefer.pipeline import Corpus, analyse  # noqa: E402
from briefer.stories.cluster import cluster_sources  # noqa: E402
from briefer.text import Analyzer  # noqa: E402

MIN_WORDS = 40
MIX = 30
LARGE_MIX = 100
TARGET_F1 = 0.95
UNRELATED = 0.05
UNTUNED_SEED = 1000
# Measured once (2026-12-02) on the even-indexed (dev) mixes, not re-run by this script.
EVIDENCE_TRIED = (
    "Evidence tried on the dev mixes (mean F1 0.950 there before): of the 168 same-story article"
    " pairs left apart, 0 share a sentence of ≥ 8 content terms and 9 share a capitalised two-word"
    " name carried by ≤ 3 articles, against 420 pairs of different stories sharing one. As"
    " must-links, shared sentences cost 0.002 (boilerplate carried by two articles: a newsletter"
    " line, an ABC News footer); rare names as links cost 0.004 to 0.104 and made BBC clusters of"
    " up to 25 articles, 23 of them across desks. A centroid merge gated on a shared rare name"
    " would be wrong far more often than right (cosine ≥ 0.15: 1 right pair, about 20 wrong)."
    " Kept: sharing such a sentence makes a pair a candidate and its similarity decides; that"
    " recovers one quote pair the blocking missed (held-out seed 4, four untuned mixes)."
)


def load_records(path: Path) -> tuple[list[list[str]], int]:
    """Each record's usable documents, and how many documents were dropped as too short."""
    records, dropped = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        docs = json.loads(line)["documents"]
        kept = [d for d in docs if len(d.split()) >= MIN_WORDS]
        dropped += len(docs) - len(kept)
        records.append(kept)
    return records, dropped


def mix_articles(records: Sequence[list[str]], chosen: Sequence[int]) -> list[Article]:
    """The documents of the chosen records as Articles, located "mn<record>-<doc>"."""
    return [
        Article(text=doc, location=f"mn{r}-{d}") for r in chosen for d, doc in enumerate(records[r])
    ]


def timing_documents(eval_dir: Path) -> list[str]:
    """Every distinct real article of the four eval sets (about 1,500)."""
    seen: dict[str, None] = {}
    for name in ("multinews", "bbc", "newts", "aspectnews_earthquake"):
        for line in (eval_dir / f"{name}_dev.jsonl").read_text(encoding="utf-8").splitlines():
            for doc in json.loads(line)["documents"]:
                if len(doc.split()) >= MIN_WORDS:
                    seen.setdefault(doc, None)
    return list(seen)


def timing_articles(docs: Sequence[str], size: int) -> list[Article]:
    """`size` articles: real documents, then splices of two documents' halves (no dedup hit)."""
    out = [Article(text=d, location=f"t0-{j}") for j, d in enumerate(docs[:size])]
    round_ = 1
    while len(out) < size:
        for j, d in enumerate(docs):
            other = docs[(j + 7 * round_) % len(docs)]
            a, b = d.split("\n"), other.split("\n")
            text = "\n".join(a[: len(a) // 2] + b[len(b) // 2 :])
            out.append(Article(text=text, location=f"t{round_}-{j}"))
        round_ += 1
    return out[:size]


def gold_of(corpus: Corpus) -> dict[str, str]:
    """Source.id → gold record (dedup keeps one of identical documents: same record anyway)."""
    return {s.id: s.location.split("-")[0] for s in corpus.sources}


def bcubed(pred: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a labelling against gold classes."""
    pairs = Counter((pred[i], gold[i]) for i in gold)
    psize = Counter(pred[i] for i in gold)
    gsize = Counter(gold.values())
    p = sum(c * c / psize[k] for (k, _), c in pairs.items()) / len(gold)
    r = sum(c * c / gsize[g] for (_, g), c in pairs.items()) / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def ours(corpus: Corpus) -> dict[str, int]:
    clusters = cluster_sources(corpus.sources, corpus.sentences, captions=corpus.captions)
    return {sid: k for k, story in enumerate(clusters.stories) for sid in story}


def tfidf_rows(corpus: Corpus) -> tuple[list[str], Any]:
    """Source ids and their plain TF-IDF rows (raw counts × smoothed idf, L2-normalised)."""
    import numpy as np

    ids = [s.id for s in corpus.sources]
    terms: dict[str, Counter[str]] = {sid: Counter() for sid in ids}
    for a in corpus.sentences:
        terms[a.sentence.source].update(a.terms)
    vocab = {t: k for k, t in enumerate(sorted({t for c in terms.values() for t in c}))}
    x = np.zeros((len(ids), len(vocab)))
    for row, sid in enumerate(ids):
        for t, c in terms[sid].items():
            x[row, vocab[t]] = c
    df = (x > 0).sum(axis=0)
    x *= np.log((1 + len(ids)) / (1 + df)) + 1
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-12
    return ids, x


def baseline_curve(corpus: Corpus, gold: dict[str, str]) -> dict[float, float]:
    """Plain TF-IDF cosine average-link (scipy): B-cubed F1 at each similarity cut."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    ids, x = tfidf_rows(corpus)
    # An article left empty (the reading path drops boilerplate) is unlike everything.
    tree = linkage(np.nan_to_num(pdist(x, "cosine"), nan=1.0), "average")
    curve = {}
    for cut in np.arange(0.01, 0.70, 0.01):
        labels = fcluster(tree, 1 - cut, "distance")
        f1 = bcubed({sid: int(k) for sid, k in zip(ids, labels, strict=True)}, gold)[2]
        curve[round(float(cut), 2)] = f1
    return curve


def baseline_cut(records: Sequence[list[str]], pool: Sequence[int], seeds: int) -> float:
    """The baseline's single best cut (mean F1) on mixes of the parameter-choosing half."""
    analyzer = Analyzer("english")
    total: Counter[float] = Counter()
    for seed in range(seeds):
        corpus = analyse(mix_articles(records, random.Random(seed).sample(pool, MIX)), analyzer)
        total.update(baseline_curve(corpus, gold_of(corpus)))
    return max(sorted(total), key=lambda cut: total[cut])


def unrelated(corpus: Corpus, gold: dict[str, str]) -> tuple[int, float]:
    """Gold documents sharing no content with the rest of their record (TF-IDF cosine < 0.05
    with each: boilerplate, archive notices, another story), and the B-cubed F1 a clustering
    would reach that got everything else right and left those alone."""
    ids, x = tfidf_rows(corpus)
    sims = x @ x.T
    labels: dict[str, str] = {}
    for i, sid in enumerate(ids):
        mates = [j for j, other in enumerate(ids) if j != i and gold[other] == gold[sid]]
        alone = bool(mates) and max(sims[i, j] for j in mates) < UNRELATED
        labels[sid] = sid if alone else gold[sid]
    count = sum(1 for sid in ids if labels[sid] == sid)
    return count, bcubed(labels, gold)[2]


def coverage(articles: list[Article], gold_records: dict[str, str]) -> tuple[int, int]:
    """Gold stories (≥ 2 documents) with a sentence in the default brief, and how many there are."""
    from briefer.pipeline import build_brief

    brief = build_brief(articles)
    location = {s.id: s.location.split("-")[0] for s in brief.sources}
    shown = [s for sec in brief.sections for s in sec.sentences] + list(brief.key_points)
    covered = {location[s.source] for s in shown}
    big = {g for g, c in Counter(gold_records.values()).items() if c >= 2}
    return len(big & covered), len(big)


def untuned_row(records: Sequence[list[str]], cut: float, seeds: int, analyzer: Analyzer) -> str:
    """Mixes nobody chose parameters on: 30 records drawn from all records, with new seeds."""
    pool = [r for r in range(len(records)) if records[r]]
    ours_f1, base_fixed, base_oracle = [], [], []
    for seed in range(UNTUNED_SEED, UNTUNED_SEED + seeds):
        corpus = analyse(mix_articles(records, random.Random(seed).sample(pool, MIX)), analyzer)
        gold = gold_of(corpus)
        ours_f1.append(bcubed(ours(corpus), gold)[2])
        curve = baseline_curve(corpus, gold)
        base_fixed.append(curve[cut])
        base_oracle.append(max(curve.values()))
    return (
        f"| untuned check: {seeds} mixes of {MIX} from all records (seeds {UNTUNED_SEED}–"
        f"{UNTUNED_SEED + seeds - 1}), mean / worst | | | | | **{mean_of(ours_f1):.3f} / "
        f"{min(ours_f1):.3f}** | {mean_of(base_fixed):.3f} / {min(base_fixed):.3f} "
        f"| {mean_of(base_oracle):.3f} / {min(base_oracle):.3f} | | |"
    )


def mean_of(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def bbc_row(path: Path, analyzer: Analyzer) -> str:
    """Precision sanity: distinct BBC articles (five desks) should mostly stay apart."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    articles = [Article(text=r["documents"][0], location=r["id"]) for r in items]
    corpus = analyse(articles, analyzer)
    clusters = cluster_sources(corpus.sources, corpus.sentences, captions=corpus.captions)
    desk = {s.id: s.location.split("-")[1] for s in corpus.sources}
    multi = [st for st in clusters.stories if len(st) > 1]
    mixed = sum(1 for st in multi if len({desk[s] for s in st}) > 1)
    sizes = Counter(len(st) for st in multi)
    return (
        f"BBC sanity (bbc_dev.jsonl, {len(corpus.sources)} distinct articles, one story each "
        f"unless two really report one event): {sum(map(len, multi))} articles in {len(multi)} "
        f"multi-article clusters (sizes {dict(sorted(sizes.items()))}), {mixed} across desks."
    )


def quote_scores(gold_path: Path) -> str:
    """Quote detection and speakers on the hand-annotated gold, as a Markdown table."""
    from briefer.stories.quote_eval import evaluate_quotes

    r = evaluate_quotes(str(gold_path))
    rows = [
        "| quotes (30 gold BBC articles) | precision | recall | F1 | speaker accuracy | target |",
        "|---|---|---|---|---|---|",
        f"| all ({r.gold} gold, {r.system} found) | {r.precision:.3f} | {r.recall:.3f} "
        f"| **{r.f1:.3f}** | **{r.speaker_accuracy:.3f}** | F1 ≥ 0.85, speakers ≥ 0.90 |",
    ]
    for kind, k in sorted(r.by_kind.items()):
        rows.append(
            f"| {kind} ({k.gold} gold) | {k.precision:.3f} | {k.recall:.3f} | {k.f1:.3f} | | |"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "stories.md")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--split", choices=("test", "dev"), default="test")
    parser.add_argument("--no-coverage", action="store_true")
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument(
        "--timing-sizes", type=lambda v: [int(x) for x in v.split(",")], default=[1000, 1450, 10000]
    )
    args = parser.parse_args(argv)
    records, dropped = load_records(args.eval_dir / "multinews_dev.jsonl")
    parity = 1 if args.split == "test" else 0
    pool = [r for r in range(len(records)) if r % 2 == parity and records[r]]
    analyzer = Analyzer("english")
    mixes = [(f"seed {s}", random.Random(s).sample(pool, MIX)) for s in range(args.seeds)]
    mixes.append((f"{LARGE_MIX} records", random.Random(99).sample(pool, LARGE_MIX)))
    lines = [
        f"Multi-News dev, {args.split} half ({'odd' if parity else 'even'}-indexed records); "
        f"{dropped} documents under {MIN_WORDS} words dropped from the gold.",
        "",
        "| mix | articles | stories | ours P | ours R | ours F1 | baseline F1, cut from other half "
        "| baseline F1, oracle cut | unrelated docs (F1 ceiling) | coverage (today) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    worst = (2.0, "")
    fixed_worst = 2.0
    means: list[tuple[float, float, float, float]] = []
    other = [r for r in range(len(records)) if r % 2 != parity and records[r]]
    chosen_cut = baseline_cut(records, other, args.seeds)
    base_worst = 2.0
    for name, chosen in mixes:
        articles = mix_articles(records, chosen)
        corpus = analyse(articles, analyzer)
        gold = gold_of(corpus)
        p, r, f1 = bcubed(ours(corpus), gold)
        curve = baseline_curve(corpus, gold)
        bcut = max(sorted(curve), key=curve.__getitem__)
        bf1, fixed = curve[bcut], curve[chosen_cut]
        fixed_worst = min(fixed_worst, fixed)
        alone, ceiling = unrelated(corpus, gold)
        cov = "-"
        if not args.no_coverage:
            covered, total = coverage(articles, gold)
            cov = f"{covered}/{total}"
        worst = min(worst, (f1, name))
        base_worst = min(base_worst, bf1)
        if name.startswith("seed"):
            means.append((f1, fixed, bf1, ceiling))
        lines.append(
            f"| {name} | {len(corpus.sources)} | {len(set(gold.values()))} | {p:.3f} | {r:.3f} "
            f"| **{f1:.3f}** | {fixed:.3f} (sim ≥ {chosen_cut:.2f}) | {bf1:.3f} (sim ≥ {bcut:.2f}) "
            f"| {alone} ({ceiling:.3f}) | {cov} |"
        )
        print(lines[-1], flush=True)
    mean = [sum(m[k] for m in means) / len(means) for k in range(4)]
    lines.append(
        f"| mean of the {MIX}-record mixes | | | | | **{mean[0]:.3f}** | {mean[1]:.3f} "
        f"| {mean[2]:.3f} | ({mean[3]:.3f}) | |"
    )
    lines.append(untuned_row(records, chosen_cut, args.seeds, analyzer))
    print(lines[-1], flush=True)
    lines += ["", bbc_row(args.eval_dir / "bbc_dev.jsonl", analyzer)]
    quotes_gold = args.eval_dir.parent / "gold" / "quotes-dev.jsonl"
    lines += [
        "",
        f"Worst mix: ours {worst[0]:.3f} ({worst[1]}); baseline {fixed_worst:.3f} at the cut "
        f"chosen on the other half, {base_worst:.3f} at its per-mix oracle cut; "
        f"target F1 ≥ {TARGET_F1}: {'PASS' if worst[0] >= TARGET_F1 else 'FAIL'}.",
        "",
        quote_scores(quotes_gold),
        "",
        EVIDENCE_TRIED,
    ]
    if not args.no_timing:
        lines += [
            "",
            "| articles | candidate pairs | cluster_sources seconds (best of 3) |",
            "|---|---|---|",
        ]
        every = timing_documents(args.eval_dir)
        for size in args.timing_sizes:
            corpus = analyse(timing_articles(every, size), analyzer)
            took = float("inf")
            for _ in range(3):  # best of three: the machine is shared
                start = time.perf_counter()
                clusters = cluster_sources(
                    corpus.sources, corpus.sentences, captions=corpus.captions
                )
                took = min(took, time.perf_counter() - start)
            lines.append(f"| {len(corpus.sources)} | {clusters.candidate_pairs} | {took:.3f} |")
        lines += [
            "",
            "Beyond the ~1,450 real articles, the sets splice halves of two real articles (near"
            " copies are then dropped by dedup): each splice shares text with two others, a"
            " chain that makes a worst case for average-link merging.",
        ]
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.write_text(text, encoding="utf-8")
    return 0 if worst[0] >= TARGET_F1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
