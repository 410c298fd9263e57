"""Instant start-up: `briefer --version` / `--help` import none of the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = (
    "reportlab",
    "docx",
    "sumy",
    "nltk",
    "numpy",
    "scipy",
    "trafilatura",
    "jinja2",
    "feedparser",
    "pypdf",
)

# A fresh interpreter runs main(argv) and reports which heavy top-level packages got imported.
PROBE = """
import json, sys
from briefer.cli import main
try:
    main(json.loads(sys.argv[1]))
except SystemExit:
    pass
heavy = json.loads(sys.argv[2])
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules} & set(heavy))))
"""


def _imported(argv: list[str]) -> tuple[list[str], str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(argv), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    *printed, last = proc.stdout.strip().splitlines()
    return json.loads(last), "\n".join(printed)


@pytest.mark.parametrize(
    "argv", [["--version"], ["--help"], ["brief", "--help"], ["methods"], ["profiles"]]
)
def test_light_commands_import_no_heavy_library(argv: list[str]) -> None:
    heavy, printed = _imported(argv)
    assert heavy == [], f"briefer {' '.join(argv)} imported {heavy}"
    assert printed  # the command did run and print


def test_importtime_of_version_lists_no_heavy_module() -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefer", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0 and proc.stdout.startswith("briefer ")
    modules = {
        line.split("|")[-1].strip().split(".")[0]
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert modules, "no -X importtime output"
    assert not modules & set(HEAVY)


def test_importing_the_library_is_light_too() -> None:
    heavy = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, briefer, briefer.pipeline, briefer.render; "
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert heavy.returncode == 0, heavy.stderr
    assert not set(heavy.stdout.split()) & set(HEAVY)
