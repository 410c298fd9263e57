"""Run briefer's console entry point in-process, as the CLI tests do."""

from __future__ import annotations

import pytest

from briefer.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`briefer ARGS...` in-process: (exit code, stdout, stderr); never a traceback on stderr."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return int(exit_info.value.code or 0), out, err
