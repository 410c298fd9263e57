"""A tiny progress bar on stderr for long work; silent when not on a terminal (cron, pipes)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["Progress", "StageCallback", "is_terminal"]

# stage label, items done, items in total
StageCallback = Callable[[str, int, int], None]

CLEAR = "\r\x1b[K"  # back to column 0 and erase the line: the bar leaves no trace behind


def is_terminal(stream: TextIO) -> bool:
    """True when `stream` is an interactive terminal."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed or fake streams
        return False


class Progress:
    """Draws `label [#####.....] done/total` on one line, redrawn in place.

    Enabled only when the stream is a terminal and `quiet` is false; otherwise every call is a
    no-op, so callers need no checks of their own. Redraws are throttled to `interval` seconds
    (the final count of a stage is always drawn); `close()` or a new stage erases the line, so
    later output starts on a clean line. Use it as a context manager to erase on errors too.
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        quiet: bool = False,
        width: int = 24,
        interval: float = 0.1,
        enabled: bool | None = None,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = (not quiet and is_terminal(self.stream)) if enabled is None else enabled
        self.width = max(4, width)
        self.interval = interval
        self._label = ""
        self._drawn = False
        self._last = 0.0

    def update(self, label: str, done: int, total: int) -> None:
        """Report `done` of `total` items of stage `label` (a StageCallback)."""
        if not self.enabled:
            return
        now = time.monotonic()
        finished = total > 0 and done >= total
        if label == self._label and not finished and now - self._last < self.interval:
            return
        self._label, self._last = label, now
        self._write(CLEAR + self._line(label, done, total))
        self._drawn = True

    def stage(self, label: str) -> Callable[[int, int], None]:
        """A `(done, total)` callback for one stage (what `read_sources(progress=)` takes)."""
        return lambda done, total: self.update(label, done, total)

    def close(self) -> None:
        """Erase the bar, if one is drawn."""
        if self._drawn:
            self._write(CLEAR)
            self._drawn = False
        self._label = ""

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _line(self, label: str, done: int, total: int) -> str:
        if total <= 0:  # a step without a count: its name only
            return f"{label}…" if done <= 0 else f"{label} {done}"
        done = min(max(done, 0), total)
        filled = self.width * done // total
        bar = "#" * filled + "." * (self.width - filled)
        return f"{label:<10} [{bar}] {done}/{total}"

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # terminal gone (hang-up, closed): stop drawing
            self.enabled = False
