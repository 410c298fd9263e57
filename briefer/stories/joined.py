"""Many one-line texts scanned as one string: joined by line breaks, offsets mapped back."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

__all__ = ["Joined"]


class Joined:
    """`texts` joined by "\\n": one regex scan instead of a call per text (no text holds "\\n")."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.text = "\n".join(texts)
        self.starts: list[int] = []
        at = 0
        for text in texts:
            self.starts.append(at)
            at += len(text) + 1

    def locate(self, offset: int) -> tuple[int, int]:
        """(index of the text holding `offset` of the joined string, offset within that text)."""
        index = bisect_right(self.starts, offset) - 1
        return index, offset - self.starts[index]

    def after(self, index: int) -> int:
        """Offset in the joined string where the text after `index` starts (past the end: none)."""
        return self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text) + 1
