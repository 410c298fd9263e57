"""Where the tests find the shared, read-only data (dev sets, gold files), and what happens when
it is missing: a skip with a reason on a developer's machine, a failure under CI (`CI=true`), so a
CI run without the data can never pass by skipping the quality gate."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("BRIEFER_SHARED_DIR", ROOT.parent / "shared"))
EVAL_DIR = Path(os.environ.get("BRIEFER_EVAL_DIR", SHARED / "eval"))
GOLD_DIR = SHARED / "gold"


def in_ci() -> bool:
    """True when running under CI (any non-empty CI other than 0/false, as CI services set it)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(reason: str) -> NoReturn:
    """Skip the test for want of shared data, or fail it under CI."""
    if in_ci():
        pytest.fail(f"{reason} (required under CI=true)", pytrace=False)
    pytest.skip(reason)
