"""PDF fonts: the bundled DejaVu family plus fallback faces, chosen per character.

DejaVu Sans covers Latin, Greek, Cyrillic and many symbols. Characters it lacks (CJK, kana, Hangul,
Devanagari, emoji) are drawn in a bundled fallback face, switched per run of characters inside
reportlab's paragraph markup. A character no bundled font has is collected and named in one
warning per PDF: it stays in every other format, and the PDF never drops it silently.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from xml.sax.saxutils import escape

log = logging.getLogger("briefer")

FONT = "DejaVuSans"
FONT_FILES = {  # registered name → file shipped in briefer/fonts
    FONT: "DejaVuSans.ttf",
    f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
    f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
    f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}
# Tried in order for a character DejaVu lacks; each is parsed only when first needed.
FALLBACK_FILES = {
    "BrieferCJK": "WenQuanYiMicroHei.ttf",  # Han, kana, Hangul, CJK punctuation
    "BrieferDevanagari": "NotoSansDevanagari-Regular.ttf",
    "BrieferSymbols": "SymbolaEmoji.ttf",  # emoji, pictographs, dingbats (monochrome)
}
# Fonts whose text is shaped (uharfbuzz, when installed): Devanagari needs conjuncts and vowel
# signs in place. DejaVu text (Latin, Cyrillic, Greek) is left unshaped: shaping it doubles the
# time a PDF takes and changes nothing one can see.
SHAPED = {"BrieferDevanagari"}
# Zero-width and joiner characters: invisible by design, never worth a warning.
_INVISIBLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFE0E, 0xFE0F, 0xFEFF}

_coverage: dict[str, frozenset[int]] = {}
_missing: set[str] = set()


def _register(name: str, filename: str) -> frozenset[int]:
    from importlib.resources import as_file, files

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if name not in _coverage:
        with as_file(files("briefer") / "fonts" / filename) as path:
            font = TTFont(name, str(path), shapable=name in SHAPED)
        pdfmetrics.registerFont(font)
        _coverage[name] = frozenset(font.face.charToGlyph)
    return _coverage[name]


_ASTRAL = re.compile(r"^<([0-9A-F]{2})> <([0-9A-F]{5,6})>$", re.MULTILINE)


def _utf16_cmap(original: Any) -> Any:
    """reportlab writes a code point past U+FFFF as 5 hex digits in the ToUnicode map, which
    readers take as 4 (😀 came back as "ὠ"); write it as the UTF-16 surrogate pair instead."""

    def make(fontname: str, subset: Any) -> str:
        def pair(m: re.Match[str]) -> str:
            code = int(m.group(2), 16) - 0x10000
            return f"<{m.group(1)}> <{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}>"

        return _ASTRAL.sub(pair, original(fontname, subset))

    make.patched = True  # type: ignore[attr-defined]
    return make


def register_fonts() -> None:
    """Register the bundled DejaVu faces once, as one family so <b> and <i> work."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics, ttfonts

    if not getattr(ttfonts.makeToUnicodeCMap, "patched", False):
        ttfonts.makeToUnicodeCMap = _utf16_cmap(ttfonts.makeToUnicodeCMap)
    if FONT in _coverage:
        return
    for name, filename in FONT_FILES.items():
        _register(name, filename)
    pdfmetrics.registerFontFamily(
        FONT,
        normal=FONT,
        bold=f"{FONT}-Bold",
        italic=f"{FONT}-Oblique",
        boldItalic=f"{FONT}-BoldOblique",
    )
    # The canvas' initial font would otherwise be Helvetica: a non-embedded font in every PDF.
    rl_config.canvas_basefontname = FONT


def font_for(char: str) -> str | None:
    """The font that draws `char`: FONT, a fallback's name, or None when no bundled font has it."""
    code = ord(char)
    if code in _coverage[FONT] or char.isspace() or code in _INVISIBLE:
        return FONT
    for name, filename in FALLBACK_FILES.items():
        if code in _register(name, filename):
            return name
    return None


def runs(text: str) -> list[tuple[str | None, str]]:
    """Split text into (font, characters) runs; font None marks characters nothing can draw."""
    if text.isascii():
        return [(FONT, text)] if text else []
    out: list[tuple[str | None, str]] = []
    for char in text:
        font = font_for(char)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return out


def markup(text: str) -> str:
    """Text escaped for reportlab's Paragraph markup, with fallback fonts switched in per run."""
    if text.isascii():
        return escape(text)
    parts = []
    for font, chunk in runs(text):
        if font == FONT:
            parts.append(escape(chunk))
        elif font is None:
            _missing.update(chunk)
            parts.append(escape(chunk))  # kept (copy/paste and search still find it)
        else:
            parts.append(f'<font name="{font}">{escape(chunk)}</font>')
    return "".join(parts)


def label_font(text: str) -> str:
    """One font for a whole chart label or header line: FONT, or the fallback it needs most."""
    if text.isascii():
        return FONT
    counts: dict[str, int] = {}
    for font, chunk in runs(text):
        if font is None:
            _missing.update(chunk)
        elif font != FONT:
            counts[font] = counts.get(font, 0) + len(chunk)
    return max(counts, key=lambda f: counts[f]) if counts else FONT


def start_document() -> None:
    """Forget the characters missing from the previous PDF."""
    _missing.clear()


def report_missing() -> list[str]:
    """Warn once (stderr log) about characters this PDF cannot show; return them, sorted."""
    chars = sorted(_missing)
    if chars:
        shown = " ".join(f"U+{ord(c):04X}" for c in chars[:20])
        more = f" and {len(chars) - 20} more" if len(chars) > 20 else ""
        log.warning(
            "the PDF cannot show %d character%s (no bundled font has them: %s%s); "
            "the other formats keep them",
            len(chars),
            "" if len(chars) == 1 else "s",
            shown,
            more,
        )
    return chars


def fit(text: str, size: float, room: float, font: str | None = None) -> str:
    """Shorten text with "…" until it fits `room` points (for one-line labels)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = font or label_font(text)
    if stringWidth(text, font, size) <= room:
        return text
    # Halve first: a 1,000-word label must not cost a width measurement per character.
    while len(text) > 8 and stringWidth(text[: len(text) // 2], font, size) > room:
        text = text[: len(text) // 2]
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"
