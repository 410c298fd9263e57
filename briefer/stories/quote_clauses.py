"""Reading the words around a cue: who the subject is, whether what follows is a reported clause."""

from __future__ import annotations

import re

from .quote_cues import AUX, BOUNDARY, PAREN, count_words
from .quote_speakers import SPEAKER_NOUNS, TITLES, is_person_name, trailing_name

# Words that keep a phrase from being a cue's active subject or lead into one.
_NEGATION = frozenset({"not", "n't", "never", "refused", "declined", "failed", "nobody", "no"})
_MODALS = frozenset({"can", "could", "should", "might", "must", "may"})
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being", "to"})
_LEADERS = frozenset(
    "but and however also meanwhile now so yet still instead separately indeed".split()
)
_LAST_BOUNDARY = re.compile(r"(?s:.*)" + BOUNDARY.pattern)  # greedy: the last boundary
_TRAILING_RELATIVE = re.compile(r"(?<=[^,\s]),\s(?:who|whose|which)\s[^,]*,\s*$")
_NAME_APPOSED = re.compile(
    r"(?:^|[,;:]\s)(?P<name>(?:[A-Z][\w'’.-]*\s){0,3}[A-Z][\w'’-]+),\s(?:the|a|an)\s[^,]+$"
)
_PARTY = re.compile(r",\s[RDI]-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?,?\s*$")

# Auxiliaries that are also names when capitalised: "Theresa May said", "Will Young said".
_AUX_NAMES = frozenset({"May", "Will"})


def is_aux(word: str) -> bool:
    """Whether a word before a cue is an auxiliary or adverb of it ("has said", "may say")."""
    return word.lower() in AUX and word not in _AUX_NAMES


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
        is_aux(words[-1])
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
_PLURAL_AFTER = re.compile(r"\s+([a-z]{3,}s)\s+[a-z]")
# Words that open a sentence without being part of its subject, and -s words that are verbs or
# no plural of people: "Within days", "This means", "Fitbit objects".
_OPENERS = frozenset(
    """but and yet so or in on at for of by with from to as if when while after before within
    during this that these those there here it its his her their our mr mrs ms dr""".split()
)
_NOT_PLURAL = frozenset(
    """this thus is has was does says tells warns claims adds notes insists argues believes
    thinks agrees denies admits accepts plans wants needs seems remains comes goes means objects
    always perhaps days weeks months years times hours minutes""".split()
)
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
    subject = match.group("s").strip() if match else ""
    if subject and " " not in subject and subject.lower() not in _OPENERS:
        # "Local residents gathered …, saying": a capitalised word and the plural it qualifies
        plural = _PLURAL_AFTER.match(text.strip(), len(subject))
        if plural and plural[1] not in _NOT_PLURAL:
            return f"{subject} {plural[1]}"
    return subject


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
    if all(w.strip(".,") in _NEVER_SPEAKERS or w.strip(".,").isdigit() for w in words):
        return False  # `"…" in January, 2016`, `"…" or pointed out`: a date or a conjunction
    if words[-1] in _DANGLING and not any(w in SPEAKER_NOUNS for w in words):
        return False  # "A letter by": cut off, and no one who speaks ("A spokesman for" is)
    if any(w in _FINITE_AUX for w in phrase.split()[1:]) and not _ends_in_name(phrase):
        return False  # "many have expressed frustration over …": a clause, not who spoke
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
# Words that alone never name who spoke: dates and the words that join clauses (months that
# are also names are left out: Theresa May, Stephanie March, April, June, August).
_NEVER_SPEAKERS = frozenset(
    """january february september october november december feb sept oct nov dec monday tuesday
    wednesday thursday friday saturday sunday today yesterday tomorrow tonight or and but nor yet
    so then also in on at of for to by with from as than""".split()
)
# Auxiliaries that make a phrase a clause (lower case: "Will Young" is a name).
_FINITE_AUX = frozenset("have has had is are was were will would".split())
_DANGLING = frozenset("by of to from with at in on for the a an".split())


def _ends_in_name(phrase: str) -> bool:
    """Whether a clause ends in the name of who spoke ("… however Coquelin"), not in a place
    ("… was mocked by many in Ireland")."""
    name = trailing_name(phrase)
    if not name:
        return False
    before = phrase[: len(phrase) - len(name)].split()
    return not before or before[-1].lower() not in _DANGLING


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
