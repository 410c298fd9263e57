"""The attribution lexicon: cue verbs, speaker phrases and the words that rule them out."""

from __future__ import annotations

import re

from .quote_speakers import SPEAKER_NOUNS, TITLES, is_person_name, trailing_name

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
_NEGATION = frozenset({"not", "n't", "never", "refused", "declined", "failed", "nobody", "no"})
_MODALS = frozenset({"can", "could", "should", "might", "must", "may"})
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being", "to"})
_LEADERS = frozenset(
    "but and however also meanwhile now so yet still instead separately indeed".split()
)
BOUNDARY = re.compile(
    r"(?:[,;:(]| - | – | — |\b(?:but|and|while|as|because|which|who|whom|that|when|after|"
    r"before|since|although|though|where|if|whereas|despite)\b)"
)
_LAST_BOUNDARY = re.compile(r"(?s:.*)" + BOUNDARY.pattern)  # greedy: the last boundary
# Adverbials between a cue and its clause: "said on Monday that", "said in a statement".
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
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
_TRAILING_RELATIVE = re.compile(r"(?<=[^,\s]),\s(?:who|whose|which)\s[^,]*,\s*$")
_NAME_APPOSED = re.compile(
    r"(?:^|[,;:]\s)(?P<name>(?:[A-Z][\w'’.-]*\s){0,3}[A-Z][\w'’-]+),\s(?:the|a|an)\s[^,]+$"
)
_PARTY = re.compile(r",\s[RDI]-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?,?\s*$")
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


_LY_NOUNS = frozenset("family ally assembly supply rally monopoly anomaly".split())


def speaker_segment(head: str) -> tuple[str, str]:
    """The speaker phrase that ends `head` (text just before a cue) and its auxiliaries."""
    head = head[-160:]  # a speaker phrase is at most a dozen words: look no further back
    if "(" in head:
        head = PAREN.sub(" ", head)
    if "-" in head[-16:]:  # "Rep. Dave Camp, R-Mich., said": the party and state are no part
        head = _PARTY.sub("", head)
    relative = _TRAILING_RELATIVE.search(head) if " wh" in head else None
    if relative:  # "X, the former senator, who is likely to run again, said": X
        head = head[: relative.start()]
        apposed = _NAME_APPOSED.search(head)
        if apposed and apposed["name"].lower() not in _LEADERS:
            return apposed["name"], ""
    head = head.rstrip()
    if (
        head and head[-1] in ",-–—"
    ):  # "X, who …, said", "X - who … - said", "The head of Y, X, said"
        mark = head[-1]
        inner = head[:-1].rstrip()
        cut = inner.rfind(mark)
        part = inner[cut + 1 :].strip() if cut > 0 else inner
        if cut > 0 and part and trailing_name(part) == part:
            return part, ""
        head = inner[:cut] if cut > 0 else inner
    relative = _WHO_CLAUSE.search(head) if " who " in head else None
    if (
        relative
        and head[relative.start() - 1] not in ",-–—"
        and head.rsplit(None, 1)[-1].lower() not in _PASSIVE  # "who … has been accused"
    ):
        head = head[: relative.start()]  # "A hiker who found the dog said": the hiker
    last = _LAST_BOUNDARY.match(head)
    segment = head[last.end() :] if last else head
    words = segment.split()
    aux: list[str] = []
    while words and (
        words[-1].lower() in AUX
        or (words[-1].endswith("ly") and words[-1].islower() and words[-1] not in _LY_NOUNS)
    ):  # "publicly", "reportedly" (not "family")
        aux.insert(0, words.pop())  # "has also said", "now plan to formally ask"
    while words and words[0].lower().strip(",") in _LEADERS:
        words.pop(0)
    for index in range(len(words) - 1, -1, -1):
        if words[index].lower() in PRONOUNS or words[index][-1:] in '"”’':
            # "Speaking to the committee he", "…at a "good pace" he": the pronoun is the subject;
            # "they made an announcement confirming": the pronoun, not its verb and object
            words = words[index:] if words[index].lower() in PRONOUNS else words[index + 1 :]
            if (
                len(words) > 1
                and words[0].lower() in _SUBJECT_PRONOUNS
                and not {w.lower() for w in words[1:]} & _NOT_ACTIVE
            ):
                words = words[:1]  # (but "it was confirmed" stays a passive, no speaker)
            break
    return " ".join(words).strip(" \"'“”‘’"), " ".join(aux)


# A relative clause closing the text before a cue, with no comma before "who" (a comma means
# an appositive, which the caller handles): "A woman who was walking her dog said".
_WHO_CLAUSE = re.compile(r"\s\bwho\s(?:(?!\bwho\b)[^,;:.!?])+$")
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
_NOT_ACTIVE = _PASSIVE | _NEGATION  # "it was confirmed", "he did not"
_SUBJECT = re.compile(
    r"^(?:(?:But|However|And|Yet|Meanwhile|Separately|Earlier|Later),?\s+)?"
    r"(?P<s>(?:[Tt]he|[Aa]n?)\s+(?:[A-Z][\w'’.-]*\s+)*"
    r"(?:(?!(?:is|was|has|had|have|will|would|said)\b)[a-z][a-z-]*(?<!ed)(?<!ly)\b\s*){1,2}"
    r"|(?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e)\s"
)
DIRECTIVE = frozenset({"urge", "urges", "urged", "advise", "advises", "advised", "called on"})
DIRECTIVE |= {"calls on", "ask", "asks", "asked", "recommend", "recommends", "recommended"}
TO_INFINITIVE = re.compile(r"\s+(?:[^\s,.;:]+\s+){1,6}?to\s+[a-z]")
# A word before an "-s" cue that makes it a noun: "six new pledges", "weekend newspaper reports".
_NOUN_BEFORE = frozenset(
    """the a an his her its their our these those new such any no many some recent weekend
    press media newspaper news earlier latest further other""".split()
)


# "Veteran soccer star Ann Lee arrived …": a role word before the name (TITLES also holds the
# small words that may precede one: "Two days after Ann Lee left" has no role).
_FUNCTION_WORDS = frozenset(
    "the a an but and in on at for of by with from to as if when while after".split()
)
_DESCRIBED = re.compile(
    r"(?:[A-Z][a-z]+\s+)?(?:[a-z][a-z-]*\s+){0,2}(?P<role>[a-z]+)\s+"
    r"(?P<name>(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’-]*)\s+[a-z]"
)


def clause_subject(text: str) -> str:
    """The subject a sentence opens with ("Zelensky criticized …, suggesting …")."""
    described = _DESCRIBED.match(text.strip())
    if described and described["role"] in TITLES and described["role"] not in _FUNCTION_WORDS:
        return described["name"]
    match = _SUBJECT.match(text.strip())
    return match.group("s").strip() if match else ""


def is_clause(text: str) -> bool:
    """Whether text reads as a reported clause, not a subject with its appositive."""
    words = text.split()
    first = re.split(r",", re.sub(r"^(?:But|And|However|Meanwhile),?\s+", "", text), maxsplit=1)[0]
    if is_person_name(trailing_name(first)) and trailing_name(first) == first.strip():
        return False  # "But Alain Terzian, president of …, said the changes …"
    verbish = set(w.lower() for w in words) & CLAUSE_WORDS or any(w.endswith("ed") for w in words)
    return len(words) >= 4 and (bool(verbish) or len(words) >= 10)


# After one of these a cue word of any form is a noun or an adjective, never the attribution:
# "the claim", "a brand of", "the alleged victim", "this report".
_DETERMINER_BEFORE = frozenset(
    "the a an his her its their our this these those new recent latest weekend".split()
)


def is_noun(body: str, start: int, cue: str) -> bool:
    """Whether a cue word is a noun or adjective here ("the claims", "the alleged victim")."""
    if " " in cue or start < 2 or body[start - 1] != " ":
        return False
    word = body[body.rfind(" ", 0, start - 1) + 1 : start - 1]
    if word.lower() in _DETERMINER_BEFORE:
        return True
    if not cue.endswith("s") or cue.endswith("ss"):
        return False
    return (
        word.lower() in _NOUN_BEFORE or word.endswith(("'s", "’s", "'", "’")) or word[:1].isdigit()
    )


def valid_speaker(phrase: str, aux: str) -> bool:
    """A short noun phrase, not negated, passive or an infinitive ("declined to say")."""
    if not phrase or count_words(phrase) > 12:
        return False
    words = phrase.lower().split()
    if words[-1] in _NEGATION or words[-1] in _PASSIVE or words[-1].endswith("n't"):
        return False
    if any(w in _NEGATION or w in _MODALS for w in aux.lower().split()):
        return False  # "did not say", "the list can tell": no statement was made
    if phrase.split()[0].endswith("ing") and phrase[0].isupper():
        return False  # "Looking at the list below", "Speaking to reporters"
    if any(w in _NEGATION for w in words):
        return False  # "Dr Fox refused to discuss weekend newspaper reports"
    first = words[0]
    if (len(words) == 1 and first in _HEADLINE_NOUNS) or first in _NO_SPEAKER:
        return False  # "Coffee drinkers live longer, study says": a headline, no speaker
    return (
        phrase[0].isupper()
        or first in _DETERMINERS
        or len(words) == 1
        or words[-1] in SPEAKER_NOUNS  # "government research", "opposition parties"
        or bool(trailing_name(phrase))
    )


# A lone noun like this is a headline's source ("…, study says"); a lone article is no speaker.
# "Please note that …", "It's worth noting that …": an imperative or an aside, no speaker.
_NO_SPEAKER = frozenset("please it's it’s that's that’s there's there’s here's here’s".split())
_HEADLINE_NOUNS = frozenset(
    "study report survey poll research review analysis paper a an the".split()
)


def coordinated_subject(before: str) -> str:
    """Who speaks in "X did A and said …": a pronoun of the nearer clause, else the sentence's."""
    phrase, _aux = speaker_segment(_AND_AUX.sub("", before).rsplit(" ", 1)[0])
    if phrase.lower() in PRONOUNS:
        return phrase
    # "Two days after Lee left, Mayor Tom Reed visited the site and said …": the main clause
    main = clause_subject(before.rsplit(",", 1)[1]) if "," in before else ""
    return main or clause_subject(before)


def coordinates(before: str) -> bool:
    """Whether the text before a cue ends with "and" or "but" (and auxiliaries: "but has")."""
    return _AND_AUX.search(before) is not None


_AND_AUX = re.compile(r"\s(?:and|but)(?:\s(?:has|have|had|also|later|then|did|would|will))*$")


def relative_antecedent(before: str) -> str:
    """Who speaks in "X, who added that …" / "Eircom, which recently revealed that …", or ""."""
    match = _RELATIVE.search(before)
    return speaker_segment(before[: match.start()])[0] if match else ""


_RELATIVE = re.compile(r",?\s+(?:who|which)(?:\s+(?:has|have|had|also|recently|later|then))*$")
_PREPOSITIONS = frozenset(
    "to at in on of about after before as while with from during by for".split()
)


def starts_with_preposition(clause: str) -> bool:
    """ "…," Swank said to Eastwood: what follows the cue is no reported clause."""
    return clause.split(None, 1)[0].lower() in _PREPOSITIONS


# Words of a clause, not of a name: "…, said the elevators were old" is no attribution.
CLAUSE_WORDS = frozenset(
    "is are was were has have had will would could can should may might must did does do".split()
)
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "which"})
_DETERMINERS = frozenset(
    """the a an his her its their our some many most other several one two three four both all
    these those he she it they we who which this that each another few""".split()
)
