"""`briefer schedule --weekdays`: cron's day-of-week syntax (names, ranges, lists, steps)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run

from briefer.errors import UsageError
from briefer.schedule import parse_weekdays

JOB = '[brief]\nsources = ["articles/"]\noutput_dir = "out"\nformats = ["json"]\n'


@pytest.mark.parametrize(
    ("field", "cron"),
    [
        ("*", "*"),
        ("1-5", "1-5"),
        ("mon-fri", "1-5"),
        ("MON-Fri", "1-5"),
        ("sat,sun", "6,0"),
        ("mon,wed-fri", "1,3-5"),
        ("1,3,sat", "1,3,6"),
        ("fri-sun", "5-7"),
        ("0,7", "0,7"),
        ("*/2", "*/2"),
        ("mon-fri/2", "1-5/2"),
        (" tue ", "2"),
    ],
)
def test_cron_day_fields_are_accepted_as_numbers(field: str, cron: str) -> None:
    assert parse_weekdays(field) == cron


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("", "expected cron days like 1-5, mon-fri or sat,sun, not ''"),
        ("8", "not '8'"),
        ("1-9", "not '1-9'"),
        ("monday", "not 'monday'"),
        ("mon,,fri", "not 'mon,,fri'"),
        ("mon--fri", "not 'mon--fri'"),
        ("mon-frx", "'frx' in 'mon-frx' is not a day (0-7 or sun..sat)"),
        ("fri-mon", "range 'fri-mon' runs backwards; write it as a list, e.g. 5-7,1"),
        ("*/0", "a step must be at least 1, not '*/0'"),
    ],
)
def test_bad_day_fields_are_refused_with_the_reason(field: str, message: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_weekdays(field)
    assert str(info.value).startswith("--weekdays: ") and message in str(info.value)


def test_schedule_prints_mon_fri_as_cron_days(tmp_path: Path, capsys) -> None:
    config = tmp_path / "job.toml"
    config.write_text(JOB, encoding="utf-8")
    code, out, err = run(capsys, "schedule", "--config", str(config), "--weekdays", "mon-fri")
    assert (code, err) == (0, "")
    assert out.split()[:5] == ["0", "6", "*", "*", "1-5"]
    code, out, err = run(capsys, "schedule", "--config", str(config), "--weekdays", "fri-mon")
    assert code == 2 and out == ""
    assert err.strip().endswith("range 'fri-mon' runs backwards; write it as a list, e.g. 5-7,1")
