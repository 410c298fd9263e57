"""The attribution lexicon: cue verbs, speaker phrases and the words that rule them out."""

from __future__ import annotations

import re

from .quote_speakers import SPEAKER_NOUNS, is_person_name, trailing_name

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
advise advises advised answer answered ask asks asked noting""".split()
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
    once has've""".split()
)
_NEGATION = frozenset({"not", "n't", "never", "refused", "declined", "failed", "nobody", "no"})
_MODALS = frozenset({"can", "could", "should", "might", "must", "may"})
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being", "to"})
_LEADERS = frozenset(
    "but and however also meanwhile now so yet still instead separately indeed".split()
)
_BOUNDARY = re.compile(
    r"(?:[,;:(]| - | – | — |\b(?:but|and|while|as|because|which|who|whom|that|when|after|"
    r"before|since|although|though|where|if|whereas|despite)\b)"
)
_LAST_BOUNDARY = re.compile(r"(?s:.*)" + _BOUNDARY.pattern)  # greedy: the last boundary
# Adverbials between a cue and its clause: "said on Monday that", "said in a statement".
ADVERBIAL_START: tuple[str, ...] = (" on ", " last ", " yesterday", " today", " earlier")
ADVERBIAL_START += (" later", " previous", " recently", " this ", " in ", ", ", " late", " early")
ADVERBIAL_START += tuple(
    " " + day for day in "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
ADVERBIAL = re.compile(
    r"(?:\s*,?\s+(?:(?:late\s+|early\s+)?(?:on\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:night|morning|afternoon|evening))?"
    r"|last\s+(?:week|month|year|night)|yesterday|today|earlier|later|previously|recently"
    r"|this\s+(?:week|month|year|morning)|in\s+(?:a|an|his|her|its|their)\s+(?:written\s+)?"
    r"(?:statement|report|interview|letter|speech|ruling|judgment|judgement|briefing|testimony"
    r"|blog|post|filing|broadcast|address|note)))+"
)
_PAREN = re.compile(r"\s*\([^()]*\)")
THAT = re.compile(r"\s*,?\s*that\b\s*")
TOLD_OBJECT = re.compile(r"\s+((?:[^\s,.:;\"“”]+\s+){0,8}?)that\b\s*|\s+((?:the\s+|a\s+)?\S+)")
# A plain character class lets re skip ahead in C; apostrophes inside words are dropped in Python.
QUOTE_MARK = re.compile(r"[“”\"«»„‘’']")
TERMINAL = ".!?;:,\"'“”‘’»« "


def count_words(text: str) -> int:
    return len(text.split())


def speaker_segment(head: str) -> tuple[str, str]:
    """The speaker phrase that ends `head` (text just before a cue) and its auxiliaries."""
    head = head[-160:]  # a speaker phrase is at most a dozen words: look no further back
    if "(" in head:
        head = _PAREN.sub("", head)
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
    last = _LAST_BOUNDARY.match(head)
    segment = head[last.end() :] if last else head
    words = segment.split()
    aux: list[str] = []
    while words and (words[-1].lower() in AUX or words[-1].endswith("ly")):
        aux.insert(0, words.pop())  # "has also said", "now plan to formally ask"
    while words and words[0].lower().strip(",") in _LEADERS:
        words.pop(0)
    for index in range(len(words) - 1, -1, -1):
        if words[index].lower() in PRONOUNS or words[index][-1:] in '"”’':
            # "Speaking to the committee he", "…at a "good pace" he": the pronoun is the subject
            words = words[index:] if words[index].lower() in PRONOUNS else words[index + 1 :]
            break
    return " ".join(words).strip(" \"'“”‘’"), " ".join(aux)


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


def clause_subject(text: str) -> str:
    """The subject a sentence opens with ("Zelensky criticized …, suggesting …")."""
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


def is_noun(body: str, start: int, cue: str) -> bool:
    """Whether an "-s" cue word is a plural noun here ("the claims", "Labour's pledges")."""
    if not cue.endswith("s") or cue.endswith("ss") or " " in cue:
        return False
    word = body[body.rfind(" ", 0, max(start - 1, 0)) + 1 : start].strip()
    return word.lower() in _NOUN_BEFORE or word.endswith(("'s", "’s")) or word[:1].isdigit()


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
    return (
        phrase[0].isupper()
        or first in _DETERMINERS
        or len(words) == 1
        or words[-1] in SPEAKER_NOUNS  # "government research", "opposition parties"
        or bool(trailing_name(phrase))
    )


def coordinated_subject(before: str) -> str:
    """Who speaks in "X did A and said …": a pronoun of the nearer clause, else the sentence's."""
    phrase, _aux = speaker_segment(before.rsplit(" ", 1)[0])
    return phrase if phrase.lower() in PRONOUNS else clause_subject(before)


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
