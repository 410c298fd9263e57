"""`briefer history`: each run's outcome as its exit code tells it, naming failed sources."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from cli_helpers import run

from briefer.config import load_config
from briefer.errors import ExitCode
from briefer.jobs import run_job
from briefer.state import State, format_run, history

NOW = datetime(2026, 11, 26, 6, 0).astimezone()
ARTICLE = (
    "Grain exports rise\n\nUkraine shipped a record amount of grain through its Black Sea ports "
    "in November. The ports of Odesa and Pivdennyi handled most of the cargo. Traders said "
    "insurance costs for ships fell for the third month."
)
# The runs table as briefer 0.1 created it (no exit_code, no failed).
OLD_SCHEMA = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL, ended TEXT,
    outcome TEXT NOT NULL DEFAULT 'running', detail TEXT NOT NULL DEFAULT '',
    files TEXT NOT NULL DEFAULT '[]', articles INTEGER NOT NULL DEFAULT 0,
    message_id TEXT, accepted TEXT
);
INSERT INTO runs (started, ended, outcome, files, articles)
VALUES ('2026-11-25T06:00:00+00:00', '2026-11-25T06:00:04+00:00', 'written', '["a.pdf"]', 2);
"""


def _job(folder: Path) -> Path:
    (folder / "articles").mkdir()
    (folder / "articles" / "grain.txt").write_text(ARTICLE, encoding="utf-8")
    path = folder / "job.toml"
    path.write_text(
        '[brief]\nsources = ["articles/", "missing.txt"]\noutput_dir = "out"\n'
        'formats = ["json"]\nonly_new = false\n',
        encoding="utf-8",
    )
    return path


def test_a_run_with_a_failed_source_is_partial_and_names_it(tmp_path: Path, capsys) -> None:
    config = load_config(_job(tmp_path))
    result = run_job(config, now=NOW)
    assert result.exit_code == ExitCode.PARTIAL
    [record] = history(config.state_path)
    assert record.outcome == "written" and record.exit_code == 3
    assert record.failed == (f"{tmp_path / 'missing.txt'}: no such file or folder",)
    line = format_run(record)
    assert "  partial " in line and "written" not in line.split("articles")[0]
    assert line.endswith(
        "default-0600.json (exit 3: written; "
        f"1 source(s) failed: {tmp_path / 'missing.txt'}: no such file or folder)"
    )
    capsys.readouterr()  # the run's own log lines
    code, out, err = run(capsys, "history", "--config", str(tmp_path / "job.toml"))
    assert code == 0 and out == line + "\n"


def test_a_clean_run_shows_its_outcome_alone(tmp_path: Path) -> None:
    path = _job(tmp_path)
    path.write_text(path.read_text().replace(', "missing.txt"', ""), encoding="utf-8")
    config = load_config(path)
    assert run_job(config, now=NOW).exit_code == ExitCode.OK
    [record] = history(config.state_path)
    assert (record.exit_code, record.failed) == (0, ())
    assert format_run(record).endswith("  written          1 articles  default-0600.json")


def test_a_database_from_briefer_0_1_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMA)
    with State(path) as state:
        [old] = state.runs()
        run_id = state.start_run(NOW)
        state.finish_run(run_id, "written", files=["b.pdf"], exit_code=3, failed=["x: gone"])
    assert (old.outcome, old.exit_code, old.failed, old.files) == ("written", None, (), ("a.pdf",))
    assert format_run(old).endswith("  written          2 articles  a.pdf")
    new, again = history(path)[0], history(path)[1]
    assert (new.exit_code, new.failed) == (3, ("x: gone",)) and again == old
