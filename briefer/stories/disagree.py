"""Disagreements: the same quantity reported differently by a story's sources.

Figures (`figures.find_figures`) are compared only between different sources and only when they
count the same thing:
- casualty-style counts ("people killed", "soldiers injured", "people arrested") across the
  whole story (content-term Jaccard ≥ 0.1, sharing a term beyond the casualty words, "people"
  words and reporters such as "said", "police", "officials"): one story is one event, so its
  death toll is one number. Only each source's first *toll* takes part; a count that is an
  *aside* never meets a toll, only another aside in a sentence that says much the same
  (Jaccard ≥ 0.3). An aside is a part of the toll ("as day broke", "on Tuesday alone", "in
  Homs alone", "a day" not followed by "after/before/later", "daily", "three more", "another
  12") or a count of another, earlier event ("in January" without a day, "last year",
  "previous month", "earlier this year", "two years ago", "anniversary",
  "since" a month or a year, or "that/which killed|left|claimed|injured|wounded" in a sentence
  naming a year or a day of a month: "the bombing on May 22 that killed 22"). A running total
  ("a total of 125") is no aside: it is often the day's own toll;
- other counts, amounts and percentages ("$ deal", "% growth", "troops") only between sentences
  that say much the same (content-term Jaccard ≥ 0.3), so a budget and a fine never meet;
- any figure, keyed or not, between near-copies (word Jaccard ≥ 0.7 without the numbers): a wire
  story whose copy changed "26" to "15" is exactly the disagreement to show; only an increment
  ("three more") and a count never meet. Day-and-month dates in near-copies are compared too
  ("18 November" vs "19 November").
Periods: two sentences (copies or not) never compare when, for one kind of period both name,
they share no value: a copy that says "rose Saturday to 183" where the other said "rose to 144
on Wednesday" is a dated update, not a dispute. Kinds: years (and "last/this/next/previous/past
year"), months (a month name beside a day or after "in", "on", "since", "by", "until", "from",
"early", "late", "mid", "of"; and "last/this/… month"), weekdays, weeks ("last week"): "in 2019"
/ "in 2024", "on Sunday" / "on Friday", "in January" / "last month" are different periods.
Different kinds never conflict ("on Saturday" / "on June 3").
Places: two sentences (copies or not) never compare when both name places, share no place word
and neither has the other's place words anywhere (a place is a capitalised name after "in",
"near", "off", "outside" or "<direction> of", with "the … of" skipped: "off the east coast of
Honshu" / "west of Panama City"; generic words such as "New", "South", "City" do not count, so
"in Philadelphia" / "in South Philadelphia" and "in Kyiv" / "in the Ukrainian capital, Kyiv" are
one place). A sentence naming no place compares with any.
Two sources disagree about a key only when *none* of their comparable figures can both be true:
"at least 12" and "15" agree, "12" and "15" do not, and a source that gives both 12 and 20
agrees with one that says 20. A later, higher running total is shown as a disagreement too when
no period named says it is of another day: the brief cannot tell a revision from a dispute.
Ages of named people ("Jane Doe, 28," / "29-year-old Jane Doe") are compared by surname (the
last capitalised word, titles such as "Mr" or "Officer" left out) when the story puts no two
different first names before that surname ("Amber Smith" and "Rene Smith" are two people); as
with figures, two sources disagree only when they share no age. Other facts about names are not
compared (too many false alarms without entity resolution).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from functools import cache
from itertools import combinations

from ..dedup import similar_pairs
from ..models import AnalyzedSentence, Disagreement, DisagreementValue, Sentence
from .disagree_ages import ages
from .disagree_context import (
    DAY_MONTH,
    aside,
    more,
    named_periods,
    named_places,
    other_periods,
    other_places,
)
from .figures import EVENTS, PEOPLE, Figure, compatible
from .sentence_figures import figures_of_each

__all__ = ["CASUALTY_SIMILAR", "MIN_WORDS", "NEAR_COPY", "SIMILAR", "find_disagreements"]

CASUALTY_SIMILAR = 0.1  # the same for casualty counts: one story is mostly one event
SIMILAR = 0.3  # content-term Jaccard for comparing non-casualty figures of two sentences
MIN_WORDS = 6  # shorter sentences look like copies by chance (as in dedup)
NEAR_COPY = 0.7  # word Jaccard (numbers left out) for two copies of one sentence
_CASUALTY = ("killed", "injured", "missing", "arrested", "evacuated", "displaced", "rescued",
             "stabbed", "shot")  # fmt: skip
# Words that say how big a number is, not what it is about: left out of sentence similarity.
_SIZE_WORDS = frozenset("hundred thousand million billion trillion bn per cent percent".split())
_MONTH_GATE = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
# What any two casualty reports share: the count's own words and who said it. Two sentences
# must share a term beyond these to compare their tolls story-wide.
_GENERIC = frozenset(
    [*EVENTS, *PEOPLE]
    + "people others more least said say says told according reported report officials official "
    "police authorities including".split()
)

Occurrence = tuple[int, Figure]  # (index of a distinct sentence text, figure)
Pair = tuple[Occurrence, Occurrence, bool]  # two figures and whether their sentences are copies
MAX_PER_KEY = 300  # occurrences of one key compared pairwise (bounds a story of wire copies)
MAX_SOURCES = 8  # sources per sentence text looked at when checking who disagrees


class _Texts:
    """The distinct sentence texts of a story, each with every source that carries it."""

    def __init__(self, sentences: Sequence[AnalyzedSentence]) -> None:
        first: dict[str, int] = {}
        self.rep: list[AnalyzedSentence] = []
        self.sources: list[list[str]] = []
        for s in sentences:
            sentence = s.sentence
            k = first.get(sentence.text)
            if k is None:  # a new text: most are
                first[sentence.text] = len(self.rep)
                self.rep.append(s)
                self.sources.append([sentence.source])
            elif sentence.source not in self.sources[k]:
                self.sources[k].append(sentence.source)

    def one_source(self, i: int, j: int) -> bool:
        return len(self.sources[i]) == len(self.sources[j]) == 1 and (
            self.sources[i] == self.sources[j]
        )


def _label(key: str) -> str:
    """A reader's label for a key: "people killed", "amount ($ deal)", "share (% growth)"."""
    if key.startswith(("$", "£", "€", "US$")):
        return f"amount ({key})" if " " in key else "amount"
    if key.startswith("%"):
        return f"share ({key})" if " " in key else "share"
    return key or "figure"


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not (a or b):
        return 0.0
    shared = len(a & b)  # the union's size follows: no second set is built
    return shared / (len(a) + len(b) - shared)


SMALL = 200  # below this many sentences a plain loop beats the numpy join's set-up cost


def _near_pairs(sets: Sequence[frozenset[str]]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of sets with Jaccard ≥ NEAR_COPY."""
    if len(sets) > SMALL:
        return [(i, j) for i, j, _ in similar_pairs(sets, NEAR_COPY)]
    import numpy as np

    # Only pairs of similar sizes can be copies: that test runs over all pairs at once.
    sizes = np.fromiter(map(len, sets), dtype=np.int64, count=len(sets))
    left, right = np.triu_indices(len(sets), 1)  # (i, j), i < j, in combinations order
    small = np.minimum(sizes[left], sizes[right])
    fit = small >= NEAR_COPY * np.maximum(sizes[left], sizes[right])
    return [
        (i, j)
        for i, j in zip(left[fit].tolist(), right[fit].tolist(), strict=True)
        if _jaccard(sets[i], sets[j]) >= NEAR_COPY
    ]


@cache
def _generic_terms() -> frozenset[str]:
    """_GENERIC as words and as English stems (sentence terms are stemmed)."""
    from ..text import Analyzer

    analyzer = Analyzer("english")
    return _GENERIC | {analyzer.stem(w) for w in _GENERIC}


def _comparable_pairs(texts: _Texts, figures: list[list[Figure]]) -> dict[str, list[Pair]]:
    """Label → pairs of figures from different sources that report the same quantity."""
    # Only sentences with figures take part: the sets are built for those alone.
    has = [i for i, found in enumerate(figures) if found]
    # Numbers stay in the sets (C-speed set building; a copy that differs in one figure out of
    # 14 words still has Jaccard 0.87); words that only give a number's size are dropped.
    terms = {i: frozenset(texts.rep[i].terms) - _SIZE_WORDS for i in has}
    words = {i: frozenset(map(str.lower, texts.rep[i].words)) for i in has}

    # Found only for sentences that meet another, once each.
    @cache
    def periods(i: int) -> dict[str, frozenset[str]]:
        return named_periods(texts.rep[i].sentence.text)

    @cache
    def places(i: int) -> frozenset[str]:
        return named_places(texts.rep[i].sentence.text)

    generic = _generic_terms()

    pairs: dict[str, list[Pair]] = defaultdict(list)

    def comparable(i: int, j: int) -> bool:
        # a 2019 figure and a 2024 figure are different quantities
        if texts.one_source(i, j):
            return False
        yi, yj = periods(i).get("y"), periods(j).get("y")
        return not (yi and yj and yi.isdisjoint(yj))

    # Copies, found by the exact similarity join (no all-pairs loop over a big story).
    with_figures = [i for i in has if len(words[i]) >= MIN_WORDS]
    near: set[tuple[int, int]] = set()
    for x, y in _near_pairs([words[i] for i in with_figures]):
        i, j = with_figures[x], with_figures[y]
        fi, fj = figures[i], figures[j]
        if not comparable(i, j) or len(fi) != len(fj):
            continue
        if other_periods(periods(i), periods(j)):
            continue  # "rose to 144 on Wednesday" / "rose Saturday to 183": an update
        if other_places(places(i), places(j), words[i], words[j]):
            continue  # one template, two places: two events
        near.add((i, j))
        ti, tj = texts.rep[i].sentence.text, texts.rep[j].sentence.text
        for a, b in zip(fi, fj, strict=True):  # the n-th figure of one is the n-th of the other
            if more(ti, a) != more(tj, b):
                continue  # "three more people" is not the toll "twelve people"
            pairs[_label(a.key if a.key == b.key else a.key or b.key)].append(
                ((i, a), (j, b), True)
            )
    # Keyed figures: only figures counting the same thing ever meet.
    by_key: dict[str, list[Occurrence]] = defaultdict(list)
    for i in has:
        for figure in figures[i]:
            if figure.key:
                by_key[figure.key].append((i, figure))
    for key, occurrences in by_key.items():
        story_wide = key.endswith(_CASUALTY)
        if " " not in key and key[:1] in "$£€%U":
            continue  # an amount or a share without a noun: nothing says what it measures
        groups = [(occurrences, SIMILAR)]
        if story_wide:
            groups = _casualty_groups(texts, occurrences)
        for group, threshold in groups:
            for (i, a), (j, b) in combinations(group[:MAX_PER_KEY], 2):
                if i == j or (i, j) in near or _jaccard(terms[i], terms[j]) < threshold:
                    continue
                if not comparable(i, j) or other_periods(periods(i), periods(j)):
                    continue  # "on Sunday" / "on Friday": different days, different counts
                if story_wide and threshold == CASUALTY_SIMILAR and terms[i] & terms[j] <= generic:
                    continue  # "3 people were killed, police said" / "killing 5, officials said"
                if other_places(places(i), places(j), words[i], words[j]):
                    continue  # "west of Panama City" / "off Honshu": not one place's figure
                pairs[_label(key)].append(((i, a), (j, b), False))
    return pairs


def _casualty_groups(
    texts: _Texts, occurrences: list[Occurrence]
) -> list[tuple[list[Occurrence], float]]:
    """Casualty counts to compare story-wide (each source's first toll of the story's own event)
    and those compared only between similar sentences (asides: parts, other events)."""
    tolls: list[Occurrence] = []
    asides: list[Occurrence] = []
    seen: set[str] = set()
    for i, figure in occurrences:
        if aside(texts.rep[i].sentence.text, figure):
            asides.append((i, figure))
            continue
        new = [s for s in texts.sources[i] if s not in seen]
        if new:  # each source's first count is its own: later ones are background
            seen.update(new)
            tolls.append((i, figure))
    return [(tolls, CASUALTY_SIMILAR), (asides, SIMILAR)]


def _date_pairs(texts: _Texts) -> list[tuple[int, str, int, str]]:
    """Near-copies from different sources that give different days for the same sentence."""
    dated = []
    for i, s in enumerate(texts.rep):
        text = s.sentence.text
        if not _MONTH_GATE.search(text):
            continue
        days = {f"{m['d1'] or m['d2']} {m['m1'] or m['m2']}" for m in DAY_MONTH.finditer(text)}
        if len(days) == 1:
            rest = DAY_MONTH.sub(" ", text).lower()
            dated.append((i, days.pop(), frozenset(re.findall(r"\w+", rest))))
    found = []
    for (i, di, wi), (j, dj, wj) in combinations(dated[:MAX_PER_KEY], 2):
        if di != dj and not texts.one_source(i, j) and _jaccard(wi, wj) >= NEAR_COPY:
            found.append((i, di, j, dj))
    return found


def _components(pairs: Sequence[tuple[int, str, int, str]]) -> list[list[tuple[int, str]]]:
    """Date pairs joined into groups of copies (one disagreement per copied sentence)."""
    group: dict[int, int] = {}
    for i, _, j, _ in pairs:
        root = group.get(i, group.get(j, i))
        for k in (i, j):
            old = group.get(k)
            if old is not None and old != root:
                group = {m: root if g == old else g for m, g in group.items()}
            group[k] = root
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for i, di, j, dj in pairs:
        for k, day in ((i, di), (j, dj)):
            if (k, day) not in members[group[k]]:
                members[group[k]].append((k, day))
    return [sorted(m) for m in members.values()]


def _values(
    occurrences: Sequence[tuple[int, str, Hashable]], texts: _Texts
) -> tuple[DisagreementValue, ...]:
    """One value per distinct reading, in order of first appearance, with every source giving it."""
    groups: dict[Hashable, tuple[str, int, list[str]]] = {}
    for i, shown, reading in sorted(occurrences, key=lambda o: o[0]):
        if reading not in groups:
            groups[reading] = (shown, i, [])
        for source in texts.sources[i]:
            if source not in groups[reading][2]:
                groups[reading][2].append(source)
    return tuple(
        DisagreementValue(
            shown, tuple(srcs), texts.rep[i].sentence.text, texts.rep[i].sentence.position
        )
        for shown, i, srcs in groups.values()
    )


def _agree_somehow(by_x: list[Figure], by_y: list[Figure], a: Figure, b: Figure) -> bool:
    """Whether source x also gives y's figure b (or one compatible with it), or y gives x's a."""
    return any(compatible(f, b) for f in by_x) or any(compatible(a, g) for g in by_y)


def _disputed(pairs: list[Pair], texts: _Texts) -> list[tuple[int, str, Hashable]]:
    """The figures of pairs whose two sources agree on no reading at all."""
    said: dict[str, list[Figure]] = defaultdict(list)
    for (i, a), (j, b), _ in pairs:
        for k, figure in ((i, a), (j, b)):
            for source in texts.sources[k][:MAX_SOURCES]:
                said[source].append(figure)
    shown: list[tuple[int, str, Hashable]] = []
    for (i, a), (j, b), near in pairs:
        if _agree(a, b, near):
            continue

        if any(
            # copies that differ in a figure always disagree; other reports only when neither
            # source gives a reading the other could share
            x != y and (near or not _agree_somehow(said[x], said[y], a, b))
            for x in texts.sources[i][:MAX_SOURCES]
            for y in texts.sources[j][:MAX_SOURCES]
        ):
            shown.append((i, _shown(a), (a.low, a.high)))
            shown.append((j, _shown(b), (b.low, b.high)))
    return shown


def find_disagreements(
    sentences: Sequence[AnalyzedSentence],
    origins: Mapping[str, str] | None = None,
    figures_of: Callable[[Sentence], list[Figure]] | None = None,
) -> list[Disagreement]:
    """Quantities (and dates of near-copies) that a story's sources report differently.

    `origins` maps Source.id → origin id (copies of one wire story share one); disagreements
    spanning more origins are listed first, then in order of first appearance. Each value keeps
    every source that gives it and the first sentence that says it. `figures_of` gives a
    sentence's figures when they were found beforehand (sentence_figures.py).
    """
    if len({s.sentence.source for s in sentences}) < 2:
        return []  # one source cannot disagree with itself
    texts = _Texts(sentences)
    if figures_of is not None:
        figures = [figures_of(s.sentence) for s in texts.rep]
    else:
        figures = figures_of_each(texts.rep)
    found: list[tuple[tuple[int, int], Disagreement]] = []
    for label, pairs in _comparable_pairs(texts, figures).items():
        shown = _disputed(pairs, texts)
        values = _values(shown, texts)
        if len(values) > 1:
            found.append(((0, min(i for i, _, _ in shown)), Disagreement(label, values)))
    for component in _components(_date_pairs(texts)):
        values = _values([(i, day, day) for i, day in component], texts)
        found.append(((0, component[0][0]), Disagreement("date", values)))
    for name, given in ages([s.sentence.text for s in texts.rep], texts.sources):
        values = _values([(i, age, age) for i, age in given], texts)
        found.append(((0, min(i for i, _ in given)), Disagreement(f"age of {name}", values)))
    if origins:
        found = [((-_origin_count(d, origins), rank[1]), d) for rank, d in found]
    return [d for _, d in sorted(found, key=lambda item: item[0])]


def _agree(a: Figure, b: Figure, near: bool) -> bool:
    """Copies agree only on the same figure; other reports when both can be true."""
    if near:
        return a.value == b.value and (a.low, a.high) == (b.low, b.high)
    return compatible(a, b)


def _shown(figure: Figure) -> str:
    """The figure as the brief shows it: "at least 26", "$2.5 billion" (no leading capital)."""
    text = figure.text
    return text[0].lower() + text[1:] if text[:1].isupper() and not text[:2].isupper() else text


def _origin_count(disagreement: Disagreement, origins: Mapping[str, str]) -> int:
    return len({origins.get(s, s) for v in disagreement.values for s in v.sources})
