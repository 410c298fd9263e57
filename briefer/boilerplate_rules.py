"""The rules briefer.boilerplate applies: agencies and caption shapes, line shapes that hold in
every language, and each language's lexicon of boilerplate lines and subheading verbs.

Data only; the engine that applies them (gates, lengths, paragraph handling) is
briefer.boilerplate. Add a language by adding its entries to PHRASES, LEXICON and VERBS.
"""

from __future__ import annotations

import re

CREDIT_AGENCIES = (
    r"Getty Images|Getty|AFP|AP|AP Photo|Reuters|REUTERS|EPA|PA|PA Wire|Shutterstock|Alamy"
    r"|Bloomberg|Xinhua|Anadolu|SIPA|Rex Features|REX|iStock|Corbis|NurPhoto|WireImage"
)

# Captions and embeds that say what they are, as lines of any length (in the lexicon and the
# phrases below) and as sentences of a long paragraph (briefer.boilerplate._kept): agency
# file-photo captions ("FILE - In this Feb. 11, 2007, file photo, …", "In this image released
# by …"), Getty's "CITY, ST - JUNE 18: …", CNN's gallery ("Hide Caption 3 of 43 Photos: …") and
# an embedded tweet's signature ("— Name (@handle) April 1, 2017").
MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November"
MONTH_NAMES += "|December"
CAPTION_START = re.compile(
    r"FILE\s*[-—–]\s"
    r"|In this (?:(?:undated|handout|file|aerial|courtroom|still)\s+)*"
    r"(?:(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+)?\d{4},?\s+|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+)?"
    r"(?:(?:file|handout|undated|aerial|courtroom)\s+)*"
    r"(?:photo|image|picture|photograph|frame grab|video image)s?(?![\w-])"
    rf"|[A-Z][A-Z .,'-]{{2,40}}\s*[-—–]\s*(?:{MONTH_NAMES.upper()})\s+\d{{1,2}}\s*:"
)
CAPTION_ANYWHERE = re.compile(
    r"\bHide Caption \d+ of \d+\b"
    rf"|\(@\w{{1,15}}\)\s+(?:{MONTH_NAMES})\s+\d{{1,2}},\s+\d{{4}}\s*$"
)

# Shapes that hold in every language.
SHAPES: tuple[re.Pattern[str], ...] = (
    re.compile(r"^\S+@\S+\.\w+$"),  # an e-mail address alone
    re.compile(r"^(?:https?://|www\.)\S+$"),  # a link alone
    re.compile(r"^[-_=*~•·|]{3,}$"),  # rules and separators
    re.compile(r"^[\W_]*$|^\d{1,2}\.$"),  # punctuation alone ("…", "+", "”"), a list number alone
    # A photo credit opening a line: "Bryan Bedder/Getty Images", "REUTERS/Jonathan Ernst".
    re.compile(
        rf"^[|(\s]*(?:[\w .'-]{{1,60}}/\s*(?:{CREDIT_AGENCIES})\b|(?:{CREDIT_AGENCIES})\s*/\s*\w)"
    ),
)
# Rules that may match anywhere in a line, each with a lower-case word it cannot match without
# (a substring test is far cheaper than a regex scan).
Phrase = tuple[str, re.Pattern[str]]
# A caption with its credit after a bar, perhaps a related headline after it: "… on Twitter. |
# Saul Loeb/AFP/Getty Images Trump: 'We cannot allow …'"
BAR_CREDIT = re.compile(
    rf"\s\|\s*(?:[^\W\d_][\w.'’-]*\s+){{0,3}}[^\W\d_][\w.'’-]*\s*/\s*"
    rf"(?:[^\W\d_][\w.'’-]*\s*/\s*)?(?:{CREDIT_AGENCIES})\b"
)
SHAPE_PHRASES: tuple[Phrase, ...] = (  # copyright lines
    ("©", re.compile("©")),
    ("(c)", re.compile(r"\(c\)\s*\d{4}", re.I)),
    ("rights reserved", re.compile(r"\ball rights reserved\b", re.I)),
    ("|", BAR_CREDIT),
)
PHRASES: dict[str, tuple[Phrase, ...]] = {
    "english": (
        ("toggle caption", re.compile(r"\btoggle caption\b", re.I)),
        ("read more", re.compile(r"\bRead more\s*$", re.I)),
        ("more »", re.compile(r"\bMore »\s*$", re.I)),
        ("sign up", re.compile(r"\bSign up (?:for|to|here|now)\b")),
        ("newsletter", re.compile(r"\bnewsletter\b.{0,40}\binbox\b")),
        ("by signing up", re.compile(r"\bBy signing up\b", re.I)),
        ("unsubscribe", re.compile(r"\bunsubscribe at any time\b", re.I)),
        ("hide caption", CAPTION_ANYWHERE),  # a CNN gallery
        ("(@", CAPTION_ANYWHERE),  # an embedded tweet's signature
    ),
}
# English caption and credit lines, anchored at the start (also read by `LEXICON` below).
CAPTION_LINES: dict[str, tuple[re.Pattern[str], ...]] = {
    "english": (
        re.compile(r"^(?:Image|Photo|Picture|Media|Video) (?:copyright|caption|credit)\b", re.I),
        re.compile(r"^(?:Photo|Photograph|Image|Picture|Source|Credit)s?\s*:", re.I),
        # a credit or gallery link alone in brackets: "(Photo: submitted)", "(PHOTOS: …)"
        re.compile(r"^\((?:Photo|Photograph|Image|Picture|Credit)s?\s*:[^()]{0,80}\)\.?$", re.I),
        re.compile(r"^Enlarge (?:this )?image\b", re.I),
        re.compile("^(?:" + CAPTION_START.pattern + ")"),  # file-photo and Getty captions
    ),
}
# A video player's caption paragraph (USA Today network): "CLOSE <what the clip shows> (Jan. 2)
# AP", "CLOSE Skip in Skip x Embed x Share <…> Video provided by Newsy". The whole paragraph is
# the player's; the article's own text follows it.
PLAYER_CAPTION = re.compile(
    r"CLOSE\s+(?:Skip in Skip x Embed x Share\s+)?(?:[A-Z][a-z]|USA TODAY|[\"“])"
)
# What marks a caption inside a long paragraph (its sentences are then checked for one).
GLUED_CAPTION_CUES = ("FILE", "In this", "Hide Caption", "(@")
# English line openers, all anchored at the start (a lexicon per language; add others beside it).
LEXICON: dict[str, tuple[re.Pattern[str], ...]] = {
    "english": (
        *CAPTION_LINES["english"],
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
            r"|Write to .{2,60} at \S+@|Contact (?:the )?(?:author|reporter|writer))\b"
            # a writer's contact lines: "Email: x@y.com", "Twitter: @x", "Tel: +44 …"
            r"|(?:E-?mail|Tel|Phone|Twitter)\s*:\s*(?:\S+@|@\w|\+?\(?\d)",
            re.I,
        ),
        # a writer's or outlet's accounts: "Follow Tia Ghose on Twitter and Google+."
        re.compile(
            r"^[–—-]?\s*Follow (?:@\w+|(?:him|her|them|us|the \w+|(?:[A-Z][\w.'’-]*\s+){1,4}))"
            r"\s*(?:on|at) (?:Twitter|Facebook|Instagram|Google\+)"
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
        re.compile(
            r"^(?:Read or Share this story:|Newsletter Sign Up\b|Invalid email address\.?\s*$"
            r"|An error has occurred\.?\s*$|Breaking News Emails\b"
            r"|The news and stories that matter, delivered weekday mornings\b"
            r"|Click to (?:email|share|print)\b.{0,40}\(Opens in new window\))",
            re.I,
        ),
        # players that need what the scraper lacked: "Please turn on JavaScript. Media requires
        # JavaScript to play.", a video embed's "This feature is not available right now."
        re.compile(
            r"^(?:Please (?:turn on|enable) JavaScript\b|Media requires JavaScript\b"
            r"|This feature is not available right now\b"
            r"|Rating is available when the video has been rented\b)",
            re.I,
        ),
        # form furniture: a captcha's prompt, a form's terms
        re.compile(r"^(?:You must enter the characters\b|Note: By submitting this form\b)"),
        # an embedded tweet's location notice
        re.compile(
            r"^(?:You can add location information to your Tweets\b"
            r"|You always have the option to delete your Tweet location history\b"
            r"|When you tweet with a location, Twitter stores that location\b"
            r"|Add a location to your Tweets\b)"
        ),
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

# Finite-verb cues for the subheading rule (English). A heading keeps no verb: "The rules for
# flying domestic drones". A word ending in -ed after the first is taken as a verb ("Police
# charged with…"), so headline-like lines with a verb stay; when in doubt the line is kept.
VERBS: dict[str, frozenset[str]] = {
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
