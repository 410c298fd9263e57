"""Disagreements: the same quantity reported differently by a story's sources.

Figures (`figures.find_figures`) are compared only between different sources and only when they
count the same thing:
- casualty-style counts ("people killed", "soldiers injured", "people arrested") across the
  whole story: one story is one event, so its death toll is one number;
- other counts, amounts and percentages ("$ deal", "% growth", "troops") only between sentences
  that say much the same (content-term Jaccard ≥ 0.3), so a budget and a fine never meet;
- any figure, keyed or not, between near-copies (word Jaccard ≥ 0.7 without the numbers): a wire
  story whose copy changed "26" to "15" is exactly the disagreement to show; day-and-month
  dates in near-copies are compared too ("18 November" vs "19 November").
Two sentences naming different years ("in 2019" / "in 2024") never compare. Two sources
disagree about a key only when *none* of their comparable figures can both be true:
"at least 12" and "15" agree, "12" and "15" do not, and a source that gives both 12 and 20
agrees with one that says 20. A later, higher running total is shown as a disagreement too: the
brief cannot tell a revision from a dispute, and the reader should see both numbers.
Names are not compared (too many false alarms without entity resolution).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from itertools import combinations

from ..dedup import similar_pairs
from ..models import AnalyzedSentence, Disagreement, DisagreementValue
from .figures import Figure, compatible, find_figures

__all__ = ["CASUALTY_SIMILAR", "MIN_WORDS", "NEAR_COPY", "SIMILAR", "find_disagreements"]

CASUALTY_SIMILAR = 0.1  # the same for casualty counts: one story is mostly one event
SIMILAR = 0.3  # content-term Jaccard for comparing non-casualty figures of two sentences
MIN_WORDS = 6  # shorter sentences look like copies by chance (as in dedup)
NEAR_COPY = 0.7  # word Jaccard (numbers left out) for two copies of one sentence
_CASUALTY = ("killed", "injured", "missing", "arrested", "evacuated", "displaced", "rescued",
             "stabbed", "shot")  # fmt: skip
# Words that say how big a number is, not what it is about: left out of sentence similarity.
_SIZE_WORDS = frozenset("hundred thousand million billion trillion bn per cent percent".split())
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
_MONTH_GATE = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_DAY_MONTH = re.compile(
    r"\b(?:(?P<d1>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?P<m1>January|February|March|April|"
    r"May|June|July|August|September|October|November|December)|(?P<m2>January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\s+(?P<d2>[12]\d|3[01]|"
    r"0?[1-9])(?:st|nd|rd|th)?)\b(?!:)"
)

Occurrence = tuple[int, Figure]  # (sentence index, figure)
Pair = tuple[Occurrence, Occurrence, bool]  # two figures and whether their sentences are copies


def _label(key: str) -> str:
    """A reader's label for a key: "people killed", "amount ($ deal)", "share (% growth)"."""
    if key.startswith(("$", "£", "€", "US$")):
        return f"amount ({key})" if " " in key else "amount"
    if key.startswith("%"):
        return f"share ({key})" if " " in key else "share"
    return key or "figure"


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _comparable_pairs(
    sentences: Sequence[AnalyzedSentence], figures: list[list[Figure]]
) -> dict[str, list[Pair]]:
    """Label → pairs of figures from different sources that report the same quantity."""
    # Only sentences with figures take part: the sets are built for those alone.
    has = [i for i, found in enumerate(figures) if found]
    terms = {
        i: frozenset(t for t in sentences[i].terms if not t[:1].isdigit() and t not in _SIZE_WORDS)
        for i in has
    }
    words = {
        i: frozenset(w.lower() for w in sentences[i].words if not w[:1].isdigit()) for i in has
    }
    years = {i: frozenset(_YEAR.findall(sentences[i].sentence.text)) for i in has}
    pairs: dict[str, list[Pair]] = defaultdict(list)
    seen: set[tuple[int, int, int, int]] = set()

    def add(label: str, a: Occurrence, b: Occurrence, near: bool = False) -> None:
        mark = (a[0], a[1].start, b[0], b[1].start)
        if mark not in seen:
            seen.add(mark)
            pairs[label].append((a, b, near))

    def comparable_years(i: int, j: int) -> bool:
        # a 2019 figure and a 2024 figure are different quantities
        return not (years[i] and years[j] and years[i] != years[j])

    # Copies, found by the exact similarity join (no all-pairs loop over a big story).
    with_figures = [i for i in has if len(words[i]) >= MIN_WORDS]
    joined = similar_pairs([words[i] for i in with_figures], NEAR_COPY)
    near: set[tuple[int, int]] = set()
    for x, y, _ in joined:
        i, j = with_figures[x], with_figures[y]
        fi, fj = figures[i], figures[j]
        if sentences[i].sentence.source == sentences[j].sentence.source:
            continue
        if not comparable_years(i, j) or len(fi) != len(fj):
            continue
        near.add((i, j))
        for a, b in zip(fi, fj, strict=True):  # the n-th figure of one is the n-th of the other
            add(_label(a.key if a.key == b.key else a.key or b.key), (i, a), (j, b), True)
    # Keyed figures: only figures counting the same thing ever meet.
    by_key: dict[str, list[Occurrence]] = defaultdict(list)
    for i, found in enumerate(figures):
        for figure in found:
            if figure.key:
                by_key[figure.key].append((i, figure))
    for key, occurrences in by_key.items():
        story_wide = key.endswith(_CASUALTY)
        if story_wide:  # each source's first count is its own: later ones are background
            first: dict[str, Occurrence] = {}
            for i, figure in occurrences:
                first.setdefault(sentences[i].sentence.source, (i, figure))
            occurrences = list(first.values())
        if " " not in key and key[:1] in "$£€%U":
            continue  # an amount or a share without a noun: nothing says what it measures
        for (i, a), (j, b) in combinations(occurrences, 2):
            if sentences[i].sentence.source == sentences[j].sentence.source:
                continue
            if (min(i, j), max(i, j)) in near or not comparable_years(i, j):
                continue
            if _jaccard(terms[i], terms[j]) >= (CASUALTY_SIMILAR if story_wide else SIMILAR):
                add(_label(key), (i, a), (j, b))
    return pairs


def _date_pairs(
    sentences: Sequence[AnalyzedSentence],
) -> list[tuple[int, str, int, str]]:
    """Near-copies from different sources that give different days for the same sentence."""
    dated = []
    for i, s in enumerate(sentences):
        text = s.sentence.text
        if not _MONTH_GATE.search(text):
            continue
        days = {f"{m['d1'] or m['d2']} {m['m1'] or m['m2']}" for m in _DAY_MONTH.finditer(text)}
        if len(days) == 1:
            rest = _DAY_MONTH.sub(" ", text).lower()
            dated.append((i, days.pop(), frozenset(re.findall(r"\w+", rest))))
    found = []
    for (i, di, wi), (j, dj, wj) in combinations(dated, 2):
        if sentences[i].sentence.source == sentences[j].sentence.source or di == dj:
            continue
        if _jaccard(wi, wj) >= NEAR_COPY:
            found.append((i, di, j, dj))
    return found


def _components(
    pairs: Sequence[tuple[int, str, int, str]],
) -> list[list[tuple[int, str, Hashable]]]:
    """Date pairs joined into groups of copies (one disagreement per copied sentence)."""
    group: dict[int, int] = {}
    for i, _, j, _ in pairs:
        root = group.get(i, group.get(j, i))
        for k in (i, j):
            old = group.get(k)
            if old is not None and old != root:
                group = {m: root if g == old else g for m, g in group.items()}
            group[k] = root
    members: dict[int, list[tuple[int, str, Hashable]]] = defaultdict(list)
    for i, di, j, dj in pairs:
        for k, day in ((i, di), (j, dj)):
            if (k, day, day) not in members[group[k]]:
                members[group[k]].append((k, day, day))
    return [sorted(m) for m in members.values()]


def _values(
    occurrences: Sequence[tuple[int, str, Hashable]],
    sentences: Sequence[AnalyzedSentence],
) -> tuple[DisagreementValue, ...]:
    """One value per distinct range, in order of first appearance, with every source giving it."""
    groups: dict[Hashable, tuple[str, int, list[str]]] = {}
    for i, shown, span in sorted(occurrences):
        source = sentences[i].sentence.source
        if span not in groups:
            groups[span] = (shown, i, [source])
        elif source not in groups[span][2]:
            groups[span][2].append(source)
    return tuple(
        DisagreementValue(
            shown, tuple(srcs), sentences[i].sentence.text, sentences[i].sentence.position
        )
        for shown, i, srcs in groups.values()
    )


def find_disagreements(
    sentences: Sequence[AnalyzedSentence], origins: Mapping[str, str] | None = None
) -> list[Disagreement]:
    """Quantities (and dates of near-copies) that a story's sources report differently.

    `origins` maps Source.id → origin id (copies of one wire story share one); disagreements
    between different origins are listed first. Values keep every source that gives them.
    """
    figures = [find_figures(s.sentence.text, keyless=True) for s in sentences]
    found: list[tuple[tuple[int, int], Disagreement]] = []
    for label, pairs in _comparable_pairs(sentences, figures).items():
        by_sources: dict[tuple[str, ...], list[Pair]] = defaultdict(list)
        for pair in pairs:
            a, b, _ = pair
            key = tuple(sorted((sentences[a[0]].sentence.source, sentences[b[0]].sentence.source)))
            by_sources[key].append(pair)
        shown: list[tuple[int, str, Hashable]] = []
        for group in by_sources.values():
            if any(_agree(a[1], b[1], near) for a, b, near in group):
                continue  # these two sources agree on some reading: no dispute
            for a, b, _ in group:
                for i, figure in (a, b):
                    shown.append((i, _shown(figure), (figure.low, figure.high)))
        values = _values(shown, sentences)
        if len(values) > 1:
            found.append(((0, min(i for i, _, _ in shown)), Disagreement(label, values)))
    for component in _components(_date_pairs(sentences)):
        values = _values(component, sentences)
        found.append(((0, component[0][0]), Disagreement("date", values)))
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
