"""Context repair's lexicons: per language, the openers that lean on the sentence before.

Add a language by adding a `Lexicon` to `LEXICONS`; a language without one is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PERSON, ORGANISATION, ANY = "person", "organisation", "any"


@dataclass(frozen=True)
class Lexicon:
    """The words of one language that make a sentence lean on its predecessor."""

    pronouns: dict[str, str]  # opener → what its antecedent must be (PERSON / ORGANISATION / ANY)
    connectives: tuple[str, ...]  # openers that continue the previous sentence ("However,")
    nouns: dict[str, str]  # "the <noun>" openers → the antecedent kind ("firm" → ORGANISATION)
    attribution: re.Pattern[str]  # "he said" with the speaker only named earlier
    expletive: re.Pattern[str]  # "It is unclear whether…": an "it" that points at nothing
    titles: frozenset[str]  # words before a person's name ("President", "Mr")
    organisation_words: frozenset[str]  # words that make a name an organisation ("Inc", "Bank")


_PERSON_NOUNS = (
    "man woman boy girl couple pair suspect victim official spokesman spokeswoman spokesperson "
    "minister star singer actor actress player teenager mother father boss chief leader "
    "president senator governor mayor judge driver pilot officer gunman rapper"
)
_ORG_NOUNS = (
    "firm company group organisation organization agency business bank airline carmaker "
    "retailer giant club team band party ministry department council startup"
)
_THING_NOUNS = (
    "move decision deal plan report study incident attack case bill measure proposal statement "
    "letter announcement comments remarks claim claims news change changes vote ruling "
    "investigation probe appeal request strike attacks figures numbers findings episode "
    "process project program programme scheme law policy agreement meeting talks rise fall "
    "increase drop decline figure index survey poll data event accident crash fire blast "
    "explosion shooting discovery suit lawsuit complaint two three four both latest former "
    "latter same"
)

ENGLISH = Lexicon(
    pronouns={
        **dict.fromkeys(("he", "she", "his", "her", "him", "hers"), PERSON),
        **dict.fromkeys(("they", "their", "them", "theirs"), ANY),
        **dict.fromkeys(("it", "its", "this", "these", "that", "those", "such", "both"), ANY),
    },
    connectives=(
        "however",
        "but",
        "also",
        "meanwhile",
        "in addition",
        "additionally",
        "moreover",
        "furthermore",
        "still",
        "yet",
        "instead",
        "nevertheless",
        "nonetheless",
        "besides",
        "and",
        "so",
        "thus",
        "therefore",
        "hence",
        "as a result",
        "in contrast",
        "by contrast",
        "on the other hand",
        "even so",
        "at the same time",
        "for example",
        "for instance",
        "similarly",
        "likewise",
        "otherwise",
        "in turn",
        "in response",
        "then",
        "after that",
        "despite this",
        "because of this",
        "that said",
        "indeed",
        "in fact",
        "conversely",
        "as such",
        "by then",
        "even then",
        "after all",
    ),
    nouns={
        **dict.fromkeys(_PERSON_NOUNS.split(), PERSON),
        **dict.fromkeys(_ORG_NOUNS.split(), ORGANISATION),
        **dict.fromkeys(_THING_NOUNS.split(), ANY),
    },
    attribution=re.compile(
        r"\b(?:he|she|they)\s+(?:said|says|added|adds|told|explained|wrote|noted|insisted"
        r"|argued|claimed|warned|continued|recalled|asked|replied)\b"
    ),
    expletive=re.compile(
        r"^It(?:'s|’s|\s+(?:is|was|has been|had been|will be|would be|remains|remained|seems|"
        r"seemed|appears|appeared|may be|might be|could be))\s+(?:not\s+)?(?:\w+\s+){0,3}?"
        r"(?:that|whether|if|to|how|why|when|what|who)\b"
        r"|^It\s+(?:is|was)\s+(?:unclear|not clear|not known|unknown|expected|understood|thought"
        r"|believed|reported|said|likely|unlikely|possible|time)\b"
    ),
    titles=frozenset(
        "mr mrs ms miss dr prof sir dame lord lady president minister senator sen rep gov "
        "governor mayor judge justice prince princess king queen pope chancellor secretary "
        "general gen col capt chairman chairwoman ceo chief".split()
    ),
    organisation_words=frozenset(
        "inc corp corporation ltd llc plc co company group bank ministry department agency "
        "council court university college party police office association union commission "
        "committee institute foundation fund authority board airlines airways motors news "
        "times post network house".split()
    ),
)
LEXICONS: dict[str, Lexicon] = {"english": ENGLISH}
