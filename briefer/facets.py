"""Facets: abstract topic words ("location", "penalty") and the concrete words news uses for them.

A profile term that names a kind of fact rather than the fact itself matches little of the text:
articles say "200 miles west of Ankara", not "location"; "sentenced to five years", not
"penalty". Each facet below is one line a reviewer can read: the abstract words that call it
(cues) and the words reports use to state such a fact. When a section's written terms name a
cue, the facet's words join its focus as weaker expansion terms (ranking only: they never
decide which section a sentence belongs to). The lexicon is English; other languages get no
expansion. It is written from the news genre (5W1H and the usual desks), with no weights fitted;
the place words were written after reading 14 ASPECTNEWS "geography" records, so that aspect's
figures are not blind (benchmarks/quality.md; the others were written before any was measured).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .text import Analyzer

LANGUAGE = "english"  # the language FACETS is written in

# name: (cues, words). Cues are abstract nouns only (a concrete word, "arrested", is its own term),
# none whose stem is another word's ("defendant" stems to "defend"), and no stop words ("cause"
# is one in the stop list: it could never match).
FACETS: dict[str, tuple[str, str]] = {
    "place": (
        "location geography geographic place region area whereabouts locale territory",
        "north south east west northern southern eastern western northeast northwest southeast "
        "southwest coast coastal border province county city town village capital "
        "district island kilometers kilometres km miles located offshore",
    ),
    "time": (
        "time timing date timeline chronology schedule",
        "monday tuesday wednesday thursday friday saturday sunday morning afternoon evening "
        "night midnight dawn hours minutes yesterday week month ago earlier",
    ),
    "casualties": (
        "death casualty casualties injury fatality toll victim",
        "killed dead died deaths injured wounded hurt bodies toll missing fatalities "
        "hospitalized survivors",
    ),
    "aid": (
        "aid relief recovery assistance rescue rebuilding reconstruction humanitarian donation",
        "rescue rescuers relief aid assistance supplies shelter shelters food water medical "
        "donations donated volunteers rebuild rebuilding reconstruction funds",
    ),
    "money": (
        "money cost financial finance economic amount budget price funding compensation",
        "million billion dollars euros pounds cost costs spent paid worth budget funds losses "
        "price revenue",
    ),
    "penalty": (
        "penalty punishment sentence sentencing sanction consequence verdict",
        "sentenced prison jail years months fined fine probation convicted guilty restitution "
        "pleaded jailed imprisonment banned",
    ),
    "wrongdoer": (
        "wrongdoer perpetrator suspect culprit offender",
        "charged accused arrested suspect suspects defendant alleged allegedly indicted "
        "charges police",
    ),
    "cause": (
        "reason origin trigger motive",
        "caused due blamed triggered result sparked fault",
    ),
    "response": (
        "reaction response criticism",
        "responded condemned criticized welcomed statement spokesman spokeswoman urged called",
    ),
    "investigation": (
        "investigation inquiry probe",
        "investigators investigating inquiry evidence authorities detectives examined review",
    ),
    "severity": (
        "magnitude strength severity intensity",
        "magnitude strong strongest powerful major massive severe measured scale richter",
    ),
}


class FacetIndex:
    """The facets stemmed by one analyzer: cue stem -> the stems of its facets' words."""

    def __init__(self, stem: Callable[[str], tuple[str, ...]] | None) -> None:
        self._words: dict[str, tuple[str, ...]] = {}
        if stem is None:
            return
        for cues, words in FACETS.values():
            stems = tuple(dict.fromkeys(stem(words)))
            for cue in dict.fromkeys(stem(cues)):
                self._words[cue] = tuple(dict.fromkeys((*self._words.get(cue, ()), *stems)))

    def expand(self, terms: Iterable[str]) -> tuple[str, ...]:
        """Stems of the facets the given stems call, less the stems themselves (in order)."""
        terms = tuple(terms)
        own = set(terms)
        out: dict[str, None] = {}
        for term in terms:
            for word in self._words.get(term, ()):
                if word not in own:
                    out[word] = None
        return tuple(out)


def facet_index(analyzer: Analyzer) -> FacetIndex:
    """The facet index for an analyzer's language (empty for languages FACETS is not in)."""
    return _index(analyzer.language)


@cache
def _index(language: str) -> FacetIndex:
    from .text import Analyzer

    return FacetIndex(Analyzer(language).text_terms if language == LANGUAGE else None)
