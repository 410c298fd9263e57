"""The benchmarks' own machinery: the LODO replica scores what `evaluate()` scores; the quality
table keeps the LODO section when it is regenerated."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from shared_data import EVAL_DIR, ROOT, missing

sys.path.insert(0, str(ROOT / "benchmarks"))
import lodo  # noqa: E402
import quality  # noqa: E402


@pytest.fixture(scope="module")
def data() -> Path:
    if not all((EVAL_DIR / p.file).exists() for p in lodo.PARTS):
        missing(f"the dev sets are not in {EVAL_DIR}")
    return EVAL_DIR


@pytest.mark.parametrize("part", lodo.PARTS, ids=[p.name for p in lodo.PARTS])
def test_lodo_replica_scores_what_evaluate_scores(data: Path, part: lodo.Part) -> None:
    records = lodo.part_records(part, data, 6)
    assert len(records) == 6
    if part.aspect:
        assert all(r["topic"] == f"earthquake: {part.aspect}" for r in records)
    cases, _ = lodo.capture(replace(part, file=str(data / part.file)), records)
    shipped = lodo.grid(0)[0]
    other = replace(shipped, position=2.4, topic=4.0, evidence=0.5, mmr=0.6)
    for setting in (shipped, other):
        replica = lodo.score_part(cases, setting)
        real = lodo.evaluate_with(setting, part, data / part.file, records)
        assert replica.r1 == pytest.approx(real.system.rouge1, abs=1e-9)
        assert replica.lead == pytest.approx(real.lead.rouge1, abs=1e-9)
        if real.margin is None:
            assert replica.margin is None
        else:
            assert replica.margin == pytest.approx(real.margin, abs=1e-9)


def test_evidence_scales_the_topic_weight_only_when_the_topic_is_barely_there() -> None:
    from briefer.models import Sentence
    from briefer.summarize import RankRequest

    request = RankRequest(
        sentences=[Sentence("a", 0, "Snow fell."), Sentence("a", 1, "Roads shut.")],
        terms=[("snow", "fell"), ("road", "shut")],
        words=[("Snow", "fell"), ("Roads", "shut")],
        focus=("snow", "cold", "ice", "road"),
    )
    setting = replace(lodo.grid(0)[0], topic=6.0, evidence=0.8)
    assert lodo.topic_evidence(request) == 0.5
    assert lodo.effective(setting, request).topic == pytest.approx(6.0 * 0.5 / 0.8)
    assert lodo.effective(replace(setting, evidence=0.5), request).topic == 6.0
    assert lodo.effective(replace(setting, evidence=0.0), request).topic == 6.0


def test_quality_table_keeps_the_lodo_section(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "quality.md"
    out.write_text(f"old tables\n\n{lodo.SECTION}\n\nfold rows\n", encoding="utf-8")
    args = ["--data-dir", str(data), "--out", str(out), "--methods", "lead", "--limit", "2"]
    assert quality.main(args) == 0
    text = out.read_text(encoding="utf-8")
    assert "old tables" not in text and "### NEWTS" in text
    assert text.endswith(f"\n{lodo.SECTION}\n\nfold rows\n")
    lodo.write_section(out, f"{lodo.SECTION}\n\nnew rows\n")
    again = out.read_text(encoding="utf-8")
    assert again.startswith(text.split(lodo.SECTION)[0].rstrip("\n"))
    assert again.endswith(f"\n\n{lodo.SECTION}\n\nnew rows\n") and "fold rows" not in again


def test_lodo_leaves_the_method_list_as_it_was(data: Path) -> None:
    from briefer.summarize import METHODS

    before = METHODS.names()
    part = lodo.PARTS[3]
    records = lodo.part_records(part, data, 2)
    lodo.capture(replace(part, file=str(data / part.file)), records)
    lodo.evaluate_with(lodo.grid(0)[0], part, data / part.file, records)
    assert METHODS.names() == before
