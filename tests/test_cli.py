"""The command line: written paths on stdout, one-line errors on stderr, documented exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "dnipro-oreshnik-strike.txt"
CREATED = "2026-11-26T06:00:00+00:00"


def test_example_brief_in_all_five_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys,
        "brief",
        str(EXAMPLE),
        "--profile",
        "ukraine-air-defense",
        "--sentences",
        "2",
        "--format",
        "json,pdf,docx,md,html",
        "--output-dir",
        str(tmp_path),
        "--created",
        CREATED,
    )
    assert code == 0, err
    names = ["json", "pdf", "docx", "md", "html"]
    assert out.splitlines() == [str(tmp_path / f"ukraine-air-defense.{n}") for n in names]
    data = json.loads((tmp_path / "ukraine-air-defense.json").read_text(encoding="utf-8"))
    assert data["schema"] == "briefer.brief/2"
    assert data["created"] == CREATED
    assert data["profile"] == "ukraine-air-defense"
    assert [s["id"] for s in data["sections"]] == [
        "strike",
        "air-defense-appeal",
        "diplomatic-reactions",
        "us-outlook",
    ]
    assert data["sources"][0]["sentences"] == 14
    for section in data["sections"]:
        for sentence in section["sentences"]:
            assert sentence["source"] == data["sources"][0]["id"]
            assert 0 <= sentence["position"] < 14
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary files left behind


def test_name_option_and_default_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "brief", str(EXAMPLE), "--name", "today", "--output-dir", str(tmp_path)
    )
    assert code == 0
    assert out.splitlines() == [str(tmp_path / "today.pdf"), str(tmp_path / "today.docx")]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--method", "nope"], "briefer: error: unknown method 'nope' (valid: "),
        (
            ["--format", "pdf,odt"],
            "briefer: error: unknown format 'odt' (valid: pdf, docx, md, html, json)",
        ),
        (["--language", "klingon"], "briefer: error: unknown language 'klingon' (valid: english,"),
        (["--created", "yesterday"], "briefer: error: --created: not an ISO 8601 date/time"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "brief", str(EXAMPLE), "--output-dir", str(tmp_path), *args)
    assert code == 2
    assert out == ""
    assert err.startswith(message)
    assert len(err.strip().splitlines()) == 1
    assert not any(tmp_path.iterdir())


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "brief", str(EXAMPLE), "--bogus")
    assert code == 2
    assert "--bogus" in err


def test_nothing_readable_exits_1_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.txt"
    code, out, err = run(capsys, "brief", str(missing), "--output-dir", str(tmp_path / "out"))
    assert code == 1
    assert out == ""
    assert err == f"briefer: error: no readable source ({missing}: no such file or folder)\n"
    assert not (tmp_path / "out").exists()


def test_some_sources_failed_exits_3_with_the_brief(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    code, out, err = run(
        capsys,
        "brief",
        str(EXAMPLE),
        str(empty),
        "--format",
        "json",
        "--output-dir",
        str(tmp_path / "out"),
    )
    assert code == 3
    assert out.strip() == str(tmp_path / "out" / "default.json")
    assert err == f"briefer: skipped {empty}: empty file\n"


def test_bad_profile_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text('name = "p"\n[[sections]]\nid = "x"\ncolour = "red"\n', encoding="utf-8")
    code, _, err = run(
        capsys, "brief", str(EXAMPLE), "--profile", str(profile), "--output-dir", str(tmp_path)
    )
    assert code == 1
    assert "p.toml:4: [sections[0]] colour: unknown key" in err


def test_listings_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    from briefer import __version__
    from briefer.summarize import METHODS

    code, out, _ = run(capsys, "--version")
    assert (code, out) == (0, f"briefer {__version__}\n")
    code, out, _ = run(capsys, "methods")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == METHODS.names()
    code, out, _ = run(capsys, "profiles")
    assert "ukraine-air-defense" in out and "default" in out


def test_python_dash_m_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefer", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("briefer ")


def test_loudness_options_work_after_the_subcommand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "missing.txt")
    args = ["brief", str(EXAMPLE), missing, "--format", "json", "--output-dir", str(tmp_path)]
    code, out, err = run(capsys, *args, "-q")
    assert code == 3 and out.strip().endswith(".json")
    assert err == ""  # -q: the skipped source is a warning, not shown
    code, _, err = run(capsys, *args, "--verbose")
    assert code == 3 and f"briefer: skipped {missing}: no such file or folder" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["brief", "x.txt", "--bogus"], "briefer: error: No such option: --bogus"),
        (["brief"], "briefer: error: Missing argument 'SOURCES'."),
        (["nosuch"], "briefer: error: No such command 'nosuch'."),
        (["brief", "x.txt", "--sentences", "0"], "briefer: error: Invalid value for '--sentences'"),
    ],
)
def test_click_usage_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith(message) and len(err.strip().splitlines()) == 1


def test_eval_help_names_the_format_not_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "eval", "--help")
    assert code == 0 and "shared/eval" not in out and "'documents'" in out


def test_shell_completion_is_offered(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "--install-completion" in out and "--show-completion" in out
