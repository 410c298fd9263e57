"""ROUGE evaluation of a ranking method on the JSONL evaluation format (shared/eval/README.md).

Every record is summarized the way a user's brief is made (`analyse` → `compose_brief` with a
one-section profile), side by side with LEAD-k computed in the same run. A record with a topic
becomes a one-section profile built from its topic text, words and phrases: a one-section profile
keeps every sentence, so the topic biases the ranking (`RankRequest.focus`) but never filters.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .errors import OutputError, UsageError
from .eval_records import read_records, record_articles, topic_profile
from .options import DEFAULT_SENTENCES, BriefOptions
from .scoring import (
    ROUGE_TYPES,
    RougeScorer,
    VoteTally,
    sentence_map,
    set_f1,
    vote_counts,
)
from .text import Analyzer, normalize_language

if TYPE_CHECKING:
    from .pipeline import Corpus

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # a fixed stamp: evaluation never needs the clock


@dataclass(frozen=True)
class Scores:
    """Mean ROUGE F1 (percent) over the records."""

    rouge1: float = 0.0
    rouge2: float = 0.0
    rougeLsum: float = 0.0  # noqa: N815 - the rouge-score package's name


@dataclass(frozen=True)
class RecordScore:
    """One record's summaries and scores (system and LEAD-k)."""

    id: str
    summary: tuple[str, ...]
    lead: tuple[str, ...]
    system: dict[str, float]
    baseline: dict[str, float]
    margin: float | None = None  # own-topic minus other-topic ROUGE-1 (system)
    lead_margin: float | None = None
    selected: tuple[int, ...] = ()  # ASPECTNEWS: indices into the record's `sentences`
    top3_f1: float | None = None  # ASPECTNEWS: F1 of `selected` vs reference_top3_ids
    lead_top3_f1: float | None = None


@dataclass(frozen=True)
class EvalResult:
    """Scores of `method` and of LEAD-k over one evaluation file."""

    path: str
    method: str
    records: int
    sentences: int | None
    words: int | None
    system: Scores
    lead: Scores
    margin: float | None = None  # mean own-minus-other ROUGE-1 (records with other topics)
    lead_margin: float | None = None
    margin_records: int = 0
    vote_f1: float | None = None  # ASPECTNEWS sentence-vote F1 (Ahuja et al. 2022), percent
    lead_vote_f1: float | None = None
    top3_f1: float | None = None  # mean F1 of the chosen sentences vs reference_top3_ids
    lead_top3_f1: float | None = None
    aspect_records: int = 0
    seconds: float = 0.0
    per_record: tuple[RecordScore, ...] = field(default=(), repr=False)

    @property
    def budget(self) -> str:
        """The length budget as text ("3 sentences", "260 words")."""
        return f"{self.words} words" if self.words else f"{self.sentences} sentences"

    def to_dict(self) -> dict[str, Any]:
        """Scores as plain JSON-ready data (per-record details left out)."""
        data = asdict(self)
        data.pop("per_record")
        return data

    def format_text(self) -> str:
        """A short human-readable report."""
        lines = [
            f"{self.path}: {self.records} records, {self.budget}, {self.seconds:.1f} s",
            f"{'':10} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-Lsum':>10}",
        ]
        for name, s in ((self.method, self.system), ("LEAD", self.lead)):
            lines.append(f"{name[:10]:10} {s.rouge1:8.2f} {s.rouge2:8.2f} {s.rougeLsum:10.2f}")
        lines.append(f"ROUGE-1 vs LEAD: {self.system.rouge1 - self.lead.rouge1:+.2f}")
        if self.margin is not None:
            lines.append(
                f"own-minus-other-topic ROUGE-1 margin: {self.margin:+.2f} "
                f"(LEAD {self.lead_margin:+.2f}; {self.margin_records} records)"
            )
        if self.vote_f1 is not None:
            lines.append(
                f"sentence-vote F1: {self.vote_f1:.2f} (LEAD {self.lead_vote_f1:.2f}); "
                f"F1 vs top-3: {self.top3_f1:.2f} (LEAD {self.lead_top3_f1:.2f})"
            )
        return "\n".join(lines)


# --- reading ------------------------------------------------------------------------------------


# --- summarizing one record ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Summary:
    system: tuple[tuple[str, int, str], ...]  # (source id, position, text), in brief order
    lead: tuple[tuple[str, int, str], ...]


def summarize_record(
    record: dict[str, Any],
    method: str,
    sentences: int | None,
    words: int | None,
    analyzer: Analyzer,
) -> _Summary:
    """Summarize one record as a user's brief is made, and take its LEAD-k from the same split.

    The record becomes a one-section profile (`topic_profile`) that goes through the normal
    planning and ranking (`compose_brief`): its topic biases the ranking, never filters.
    """
    from .pipeline import analyse, compose_brief

    # Pre-split sets (ASPECTNEWS) fix the sentence units their votes and references use.
    corpus = analyse(record_articles(record), analyzer, keep_boilerplate="sentences" in record)
    options = BriefOptions(method=method, sentences=sentences, words=words, created=_EPOCH)
    brief = compose_brief(corpus, topic_profile(record), options, analyzer)
    system = tuple((s.source, s.position, s.text) for sec in brief.sections for s in sec.sentences)
    return _Summary(system, _lead(corpus, sentences, words))


def _lead(
    corpus: Corpus, sentences: int | None, words: int | None
) -> tuple[tuple[str, int, str], ...]:
    """LEAD-k: first sentences (of every source in turn) within the same budget."""
    order = sorted(
        range(len(corpus.sentences)), key=lambda i: (corpus.sentences[i].sentence.position, i)
    )
    chosen: list[int] = []
    used = 0
    for i in order:
        if words is None and len(chosen) >= (sentences or DEFAULT_SENTENCES):
            break
        length = len(corpus.sentences[i].words)
        if words is not None and used + length > words:
            continue
        chosen.append(i)
        used += length
    return tuple(
        (
            corpus.sentences[i].sentence.source,
            corpus.sentences[i].sentence.position,
            corpus.sentences[i].sentence.text,
        )
        for i in sorted(chosen)
    )


def _progress_printer(enabled: bool | None, label: str, total: int) -> Callable[[int], None]:
    stream: TextIO = sys.stderr
    if enabled is None:
        enabled = stream.isatty()
    if not enabled:
        return lambda done: None
    step = max(1, total // 100)

    def report(done: int) -> None:
        if done == total or done % step == 0:
            end = "\n" if done == total else ""
            stream.write(f"\r{label}: {done}/{total} records{end}")
            stream.flush()

    return report


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def evaluate(
    path: str | Path,
    method: str | None = None,
    sentences: int | None = None,
    words: int | None = None,
    limit: int | None = None,
    *,
    language: str = "english",
    progress: bool | None = None,
    records: Sequence[dict[str, Any]] | None = None,
) -> EvalResult:
    """Score `method` and LEAD-k on the records of `path` (JSONL) with ROUGE and friends.

    `sentences` / `words` is the summary budget (default 3 sentences); `progress` prints a
    counter on stderr (None: only when stderr is a terminal). `records` skips reading `path`.
    """
    from .summarize import DEFAULT_METHOD, METHODS

    if sentences is not None and words is not None:
        raise UsageError("give sentences or words, not both")
    method = method or DEFAULT_METHOD
    METHODS.entry(method)  # unknown names fail before any work
    if sentences is None and words is None:
        sentences = DEFAULT_SENTENCES
    rows = list(records) if records is not None else read_records(path, limit)
    rows = rows[:limit] if limit is not None else rows
    analyzer = Analyzer(normalize_language(language))
    scorer = RougeScorer()
    started = time.perf_counter()
    report = _progress_printer(progress, f"{Path(path).name} [{method}]", len(rows))
    results: list[RecordScore] = []
    votes_sys, votes_lead = VoteTally(), VoteTally()
    for done, record in enumerate(rows, 1):
        results.append(
            _score_record(record, method, sentences, words, analyzer, scorer, votes_sys, votes_lead)
        )
        report(done)
    margins = [r for r in results if r.margin is not None and r.lead_margin is not None]
    aspect = [r for r in results if r.top3_f1 is not None and r.lead_top3_f1 is not None]

    def mean_scores(key: str) -> Scores:
        return Scores(
            **{name: _mean([getattr(r, key)[name] for r in results]) for name in ROUGE_TYPES}
        )

    return EvalResult(
        path=str(path),
        method=method,
        records=len(results),
        sentences=None if words else sentences,
        words=words,
        system=mean_scores("system"),
        lead=mean_scores("baseline"),
        margin=_mean([r.margin for r in margins]) if margins else None,  # type: ignore[misc]
        lead_margin=_mean([r.lead_margin for r in margins]) if margins else None,  # type: ignore[misc]
        margin_records=len(margins),
        vote_f1=votes_sys.f1 if votes_sys.gold else None,
        lead_vote_f1=votes_lead.f1 if votes_lead.gold else None,
        top3_f1=_mean([r.top3_f1 for r in aspect]) if aspect else None,  # type: ignore[misc]
        lead_top3_f1=_mean([r.lead_top3_f1 for r in aspect]) if aspect else None,  # type: ignore[misc]
        aspect_records=len(aspect),
        seconds=time.perf_counter() - started,
        per_record=tuple(results),
    )


def _score_record(
    record: dict[str, Any],
    method: str,
    sentences: int | None,
    words: int | None,
    analyzer: Analyzer,
    scorer: RougeScorer,
    votes_sys: VoteTally,
    votes_lead: VoteTally,
) -> RecordScore:
    summary = summarize_record(record, method, sentences, words, analyzer)
    system = [t for _, _, t in summary.system]
    lead = [t for _, _, t in summary.lead]
    references: list[str | Sequence[str]] = list(record.get("references") or ())
    selected: tuple[int, ...] = ()
    top3 = lead_top3 = None
    if record.get("sentences") and record.get("reference_top3_ids") is not None:
        given = record["sentences"]
        gold = [i for i in record["reference_top3_ids"] if 0 <= i < len(given)]
        # ASPECTNEWS is scored against the annotators' three most-voted sentences.
        references = [[given[i] for i in gold]]
        mapping = sentence_map(record, analyzer.language)
        selected = tuple(
            dict.fromkeys(mapping[p] for _, p, _ in summary.system if p < len(mapping))
        )
        lead_ids = tuple(dict.fromkeys(mapping[p] for _, p, _ in summary.lead if p < len(mapping)))
        top3, lead_top3 = set_f1(set(selected), set(gold)), set_f1(set(lead_ids), set(gold))
        annotators = len(record.get("annotations") or ())
        if annotators:
            votes = vote_counts(record)
            votes_sys.add(selected, votes, annotators)
            votes_lead.add(lead_ids, votes, annotators)
    elif record.get("reference_top3"):
        references = [record["reference_top3"]]
    sys_scores = scorer.score(system, references)
    lead_scores = scorer.score(lead, references)
    margin = lead_margin = None
    others = record.get("other_topic_references")
    if others:
        margin = sys_scores["rouge1"] - scorer.score(system, others)["rouge1"]
        lead_margin = lead_scores["rouge1"] - scorer.score(lead, others)["rouge1"]
    return RecordScore(
        id=str(record["id"]),
        summary=tuple(system),
        lead=tuple(lead),
        system=sys_scores,
        baseline=lead_scores,
        margin=margin,
        lead_margin=lead_margin,
        selected=selected,
        top3_f1=top3,
        lead_top3_f1=lead_top3,
    )


def write_summaries(result: EvalResult, path: str | Path) -> None:
    """Write one JSON line per record: {"id", "summary"} (sentences joined by newlines)."""
    from .render import write_atomic

    text = "".join(
        json.dumps({"id": r.id, "summary": "\n".join(r.summary)}, ensure_ascii=False) + "\n"
        for r in result.per_record
    )
    try:
        write_atomic(Path(path), text.encode("utf-8"))
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
