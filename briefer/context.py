"""Context repair: a shown sentence that leans on the one before it carries that one along.

Extractive briefs quote sentences out of their place, and a sentence opening with "He", "However,"
or "The company said" reads wrong without its predecessor. The rules are readable: a small
lexicon per language names the openers that lean back (pronouns, connectives, bare definite
descriptions, a "he said" attribution with no name) and the antecedent test checks that the
previous sentence names what the opener needs (a person for "he", an organisation for "the
firm"). A language without a lexicon is left alone. `repair` sets `BriefSentence.context` to
the preceding source sentence(s) when the sentence before it in the brief is not that one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from .context_lexicon import ANY, LEXICONS, ORGANISATION, PERSON, Lexicon
from .models import BriefSentence
from .text import Analyzer, stop_words, tokenize_words

if TYPE_CHECKING:
    from .pipeline import Corpus


# Opening words of a sentence, with any quote marks or dashes stripped.
_LEADING = re.compile(r"^[\s\"'“‘«(\[—–-]+")
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_INTRO_PRONOUN = re.compile(r"^[^,;:\"“]{2,50},\s+(\w+)\b")  # "Speaking on Monday, he said"
# "On Wednesday they unveiled…", "In 2010 he moved…": a short adverbial, then the pronoun.
_SHORT_INTRO = re.compile(
    r"^(?:On|In|At|By|Last|Earlier|Later|Then|Now|Today|Yesterday|Since|After|Before)"
    r"(?:\s+[\w'’-]+){1,3}?\s+(he|she|they)\b"
)
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split()
)
# "those of us", "those who": no earlier mention needed.
_GENERIC_THOSE = re.compile(r"those\s+(?:who|whom|of|which|that|with|in|at|on)\b")
_NAME = re.compile(r"[A-Z][\w'’.-]*")
# "this request", "these developments" early in a sentence point back; "this year" does not.
_EARLY_DEMONSTRATIVE = re.compile(r"\b(this|these|those|such)\s+([a-z][\w'’-]*)")
_TEMPORAL = frozenset(
    "year week month time morning afternoon evening night weekend summer spring autumn fall "
    "winter season century decade quarter".split()
)
# "The company of…", "The man behind…": the words after the noun say which one it is.
_DEFINING = frozenset("of in at from for with behind on to that by whose between".split())


def dangling_reference(sentence: str, language: str, previous: str | None = None) -> str | None:
    """What a sentence's opening leans on (PERSON, ORGANISATION, ANY), or None if it stands alone.

    With `previous` (the sentence before it in its source), "The <noun>" also leans back when
    that noun was just mentioned ("…a new film." → "The film's director said…"). None for
    languages without a lexicon.
    """
    lexicon = LEXICONS.get(language)
    if lexicon is None:
        return None
    text = _LEADING.sub("", sentence)
    words = [w.lower() for w in tokenize_words(text[:200])]
    if not words:
        return None
    lowered = text.lower()
    for connective in lexicon.connectives:
        if (
            lowered.startswith(connective)
            and not lowered[len(connective) : len(connective) + 1].isalnum()
        ):
            if connective in ("so", "still", "then", "besides") and not re.match(
                rf"{connective}\s*,", lowered
            ):
                continue  # "So far…", "Still images…", "Besides the EPA…": only "So," leans back
            return ANY
    first = re.split(r"['’]", words[0])[0]  # "She's" → "she"
    if first in lexicon.pronouns:
        if first == "it" and lexicon.expletive.search(text):
            return None
        demonstrative = first in ("that", "this", "these", "those", "such", "both")
        following = re.sub(r"['’]s$", "", words[1]) if len(words) > 1 else ""
        if demonstrative and (_names_after(text) or following in _TEMPORAL):
            return None  # "This year…", "That Saturday…", "Both Russia and…" stand alone
        return lexicon.pronouns[first]
    # "The firm…", "The tragic accident…": one adjective may stand before the noun.
    for at in (1, 2):
        if first != "the" or len(words) <= at or words[at] not in lexicon.nouns:
            continue
        after = words[at + 1] if len(words) > at + 1 else ""
        if after not in _DEFINING and (at == 1 or text.split()[1][:1].islower()):
            return lexicon.nouns[words[at]]
    early = _EARLY_DEMONSTRATIVE.search(" ".join(words[:6]))
    if early and early.group(2) not in _TEMPORAL and not _GENERIC_THOSE.match(early.group()):
        return ANY  # "The urgency of this request…", "Zelensky criticized this response…"
    intro = _INTRO_PRONOUN.match(text) or _SHORT_INTRO.match(text)
    # The intro is an adverbial ("On Monday", "Speaking later"), not a clause naming someone.
    named = intro is not None and any(
        w[:1].isupper() and w.lower().strip(",") not in _CALENDAR
        for w in intro.group(0).split()[1:-1]
    )
    if intro and not named and intro.group(1).lower() in ("he", "she", "they", "it"):
        rest = text[intro.start(1) :]
        if not (intro.group(1).lower() == "it" and lexicon.expletive.search("It" + rest[2:])):
            return lexicon.pronouns[intro.group(1).lower()]
    if (
        len(words) > 2
        and first == "the"
        and re.match(r"the\s+[a-z][\w-]*\s*,", text.lower() if text[4:5].islower() else "")
    ):
        return ANY  # "The index, which…", "The girls, from Delphi,…": described as if known
    if previous is not None and first == "the" and _mentioned_before(text, previous, language):
        return ANY
    unquoted = _QUOTED.sub(" ", text)
    if lexicon.attribution.search(unquoted) and not _names(unquoted, lexicon, language):
        return PERSON
    return None


@cache
def _analyzer(language: str) -> Analyzer:
    return Analyzer(language)


def _mentioned_before(text: str, previous: str, language: str) -> bool:
    """Whether "The <noun>" opening `text` names a noun of `previous` (a repeated mention)."""
    tokens = tokenize_words(text)[1:3]  # the noun, or an adjective and the noun
    analyzer = _analyzer(language)
    nouns = [
        t for t in tokens if t[:1].islower() and len(t) > 3 and t.lower() not in analyzer.stop_words
    ]
    if not nouns:
        return False
    before = {analyzer.stem(w) for w in tokenize_words(previous) if w[:1].islower()}
    return any(analyzer.stem(re.sub(r"['’]s$", "", n)) in before for n in nouns)


def _names_after(text: str) -> bool:
    """Whether a demonstrative is followed at once by a capitalised name ("This Saturday")."""
    parts = text.split(None, 2)
    return len(parts) > 1 and parts[1][:1].isupper()


def _names(text: str, lexicon: Lexicon, language: str) -> list[list[str]]:
    """Runs of capitalised words that are not stop words or lexicon words: the names."""
    common = stop_words(language)
    runs: list[list[str]] = []
    current: list[str] = []
    for token in tokenize_words(text):
        low = token.lower().rstrip(".")
        is_name = bool(_NAME.fullmatch(token)) and (
            low in lexicon.organisation_words  # "Inc" is a stop word, yet part of a name
            or (
                low not in common and low not in lexicon.pronouns and low not in lexicon.connectives
            )
        )
        if is_name:
            current.append(low)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def names_antecedent(previous: str, kind: str, language: str) -> bool:
    """The antecedent test: does `previous` name what a reference of `kind` needs?"""
    lexicon = LEXICONS.get(language)
    if lexicon is None:
        return False
    if kind == ANY:
        return True
    words = {w.lower() for w in tokenize_words(previous)}
    runs = _names(previous, lexicon, language)
    organisations = [r for r in runs if any(w in lexicon.organisation_words for w in r)]
    if kind == ORGANISATION:
        return bool(runs) or any(lexicon.nouns.get(w) == ORGANISATION for w in words)
    people = [r for r in runs if r not in organisations]
    titled = any(w in lexicon.titles for w in words)
    return bool(people) or titled or any(lexicon.nouns.get(w) == PERSON for w in words)


def depends_on_previous(sentence: str, previous: str | None, language: str) -> bool:
    """Whether `sentence` leans on `previous`: it opens with a dangling reference that the
    previous sentence resolves (a first sentence, `previous` None, never depends)."""
    if previous is None:
        return False
    kind = dangling_reference(sentence, language, previous)
    return kind is not None and names_antecedent(previous, kind, language)


MAX_CONTEXT = 2  # at most this many preceding sentences are carried as context


def context_for(sentence: str, before: Sequence[str], language: str) -> str | None:
    """The preceding sentence(s) a dangling `sentence` needs, nearest last; None if it stands.

    `before` holds the sentences that precede it in its source, nearest last. One sentence is
    enough when it names the antecedent and stands on its own; otherwise the one before it is
    added too (never more than MAX_CONTEXT).
    """
    kind = dangling_reference(sentence, language, before[-1] if before else None)
    if kind is None or not before:
        return None
    taken = [before[-1]]
    leans = dangling_reference(before[-1], language) is not None
    if len(before) >= 2 and (leans or not names_antecedent(before[-1], kind, language)):
        taken.insert(0, before[-2])
    return " ".join(taken[-MAX_CONTEXT:])


def repair(
    selection: Sequence[BriefSentence], corpus: Corpus, language: str
) -> tuple[BriefSentence, ...]:
    """The selection with `context` set on every sentence that leans on an unshown predecessor.

    A sentence whose predecessor is shown just before it needs nothing; the first sentence of
    a source never has context.
    """
    if language not in LEXICONS or not selection:
        return tuple(selection)
    wanted = {(s.source, s.position - k) for s in selection for k in (1, 2) if s.position >= k}
    index, sentences = corpus.index, corpus.sentences
    texts = {key: sentences[index[key]].sentence.text for key in wanted if key in index}
    out: list[BriefSentence] = []
    previous: BriefSentence | None = None
    for shown in selection:
        follows = (
            previous is not None
            and previous.source == shown.source
            and previous.position == shown.position - 1
        )
        if not follows and shown.position > 0 and shown.context is None:
            # Two back is needed only when it is not the sentence shown just before.
            two_back = previous is not None and (previous.source, previous.position) == (
                shown.source,
                shown.position - 2,
            )
            keys = [(shown.source, shown.position - k) for k in ((1,) if two_back else (2, 1))]
            before = [texts[key] for key in keys if key in texts]
            context = context_for(shown.text, before, language)
            if context is not None:
                shown = replace(shown, context=context)
        out.append(shown)
        previous = shown
    return tuple(out)


def is_dangling(
    shown: BriefSentence,
    previous: BriefSentence | None,
    language: str,
    predecessor: str | None = None,
) -> bool:
    """Whether a shown sentence opens with a dangling reference its reader cannot resolve:
    not a source's first sentence, no context, and not preceded by its own predecessor.

    `predecessor` is the text of the sentence before it in its source, when known."""
    if shown.position == 0 or shown.context:
        return False
    if previous is not None and (previous.source, previous.position) == (
        shown.source,
        shown.position - 1,
    ):
        return False
    return dangling_reference(shown.text, language, predecessor) is not None
