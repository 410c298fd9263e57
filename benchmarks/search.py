"""Time `briefer search` over a year of daily briefs (issue 14's target: every query < 0.2 s).

    python benchmarks/search.py [--eval-dir ../shared/eval] [--days 365] [--articles 200]

Articles are synthesised at run time from real text: sentences of the evaluation sets (read in
place, never copied into the repository) recombined with a seeded generator into 12-sentence
articles of four paragraphs. Each day is one brief of `--articles` articles, archived through
`briefer.archive.Archive.add` (as `briefer run` does): 12 shown sentences in 4 stories, and every
article's text. Then each query runs 15 times through `Archive.search` (limit 20) and the median
and maximum times are printed, beside the same search done without the index (a LIKE scan) as a
baseline, and the whole `briefer search` command (a new process) once more. Prints the index
size, the build time and a PASS/FAIL line.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefer.archive import Archive  # noqa: E402
from briefer.models import (  # noqa: E402
    Article,
    Brief,
    BriefSection,
    BriefSentence,
    BriefStats,
    Source,
    Story,
)
from briefer.state import State  # noqa: E402
from briefer.text import split_sentences  # noqa: E402

TARGET = 0.2  # seconds per query
QUERIES = [
    ("words", "missile strike", None),
    ("words (common)", "government said", None),
    ("phrase", '"prime minister"', None),
    ("prefix", "negotiat*", None),
    ("boolean", "earthquake AND (tsunami OR aftershock)", None),
    ("--since (30 days)", "police", 30),
    ("--since + phrase", '"according to"', 7),
]


def sentences_from(eval_dir: Path, limit: int = 60_000) -> list[str]:
    """Real sentences (8 to 40 words) from the evaluation sets' documents."""
    out: list[str] = []
    for path in sorted(eval_dir.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                for doc in json.loads(line).get("documents", []):
                    for s in split_sentences(" ".join(doc.split())):
                        if 8 <= len(s.split()) <= 40:
                            out.append(s)
                if len(out) >= limit:
                    return out
    return out


def synthesise(pool: list[str], rng: random.Random, day: int, n: int) -> list[Article]:
    """`n` articles of 12 recombined sentences each (four paragraphs of three)."""
    articles = []
    for i in range(n):
        picked = rng.sample(pool, 12)
        text = "\n\n".join(" ".join(picked[k : k + 3]) for k in range(0, 12, 3))
        title = " ".join(picked[0].split()[:7])
        articles.append(
            Article(
                text,
                f"https://news.example/{day}/{i}",
                title=title,
                url=f"https://news.example/{day}/{i}",
            )
        )
    return articles


def brief_of(articles: list[Article], created: datetime, rng: random.Random) -> Brief:
    """A brief of these articles as the pipeline shapes it: 4 stories, 12 shown sentences."""
    sources = tuple(
        Source(f"s{i + 1}", a.location, a.title, url=a.url, sentences=12)
        for i, a in enumerate(articles)
    )
    shown: list[BriefSentence] = []
    stories: list[Story] = []
    per = max(1, len(sources) // 4)
    for k in range(4):
        members = sources[k * per : (k + 1) * per] or sources[-1:]
        cards = []
        for src in rng.sample(list(members), min(3, len(members))):
            index = int(src.id[1:]) - 1
            position = rng.randrange(12)
            text = articles[index].text.replace("\n\n", " ")
            parts = split_sentences(text)
            cards.append(BriefSentence(parts[position % len(parts)], src.id, position))
        shown += cards
        stories.append(
            Story(
                f"st-{created:%j}{k:09d}",
                f"Story {k}",
                tuple(s.id for s in members),
                len(members),
                len(members),
                tuple(cards),
                "top-stories",
            )
        )
    stats = BriefStats(len(sources), 12 * len(sources), 0, len(shown), 0)
    section = BriefSection("top-stories", "Top stories", tuple(shown))
    return Brief(
        "Daily brief",
        created,
        "default",
        "briefer",
        "english",
        (section,),
        sources,
        stats,
        stories=tuple(stories),
    )


def timed(run, repeat: int = 15) -> tuple[float, float, int]:
    """(median, max) seconds over `repeat` runs, and the hit count."""
    times = []
    hits = 0
    for _ in range(repeat):
        start = time.perf_counter()
        hits = len(run())
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times), hits


def main() -> int:
    """Build the archive, time the queries, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    pool = sentences_from(args.eval_dir)
    if len(pool) < 1000:
        print(f"not enough text in {args.eval_dir} ({len(pool)} sentences)", file=sys.stderr)
        return 1
    rng = random.Random(14)
    first = datetime(2026, 1, 1, 6, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "briefer-state.sqlite3"
        state = State(path)  # a real job state: `briefer search` refuses anything else
        db = state.db
        archive = Archive(db)
        start = time.perf_counter()
        for day in range(args.days):
            created = first + timedelta(days=day)
            articles = synthesise(pool, rng, day, args.articles)
            archive.add(
                brief_of(articles, created, rng), f"out/{created:%Y-%m-%d}/brief.pdf", articles
            )
        build = time.perf_counter() - start
        briefs, rows = archive.counts()
        size = path.stat().st_size / 2**20
        print(
            f"archive: {briefs} briefs, {briefs * args.articles:,} articles, {rows:,} rows, "
            f"{size:,.0f} MB, built in {build:,.1f} s ({build / max(briefs, 1) * 1000:,.0f} ms "
            "per brief)"
        )
        last = first + timedelta(days=args.days - 1)
        print(f"{'query':<22} {'':<40} {'median s':>9} {'max s':>8} {'hits':>5}")
        worst = 0.0
        for label, query, days in QUERIES:
            since = (last - timedelta(days=days)).date() if days else None
            med, top, hits = timed(lambda q=query, s=since: archive.search(q, s, 20))
            worst = max(worst, top)
            print(f"{label:<22} {query:<40} {med:>9.4f} {top:>8.4f} {hits:>5}")
        # Baseline: the same words found without the index (every row scanned, as ranking needs).
        scan = "SELECT text FROM archive_text WHERE text LIKE ?"
        for label, pattern in (
            ("LIKE scan (baseline)", "%missile strike%"),
            ("LIKE scan (baseline)", "%prime minister%"),
        ):
            med, top, hits = timed(lambda p=pattern: db.execute(scan, (p,)).fetchall(), 3)
            print(f"{label:<22} {pattern:<40} {med:>9.4f} {top:>8.4f} {hits:>5}")
        db.close()
        # The command end to end (a new process: Python and the CLI start-up included).
        command = [
            sys.executable,
            "-m",
            "briefer",
            "search",
            "government said",
            "--state",
            str(path),
            "--json",
        ]
        med, top, _ = timed(
            lambda: subprocess.run(command, capture_output=True, check=True).stdout, 3
        )
        print(f"{'briefer search (CLI)':<22} {'government said':<40} {med:>9.4f} {top:>8.4f}")
        version = [sys.executable, "-m", "briefer", "--version"]
        med, top, _ = timed(lambda: subprocess.run(version, capture_output=True).stdout, 3)
        print(f"{'briefer --version':<22} {'(start-up baseline)':<40} {med:>9.4f} {top:>8.4f}")
    verdict = "PASS" if worst < TARGET else "FAIL"
    print(f"{verdict}: slowest query {worst:.4f} s (target < {TARGET} s, {date.today()})")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
