"""Central limits (input size, source count, run time) and the run deadline that enforces time."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .errors import LimitError, TimeLimitError
from .ingest.source import MAX_BYTES

__all__ = ["MAX_BYTES", "MAX_SOURCES", "Deadline", "check_source_count"]

# More locations than this in one run is almost always a wrong folder or glob (a whole disk):
# refuse before reading anything rather than grind for hours.
MAX_SOURCES = 5_000


def check_source_count(count: int, limit: int = MAX_SOURCES) -> None:
    """Raise LimitError when a run would read more than `limit` sources."""
    if count > limit:
        raise LimitError(
            f"too many sources: {count:,} files or URLs (the limit is {limit:,}); "
            "give a narrower folder or glob"
        )


@dataclass
class Deadline:
    """A total time limit for one run, checked between stages (no signals in library code)."""

    seconds: float | None  # None: no limit
    start: float = field(default_factory=lambda: time.monotonic())  # patchable in tests

    @property
    def remaining(self) -> float | None:
        """Seconds left (None without a limit; may be negative once over)."""
        return None if self.seconds is None else self.seconds - (time.monotonic() - self.start)

    @property
    def expired(self) -> bool:
        """True once the limit has passed."""
        left = self.remaining
        return left is not None and left <= 0

    def check(self, stage: str) -> None:
        """Raise TimeLimitError if the limit has passed; `stage` names what was reached."""
        if self.expired:
            raise TimeLimitError(
                f"time limit of {self.seconds:g} s reached {stage}; nothing written"
            )


def as_deadline(value: Deadline | float | None) -> Deadline:
    """A Deadline from a number of seconds, None (no limit) or an existing Deadline."""
    return value if isinstance(value, Deadline) else Deadline(value)
