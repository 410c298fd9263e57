"""Boilerplate in scraped text: captions, credits, share and embed widgets, player notices,
navigation, "Read more" lines, bylines, subheadings, copyright and subscription lines.

Readable rules, not a model: each rule is a small lexicon or a line shape, named for what it
catches. `is_boilerplate` judges a whole line (a paragraph as `split_paragraphs` yields it);
`strip_fragments` cuts widget text glued inside a line and keeps the news around it. Rules that
need words (subheadings, "Read more") are keyed by language; shape rules (©, e-mail addresses,
photo credits) hold in any language. A language without a lexicon only gets the shape rules.
The rules themselves are data in briefer.boilerplate_rules; failed-scrape notices are
briefer.notices.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .boilerplate_rules import (
    BAR_CREDIT,
    CAPTION_ANYWHERE,
    CAPTION_LINES,
    CAPTION_START,
    CREDIT_AGENCIES,
    GLUED_CAPTION_CUES,
    LEXICON,
    PHRASES,
    PLAYER_CAPTION,
    SHAPE_PHRASES,
    SHAPES,
    VERBS,
    Phrase,
)
from .notices import is_archive_page, is_notice

# --- fragments glued inside a line (cut out, the rest of the line is kept) -------------------

# Each pattern with a word it cannot match without, so most lines cost one substring test.
_FRAGMENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # NBC-style video embed: "Play Facebook Twitter Embed <title> 3:08 autoplay autoplay Copy
    # this code to your website or blog" (the title of the clip goes with it).
    (
        "Copy this code",
        re.compile(
            r"(?:\bPlay\s+)?(?:\b(?:Facebook|Twitter|Google\+|Email)\s+)*\bEmbed\b.{0,200}?"
            r"\bCopy this code to your website(?: or blog)?\b\.?",
            re.S,
        ),
    ),
    ("Media playback", re.compile(r"\bMedia playback is unsupported on your device\b\.?")),
    (
        "browser",
        re.compile(r"\bYour browser does not support (?:the )?(?:video|audio|HTML5)[^.]*\.?", re.I),
    ),
    # CNN video teaser: "JUST WATCHED <title> Replay More Videos ... MUST WATCH <title> 02:23"
    (
        "JUST WATCHED",
        re.compile(r"\bJUST WATCHED\b.{0,200}?\bMUST WATCH\b.{0,200}?\d{1,2}:\d{2}\b", re.S),
    ),
    ("Continue reading", re.compile(r"\bAdvertisement\s+Continue reading the main story\b")),
    ("Enlarge this image", re.compile(r"\bEnlarge this image\b\s*(?:toggle caption\b)?")),
    # a photo's shop link (USA Today network) and CNN's label over its summary bullets
    ("Buy Photo", re.compile(r"(?:^|(?<=\)))\s*Buy Photo\b")),
    ("Story ", re.compile(r"^Story [Hh]ighlights\b")),
    (
        "Share this with",
        re.compile(
            r"\bShare this with\b(?:\s+(?:Email|Facebook|Messenger|Twitter|Pinterest|WhatsApp"
            r"|LinkedIn|Reddit|Copy this link))+"
        ),
    ),
)
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.:]*")


def strip_fragments(line: str) -> str:
    """The line with glued widget text cut out (player notices, embed codes, share bars)."""
    return _strip(line)[0]


def _strip(line: str, count: int | None = None) -> tuple[str, int]:
    """strip_fragments(line) and its word count; `count` is the line's own when known.

    Every rule needs the count, so it is taken once per line (respacing keeps it).
    """
    out = line
    for trigger, pattern in _FRAGMENTS:
        if trigger in out:
            out = pattern.sub(" ", out)
    if count is None or out != line:
        count = _count(out)
    if count > CAPTION_WORDS and _credit_tail(out):
        out = out[: len(out) - _TAIL_SPAN] + _CREDIT_TAIL.sub("", out[-_TAIL_SPAN:])
        count = _count(out)
    if out == line:
        return line, count
    return _SPACES.sub(" ", out).strip(), count


# --- whole lines ------------------------------------------------------------------------------

_SHARE_WORDS = frozenset(
    "play facebook twitter pinterest email e-mail whatsapp messenger linkedin reddit tumblr "
    "share tweet embed copy link print comment comments comment(s) google+ sms flipboard "
    "this with on".split()
)
# A photo credit closing a caption: "… 2005. Michael Nagle/Getty Images", "REUTERS/Jo Ernst".
_CREDIT_TAIL = re.compile(
    rf"(?:(?<=[.!?\"”’)])\s+|(?<=[\s/-])|^)(?:[^\W\d_][\w.'’-]*\s+){{0,3}}"
    rf"(?:(?:{CREDIT_AGENCIES})(?:\s+Photo)?(?:/[^\W\d_][\w .'’-]*)?"
    rf"|[^\W\d_][\w.'’-]*/(?:{CREDIT_AGENCIES}))\)?\s*$"
)
# "Blend Images/Corbis", "Collection/Getty Images": two of these make a line a credits list.
_SLASH_CREDIT = re.compile(rf"\w\s*/\s*(?:{CREDIT_AGENCIES})\b|\b(?:{CREDIT_AGENCIES})\s*/\s*\w")
_TAIL_SPAN = 160  # a closing credit is looked for in a line's last characters only


_AGENCY = re.compile(CREDIT_AGENCIES)  # a quick test before the full credit pattern


def _credit_tail(text: str) -> bool:
    """Whether a line ends in a photo credit ("… Michael Nagle/Getty Images")."""
    tail = text[-_TAIL_SPAN:]
    return _AGENCY.search(tail) is not None and _CREDIT_TAIL.search(tail) is not None


def _has_phrase(text: str, lower: str, phrases: Sequence[Phrase]) -> bool:
    for word, rule in phrases:  # a plain loop: any() over a generator costs more per rule
        if word in lower and rule.search(text):
            return True
    return False


def _captioned(text: str) -> bool:
    """Whether a sentence is a caption or embed that names itself (CAPTION_START, …_ANYWHERE)."""
    # Substring and case gates first: most sentences are decided without a regex.
    if text.startswith(("FILE", "In this")) or text[:2].isupper():
        if CAPTION_START.match(text):
            return True
    if "Hide Caption" in text or "(@" in text:
        return CAPTION_ANYWHERE.search(text) is not None
    return False


def _player_or_feed_caption(text: str) -> bool:
    """A paragraph that is all caption whatever its length: the AP feed's photo caption (often
    cut short, "… who have... (Associated Press)") or a video player's ("CLOSE …")."""
    return text.endswith("(Associated Press)") or (
        text.startswith("CLOSE") and PLAYER_CAPTION.match(text) is not None
    )


CAPTION_WORDS = 40  # a line ending in a photo credit is a caption up to this length
# Inside a long paragraph only a sentence up to this length can be boilerplate: a longer one is
# news with a credit glued to its front ("Credit: … Stanford University scientists have found…").
GLUED_WORDS = 20


def _union(patterns: Sequence[re.Pattern[str]]) -> re.Pattern[str]:
    """One regex for a list of anchored rules (one match per line instead of one per rule)."""
    parts = [f"(?i:{p.pattern})" if p.flags & re.I else f"(?:{p.pattern})" for p in patterns]
    return re.compile("|".join(parts))


_SHAPES_ANY = _union(SHAPES)
_LEXICON_ANY = {language: _union(rules) for language, rules in LEXICON.items()}
_CAPTION_LINES_ANY = {language: _union(rules) for language, rules in CAPTION_LINES.items()}
# "By John Smith, BBC News" alone on a line: "By" and capitalised words, no sentence end.
_BYLINE = re.compile(r"^By\s+(?:[A-Z][\w.'’-]*\s*(?:,|and|&)?\s*){1,8}(?:[,|]\s*.{0,60})?$")
_TERMINAL = re.compile(r"[.!?…\"'”’:;)\]]\s*$")
HEADING_WORDS = 12  # a subheading is at most this long


def _count(text: str) -> int:
    """About how many words (cheaper than _words, enough for length limits)."""
    return len(text.split())


def _slash_credits(text: str) -> int:
    return len(_SLASH_CREDIT.findall(text)) if "/" in text else 0


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def is_boilerplate(line: str, language: str = "english") -> bool:
    """Whether a whole line is boilerplate (caption, credit, widget, navigation, copyright…)."""
    return _judge(line.strip(), language)


def _judge(line: str, language: str, count: int | None = None) -> bool:
    """is_boilerplate of a stripped line; `count` is its word count when known."""
    text, count = _strip(line, count)
    if not text:
        return True  # nothing but widget text
    lower = text.lower()
    if _SHAPES_ANY.match(text) or _has_phrase(text, lower, SHAPE_PHRASES):
        return True
    if count <= CAPTION_WORDS and _credit_tail(text):
        return True  # a caption ending in its photo credit
    if _slash_credits(text) >= 2:
        return True  # a gallery's credits run together
    words = _words(text) if count <= 12 else []
    if words and all(w.lower().rstrip("+") in _SHARE_WORDS or w.lower() == "google" for w in words):
        return True  # a share bar: "Facebook Twitter Pinterest", "Share this with Email …"
    lexicon = _LEXICON_ANY.get(language)
    if lexicon is not None and lexicon.match(text):
        return True
    if _has_phrase(text, lower, PHRASES.get(language, ())):
        return True
    if language == "english" and is_notice(text):
        return True  # a web archive's, error page's or sign-in form's notice (briefer.notices)
    if language == "english" and count <= 14 and _BYLINE.match(text):
        return not _TERMINAL.search(text) or text.endswith(")")
    return False


def is_subheading(line: str, language: str = "english") -> bool:
    """A short line with no verb and no final punctuation ("The rules for flying drones")."""
    verbs = VERBS.get(language)
    if verbs is None:
        return False  # no lexicon for the language: leave its lines alone
    text = line.strip()
    if _count(text) > HEADING_WORDS:
        return False
    words = _words(text)
    if not words or len(words) > HEADING_WORDS or _TERMINAL.search(text):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'“‘"):
        return False
    lowered = [w.lower() for w in words]
    if any(w in verbs for w in lowered):
        return False
    return not any(w.endswith("ed") and len(w) > 4 for w in lowered[1:])


def _clean(paragraph: str, language: str) -> str:
    """A paragraph without its boilerplate: whole if short, sentence by sentence if long."""
    text, count = _strip(paragraph)
    if language == "english" and _player_or_feed_caption(text):
        return ""
    if count <= CAPTION_WORDS:
        return "" if _judge(text.strip(), language, count) else text
    # A long paragraph is news with perhaps a credit or a "Read more" glued on: judge each
    # sentence, so one boilerplate sentence never takes the news with it.
    from .splitter import split_paragraph

    sentences = split_paragraph(text)
    split = len(sentences)
    notices = [is_notice(s) for s in sentences] if language == "english" else []
    if any(notices):
        if 2 * sum(notices) >= len(sentences) or notices[:2] == [True, True]:
            # the paragraph is an archive's or error page's notice, not news in it: mostly
            # notice, or opening with two notice sentences (the rest is the notice's own text,
            # "It has been several years since the last time we did this.")
            return ""
        sentences = [s for s, notice in zip(sentences, notices, strict=True) if not notice]
    # Long sentences are checked for a caption only in a paragraph that holds a caption's cue.
    cued = language == "english" and any(cue in text for cue in GLUED_CAPTION_CUES)
    kept = [s for s in sentences if _kept(s, language, cued)]
    return text if len(kept) == split else " ".join(kept)


def _kept(sentence: str, language: str, captions: bool = True) -> bool:
    """Whether a sentence of a long paragraph stays: it is news, or it is glued news."""
    count = _count(sentence)
    if count > GLUED_WORDS and _slash_credits(sentence) < 2:
        # a long sentence with boilerplate glued on, not a run of credits nor a caption
        return not (captions and language == "english" and _captioned(sentence))
    return not _judge(sentence.strip(), language, count)


CAPTION_EVIDENCE_WORDS = 8  # a left-out caption this long names enough to be evidence


def is_caption(paragraph: str, language: str = "english") -> bool:
    """Whether a paragraph is a photo or video caption (or an embedded post's signature line):
    the only left-out text that still tells which story a page is about."""
    text = paragraph.strip()
    if _count(text) < CAPTION_EVIDENCE_WORDS:
        return False
    if _credit_tail(text) or _slash_credits(text) >= 2 or BAR_CREDIT.search(text):
        return True  # a caption with its photo credit, in any language
    lines = _CAPTION_LINES_ANY.get(language)
    if lines is not None and lines.match(text):
        return True
    return language == "english" and (_player_or_feed_caption(text) or _captioned(text))


def filter_paragraphs(
    paragraphs: Sequence[str], language: str = "english", captions: list[str] | None = None
) -> list[str]:
    """Paragraphs with boilerplate lines dropped and glued widget text cut out.

    A subheading is dropped only when body text follows it (a line ending a sentence), so a
    text made of one short line, or a list of short items, is kept whole.
    """
    if language == "english" and paragraphs and is_archive_page(paragraphs[0]):
        return []  # a web archive's page about its crawl, in place of the article
    cleaned = [_clean(p, language) for p in paragraphs]
    if captions is not None:
        # Captions name the story's people and places: not news to show, but evidence of which
        # story a page tells (briefer.stories.cluster). Share bars, "Related" links to other
        # stories and notices of failed scrapes are not.
        captions.extend(
            p
            for p, kept in zip(paragraphs, cleaned, strict=True)
            if not kept and is_caption(p, language)
        )
    kept = [p for p in cleaned if p]
    out: list[str] = []
    for i, paragraph in enumerate(kept):
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        body_follows = nxt is not None and bool(_TERMINAL.search(nxt))
        if body_follows and is_subheading(paragraph, language):
            continue
        out.append(paragraph)
    return out
