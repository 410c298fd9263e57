"""reportlab's Paragraph, laid out once per width; the PDF colours, parsed once.

Imported only when a PDF is rendered (it imports reportlab at once).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor, toColor
from reportlab.platypus import paragraph

from .pdf_styles import COLOURS


class Paragraph(paragraph.Paragraph):
    """A Paragraph whose line breaks are kept for a second wrap at the same width.

    A table wraps every cell to measure its rows and again to place it, and a card split
    across pages wraps its rows once more: a third of all line breaking (the PDF's largest
    cost) redid work whose result was already there, unchanged.
    """

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # split() deletes blPara when it gives up on a page: then it is laid out anew.
        if availWidth == self._wrapped_at and "blPara" in self.__dict__:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


def register_colours() -> None:
    """Let the markup parser look up our hex colours (`<font color="#52606d">`) by name.

    reportlab tries a hex string as a CSS function, a colour name and two Python expression
    parsers before HexColor: a tenth of a PDF's time. The result is the same HexColor.
    """
    names: dict[str, Any] = toColor.extraColorsNS
    for hex_code in COLOURS:
        names.setdefault(hex_code, HexColor(hex_code))
