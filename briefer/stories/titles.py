"""Short story titles made of the names, places and event the sources share."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import chain, groupby, islice, pairwise

from ..models import AnalyzedSentence
from .quote_cues import DATELINE
from .title_words import CONTRACTED, ENDINGS, GENERIC, JOINERS, NOT_NAMES, SAME_AS, VOWELS

NAMES = 3  # at most this many names in a title
NAME_WORDS = 3  # capitalised words in one name; longer runs are headlines or song titles
# Word classes: a name word; a capitalised stop word that may open or continue a name but is
# none alone ("New" York, "Samuel L." Jackson); a joiner.
_NAME, _OPEN, _JOIN = 1, 2, 3

LEAD = 12  # names and event words come from each source's first sentences, where news puts them
CANDIDATES = 12  # event terms whose written form is looked up
LOWER_SHARE = 3  # a single word is a name when written capitalised > this times as often as not


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
    # And of the rest of the story: is a capitalised word also written in lower case?
    rest = Counter(
        chain.from_iterable(item.words for item in items if item.sentence.position >= LEAD)
    )

    def seen(word: str) -> int:
        return written[word] + rest[word]

    names = _names(lead, stop_words, written, seen)
    name_terms = {term_of(w.lower()) for n in names for w in n.split()}
    event = _event(lead, term_of, story_df, stories, name_terms, written)
    if not names and not event:
        return "Untitled story"
    head = ", ".join(names)
    if event and head:
        return f"{head}: {event}"
    return head or event[:1].upper() + event[1:]


_BRACKETED = re.compile(r"\(([^()]+)\)")


def _credits(text: str) -> frozenset[str]:
    """The wire or outlet a dateline credits ("TOKYO (CNN) --", "LONDON (Reuters) -"): the
    source of the report, not a name in the story (the place before it is)."""
    found = DATELINE.match(text) if "(" in text[:60] else None
    if found is None:
        return frozenset()
    return frozenset(_BRACKETED.findall(found.group()))


def _names(
    items: Sequence[AnalyzedSentence],
    stop_words: frozenset[str],
    written: Counter[str],
    seen: Callable[[str], int],
) -> list[str]:
    """The names most sources mention: runs of capitalised words not opening a sentence (a run
    cut short by the sentence's first word is credited to the longer name written elsewhere)."""
    # Decided once per distinct word; runs are then found by a C-level groupby.
    kinds = {w: k for w in written if w[:1].isupper() and (k := _kind(w, stop_words))}
    for word in [w for w in kinds if w.isupper() and len(w) > 2 and w.isalpha()]:
        if seen(word.lower()) or seen(word.title()):
            del kinds[word]  # "TICKET", "AIR": a shouted word the story also writes plainly
    capital = {w for w, k in kinds.items() if k == _NAME}  # a run holds one at least
    opens = {w for w, k in kinds.items() if k == _OPEN}
    kinds.update((w, _JOIN) for w in JOINERS)
    by_source: dict[str, set[str]] = {}
    total: Counter[str] = Counter()
    order: dict[str, int] = {}

    def tally(name: str, source: str) -> None:
        by_source.setdefault(name, set()).add(source)
        total[name] += 1
        order.setdefault(name, len(order))

    openers: list[tuple[str, str, str]] = []  # (opener + name, name, source)
    for item in items:
        tokens = item.words
        if capital.isdisjoint(tokens):
            continue
        source = item.sentence.source
        credits = _credits(item.sentence.text)
        for opening, run in _runs(tokens, kinds, seen, opens, item.sentence.text):
            if (name := _name(run)) is None or name in credits:
                continue
            if opening and len(run) < NAME_WORDS:
                # "New York City" opening a sentence leaves "York City": decided below.
                openers.append((f"{tokens[0]} {name}", name, source))
                continue
            tally(name, source)
    for longer, name, source in openers:
        # A fragment never written alone is part of the longer name written elsewhere.
        tally(longer if longer in total and name not in total else name, source)
    if not total:
        return []
    ranked = sorted(total, key=lambda n: (-len(by_source[n]), -total[n], order[n]))
    multi: dict[str, list[str]] | None = None  # each word's longer names, when first needed
    chosen: list[str] = []
    taken: set[str] = set()
    for name in ranked:
        # A word the sources mostly write in lower case is a headline's capital, not a name.
        if " " not in name and not _single_name(name, seen):
            continue
        keys = _keys(name)
        # One name per person or place: "Zelensky" after "Volodymyr Zelensky", "Syrian" after
        # "Syria", "Kim" after "Kardashian" (when "Kim Kardashian" is written) add nothing.
        if keys & taken:
            continue
        chosen.append(name)
        if len(chosen) == NAMES:
            break
        taken |= keys
        if " " not in name:
            if multi is None:
                multi = {}
                for longer in total:
                    for word in longer.split() if " " in longer else ():
                        multi.setdefault(word, []).append(longer)
            taken.update(*map(_keys, multi.get(name, ())))
    return chosen


def _single_name(word: str, seen: Callable[[str], int]) -> bool:
    """Whether a word alone names something: not "Pa" or "Ga" (a dateline's state), and not a
    word the sources also write in lower case ("Health", "Kids"), unless it is mostly
    capitalised ("Rose" the officer, who "rose" once)."""
    if word.isupper():
        return True
    return len(word) > 2 and seen(word) > LOWER_SHARE * seen(word.lower())


@lru_cache(maxsize=65536)
def _kind(word: str, stop_words: frozenset[str]) -> int:
    """How a capitalised word can take part in a name (0: it cannot), whatever the story."""
    bare = word.lower().removesuffix("'s").removesuffix("’s")
    if bare in NOT_NAMES:
        return 0
    if not word.isalpha():
        if sum(c.isdigit() for c in word) > 3:  # "Wide00012": an id
            return 0
        if "'" in bare or "’" in bare:
            if bare.replace("’", "'").rpartition("'")[2] in CONTRACTED:  # "I’m", "Don't"
                return 0
        if "-" in bare:
            left, _, right = word.rpartition("-")
            if right.isalpha() and right.islower() or left in ("D", "R", "I"):
                return 0  # "Oscar-winning", "UK-wide": an adjective; "D-Mich": party, state
    if bare in stop_words or bare == "st":
        return _OPEN  # "New" York, "Samuel L." Jackson, "St" Kitts; never a name alone
    return _NAME


def _runs(
    tokens: Sequence[str],
    kinds: Mapping[str, int],
    seen: Callable[[str], int],
    opens: set[str],
    text: str,
) -> list[tuple[bool, list[str]]]:
    """Each run of name words after the first token, and whether it follows a capitalised
    first token (a run the sentence may have cut from a longer name).

    Joiners bridge two runs when the left one is one word or ends in a word also written in
    lower case ("University" of Minnesota; not "Susan Collins" of Maine); a run written with
    punctuation inside ("Moore, Okla.") is split there.
    """
    found: list[tuple[bool, list[str]]] = []
    kind = kinds.get
    opening = kind(tokens[0], _JOIN) != _JOIN  # a name word or capitalised stop word
    run: list[str] = []
    joined: list[str] = []
    for k, group in groupby(islice(tokens, 1, None), key=kind):
        if k is None or k == _JOIN:
            if k == _JOIN and run and not joined:
                words = list(group)
                if len(words) <= 2 and words[0] != "the":
                    if len(run) == 1 or seen(run[-1].lower()):
                        joined = words
                        continue
            if run:
                if len(run) == 1 and run[0] not in opens:  # the common case
                    found.append((opening, run))
                else:
                    found.extend(_pieces(opening, run, opens, text))
                run, joined = [], []
            opening = False
        else:
            if joined:
                run += joined
                joined = []
            run += group
    if run:
        found.extend(_pieces(opening, run, opens, text))
    return found


def _pieces(
    opening: bool, run: list[str], opens: set[str], text: str
) -> Iterable[tuple[bool, list[str]]]:
    """A run split where the text has punctuation between its words; capitalised stop words
    cannot end a piece, nor a unit glued to a number open one."""
    cuts = [0, len(run)]
    if len(run) > 1 and " ".join(run) not in text:
        cuts[1:1] = [i for i in range(1, len(run)) if not _adjacent(run[i - 1], run[i], text)]
    for a, b in pairwise(cuts):
        while b > a and run[b - 1] in opens:
            b -= 1
        if len(run[a]) == 1 and (i := text.find(" ".join(run[a : a + 2]))) > 0:
            a += text[i - 1].isdigit()  # a unit, "50K Walk", opens no name
        if b > a:
            piece = run[a:b]
            if len(piece) > 1 and min(map(len, piece[:-1])) == 1:  # "Samuel L. Jackson"
                piece = [f"{w}." if len(w) == 1 and f"{w}. " in text else w for w in piece]
            yield opening and not a, piece


def _adjacent(left: str, right: str, text: str) -> bool:
    """Whether two words are written next to each other: a space apart, or a plural's
    apostrophe ("Magistrates' Court") or an initial's full stop ("Samuel L. Jackson", "St.
    Helens") and a space."""
    if f"{left} {right}" in text or f"{left}' {right}" in text or f"{left}’ {right}" in text:
        return True
    return len(left) <= 2 and f"{left}. {right}" in text


def _name(run: list[str]) -> str | None:
    """A run of capitalised words as one name (up to NAME_WORDS capitalised words)."""
    if len(run) == 1:  # the common case
        word = run[0]
        return word[:-2] if word.endswith(("'s", "’s")) else word
    if sum(w not in JOINERS for w in run) > NAME_WORDS:
        return None
    return " ".join(w[:-2] if w.endswith(("'s", "’s")) else w for w in run)


def _keys(name: str) -> set[str]:
    """What a name is compared by: the keys of its words, and the initials of a longer name
    ("TSA", "U.S.": an all-caps name's key is its letters)."""
    keys = set(chain.from_iterable(_word_keys(w) for w in name.split()))
    if " " in name:
        keys.add("".join(w[0] for w in name.split() if w[:1].isupper()).lower())
    return keys


@lru_cache(maxsize=4096)
def _word_keys(word: str) -> frozenset[str]:
    """A word in lower case without dots, its stems without the endings of ENDINGS, and an
    irregular demonym's country."""
    plain = word.replace(".", "").lower()
    keys = {plain}
    if word.endswith("s") and word[:-1].isupper():  # "CDs", "SUVs"
        keys.add(plain[:-1])
    for form in {plain, SAME_AS.get(plain, plain)}:
        keys.add(form)
        if form.endswith("ies"):  # "Tories"
            keys.add(form[:-3] + "y")
        for ending in ENDINGS:
            if form.endswith(ending):
                stem = form[: len(form) - len(ending)]
                if stem[-1:] in VOWELS:
                    stem = stem[:-1]
                if len(stem) >= 4:
                    keys.add(stem)
    return frozenset(keys)


def _event(
    items: Sequence[AnalyzedSentence],
    term_of: Callable[[str], str | None],
    story_df: Mapping[str, int],
    stories: int,
    name_terms: set[str | None],
    written: Counter[str],
) -> str:
    """The lower-case word that best sets this story apart (TF-IDF over stories), not a word
    of the names ("Skull Island: island")."""
    counts = Counter(chain.from_iterable(set(item.terms) for item in items))
    # Keys built in one pass (no key function per term); terms are distinct, so no ties.
    top = stories + 1
    keyed = sorted([(-n * math.log(top / story_df.get(t, 1)), t) for t, n in counts.items()])
    scored = [t for _, t in keyed[: CANDIDATES * 3] if t not in name_terms]
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
        if form.isalpha() and form not in GENERIC and len(form) >= 4:
            return form
    return ""
