"""One path from request to files: `briefer brief` and `briefer run` share run_brief()."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from cli_helpers import run

from briefer.config import load_config
from briefer.errors import ExitCode, NoInputError, UsageError
from briefer.jobs import run_job
from briefer.models import Brief
from briefer.options import BriefOptions
from briefer.run import BriefRequest, run_brief

EXAMPLE = Path(__file__).parents[1] / "examples" / "dnipro-oreshnik-strike.txt"
NOW = datetime(2026, 11, 26, 6, 0).astimezone()


def _job(folder: Path, extra: str = "") -> Path:
    config = folder / "job.toml"
    config.write_text(
        f"""[brief]
sources = ["{EXAMPLE}", "missing.txt"]
profile = "ukraine-air-defense"
formats = ["json"]
output_dir = "out"
{extra}
""",
        encoding="utf-8",
    )
    return config


def test_a_job_lists_its_missing_source_in_the_json_as_brief_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "brief",
        str(EXAMPLE),
        str(tmp_path / "missing.txt"),
        "--profile",
        "ukraine-air-defense",
        "--format",
        "json",
        "--output-dir",
        str(tmp_path / "cli"),
    )
    assert code == ExitCode.PARTIAL
    cli = json.loads(Path(out.strip()).read_text(encoding="utf-8"))
    result = run_job(load_config(_job(tmp_path)), now=NOW)
    assert result.exit_code == ExitCode.PARTIAL
    (path,) = result.files
    job_failures = json.loads(path.read_text(encoding="utf-8"))["failures"]
    assert [f["location"] for f in job_failures] == [str(tmp_path / "missing.txt")]
    assert cli["failures"] == job_failures


def test_run_brief_returns_the_brief_the_paths_and_the_exit_code(tmp_path: Path) -> None:
    options = BriefOptions(sentences=2, formats=("md", "json"))
    done = run_brief(
        BriefRequest([EXAMPLE, tmp_path / "nope.txt"], "ukraine-air-defense", options, tmp_path)
    )
    assert [p.name for p in done.paths] == ["ukraine-air-defense.md", "ukraine-air-defense.json"]
    assert [f.reason for f in done.failures] == ["no such file or folder"]
    assert done.exit_code == ExitCode.PARTIAL
    assert all(len(s.sentences) <= 2 for s in done.brief.sections)


@pytest.mark.parametrize("enabled", [True, False])
def test_run_brief_pauses_the_collector_and_restores_the_callers_state(
    tmp_path: Path, enabled: bool
) -> None:
    import gc

    seen: list[bool] = []

    def revise(brief: Brief) -> Brief:
        seen.append(gc.isenabled())
        return brief

    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(NoInputError):  # the collector comes back on the error path too
            run_brief(BriefRequest([tmp_path / "nope.txt"], None, BriefOptions(), tmp_path))
        assert gc.isenabled() is enabled
        options = BriefOptions(sentences=2, formats=("json",))
        run_brief(BriefRequest([EXAMPLE], None, options, tmp_path), revise=revise)
        assert seen == [False]
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_options_refuse_both_budgets_and_unknown_names() -> None:
    with pytest.raises(UsageError, match="not both"):
        BriefOptions(sentences=2, words=50)
    with pytest.raises(UsageError, match="unknown method 'nope'"):
        BriefOptions(method="nope").checked()
    assert BriefOptions(formats=("markdown", "JSON"), page_size="letter").checked().formats == (
        "md",
        "json",
    )


def test_job_config_sets_the_fetch_cache_and_timeout(tmp_path: Path) -> None:
    config = load_config(_job(tmp_path, 'cache_dir = "cache"\nno_cache = true\ntimeout = 3.5'))
    options = config.brief.options
    assert (options.cache_dir, options.use_cache, options.timeout) == (
        tmp_path / "cache",
        False,
        3.5,
    )


def test_job_cache_follows_briefer_cache_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "shared-cache"))
    assert load_config(_job(tmp_path)).brief.options.cache_dir == tmp_path / "shared-cache"
    monkeypatch.delenv("BRIEFER_CACHE_DIR")
    config = load_config(_job(tmp_path))
    assert config.brief.options.cache_dir == tmp_path / "out" / ".cache"  # cron may lack HOME
    assert (config.brief.options.use_cache, config.brief.options.timeout) == (True, 10.0)
