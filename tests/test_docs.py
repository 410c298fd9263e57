"""Documentation meta-tests: every command has help; every registered name is in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from briefer.cli import app
from briefer.ingest import READERS
from briefer.render import RENDERERS
from briefer.summarize import METHODS

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: object, prefix: str = "") -> list[tuple[str, object]]:
    found = []
    for name, command in getattr(group, "commands", {}).items():
        found.append((prefix + name, command))
        found.extend(_commands(command, prefix + name + " "))
    return found


def test_every_command_has_help_and_is_in_the_readme() -> None:
    commands = _commands(typer.main.get_command(app))
    assert {
        "brief",
        "profiles",
        "methods",
        "run",
        "history",
        "init",
        "schedule",
        "eval",
        "config check",
    } <= {name for name, _ in commands}
    for name, command in commands:
        assert getattr(command, "help", None), f"`briefer {name}` has no help"
        assert f"briefer {name}" in README, f"`briefer {name}` is not in the README"


@pytest.mark.parametrize(
    "registry", [METHODS, RENDERERS, READERS], ids=["methods", "formats", "readers"]
)
def test_every_registered_name_is_in_the_readme(registry: object) -> None:
    for name in registry.names():  # type: ignore[attr-defined]
        assert re.search(rf"`{re.escape(name)}`|\b{re.escape(name)}\b", README, re.IGNORECASE), name


def test_readme_starts_with_the_two_commands_ci_runs() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    commands = [line for line in blocks[0].splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    assert "briefer brief examples/dnipro-oreshnik-strike.txt" in commands[0]
    ci = (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci
