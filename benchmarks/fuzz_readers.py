"""Fuzz every reader with hypothesis: random and mutated bytes under every suffix.

    python benchmarks/fuzz_readers.py [--examples 2000] [--seed 0] [--slow 5]

Seeds are real files of every kind (text, HTML, DOCX, PDF, RSS) made on the fly; hypothesis
mutates them (byte flips, truncation, splices, insertions) and also invents bytes from scratch.
Each input goes through `read_location` under each registered suffix, then through the sentence
splitter. A reader may only return articles or raise SourceError: any other exception is a
crash, and an input taking longer than --slow seconds is reported as a hang. Not part of the
test suite (it runs for minutes); exits 1 when it found a crash or a hang.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from briefer.errors import BrieferError  # noqa: E402
from briefer.ingest import Payload, known_suffixes, read_location  # noqa: E402
from briefer.text import split_sentences  # noqa: E402

EXAMPLE = ROOT / "examples" / "dnipro-oreshnik-strike.txt"


def seeds() -> dict[str, bytes]:
    """One valid file of each kind, small enough to mutate quickly."""
    text = EXAMPLE.read_text(encoding="utf-8")[:1500]
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    html = (
        "<!doctype html><html><head><title>Strike</title></head><body><nav><a href='/'>Home"
        "</a></nav><article>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article></body></html>"
    )
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        + "".join(
            f"<item><title>i{i}</title><link>file:///nowhere/{i}</link><description>"
            f"{p}</description></item>"
            for i, p in enumerate(paragraphs)
        )
        + "</channel></rss>"
    )
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    docx_bytes = io.BytesIO()
    document.save(docx_bytes)
    from briefer.models import Brief  # a PDF made by briefer itself has a real text layer
    from briefer.options import BriefOptions
    from briefer.render import render_bytes
    from briefer.run import make_brief

    brief: Brief = make_brief([EXAMPLE], None, BriefOptions(sentences=2, method="lead"))
    return {
        ".txt": text.encode(),
        ".html": html.encode(),
        ".rss": rss.encode(),
        ".docx": docx_bytes.getvalue(),
        ".pdf": render_bytes(brief, "pdf"),
        ".md": ("# Title\n\n" + text).encode("utf-16"),
    }


SEEDS = seeds()
KINDS = sorted(set(known_suffixes()) | {".bin", ""})


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A seed with a few byte-level mutations, or bytes from scratch."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=4096))
    data = bytearray(SEEDS[draw(st.sampled_from(sorted(SEEDS)))])
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "splice", "dup"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at : at + draw(st.integers(1, 4096))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "splice":
            other = SEEDS[draw(st.sampled_from(sorted(SEEDS)))]
            data[at:at] = other[: draw(st.integers(1, len(other)))]
        elif op == "dup":
            data[at:at] = data[at : at + draw(st.integers(1, 512))] * draw(st.integers(2, 50))
    return bytes(data)


class Findings:
    crashes: list[str] = []
    slow: list[str] = []
    counts: dict[str, int] = {"ok": 0, "refused": 0}


def check(data: bytes, suffix: str, slow: float) -> None:
    """Read `data` as a file named x{suffix}: articles or SourceError, nothing else."""
    payload = Payload(f"fuzz{suffix}", data)
    start = time.monotonic()
    try:
        for article in read_location(payload).articles:
            split_sentences(article.text)
        Findings.counts["ok"] += 1
    except BrieferError:
        Findings.counts["refused"] += 1
    except Exception:  # a crash: keep the input for the report
        Findings.crashes.append(
            f"{suffix} {len(data)} bytes {data[:80]!r}\n" + traceback.format_exc(limit=-5)
        )
    took = time.monotonic() - start
    if took > slow:
        Findings.slow.append(f"{suffix} {len(data)} bytes took {took:.1f} s: {data[:80]!r}")


def main() -> int:
    """Run the fuzzer; print a summary; exit 1 on any crash or hang."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--slow", type=float, default=5.0, help="seconds that count as a hang")
    args = parser.parse_args()
    import logging

    logging.disable(logging.CRITICAL)  # readers' libraries warn about every broken byte

    @settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(mutated(), st.sampled_from(KINDS))
    def fuzz(data: bytes, suffix: str) -> None:
        check(data, suffix, args.slow)

    from hypothesis import seed

    started = time.monotonic()
    seed(args.seed)(fuzz)()
    print(
        f"{args.examples} inputs in {time.monotonic() - started:.0f} s: "
        f"{Findings.counts['ok']} read, {Findings.counts['refused']} refused with a message, "
        f"{len(Findings.crashes)} crashes, {len(Findings.slow)} slow"
    )
    for line in Findings.crashes[:20] + Findings.slow[:20]:
        print("-" * 70)
        print(line)
    return 1 if Findings.crashes or Findings.slow else 0


if __name__ == "__main__":
    sys.exit(main())
