"""Time `briefer brief` end to end on 1 to 1,000 real articles and check issue 7's targets.

    python benchmarks/speed.py [--eval-dir ../shared/eval] [--out benchmarks/speed.md]

Articles are the evaluation sets' texts (read in place at run time, never copied into the
repository), written as .txt files into a temporary folder; the smaller corpora are stratified
samples of the 1,000 (by file, then length), so every size has the same mix of BBC, Multi-News,
NEWTS and ASPECTNEWS articles. Each `briefer brief`
run is a fresh subprocess writing PDF + DOCX + JSON: wall time covers start-up, reading,
ranking and rendering; peak memory is the child's own maximum RSS (os.wait4). The growth
exponent log10(T1000 − T1) / (T100 − T1) takes the 1-article run as the fixed start-up cost.
One 3,000-sentence input is also briefed end to end and compared with sumy's LexRank alone
ranking the same sentences in this process; the per-ranker table of benchmarks/rankers.py
follows. Prints a PASS/FAIL line per target and writes the markdown to --out.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import rankers  # noqa: E402  (benchmarks/rankers.py: corpus loading and the ranker table)

SIZES = (1, 10, 100, 1000)
FORMATS = "pdf,docx,json"
CREATED = "2026-01-01T06:00:00+00:00"
EXAMPLE = (
    "examples/dnipro-oreshnik-strike.txt",
    "--profile",
    "ukraine-air-defense",
    "--sentences",
    "2",
)
# Targets of issue 7 (2-core machine).
MAX_WALL_1000 = 5.0
MAX_MB_1000 = 500.0
MAX_EXPONENT = 1.15
MAX_VERSION = 0.3
MAX_EXAMPLE = 1.0
MIN_RATIO = 30.0
# Targets of issue 15: ratios to the floor measured in the same run.
FLOOR_SIZES = (1000, 3000)  # the second is "3,000+": every distinct text of the dev sets
MAX_FLOOR_RATIO = 8.0
MAX_FLOOR_EXPONENT = 1.1
MAX_MB_LARGE = 1024.0
MAX_EXAMPLE_IMPORT_RATIO = 2.5
FLOOR_SCRIPT = ROOT / "benchmarks" / "floor.py"


@dataclass(frozen=True)
class Run:
    """One finished subprocess: wall seconds, the child's peak RSS in MB, its exit code."""

    wall: float
    peak_mb: float
    code: int
    stderr: str


def briefer_command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m briefer`."""
    script = Path(sys.executable).with_name("briefer")
    return [str(script)] if script.exists() else [sys.executable, "-m", "briefer"]


def run(args: list[str], cwd: Path = ROOT) -> Run:
    """Run one command; measure its wall time and its own peak RSS (not other children's)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped by wait4
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return Run(wall, usage.ru_maxrss / 1024, proc.returncode, text)


def best(args: list[str], repeat: int, cwd: Path = ROOT) -> Run:
    """The fastest of `repeat` runs (the least disturbed by other work on the machine)."""
    runs = [run(args, cwd) for _ in range(max(1, repeat))]
    for r in runs:
        if r.code not in (0, 3):  # 3: partial (some source unreadable) still writes the brief
            raise SystemExit(f"failed ({r.code}): {' '.join(args)}\n{r.stderr[-2000:]}")
    return min(runs, key=lambda r: r.wall)


def load_articles(eval_dir: Path, limit: int) -> list[tuple[int, str]]:
    """Up to `limit` distinct (file number, article text), interleaved by the files' sizes."""
    per_file: list[list[str]] = []
    seen: set[str] = set()
    for name in rankers.FILES:
        path = eval_dir / name
        if not path.exists():
            continue
        texts: list[str] = []
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                for text in json.loads(line)["documents"]:
                    if text.strip() and text not in seen:
                        seen.add(text)
                        texts.append(text)
        per_file.append(texts)
    # Order by relative position within its file, so the first `limit` keep the files' mix.
    keyed = [
        ((i + 0.5) / len(texts), f, text)
        for f, texts in enumerate(per_file)
        for i, text in enumerate(texts)
    ]
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [(f, text) for _, f, text in keyed[:limit]]


def sample(articles: list[tuple[int, str]], size: int) -> list[str]:
    """`size` articles of the same mix as `articles`: stratified by file, then by length.

    Article lengths are heavy-tailed, so a prefix of 100 can hold far shorter articles than the
    1,000; every k-th article in (file, length) order keeps both the mix and the length spread.
    """
    if size >= len(articles):
        return [text for _, text in articles]
    ordered = sorted(articles, key=lambda a: (a[0], len(a[1]), a[1]))
    step = len(ordered) / size
    return [ordered[int(step * i + step / 2)][1] for i in range(size)]


def write_corpus(folder: Path, texts: list[str]) -> Path:
    """One .txt file per article in a fresh folder."""
    folder.mkdir(parents=True)
    for i, text in enumerate(texts):
        (folder / f"a{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def load_texts(eval_dir: Path, size: int) -> list[str]:
    """`size` distinct real texts: a sample of the articles while they last; past their 1,464,
    every article and then the human reference summaries as short articles of their own (so a
    corpus of 3,000+ needs no made-up text)."""
    articles = load_articles(eval_dir, 10**9)
    if size <= len(articles):
        return sample(articles, size)
    texts = [text for _, text in articles]
    seen = set(texts)
    for name in rankers.FILES:
        path = eval_dir / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                for text in json.loads(line)["references"]:
                    if isinstance(text, str) and text.strip() and text not in seen:
                        seen.add(text)
                        texts.append(text)
    return texts[:size]


@dataclass(frozen=True)
class FloorRow:
    """One corpus size: its article and sentence counts, the floor run and each briefer run."""

    articles: int
    sentences: int
    floor: Run
    briefers: dict[str, Run]


def floor_rows(
    base: Path, eval_dir: Path, commands: dict[str, list[str]], repeat: int, sizes: tuple[int, ...]
) -> tuple[list[FloorRow], dict[str, Run]]:
    """The floor script and every `commands` entry on the same folders, interleaved run by run
    (so load on the machine falls on all alike); plus each command's one-article run."""
    rows: list[FloorRow] = []
    singles: dict[str, Run] = {}
    for size in (1, *sizes):
        texts = load_texts(eval_dir, size)
        folder = write_corpus(base / f"floor-{size}", texts)
        runs: dict[str, list[Run]] = {name: [] for name in ("floor", *commands)}
        for attempt in range(max(1, repeat)):
            runs["floor"].append(run([sys.executable, str(FLOOR_SCRIPT), str(folder)]))
            for name, cmd in commands.items():
                out_dir = base / f"floor-out-{name}-{size}-{attempt}"
                runs[name].append(
                    run(
                        [
                            *cmd,
                            "-q",
                            "brief",
                            str(folder),
                            "--format",
                            FORMATS,
                            "--output-dir",
                            str(out_dir),
                            "--created",
                            CREATED,
                            "--name",
                            "brief",
                        ]
                    )
                )
        fastest = {}
        for name, done in runs.items():
            ok = [r for r in done if r.code in (0, 3)]
            if not ok and name in ("floor", "briefer"):
                r = done[0]
                raise SystemExit(f"{name} failed ({r.code}) on {size}:\n{r.stderr[-2000:]}")
            # A failing baseline is shown as failed (its wall time is then meaningless).
            fastest[name] = min(ok or done, key=lambda r: r.wall)
        first = next(iter(commands))
        stats = json.loads(
            (base / f"floor-out-{first}-{size}-0" / "brief.json").read_text(encoding="utf-8")
        )["stats"]
        if size == 1:
            singles = {name: fastest[name] for name in commands}
        else:
            briefers = {name: fastest[name] for name in commands}
            rows.append(FloorRow(len(texts), stats["sentences_read"], fastest["floor"], briefers))
        shutil.rmtree(folder)
    return rows, singles


def floor_report(
    out: Callable[[str], None],
    rows: list[FloorRow],
    singles: dict[str, Run],
    examples: dict[str, Run],
    imports: Run,
) -> list[tuple[str, str, str, bool]]:
    """Print the floor table (issue 15) and return its target checks (the first command's)."""
    names = list(singles)
    out(
        "| articles | sentences | floor (s) | "
        + " | ".join(f"{n} (s) | {n} ÷ floor | {n} peak (MB)" for n in names)
        + " |"
    )
    out("|---:|---:|---:|" + "---:|---:|---:|" * len(names))
    for row in rows:
        cells = [f"{row.articles:,}", f"{row.sentences:,}", f"{row.floor.wall:.2f}"]
        for n in names:
            r = row.briefers[n]
            if r.code not in (0, 3):
                cells += [f"failed (exit {r.code})", "—", "—"]
                continue
            cells += [f"{r.wall:.2f}", f"{r.wall / row.floor.wall:.1f}×", f"{r.peak_mb:.0f}"]
        out("| " + " | ".join(cells) + " |")
    out()
    small, large = rows[0], rows[-1]
    scale = large.articles / small.articles
    growth = {
        n: exponent(small.briefers[n].wall, large.briefers[n].wall, singles[n].wall, scale)
        for n in names
    }
    per_sentence = {
        n: exponent(
            small.briefers[n].wall,
            large.briefers[n].wall,
            singles[n].wall,
            large.sentences / small.sentences,
        )
        for n in names
    }
    out(
        f"Growth {small.articles:,}→{large.articles:,} articles (one-article run subtracted): "
        + "; ".join(f"{n} n^{growth[n]:.2f} (per sentence n^{per_sentence[n]:.2f})" for n in names)
        + f". Importing numpy + scipy.sparse alone: {imports.wall:.2f} s; the example brief: "
        + "; ".join(
            f"{n} {examples[n].wall:.2f} s ({examples[n].wall / imports.wall:.1f}×)" for n in names
        )
        + "."
    )
    out()
    n = names[0]
    checks = []
    for row in rows:
        ratio = row.briefers[n].wall / row.floor.wall
        checks.append(
            (
                f"{row.articles:,} articles ÷ floor (same run)",
                f"{ratio:.1f}×",
                f"≤ {MAX_FLOOR_RATIO:g}×",
                ratio <= MAX_FLOOR_RATIO,
            )
        )
    checks += [
        (
            # Per sentence: the texts past 1,464 are short summaries, so articles understate n.
            f"growth {small.articles:,}→{large.articles:,} articles, per sentence "
            f"({small.sentences:,}→{large.sentences:,}; per article n^{growth[n]:.2f})",
            f"n^{per_sentence[n]:.2f}",
            f"≤ n^{MAX_FLOOR_EXPONENT}",
            per_sentence[n] <= MAX_FLOOR_EXPONENT,
        ),
        (
            f"{large.articles:,} articles: peak memory",
            f"{large.briefers[n].peak_mb:.0f} MB",
            f"< {MAX_MB_LARGE:g} MB",
            large.briefers[n].peak_mb < MAX_MB_LARGE,
        ),
        (
            "example brief ÷ import of numpy + scipy.sparse",
            f"{examples[n].wall / imports.wall:.1f}×",
            f"≤ {MAX_EXAMPLE_IMPORT_RATIO:g}×",
            examples[n].wall / imports.wall <= MAX_EXAMPLE_IMPORT_RATIO,
        ),
        (
            f"{small.articles:,} articles end to end",
            f"{small.briefers[n].wall:.2f} s",
            f"< {MAX_WALL_1000:g} s",
            small.briefers[n].wall < MAX_WALL_1000,
        ),
    ]
    return checks


def write_long_input(path: Path, eval_dir: Path, size: int) -> int:
    """One text file of `size` real sentences (paragraphs kept); returns the count written."""
    sentences = rankers.load_sentences(eval_dir, size)
    paragraphs: list[list[str]] = []
    last = None
    for s in sentences:
        key = (s.source, s.paragraph)
        if key != last:
            paragraphs.append([])
            last = key
        paragraphs[-1].append(s.text)
    path.write_text("\n\n".join(" ".join(p) for p in paragraphs) + "\n", encoding="utf-8")
    return len(sentences)


def sumy_lexrank_seconds(eval_dir: Path, size: int) -> tuple[float, int]:
    """sumy's LexRank alone (via briefer's adapter) on the first `size` real sentences."""
    from briefer.summarize import METHODS
    from briefer.text import Analyzer

    analyzer = Analyzer("english")
    sentences = rankers.load_sentences(eval_dir, size)
    request = rankers.make_request(sentences, analyzer)
    sumy = METHODS.get("sumy:lexrank")
    sumy(rankers.make_request(sentences[:20], analyzer))  # import sumy outside the timing
    seconds, _ = rankers.timed(sumy, request)
    return seconds, len(sentences)


def exponent(t_small: float, t_large: float, fixed: float, ratio: float = 10.0) -> float:
    """Growth exponent k in cost ∝ n^k between two sizes `ratio` apart, fixed cost removed."""
    a, b = max(t_small - fixed, 1e-3), max(t_large - fixed, 1e-3)
    return math.log(b / a) / math.log(ratio)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the tables and verdicts, write the markdown file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument(
        "--out", type=Path, help="markdown written (speed.md; speed-floor.md with --floor-only)"
    )
    parser.add_argument("--repeat", type=int, default=2, help="runs per figure (fastest kept)")
    parser.add_argument("--long", type=int, default=3000, help="sentences in the single input")
    parser.add_argument(
        "--ranker-sizes",
        default="1000,30000",
        help="sizes for the per-ranker table ('' to skip it)",
    )
    parser.add_argument("--ranker-methods", default="lexrank,textrank,lsa,luhn,sumbasic,kl")
    parser.add_argument(
        "--floor-only",
        action="store_true",
        help="only the floor table of issue 15 (1,000 and 3,000+ articles) and the example brief",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a source tree of another version (e.g. `git archive main`) measured beside this one",
    )
    args = parser.parse_args(argv)
    if args.out is None:
        name = "speed-floor.md" if args.floor_only else "speed.md"
        args.out = ROOT / "benchmarks" / name
    if not (args.eval_dir / rankers.FILES[0]).exists():
        print(f"speed.py: no evaluation data in {args.eval_dir} (see --eval-dir)", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore")
    cmd = briefer_command()
    lines: list[str] = []

    def out(line: str = "") -> None:
        print(line, flush=True)
        lines.append(line)

    started = time.perf_counter()
    cores = os.cpu_count()
    out("# Speed")
    out()
    out(
        f"Generated by `python benchmarks/speed.py` on {platform.machine()}, {cores} cores, "
        f"Python {platform.python_version()}; each figure is the fastest of {args.repeat} "
        f"runs (of {max(args.repeat, 5)} below 1,000 articles). `briefer brief` runs as a "
        "fresh subprocess writing PDF + DOCX + JSON (wall time includes start-up, reading, "
        "ranking and rendering; memory is the child's peak RSS)."
    )
    out()
    version = best([*cmd, "--version"], max(args.repeat, 3))
    helped = best([*cmd, "--help"], max(args.repeat, 3))
    texts = load_articles(args.eval_dir, max(SIZES))
    results: dict[tuple[str, int], Run] = {}
    sentence_counts: dict[int, int] = {}
    with tempfile.TemporaryDirectory(prefix="briefer-speed-") as tmp:
        base = Path(tmp)
        commands = {"briefer": cmd}
        if args.baseline is not None:
            commands["baseline"] = [
                "env",
                f"PYTHONPATH={args.baseline.resolve()}",
                sys.executable,
                "-P",  # not the current folder (this tree) first on sys.path
                "-m",
                "briefer",
            ]
        examples = {
            name: best(
                [
                    *command,
                    "brief",
                    *EXAMPLE,
                    "--output-dir",
                    str(base / f"example-{name}"),
                    "--created",
                    CREATED,
                ],
                max(args.repeat, 3),
            )
            for name, command in commands.items()
        }
        example = examples["briefer"]
        imports = best([sys.executable, "-c", "import numpy, scipy.sparse"], max(args.repeat, 3))
        out("## Beside the floor (issue 15)")
        out()
        out(
            "The floor is benchmarks/floor.py: read every file, split sentences with one regex and "
            "words with another, as a fresh process on the same folder in the same run (runs "
            "interleaved, fastest kept). Past the 1,464 distinct dev-set articles the larger "
            "corpus adds the human reference summaries as short articles."
        )
        out()
        rows, singles = floor_rows(base, args.eval_dir, commands, args.repeat, FLOOR_SIZES)
        floor_checks = floor_report(out, rows, singles, examples, imports)
        if args.floor_only:
            out("| figure | measured | target | verdict |")
            out("|---|---:|---:|---|")
            for name, value, target, ok in floor_checks:
                out(f"| {name} | {value} | {target} | {verdict(ok)} |")
            args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"wrote {args.out}", file=sys.stderr)
            return 1 if any(not c[3] for c in floor_checks) else 0
        out("## From 1 to 1,000 articles")
        out()
        out("| articles | sentences | method | wall (s) | peak RSS (MB) |")
        out("|---:|---:|---|---:|---:|")
        for size in SIZES:
            folder = write_corpus(base / f"n{size}", sample(texts, size))
            for method in ("default", "lexrank"):
                extra = [] if method == "default" else ["--method", method]
                result = best(
                    [
                        *cmd,
                        "-q",
                        "brief",
                        str(folder),
                        *extra,
                        "--format",
                        FORMATS,
                        "--output-dir",
                        str(base / f"out-{size}-{method}"),
                        "--created",
                        CREATED,
                        "--name",
                        "brief",
                    ],
                    # small runs are cheap and their difference sets the exponent
                    args.repeat if size >= 1000 else max(args.repeat, 5),
                )
                results[method, size] = result
                if size not in sentence_counts:
                    brief_json = json.loads(
                        (base / f"out-{size}-{method}" / "brief.json").read_text(encoding="utf-8")
                    )
                    sentence_counts[size] = brief_json["stats"]["sentences_read"]
                label = "briefer (default)" if method == "default" else method
                out(
                    f"| {size:,} | {sentence_counts[size]:,} | {label} | {result.wall:.2f} "
                    f"| {result.peak_mb:.0f} |"
                )
            shutil.rmtree(folder)
        out()
        long_file = base / "long.txt"
        written = write_long_input(long_file, args.eval_dir, args.long)
        long_run = best(
            [
                *cmd,
                "-q",
                "brief",
                str(long_file),
                "--format",
                FORMATS,
                "--output-dir",
                str(base / "out-long"),
                "--created",
                CREATED,
                "--name",
                "brief",
            ],
            args.repeat,
        )
        long_read = json.loads((base / "out-long" / "brief.json").read_text(encoding="utf-8"))[
            "stats"
        ]["sentences_read"]
    sumy_s, sumy_n = sumy_lexrank_seconds(args.eval_dir, args.long)
    ratio = sumy_s / long_run.wall
    out(
        f"One input of {written:,} real sentences ({long_read:,} after briefer's own splitting): "
        f"`briefer brief` end to end (default method, PDF + DOCX + JSON) {long_run.wall:.2f} s, "
        f"{long_run.peak_mb:.0f} MB; sumy's LexRank alone ranking the same {sumy_n:,} sentences "
        f"in-process {sumy_s:.1f} s: **{ratio:.0f}×**."
    )
    out()

    checks: list[tuple[str, str, str, bool]] = list(floor_checks)
    for method in ("default", "lexrank"):
        label = "briefer" if method == "default" else method
        big = results[method, 1000]
        k = exponent(results[method, 100].wall, big.wall, results[method, 1].wall)
        k_version = exponent(results[method, 100].wall, big.wall, version.wall)
        k_sentences = exponent(
            results[method, 100].wall,
            big.wall,
            results[method, 1].wall,
            sentence_counts[1000] / sentence_counts[100],
        )
        checks += [
            (
                f"1,000 articles, {label}: wall",
                f"{big.wall:.2f} s",
                f"< {MAX_WALL_1000:g} s",
                big.wall < MAX_WALL_1000,
            ),
            (
                f"1,000 articles, {label}: peak memory",
                f"{big.peak_mb:.0f} MB",
                f"< {MAX_MB_1000:g} MB",
                big.peak_mb < MAX_MB_1000,
            ),
            (
                f"growth 100→1,000 articles, {label} (1-article run subtracted; per sentence: "
                f"n^{k_sentences:.2f}; `--version` subtracted: n^{k_version:.2f})",
                f"n^{k:.2f}",
                f"≤ n^{MAX_EXPONENT}",
                k <= MAX_EXPONENT,
            ),
        ]
    checks += [
        (
            "`briefer --version`",
            f"{version.wall:.3f} s",
            f"< {MAX_VERSION} s",
            version.wall < MAX_VERSION,
        ),
        ("`briefer --help` (no target; same start-up)", f"{helped.wall:.3f} s", "—", True),
        (
            "example brief (README command, PDF + DOCX)",
            f"{example.wall:.2f} s",
            f"< {MAX_EXAMPLE:g} s",
            example.wall < MAX_EXAMPLE,
        ),
        (
            f"{written:,}-sentence input: sumy LexRank alone ÷ briefer end to end",
            f"{ratio:.0f}×",
            f"≥ {MIN_RATIO:g}×",
            ratio >= MIN_RATIO,
        ),
    ]
    out("| figure | measured | target | verdict |")
    out("|---|---:|---:|---|")
    for name, value, target, ok in checks:
        out(f"| {name} | {value} | {target} | {verdict(ok)} |")
    out()
    if args.ranker_sizes:
        out("## Rankers alone (benchmarks/rankers.py, same run)")
        out()
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            rankers.main(
                [
                    "--eval-dir",
                    str(args.eval_dir),
                    "--sizes",
                    args.ranker_sizes,
                    "--methods",
                    args.ranker_methods,
                ]
            )
        for line in buffer.getvalue().splitlines():
            out(line)
        out()
    out(f"Whole benchmark: {time.perf_counter() - started:.0f} s.")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    failed = [c[0] for c in checks if not c[3]]
    for name in failed:
        print(f"FAIL: {name}", file=sys.stderr)
    print(f"wrote {args.out}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
