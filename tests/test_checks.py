"""The house checks: one command runs them, CI runs that command, missing data fails under CI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from shared_data import ROOT

CHECK = ROOT / "scripts" / "check"


def _pytest(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("ci", "code", "summary"), [("true", 1, r"\d+ failed"), ("", 0, r"\d+ skipped")]
)
def test_quality_gate_fails_under_ci_when_its_data_is_missing(
    tmp_path: Path, ci: str, code: int, summary: str
) -> None:
    # Every data-dependent test reads the shared folders; point them at empty ones.
    env = {"CI": ci, "BRIEFER_SHARED_DIR": str(tmp_path), "BRIEFER_EVAL_DIR": str(tmp_path)}
    gold = "tests/test_sections.py::test_two_sentence_sections_cover_the_gold"
    done = _pytest(["tests/test_quality.py", gold], env)
    assert done.returncode == code, done.stdout + done.stderr
    assert re.search(summary, done.stdout.splitlines()[-1]), done.stdout
    if ci:
        assert "required under CI=true" in done.stdout
        assert "skipped" not in done.stdout.splitlines()[-1]
    else:
        assert "not found (the dev sets live in shared/eval)" in done.stdout


def test_check_script_runs_every_tool_and_ci_runs_it() -> None:
    text = CHECK.read_text(encoding="utf-8")
    assert os.access(CHECK, os.X_OK)
    for step in (
        'ruff" check briefer tests benchmarks',
        'ruff" format --check briefer tests benchmarks',
        'mypy" briefer',
        "-m pytest -q",
    ):
        assert step in text, step
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip().endswith("&& scripts/check")
    assert "poppler-utils qpdf libreoffice-writer-nogui" in ci


def test_check_script_fails_when_pytest_collects_nothing(tmp_path: Path) -> None:
    # A copy of the repository's script in a fake checkout whose tools all pass and whose
    # pytest collects nothing (exit 5): the check must fail, and say why.
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "check").write_text(CHECK.read_text(encoding="utf-8"))
    (tmp_path / "scripts" / "check").chmod(0o755)
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for tool in ("ruff", "mypy"):
        (bin_dir / tool).write_text("#!/bin/sh\nexit 0\n")
        (bin_dir / tool).chmod(0o755)
    (bin_dir / "python").symlink_to(sys.executable)
    (tmp_path / "tests").mkdir()
    done = subprocess.run(
        [str(tmp_path / "scripts" / "check"), "tests"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 5
    assert "no tests ran" in done.stdout
    assert done.stderr.splitlines()[-1] == "scripts/check: pytest collected no tests"


def test_pinned_dev_tools() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"ruff==\d+\.\d+\.\d+"', text) and re.search(r'"mypy==\d+\.\d+\.\d+"', text)


def test_quality_benchmark_keeps_its_table_when_the_data_is_missing(tmp_path: Path) -> None:
    table = tmp_path / "quality.md"
    table.write_text("committed table\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "quality.py"), "--data-dir", str(tmp_path)]
        + ["--out", str(table), "--methods", "lead"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith("quality.py: error: evaluation data not found: ")
    assert str(tmp_path / "newts_dev.jsonl") in line
    assert table.read_text(encoding="utf-8") == "committed table\n"
