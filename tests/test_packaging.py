"""The built wheel carries its templates, profiles and fonts and works outside the checkout."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            str(ROOT),
            "-w",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"wheel build failed: {done.stderr[-2000:]}")
    return next(out.glob("briefer-*.whl"))


def test_wheel_holds_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (ROOT / "templates").iterdir():
        assert f"briefer/templates/{template.name}" in names
    assert "briefer/profiles/ukraine-air-defense.toml" in names
    assert "briefer/fonts/DejaVuSans.ttf" in names
    for fallback in ("WenQuanYiMicroHei.ttf", "NotoSansDevanagari-Regular.ttf", "SymbolaEmoji.ttf"):
        assert f"briefer/fonts/{fallback}" in names  # CJK, Hangul, Devanagari, emoji in the PDF
    assert "briefer/fonts/LICENSE-fallback.txt" in names


def test_installed_wheel_briefs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)  # a wheel is a zip of the installed files
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    example = ROOT / "examples" / "dnipro-oreshnik-strike.txt"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import briefer, sys; print(briefer.__file__);"
            "from briefer.cli import main; sys.argv[0] = 'briefer'; main()",
            "brief",
            str(example),
            "--profile",
            "ukraine-air-defense",
            "--format",
            "pdf,docx,html,md",
            "--output-dir",
            str(work / "out"),
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(str(target))  # the installed copy, not the checkout
    assert [Path(p).suffix for p in lines[1:]] == [".pdf", ".docx", ".html", ".md"]
    assert re.search(r"The strike", (work / "out" / "ukraine-air-defense.md").read_text("utf-8"))
