"""Short story titles made of the names, places and event the sources share."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from ..models import AnalyzedSentence

NAMES = 3  # at most this many names in a title
# Capitalised words that are not names: titles of address, days, months, sentence glue, and
# the words news copy capitalises in headlines or datelines. A title made of them says nothing.
_NOT_NAMES = frozenset(
    """
    mr mrs ms dr sir lord lady prof gen col sgt st the a an and but or so if in on at of for to by
    with from as he she it they we i you his her its their our my your this that these those there
    here what when where who why how which while after before since until then now also however
    meanwhile monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december today yesterday tomorrow update
    breaking news live video photo image copyright caption read more related said says told
    according people time year years week day minister president officials police government
    associated press reuters afp ap upi getty images photos pictures shutterstock
    """.split()
)
# Lower-case words too vague to name an event ("people told time").
_GENERIC = frozenset(
    """
    said say says saying told tell tells people time times year years day days week weeks month
    months mr mrs ms new also one two three first last would could may might make made get got
    take took go going come came like just well back way thing things lot many much including
    report reported reports according added asked think know see want use used part number
    percent cent world state news today told called call calls look looking give given show
    """.split()
)


def story_title(
    items: Sequence[AnalyzedSentence],
    forms: Mapping[str, str],
    story_df: Mapping[str, int],
    stories: int,
    stop_words: frozenset[str] = frozenset(),
) -> str:
    """A label like "Dnipro, Oreshnik, Zelensky: strike" for one story's sentences.

    `forms` maps a stem to the word form the sources use (pipeline surface forms); `story_df`
    counts in how many stories each stem occurs, so the event word is what sets this story
    apart rather than what every story says.
    """
    names = _names(items, stop_words)
    event = _event(items, forms, story_df, stories, {n.lower() for n in names})
    if not names and not event:
        return "Untitled story"
    head = ", ".join(names)
    if event and head:
        return f"{head}: {event}"
    return head or event[:1].upper() + event[1:]


def _names(items: Sequence[AnalyzedSentence], stop_words: frozenset[str]) -> list[str]:
    """The names most sources mention: runs of capitalised words not opening a sentence."""
    by_source: dict[str, set[str]] = {}
    total: Counter[str] = Counter()
    order: dict[str, int] = {}
    for item in items:
        run: list[str] = []
        for index, word in enumerate((*item.words, "")):
            # The cheap test first: most words are lower case.
            if index > 0 and word[:1].isupper() and _capitalised(word, stop_words):
                run.append(word)
                continue
            if run:
                for name in _name_parts(run):
                    by_source.setdefault(name, set()).add(item.sentence.source)
                    total[name] += 1
                    order.setdefault(name, len(order))
                run = []
    if not total:
        return []
    singles = {n.lower() for n in total if " " not in n}
    lower = Counter(w for item in items for w in item.words if w in singles)
    # A word the sources mostly write in lower case is a headline's capital, not a name.
    ranked = sorted(
        (n for n in total if " " in n or lower[n.lower()] < total[n]),
        key=lambda n: (-len(by_source[n]), -total[n], order[n]),
    )
    chosen: list[str] = []
    for name in ranked:
        words = set(name.lower().split())
        # One name per person or place: "Zelensky" after "Volodymyr Zelensky" adds nothing.
        if any(words & set(c.lower().split()) for c in chosen):
            continue
        chosen.append(name)
        if len(chosen) == NAMES:
            break
    return chosen


def _capitalised(word: str, stop_words: frozenset[str]) -> bool:
    bare = word.lower().removesuffix("'s").removesuffix("’s")
    return len(word) > 1 and bare not in _NOT_NAMES and bare not in stop_words


def _name_parts(run: list[str]) -> list[str]:
    """A run of capitalised words as one name (up to three words; longer runs are headlines)."""
    if len(run) > 3:
        return []
    name = " ".join(w[:-2] if w.endswith(("'s", "’s")) else w for w in run)
    return [name]


def _event(
    items: Sequence[AnalyzedSentence],
    forms: Mapping[str, str],
    story_df: Mapping[str, int],
    stories: int,
    names: set[str],
) -> str:
    """The lower-case word that best sets this story apart (TF-IDF over stories)."""
    counts = Counter(t for item in items for t in set(item.terms))
    best, best_score = "", 0.0
    for term, n in counts.items():
        form = forms.get(term, term)
        if (
            not form.isalpha()
            or form[:1].isupper()
            or form in _GENERIC
            or len(form) < 4
            or form.lower() in names
        ):
            continue
        score = n * math.log((stories + 1) / story_df.get(term, 1))
        if score > best_score or (score == best_score and best and form < best):
            best, best_score = form, score
    return best
