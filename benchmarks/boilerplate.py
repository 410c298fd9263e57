"""What the boilerplate filter removes from real scraped news, and what it leaves behind.

    python benchmarks/boilerplate.py [--sample 50] [--seed 1] ../shared/eval/multinews_dev.jsonl …

Prints, per file: sentences read with and without the filter, lines dropped, lines cut
(widget text glued to news), the known boilerplate markers still present in sentences, and a
random sample of dropped lines to check by hand for false positives.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from briefer.boilerplate import _clean, filter_paragraphs  # noqa: E402
from briefer.text import split_paragraph, split_paragraphs  # noqa: E402

MARKERS = re.compile(
    r"Image copyright|Image caption|Media playback|Media caption|Play Facebook|Copy this code"
    r"|Getty Images|Read more|Related Topics|Sign up|All rights reserved|©|autoplay"
    r"|Share this with|Advertisement Continue"
)


def _sentences(paragraphs: list[str]) -> int:
    return sum(len(split_paragraph(p)) for p in paragraphs)


def check(path: Path, sample: int, rng: random.Random) -> None:
    """Print the counts and a sample of dropped lines for one JSONL file."""
    before = after = dropped_sentences = 0
    dropped: list[str] = []
    cut: list[tuple[str, str]] = []
    left: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for doc in record.get("documents") or []:
            raw = split_paragraphs(str(doc), keep_boilerplate=True)
            kept = filter_paragraphs(raw)
            before += _sentences(raw)
            after += _sentences(kept)
            remaining = list(kept)
            for paragraph in raw:
                cleaned = _clean(paragraph, "english")
                if cleaned and cleaned in remaining:
                    remaining.remove(cleaned)
                    if cleaned != paragraph:
                        cut.append((paragraph, cleaned))
                    continue
                dropped.append(paragraph)  # a boilerplate line, or a subheading (cleaned kept)
                dropped_sentences += len(split_paragraph(paragraph))
            left.extend(s for k in kept for s in split_paragraph(k) if MARKERS.search(s))
    print(f"## {path.name}")
    print(f"sentences without filter {before}, with filter {after}, removed {before - after}")
    print(f"lines dropped {len(dropped)} ({dropped_sentences} sentences); lines cut {len(cut)}")
    print(f"sentences still holding a marker: {len(left)}")
    for text in left[:20]:
        print(f"  LEFT  {text[:160]}")
    print(f"sample of {min(sample, len(dropped))} dropped lines:")
    for text in rng.sample(dropped, min(sample, len(dropped))):
        print(f"  DROP  {text[:160]}")
    for before_text, after_text in cut[:15]:
        gone = [s for s in split_paragraph(before_text) if s not in after_text]
        print(f"  CUT   {' | '.join(gone)[:200]}")


def main() -> None:
    """Run the check on every file given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for path in args.files:
        check(path, args.sample, rng)


if __name__ == "__main__":
    main()
