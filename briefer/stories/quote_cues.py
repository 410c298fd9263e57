"""The attribution lexicon: cue verbs, speaker phrases and the words that rule them out."""

from __future__ import annotations

import re

from .dates import WEEKDAYS

# --- the cue lexicon --------------------------------------------------------------------------
# Strong cues introduce a reported clause on their own ("critics argue cutting subsidies …").
_STRONG = """say says said saying tell tells told telling warn warns warned warning
argue argues argued arguing insist insists insisted insisting believe believes believed
deny denies denied urge urges urged stress stresses stressed explain explains explained
suggest suggests suggested emphasise emphasised emphasize emphasized emphasises emphasizes
predict predicts predicted contend contends contended allege alleges alleged admit admits
admitted claim claims claimed confirm confirms confirmed recommend recommends recommended
acknowledge acknowledges acknowledged concede concedes conceded assert asserts asserted
declare declares declared reckon reckons reckoned maintain maintains maintained
accuse accuses accused highlight highlights highlighted indicate indicates indicated
claiming denying urging stressing explaining suggesting emphasising emphasizing predicting
admitting confirming accusing""".split()
# Weak cues need "that" (or a closing attribution) to introduce content: "the firm added 146,000
# jobs" and "police found a body" are not statements.
_WEAK = """add adds added adding note notes noted state states stated report reports reported
find finds found show shows showed announce announces announced reveal reveals revealed
estimate estimates estimated forecast forecasts calculate calculates calculated
conclude concludes concluded write writes wrote
promise promises promised vow vows vowed pledge pledges pledged reply replies replied
advise advises advised answer answered ask asks asked noting continue continues continued
respond responds responded testify testifies testified reiterate reiterates reiterated""".split()
# Content given only as a quoted label: "attacked the pledges as "vacuous"".
_LABEL = """describe describes described dub dubs dubbed label labels labelled labeled labelling
call calls called attack attacks attacked dismiss dismisses dismissed praise praises praised
hail hails hailed criticise criticises criticised criticize criticized condemn condemned
brand branded rule ruled""".split()
CUE_WORDS = {w: "strong" for w in _STRONG} | {w: "weak" for w in _WEAK}
CUE_WORDS |= {w: "label" for w in _LABEL}


def trie_pattern(words: list[str]) -> str:
    """An alternation factored by prefix: Python's re tries plain alternatives one by one."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [re.escape(c) + build(n) for c, n in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie)


_PHRASES = ["according to", "According to", "pointed out", "points out", "went on to say"]
_PHRASES += ["called on", "calls on"]
# Not after a hyphen: "so-called" is no cue.
CUE = re.compile(r"(?<![\w-])(?:" + trie_pattern([*_PHRASES, *CUE_WORDS]) + r")\b")
TOLD = frozenset({"tell", "tells", "told", "telling"})
TELL = frozenset({"tell", "tells", "told", "telling", "warned", "warn", "warns", "urged", "urge"})
AUX = frozenset(
    """has have had will would may might could also previously again repeatedly later then now
    reportedly recently earlier publicly privately quickly strongly further still already
    once has've did does do""".split()
)
BOUNDARY = re.compile(
    r"(?:[,;:(]| - | – | — |\b(?:but|and|while|as|because|which|who|whom|that|when|after|"
    r"before|since|although|though|where|if|whereas|despite)\b)"
)
# Adverbials between a cue and its clause: "said on Monday that", "said in a statement".
_DAYS = [day.title() for day in WEEKDAYS]
_MONTHS = """January February March April May June July August September October November December
Jan. Feb. Aug. Sept. Sep. Oct. Nov. Dec.""".split()
ADVERBIAL_START: tuple[str, ...] = (" on ", " last ", " yesterday", " today", " earlier")
ADVERBIAL_START += (" later", " previous", " recently", " this ", " in ", ", ", " late", " early")
ADVERBIAL_START += (" at ", " during ", " since ")
ADVERBIAL_START += tuple(" " + word for word in _DAYS + _MONTHS)
ADVERBIAL = re.compile(
    r"(?:\s*,?\s+(?:(?:late\s+|early\s+)?(?:on\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:night|morning|afternoon|evening))?"
    r"|(?:(?:in|on|since|last|this|early|late|earlier)\s+)?(?:"
    + "|".join(re.escape(m) for m in _MONTHS)
    + r")(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?"
    r"|in\s+\d{4}|at\s+the\s+time|in\s+court|on\s+Twitter"
    r"|(?:at|during)\s+(?:a|an|the)\s+(?:news\s+|press\s+)?(?:conference|briefing|hearing)"
    r"|(?:last|this|next)\s+(?:week|month|year|night|morning|afternoon|evening|weekend)"
    r"|yesterday|today|earlier|later|previously|recently"
    r"|in\s+(?:a|an|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:statement|report|interview|letter|speech|ruling|judgment|judgement|briefing|testimony"
    r"|blog|post|filing|broadcast|address|note|email|e-mail|message|release|video|tweet|column"
    r"|op-ed|affidavit)\b))+"
)
# 'said on "Good Morning America" on Friday that …', "said in an interview with X that …": a
# prepositional phrase between a speech verb and "that" (not a relative "that was …").
PREP_THAT = re.compile(
    r"\s+(?:on|in|at|during|to|with|from|outside|before|after)\s+(?:[^\s,.;:]+\s+){0,8}?that\s+"
    r"(?!(?:was|were|is|are|has|had|have|will|would|could|can|may)\b)"
)
# A reported clause with no "that": a subject and a finite verb ("the risk is small …",
# "Lee showed no remorse …"), not an object ("146,000 jobs", "responsibility for …").
FINITE = re.compile(
    r"\s*(?:(?:the|a|an|his|her|its|their|this|these|those|some|many|no|all|most)\s+)?"
    r"(?:(?!(?:he|she|they|we|I|you|that|which)\s)[\w'’-]+\s+){1,3}?"
    r"(?:is|are|was|were|has|had|have|will|would|could|should|can|may|might"
    r"|must|did|does|do|isn't|wasn't|aren't|weren't|hasn't|hadn't|won't|wouldn't|couldn't)\b"
    r"|\s*(?:he|she|they|we|I|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})\s+(?:[a-z]+ly\s+)?"
    r"[a-z]+(?:ed|[^suia\W]s)\b"
)
# The weak cues that are plainly verbs, so that FINITE may stand for their "that": "added",
# "found" (not "state", "report", "answer", which are as often nouns).
FINITE_CUES = frozenset(w for w in _WEAK if w.endswith("ed")) | {"found", "wrote", "showed"}
FINITE_CUES -= {"continued", "responded"}  # "continued its work", "responded to calls"
PAREN = re.compile(r"\s*\([^()]*\)")
THAT = re.compile(r"\s*,?\s*that\b\s*")
TOLD_OBJECT = re.compile(r"\s+((?:[^\s,.:;\"“”]+\s+){0,8}?)that\b\s*|\s+((?:the\s+|a\s+)?\S+)")
# The dateline an agency story opens with: "BOSTON (AP) — ", "Paris (CNN)", "MIAMI, Fla. — ",
# "DENVER -- ". It is no part of the first sentence's subject.
DATELINE = re.compile(
    r"(?:(?:[A-Z][\w.'/-]*(?:,?\s[A-Z][\w.'-]*){0,3}\s?)?\((?:[A-Z][\w.]*\s?){1,3}\)\s*(?:[—–-]{1,2}\s*)?"
    r"|[A-Z][A-Z.'/-]+(?:\s[A-Z][A-Z.'-]+){0,2}(?:,\s[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s[—–-]{1,2}\s"
    r"|[A-Z]{3,}/[A-Z]{3,}\s)(?=[A-Z\"“])"
)
# A plain character class lets re skip ahead in C; apostrophes inside words are dropped in Python.
QUOTE_MARK = re.compile(r"[“”\"«»„‘’']")
TERMINAL = ".!?;:,\"'“”‘’»« "


_ABBREVIATION = re.compile(
    r"\b(Rep|Sen|Gov|Gen|Lt|Col|Capt|Sgt|Cpl|Dr|Mr|Mrs|Ms|St|Jr|Sr|Rev|Prof|Det|Cmdr|Adm|Maj|Atty"
    r"|Supt|Insp|Gov|Pres|Sec|Rt|Hon|[A-Z])\."
)


def hide_abbreviations(text: str) -> str:
    """Text with the full stop of "Rep." or "W." made a one-dot leader (same length), so that
    splitting at "." cuts no speaker phrase ("said Rep. Jane Doe of Ohio")."""
    return _ABBREVIATION.sub("\\1\u2024", text) if "." in text else text


def show_abbreviations(text: str) -> str:
    return text.replace("\u2024", ".")


_TITLE_SMALL = frozenset("the of and a an in on to for with at from".split())


def is_title(content: str, named: bool = False) -> bool:
    """Whether quoted text is a title, not speech: "Good Morning America", "Star Wars"
    (two to five words, each capitalised but for small words, with no closing punctuation).
    `named`: the quote follows "called" or "dubbed", where one capitalised word is a name too
    (a game called "Words", a man who called himself "Ghost.")."""
    if len(content) > 60:
        return False  # (most quotes: a sentence, no title)
    if named:
        words = content.strip(TERMINAL).split()
        return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
    words = content.rstrip(" ,").split()  # (a US title keeps its comma inside: “Title,”)
    if not 2 <= len(words) <= 5 or content.rstrip(" ,")[-1:] in ".!?;:":
        return False
    capitals = sum(w[:1].isupper() for w in words)
    return capitals >= 2 and all(w[:1].isupper() or w.lower() in _TITLE_SMALL for w in words)


def count_words(text: str) -> int:
    return len(text.split())
