"""Two mornings of a job on real articles: are stories linked, marked and trimmed as they should?

    python benchmarks/daytwo.py [--eval-dir ../shared/eval] [--stories 30]

Multi-News development records (several articles on one event each; read in place, never copied)
become a job's sources on two consecutive mornings, run through `briefer run` (`run_job`) with
`only_new = true`:

- day 1: all but the last article of every story in groups A, B, C and E;
- day 2: group A gets its last article (a new report); group B's first article gets an `UPDATE:`
  paragraph (the first two sentences of the story's last article); group C is unchanged; group D
  (new records) appears with all its articles; group E's day-1 articles are gone (a feed's
  rolling window) and only its last article comes, so only content can link it.

Checked on day 2, per group: A, B and E `updated` with their day-1 id, C `ongoing` with nothing
shown, D `new` (a D story linked to an old one is a false link); B shows its update and nothing
else of the edited article; no updated story repeats more than one sentence day 1 showed.
Clustering mistakes (records merged or split by the story layer) count against the figures:
these are the end-to-end numbers. The content-link threshold (storylink.OVERLAP) was chosen on
the first 40 such records (`--skip 0`); the default run reports the next 40, held out.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefer.config import load_config  # noqa: E402
from briefer.jobs import run_job  # noqa: E402
from briefer.memory import line_hash  # noqa: E402
from briefer.models import Article  # noqa: E402
from briefer.sourcenews import article_sentences  # noqa: E402

VERBOSE = "-v" in sys.argv
DAY1 = datetime(2026, 12, 1, 6, 0).astimezone()


def records(eval_dir: Path, count: int, skip: int = 0) -> list[list[str]]:
    """Documents of Multi-News records with 3+ distinct articles (first `count`).

    Web-archive boilerplate ("These crawls are part of an effort...") stands in for some
    articles in Multi-News, the same text in many records: such repeats are left out.
    """
    out = []
    seen: set[str] = set()
    with (eval_dir / "multinews_dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            docs = []
            for doc in json.loads(line)["documents"]:
                key = " ".join(doc.split()[:40])
                if len(doc.split()) >= 80 and key not in seen:
                    seen.add(key)
                    docs.append(doc)
            if len(docs) >= 3:
                out.append(docs)
            if len(out) == skip + count:
                break
    return out[skip:]


def main() -> int:
    """Run the two mornings and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--stories", type=int, default=40, help="records (5 equal groups)")
    parser.add_argument(
        "--skip", type=int, default=40, help="records passed over (the first 40 tuned OVERLAP)"
    )
    parser.add_argument("-v", action="store_true", help="name each story marked wrong")
    args = parser.parse_args()
    recs = records(args.eval_dir, args.stories, args.skip)
    size = len(recs) // 5
    groups = {g: recs[i * size : (i + 1) * size] for i, g in enumerate("ABCDE")}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        news = root / "news"
        news.mkdir()
        (root / "job.toml").write_text(
            '[brief]\nsources = ["news/"]\nformats = ["json"]\noutput_dir = "out"\n'
            "only_new = true\nsentences = 3\n",
            encoding="utf-8",
        )
        config = load_config(root / "job.toml")

        def write(name: str, text: str) -> None:
            (news / f"{name}.txt").write_text(text, encoding="utf-8")

        for g in "ABCE":
            for r, docs in enumerate(groups[g]):
                for d, doc in enumerate(docs[:-1]):
                    write(f"{g}{r}-{d}", doc)
        first = run_job(config, now=DAY1)
        day1 = json.loads(first.files[0].read_text(encoding="utf-8"))
        updates: dict[str, list[str]] = {}
        for r, docs in enumerate(groups["A"]):
            write(f"A{r}-{len(docs) - 1}", docs[-1])
        for r, docs in enumerate(groups["B"]):
            extra = article_sentences(Article(docs[-1], "x"), "english")[:2]
            updates[f"B{r}-0"] = extra
            write(f"B{r}-0", docs[0].rstrip() + "\n\nUPDATE: " + " ".join(extra) + "\n")
        for r, docs in enumerate(groups["D"]):
            for d, doc in enumerate(docs):
                write(f"D{r}-{d}", doc)
        for r, docs in enumerate(groups["E"]):
            for d in range(len(docs) - 1):
                (news / f"E{r}-{d}.txt").unlink()
            write(f"E{r}-{len(docs) - 1}", docs[-1])
        second = run_job(config, now=DAY1 + timedelta(days=1))
        day2 = json.loads(second.files[0].read_text(encoding="utf-8"))
    return report(day1, day2, groups, updates)


def _places(source: dict) -> list[str]:
    """A source's location and those of the copies merged into it."""
    return [source["location"], *source.get("duplicates", [])]


def report(day1: dict, day2: dict, groups: dict, updates: dict[str, list[str]]) -> int:
    """Per-group figures from the two JSON briefs."""
    id1 = {Path(p).stem: s["story"] for s in day1["sources"] for p in _places(s)}
    stem = {s["id"]: Path(s["location"]).stem for s in day2["sources"]}
    story2 = {st["id"]: st for st in day2["stories"]}
    of = {Path(p).stem: story2[s["story"]] for s in day2["sources"] for p in _places(s)}
    old = set(id1.values())
    shown1 = {line_hash(s["text"]) for sec in day1["sections"] for s in sec["sentences"]}
    print(
        f"day 1: {len(day1['stories'])} stories from {len(day1['sources'])} articles; day 2: "
        f"{len(day2['stories'])} stories from {len(day2['sources'])} articles"
    )
    want = {"A": "updated", "B": "updated", "C": "ongoing", "D": "new", "E": "updated"}
    for g, records_ in groups.items():
        right = kept = 0
        for r, docs in enumerate(records_):
            story = of[f"{g}{r}-{len(docs) - 1 if g == 'E' else 0}"]
            ok = story["status"] == want[g] and (g != "C" or not story["sentences"])
            right += ok
            if not ok and VERBOSE:
                print(f"  {g}{r}: {story['status']} {story['title']!r} {len(story['sources'])} src")
            kept += story["id"] == id1.get(f"{g}{r}-0") if g != "D" else story["id"] not in old
        what = "kept their day-1 id" if g != "D" else "not linked to an old story"
        print(f"group {g} ({want[g]:<7}): {right}/{len(records_)} marked right, {kept} {what}")
    shown_b = trimmed = 0
    for name, extra in updates.items():
        story = of[name]
        texts = [s["text"] for s in story["sentences"] if stem[s["source"]] == name]
        shown_b += any(t.removeprefix("UPDATE: ") in " ".join(extra) for t in texts)
        trimmed += all(t.removeprefix("UPDATE: ") in " ".join(extra) for t in texts)
    print(
        f"group B: update shown in {shown_b}/{len(updates)}; nothing else of the edited article "
        f"in {trimmed}/{len(updates)}"
    )
    repeats = [
        sum(line_hash(s["text"]) in shown1 for s in st["sentences"])
        + sum(bool(s.get("context")) and line_hash(s["context"]) in shown1 for s in st["sentences"])
        for st in day2["stories"]
        if st.get("status") == "updated"
    ]
    print(
        f"updated stories: {len(repeats)}; most day-1 sentences repeated by one: "
        f"{max(repeats, default=0)} (target <= 1)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
