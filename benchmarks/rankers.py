"""Time briefer's vectorized rankers against sumy's on the same real sentences.

    python benchmarks/rankers.py [--eval-dir ../shared/eval] [--sizes 200,1000,3000,30000]

Sentences come from real articles concatenated in file order (the evaluation sets are read in
place, never copied). Each ranker gets one RankRequest holding every sentence; its terms are
derived exactly as sumy derives them, so "same top-5" compares the rankers alone ("tie": they
differ only among sentences sumy itself rates equal, up to float rounding). sumy is
skipped where it would take over about a minute (limits below, from measured growth).
Peak memory is measured with tracemalloc in a second, separate run of each fast ranker.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefer.models import Sentence  # noqa: E402
from briefer.summarize import METHODS, RankRequest  # noqa: E402
from briefer.text import Analyzer, split_paragraphs, split_sentences, tokenize_words  # noqa: E402

METHODS_TIMED = ("lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl")
# largest input sumy gets: beyond it sumy takes over ~60 s here (KL is cubic; the rest are
# quadratic, Luhn too as it looks stems up in a tuple; LSA's dense SVD would need gigabytes)
SUMY_LIMIT = {
    "lexrank": 3000,
    "textrank": 3000,
    "lsa": 3000,
    "sumbasic": 3000,
    "luhn": 3000,
    "kl": 300,
}
FILES = (
    "bbc_dev.jsonl",
    "multinews_dev.jsonl",
    "newts_dev.jsonl",
    "aspectnews_earthquake_dev.jsonl",
)


def load_sentences(eval_dir: Path, limit: int) -> list[Sentence]:
    """The first `limit` sentences of the evaluation articles, one source per article."""
    out: list[Sentence] = []
    seen: set[str] = set()
    for name in FILES:
        path = eval_dir / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                for text in json.loads(line)["documents"]:
                    if text in seen:
                        continue
                    seen.add(text)
                    source = f"a{len(seen)}"
                    position = 0
                    for p, paragraph in enumerate(split_paragraphs(text)):
                        for sentence in split_sentences(paragraph):
                            out.append(Sentence(source, position, sentence, p))
                            position += 1
                            if len(out) == limit:
                                return out
    return out


def make_request(sentences: list[Sentence], analyzer: Analyzer) -> RankRequest:
    """A request whose terms are sumy's (lower-case, stop words out, stemmed; no hyphen split)."""
    words = [tuple(tokenize_words(s.text)) for s in sentences]
    stops = analyzer.stop_words
    terms = [tuple(analyzer.stem(w) for w in ws if w.lower() not in stops) for ws in words]
    return RankRequest(sentences=sentences, terms=terms, words=words, count=5)


Ranker = Callable[[RankRequest], list[float]]


def timed(ranker: Ranker, request: RankRequest) -> tuple[float, list[float]]:
    """Wall time of one call, and its scores."""
    start = time.perf_counter()
    scores = ranker(request)
    return time.perf_counter() - start, scores


def peak_mb(ranker: Ranker, request: RankRequest) -> float:
    """Peak traced allocation of one call, in MB."""
    tracemalloc.start()
    try:
        ranker(request)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def top(scores: list[float], k: int = 5) -> set[int]:
    """Positions of the k best scores (ties: the earlier sentence, as sumy's stable sort)."""
    return set(sorted(range(len(scores)), key=lambda i: -scores[i])[:k])


def agreement(fast: list[float], sumy: list[float], k: int = 5) -> str:
    """Top-k agreement: yes; tie (differing only among sentences sumy rates equal); or no."""
    ours, theirs = top(fast, k), top(sumy, k)
    if ours == theirs:
        return "yes"
    boundary = sorted(sumy, reverse=True)[k - 1]
    tolerance = 1e-9 * max(1.0, abs(boundary))
    return "tie" if all(abs(sumy[i] - boundary) <= tolerance for i in ours ^ theirs) else "no"


def main(argv: list[str] | None = None) -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--sizes", default="200,1000,3000,30000")
    parser.add_argument("--methods", default=",".join(METHODS_TIMED))
    parser.add_argument("--no-sumy", action="store_true", help="time only the fast rankers")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")  # sumy's LSA warns on wide matrices
    sizes = [int(s) for s in args.sizes.split(",")]
    methods = args.methods.split(",")
    analyzer = Analyzer("english")
    corpus = load_sentences(args.eval_dir, max(sizes))
    if len(corpus) < max(sizes):
        print(f"only {len(corpus)} sentences available in {args.eval_dir}", file=sys.stderr)
    print("| sentences | method | fast (s) | sumy (s) | speed-up | fast peak (MB) | same top-5 |")
    print("|---:|---|---:|---:|---:|---:|---|")
    for size in sizes:
        request = make_request(corpus[:size], analyzer)
        n = len(request.sentences)
        for method in methods:
            fast = METHODS.get(method)
            fast(make_request(corpus[:50], analyzer))  # imports and caches outside the timing
            fast_s, fast_scores = timed(fast, request)
            memory = peak_mb(fast, request)
            sumy_cell = ratio = same = "—"
            if not args.no_sumy and n <= SUMY_LIMIT[method]:
                sumy_s, sumy_scores = timed(METHODS.get(f"sumy:{method}"), request)
                sumy_cell, ratio = f"{sumy_s:.3f}", f"{sumy_s / fast_s:.0f}×"
                same = agreement(fast_scores, sumy_scores)
            print(
                f"| {n:,} | {method} | {fast_s:.3f} | {sumy_cell} | {ratio} | {memory:.0f} "
                f"| {same} |",
                flush=True,
            )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess peak RSS: {rss:.0f} MB (the whole run: corpus, analysis and any sumy runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
