"""Boilerplate in scraped text: captions, credits, share and embed widgets, player notices,
navigation, "Read more" lines, bylines, subheadings, copyright and subscription lines.

Readable rules, not a model: each rule is a small lexicon or a line shape, named for what it
catches. `is_boilerplate` judges a whole line (a paragraph as `split_paragraphs` yields it);
`strip_fragments` cuts widget text glued inside a line and keeps the news around it. Rules that
need words (subheadings, "Read more") are keyed by language; shape rules (©, e-mail addresses,
photo credits) hold in any language. A language without a lexicon only gets the shape rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .notices import is_notice

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
_CREDIT_AGENCIES = (
    r"Getty Images|Getty|AFP|AP|AP Photo|Reuters|REUTERS|EPA|PA|PA Wire|Shutterstock|Alamy"
    r"|Bloomberg|Xinhua|Anadolu|SIPA|Rex Features|REX|iStock|Corbis|NurPhoto|WireImage"
)
# A photo credit closing a caption: "… 2005. Michael Nagle/Getty Images", "REUTERS/Jo Ernst".
_CREDIT_TAIL = re.compile(
    rf"(?:(?<=[.!?\"”’)])\s+|(?<=[\s/-])|^)(?:[^\W\d_][\w.'’-]*\s+){{0,3}}"
    rf"(?:(?:{_CREDIT_AGENCIES})(?:\s+Photo)?(?:/[^\W\d_][\w .'’-]*)?"
    rf"|[^\W\d_][\w.'’-]*/(?:{_CREDIT_AGENCIES}))\)?\s*$"
)
# "Blend Images/Corbis", "Collection/Getty Images": two of these make a line a credits list.
_SLASH_CREDIT = re.compile(rf"\w\s*/\s*(?:{_CREDIT_AGENCIES})\b|\b(?:{_CREDIT_AGENCIES})\s*/\s*\w")
_TAIL_SPAN = 160  # a closing credit is looked for in a line's last characters only


_AGENCY = re.compile(_CREDIT_AGENCIES)  # a quick test before the full credit pattern


def _credit_tail(text: str) -> bool:
    """Whether a line ends in a photo credit ("… Michael Nagle/Getty Images")."""
    tail = text[-_TAIL_SPAN:]
    return _AGENCY.search(tail) is not None and _CREDIT_TAIL.search(tail) is not None


def _has_phrase(text: str, lower: str, phrases: Sequence[Phrase]) -> bool:
    for word, rule in phrases:  # a plain loop: any() over a generator costs more per rule
        if word in lower and rule.search(text):
            return True
    return False


# Captions and embeds that say what they are, as lines of any length (in the lexicon and the
# phrases below) and as sentences of a long paragraph (see _kept): agency file-photo captions
# ("FILE - In this Feb. 11, 2007, file photo, …", "In this image released by …"), Getty's
# "CITY, ST - JUNE 18: …", CNN's gallery ("Hide Caption 3 of 43 Photos: …") and an embedded
# tweet's signature ("— Name (@handle) April 1, 2017").
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November"
_MONTH_NAMES += "|December"
_CAPTION_START = re.compile(
    r"FILE\s*[-—–]\s"
    r"|In this (?:(?:undated|handout|file|aerial|courtroom|still)\s+)*"
    r"(?:(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+)?\d{4},?\s+|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+)?"
    r"(?:(?:file|handout|undated|aerial|courtroom)\s+)*"
    r"(?:photo|image|picture|photograph|frame grab|video image)s?(?![\w-])"
    rf"|[A-Z][A-Z .,'-]{{2,40}}\s*[-—–]\s*(?:{_MONTH_NAMES.upper()})\s+\d{{1,2}}\s*:"
)
_CAPTION_ANYWHERE = re.compile(
    r"\bHide Caption \d+ of \d+\b"
    rf"|\(@\w{{1,15}}\)\s+(?:{_MONTH_NAMES})\s+\d{{1,2}},\s+\d{{4}}\s*$"
)
_GLUED_CAPTION_CUES = ("FILE", "In this", "Hide Caption", "(@")
# A video player's caption paragraph (USA Today network): "CLOSE <what the clip shows> (Jan. 2)
# AP", "CLOSE Skip in Skip x Embed x Share <…> Video provided by Newsy". The whole paragraph is
# the player's; the article's own text follows it.
_PLAYER_CAPTION = re.compile(
    r"CLOSE\s+(?:Skip in Skip x Embed x Share\s+)?(?:[A-Z][a-z]|USA TODAY|[\"“])"
)


def _captioned(text: str) -> bool:
    """Whether a sentence is a caption or embed that names itself (see above)."""
    # Substring and case gates first: most sentences are decided without a regex.
    if text.startswith(("FILE", "In this")) or text[:2].isupper():
        if _CAPTION_START.match(text):
            return True
    if "Hide Caption" in text or "(@" in text:
        return _CAPTION_ANYWHERE.search(text) is not None
    return False


CAPTION_WORDS = 40  # a line ending in a photo credit is a caption up to this length
# Inside a long paragraph only a sentence up to this length can be boilerplate: a longer one is
# news with a credit glued to its front ("Credit: … Stanford University scientists have found…").
GLUED_WORDS = 20
# Shapes that hold in every language.
_SHAPES: tuple[re.Pattern[str], ...] = (
    re.compile(r"^\S+@\S+\.\w+$"),  # an e-mail address alone
    re.compile(r"^(?:https?://|www\.)\S+$"),  # a link alone
    re.compile(r"^[-_=*~•·|]{3,}$"),  # rules and separators
    re.compile(r"^[\W_]*$|^\d{1,2}\.$"),  # punctuation alone ("…", "+", "”"), a list number alone
    # A photo credit opening a line: "Bryan Bedder/Getty Images", "REUTERS/Jonathan Ernst".
    re.compile(
        rf"^[|(\s]*(?:[\w .'-]{{1,60}}/\s*(?:{_CREDIT_AGENCIES})\b|(?:{_CREDIT_AGENCIES})\s*/\s*\w)"
    ),
)
# Rules that may match anywhere in a line, each with a lower-case word it cannot match without
# (a substring test is far cheaper than a regex scan).
Phrase = tuple[str, re.Pattern[str]]
_SHAPE_PHRASES: tuple[Phrase, ...] = (  # copyright lines
    ("©", re.compile("©")),
    ("(c)", re.compile(r"\(c\)\s*\d{4}", re.I)),
    ("rights reserved", re.compile(r"\ball rights reserved\b", re.I)),
    # a caption with its credit after a bar, perhaps a related headline after it: "… on
    # Twitter. | Saul Loeb/AFP/Getty Images Trump: 'We cannot allow …'"
    (
        "|",
        re.compile(
            rf"\s\|\s*(?:[^\W\d_][\w.'’-]*\s+){{0,3}}[^\W\d_][\w.'’-]*\s*/\s*"
            rf"(?:[^\W\d_][\w.'’-]*\s*/\s*)?(?:{_CREDIT_AGENCIES})\b"
        ),
    ),
)
_PHRASES: dict[str, tuple[Phrase, ...]] = {
    "english": (
        ("toggle caption", re.compile(r"\btoggle caption\b", re.I)),
        ("read more", re.compile(r"\bRead more\s*$", re.I)),
        ("more »", re.compile(r"\bMore »\s*$", re.I)),
        ("sign up", re.compile(r"\bSign up (?:for|to|here|now)\b")),
        ("newsletter", re.compile(r"\bnewsletter\b.{0,40}\binbox\b")),
        ("by signing up", re.compile(r"\bBy signing up\b", re.I)),
        ("unsubscribe", re.compile(r"\bunsubscribe at any time\b", re.I)),
        ("hide caption", _CAPTION_ANYWHERE),  # a CNN gallery
        ("(@", _CAPTION_ANYWHERE),  # an embedded tweet's signature
    ),
}
# English line openers, all anchored at the start (a lexicon per language; add others beside it).
_LEXICON: dict[str, tuple[re.Pattern[str], ...]] = {
    "english": (
        # captions and credits
        re.compile(r"^(?:Image|Photo|Picture|Media|Video) (?:copyright|caption|credit)\b", re.I),
        re.compile(r"^(?:Photo|Photograph|Image|Picture|Source|Credit)s?\s*:", re.I),
        re.compile(r"^Enlarge (?:this )?image\b", re.I),
        # players and navigation
        re.compile(
            r"^(?:Advertisement|Continue reading|Skip to (?:main )?content|Back to top|Most read"
            r"|Most popular|Top stories|Trending|Tweet with a location|Watch|Listen|Video"
            r"|Replay|Next|Previous|Home|Menu|Close|Loading|Scroll down|Click to expand)\b"
            r"(?:\s*(?:the main story|now|:|»|›|\.{3}|…))*\s*$",
            re.I,
        ),
        re.compile(r"^(?:Watch|Listen|Video|Audio|Gallery|Slideshow|Photos)\s*:", re.I),
        re.compile(r"^From Wikipedia, the free encyclopedia$"),
        re.compile(r"^(?:JUST WATCHED|MUST WATCH|MOST READ)\b|^MORE\s+[A-Z]"),
        re.compile(r"^(?:EXCLUSIVE|BREAKING(?: NEWS)?|UPDATED?|ALSO|MORE|WATCH|RELATED)\s*:?\s*$"),
        # read more / related
        re.compile(
            r"^(?:Read more|Read|More|See also|Also read|Read next|Recommended|Further reading)"
            r"(?:\s+about)?\s*(?::|»|›|\||$)",
            re.I,
        ),
        re.compile(
            r"^Related(?: Topics| Stories| Articles| Coverage| Content| Links| News| Videos?)?"
            r"\s*(?::|»|›|\||$|['\"‘“])",
            re.I,
        ),
        re.compile(r"^\(?Read more\b", re.I),
        # subscription and promotion
        re.compile(
            r"^[-\[(\s]*(?:Sign up|Subscribe|Download (?:the|our)|Follow us|Join us on|Like us on"
            r"|Click here|To subscribe|Get (?:our|the) .{0,40}newsletter|Get the latest"
            r"|Write to .{2,60} at \S+@|Contact (?:the )?(?:author|reporter|writer)|Email:|Tel:)\b",
            re.I,
        ),
        re.compile(r"^Copyright\s+(?:\d{4}|©|\(c\))", re.I),
        # site furniture repeated across one outlet's pages (found in the dev scrapes)
        re.compile(
            r"^(?:Scroll down for (?:the )?(?:videos?|more)\b|Story Continued Below\s*$"
            r"|Sorry,? we are not currently accepting comments\b|Learn more\s*[.»›]?\s*$"
            r"|Text Size\b\s*[-+]?\s*$|Transcript\s*$|(?:Please try again later|Please re-enter"
            r"|reset)\.?\s*$|You must select a newsletter\b|View all .{1,40} newsletters\.?$"
            r"|Thank you for subscribing\b|THIS IS A RUSH TRANSCRIPT\b"
            r"|THIS COPY MAY NOT BE IN ITS FINAL FORM\b)",
            re.I,
        ),
        # an embedded tweet's location notice
        re.compile(
            r"^(?:You can add location information to your Tweets\b"
            r"|You always have the option to delete your Tweet location history\b"
            r"|When you tweet with a location, Twitter stores that location\b"
            r"|Add a location to your Tweets\b)"
        ),
        re.compile("^(?:" + _CAPTION_START.pattern + ")"),  # file-photo and Getty captions
        # datelines alone: "LONDON (Reuters) -", "WASHINGTON —"
        re.compile(r"^[A-Z][A-Z .,'-]{2,40}(?:\([\w .]+\))?\s*[-—–]+\s*$"),
        re.compile(r"^\(?(?:Reuters|AP|AFP|Associated Press|BBC News|CNN|Bloomberg|UPI)\)?$"),
        re.compile(
            r"^(?:Published|Updated|Posted|Last updated)(?:\s+(?:on|at))?\s*:?\s*"
            r"(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
            r"[a-z]*\b)"
        ),
    ),
}


def _union(patterns: Sequence[re.Pattern[str]]) -> re.Pattern[str]:
    """One regex for a list of anchored rules (one match per line instead of one per rule)."""
    parts = [f"(?i:{p.pattern})" if p.flags & re.I else f"(?:{p.pattern})" for p in patterns]
    return re.compile("|".join(parts))


_SHAPES_ANY = _union(_SHAPES)
_LEXICON_ANY = {language: _union(rules) for language, rules in _LEXICON.items()}
# "By John Smith, BBC News" alone on a line: "By" and capitalised words, no sentence end.
_BYLINE = re.compile(r"^By\s+(?:[A-Z][\w.'’-]*\s*(?:,|and|&)?\s*){1,8}(?:[,|]\s*.{0,60})?$")
_TERMINAL = re.compile(r"[.!?…\"'”’:;)\]]\s*$")
# Finite-verb cues for the subheading rule (English). A heading keeps no verb: "The rules for
# flying domestic drones". A word ending in -ed after the first is taken as a verb ("Police
# charged with…"), so headline-like lines with a verb stay; when in doubt the line is kept.
_VERBS: dict[str, frozenset[str]] = {
    "english": frozenset(
        "is are was were be been being am has have had do does did will would shall should can "
        "could may might must says said say tells told asks asked calls called warns warned "
        "claims claimed dies died wins won gets got makes made takes took sees saw goes went "
        "comes came finds found shows showed wants wanted needs needed plans planned vows urges "
        "faces faced kills killed hits launches launched reports reported adds added isn't aren't "
        "wasn't weren't don't doesn't didn't won't can't couldn't it's he's she's they're there's "
        "we're i'm".split()
    ),
}
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
    if _SHAPES_ANY.match(text) or _has_phrase(text, lower, _SHAPE_PHRASES):
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
    if _has_phrase(text, lower, _PHRASES.get(language, ())):
        return True
    if language == "english" and is_notice(text):
        return True  # a web archive's, error page's or sign-in form's notice (briefer.notices)
    if language == "english" and count <= 14 and _BYLINE.match(text):
        return not _TERMINAL.search(text) or text.endswith(")")
    return False


def is_subheading(line: str, language: str = "english") -> bool:
    """A short line with no verb and no final punctuation ("The rules for flying drones")."""
    verbs = _VERBS.get(language)
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
    if language == "english" and (
        text.endswith("(Associated Press)")  # the AP feed's photo caption, often cut short
        or (text.startswith("CLOSE") and _PLAYER_CAPTION.match(text))
    ):
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
        if 2 * sum(notices) >= len(sentences):
            return ""  # the paragraph is an archive's or error page's notice, not news in it
        sentences = [s for s, notice in zip(sentences, notices, strict=True) if not notice]
    # Long sentences are checked for a caption only in a paragraph that holds a caption's cue.
    cued = language == "english" and any(cue in text for cue in _GLUED_CAPTION_CUES)
    kept = [s for s in sentences if _kept(s, language, cued)]
    return text if len(kept) == split else " ".join(kept)


def _kept(sentence: str, language: str, captions: bool = True) -> bool:
    """Whether a sentence of a long paragraph stays: it is news, or it is glued news."""
    count = _count(sentence)
    if count > GLUED_WORDS and _slash_credits(sentence) < 2:
        # a long sentence with boilerplate glued on, not a run of credits nor a caption
        return not (captions and language == "english" and _captioned(sentence))
    return not _judge(sentence.strip(), language, count)


def filter_paragraphs(paragraphs: Sequence[str], language: str = "english") -> list[str]:
    """Paragraphs with boilerplate lines dropped and glued widget text cut out.

    A subheading is dropped only when body text follows it (a line ending a sentence), so a
    text made of one short line, or a list of short items, is kept whole.
    """
    cleaned = [_clean(p, language) for p in paragraphs]
    kept = [p for p in cleaned if p]
    out: list[str] = []
    for i, paragraph in enumerate(kept):
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        body_follows = nxt is not None and bool(_TERMINAL.search(nxt))
        if body_follows and is_subheading(paragraph, language):
            continue
        out.append(paragraph)
    return out
