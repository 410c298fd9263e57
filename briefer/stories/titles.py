"""Short story titles made of the names, places and event the sources share."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import chain, groupby, islice

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


LEAD = 12  # names and event words come from each source's first sentences, where news puts them
CANDIDATES = 12  # event terms whose written form is looked up


def story_title(
    items: Sequence[AnalyzedSentence],
    term_of: Callable[[str], str | None],
    story_df: Mapping[str, int],
    stories: int,
    stop_words: frozenset[str] = frozenset(),
) -> str:
    """A label like "Dnipro, Oreshnik, Zelensky: strike" for one story's sentences.

    `term_of` is the analyzer's word -> stemmed term; `story_df` counts in how many stories
    each term occurs, so the event word is what sets this story apart rather than what every
    story says.
    """
    lead = [item for item in items if item.sentence.position < LEAD]
    # Every written word of the lead once, with its count: both searches below read it.
    written = Counter(chain.from_iterable(item.words for item in lead))
    names = _names(lead, stop_words, written)
    event = _event(lead, term_of, story_df, stories, {n.lower() for n in names}, written)
    if not names and not event:
        return "Untitled story"
    head = ", ".join(names)
    if event and head:
        return f"{head}: {event}"
    return head or event[:1].upper() + event[1:]


def _names(
    items: Sequence[AnalyzedSentence], stop_words: frozenset[str], written: Counter[str]
) -> list[str]:
    """The names most sources mention: runs of capitalised words not opening a sentence."""
    by_source: dict[str, set[str]] = {}
    total: Counter[str] = Counter()
    order: dict[str, int] = {}
    # Decided once per distinct word; runs are then found by a C-level groupby.
    capital = {w for w in written if w[:1].isupper() and _capitalised(w, stop_words)}
    is_capital = capital.__contains__
    for item in items:
        tokens = item.words
        if capital.isdisjoint(tokens):
            continue
        for found, run in groupby(islice(tokens, 1, None), key=is_capital):
            if found and (name := _name(tuple(run))) is not None:
                by_source.setdefault(name, set()).add(item.sentence.source)
                total[name] += 1
                order.setdefault(name, len(order))
    if not total:
        return []
    # A word the sources mostly write in lower case is a headline's capital, not a name.
    ranked = sorted(
        (n for n in total if " " in n or written[n.lower()] < total[n]),
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


def _name(run: tuple[str, ...]) -> str | None:
    """A run of capitalised words as one name (up to three words; longer runs are headlines)."""
    if len(run) == 1:  # the common case
        word = run[0]
        return word[:-2] if word.endswith(("'s", "’s")) else word
    if len(run) > 3:
        return None
    return " ".join(w[:-2] if w.endswith(("'s", "’s")) else w for w in run)


def _event(
    items: Sequence[AnalyzedSentence],
    term_of: Callable[[str], str | None],
    story_df: Mapping[str, int],
    stories: int,
    names: set[str],
    written: Counter[str],
) -> str:
    """The lower-case word that best sets this story apart (TF-IDF over stories)."""
    counts = Counter(chain.from_iterable(set(item.terms) for item in items))
    # Keys built in one pass (no key function per term); terms are distinct, so no ties.
    top = stories + 1
    keyed = sorted([(-n * math.log(top / story_df.get(t, 1)), t) for t, n in counts.items()])
    scored = [t for _, t in keyed[: CANDIDATES * 3]]
    wanted = set(scored)
    prefixes = {t[:3] for t in scored}
    forms: dict[str, Counter[str]] = {}
    for word, n in written.items():
        # Only lower-case words that can stem to a candidate are stemmed (a stem keeps the
        # word's first letters in every Snowball language we title).
        if word[:3] in prefixes and word.islower():
            term = term_of(word)
            if term in wanted:
                forms.setdefault(term, Counter())[word] += n
    for term in scored:
        seen = forms.get(term)
        if not seen:  # written with a capital only: a name, not an event
            continue
        form = max(seen, key=lambda w: (seen[w], -len(w), w))
        if form.isalpha() and form not in _GENERIC and len(form) >= 4 and form not in names:
            return form
    return ""
