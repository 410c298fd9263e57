"""Per-article feature vectors for story clustering: content terms, names and numbers.

Everything is computed from the tokens the corpus already holds (`AnalyzedSentence.terms`, and
`.words` for capitalisation), once for all articles: terms become integer ids through one
dictionary, and the per-word decisions (is it a name, a number?) are taken once per distinct
word, never per token, so the cost is a few C-level passes over the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain, count
from operator import attrgetter
from typing import Any

from ..models import AnalyzedSentence
from ..text import stop_words
from .dates import WEEKDAYS

# Capitalised words that are not names of anything a story is about: titles, days, months.
_NOT_NAMES = frozenset(
    "mr mrs ms miss dr sir prof st jr sr monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december "
    "i i'm i've i'd i'll ok oh yes no".split()
)
NAME_SAMPLE = 12  # first sentences of each article whose capitals tell names from words
PLACE_LEAD = 1  # first sentences whose places say where a story happened
_YEAR = re.compile(r"(19|20)\d\d")
# Where an opening puts its story: a dateline ("Port-au-Prince, Haiti (CNN) --", "TOKYO (AP) —"), or
# capitalised words after "in", "off", "near", "at", "outside", or "of" after a word of where
# ("east of Honshu", "the coast of Japan", "the province of Sichuan").
_CAP = r"[A-Z][\w.'-]*(?:'s)?"
_PLACE = re.compile(
    r"(?:\b(?:in|off|near|at|outside)\s+(?:the\s+)?"
    r"|\b(?:north|south|east|west|coast|shore|island|province|state|region|city|town|village)"
    r"[\w-]*\s+of\s+(?:the\s+)?)"
    rf"({_CAP}(?:\s+{_CAP}){{0,2}})"
)
_DATELINE = re.compile(rf"^\s*({_CAP}(?:[\s,]+{_CAP}){{0,3}})\s*(?:\([A-Z][A-Za-z]{{1,15}}\)|--|—)")


@dataclass(frozen=True)
class Tokens:
    """The corpus's content terms as integer arrays: what the feature blocks are built from."""

    n: int  # articles
    rows: Any  # article of each content term token
    sentence: Any  # sentence (corpus-wide index) of each token
    term_ids: Any  # term id (stemmed, stop words removed), in order of first use
    name: Any  # True where the token's term is a name (see `name_terms`)
    number_ids: Any  # number id of each token, -1 when it is no number worth matching
    lead: Any  # True for tokens of an article's first sentences
    place_rows: Any = None  # article of each opening place term (see `opening_places`)
    place_ids: Any = None  # term id of each opening place term
    opening: Any = None  # True for tokens of an article's first PLACE_LEAD sentences
    weekday: Any = None  # True where the token's term is a day of the week


def corpus_tokens(
    texts: Sequence[Sequence[AnalyzedSentence]], language: str = "english", lead: int = 3
) -> Tokens:
    """Integer token arrays of every article (`lead`: sentences counted as the lead)."""
    import numpy as np

    from ..text import Analyzer

    n = len(texts)
    flat = list(chain.from_iterable(texts))
    per_article = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    sentence_rows = np.repeat(np.arange(n), per_article)
    starts = np.concatenate(([0], np.cumsum(per_article)[:-1])) if n else per_article
    sentence_rank = np.arange(len(flat)) - np.repeat(starts, per_article)
    term_lists = list(map(attrgetter("terms"), flat))
    term_len = np.fromiter(map(len, term_lists), dtype=np.int64, count=len(flat))
    items = list(chain.from_iterable(term_lists))
    distinct = list(dict.fromkeys(items))
    index = dict(zip(distinct, count()))
    term_ids = np.fromiter(map(index.__getitem__, items), dtype=np.int64, count=len(items))
    lead_sentences = chain.from_iterable(x[:NAME_SAMPLE] for x in texts)
    names = name_terms(list(map(attrgetter("words"), lead_sentences)), language)
    is_name = np.fromiter(map(names.__contains__, distinct), dtype=bool, count=len(distinct))
    number_of = np.full(len(distinct), -1, dtype=np.int64)
    numeric = [k for k, t in enumerate(distinct) if t[:1].isdigit()]
    number_of[numeric] = _keyed([_number(distinct[k]) for k in numeric])
    analyzer = Analyzer(language)
    place_rows, place_ids = opening_places(texts, index, names, analyzer.term)
    days = {analyzer.stem(d) for d in WEEKDAYS}
    is_day = np.fromiter(map(days.__contains__, distinct), dtype=bool, count=len(distinct))
    return Tokens(
        n,
        np.repeat(sentence_rows, term_len),
        np.repeat(np.arange(len(flat)), term_len),
        term_ids,
        is_name[term_ids] if len(items) else np.zeros(0, dtype=bool),
        number_of[term_ids] if len(items) else term_ids,
        np.repeat(sentence_rank < lead, term_len),
        place_rows,
        place_ids,
        np.repeat(sentence_rank < PLACE_LEAD, term_len),
        is_day[term_ids] if len(items) else np.zeros(0, dtype=bool),
    )


def opening_places(
    texts: Sequence[Sequence[AnalyzedSentence]],
    index: dict[str, int],
    names: set[str],
    term: Callable[[str], str | None],
) -> tuple[Any, Any]:
    """(article, term id) of each place an opening names: its dateline, "in/off/near/at X".

    One regex pass per opening sentence (PLACE_LEAD of them), then one term look-up per captured
    word (`term`: the analyzer's word -> stemmed term); only name terms count ("in January" and
    "at least" are no places).
    """
    import numpy as np

    rows: list[int] = []
    ids: list[int] = []
    for k, sentences in enumerate(texts):
        found: set[int] = set()
        for rank, item in enumerate(sentences[:PLACE_LEAD]):
            text = item.sentence.text
            spans = _PLACE.findall(text)
            if rank == 0 and (dateline := _DATELINE.match(text)):
                spans.append(dateline.group(1))
            for span in spans:
                for word in re.split(r"[\s,]+", span):
                    t = term(word.removesuffix("'s"))
                    if t is not None and t in names and t in index:
                        found.add(index[t])
        rows.extend([k] * len(found))
        ids.extend(sorted(found))
    return np.array(rows, dtype=np.int64), np.array(ids, dtype=np.int64)


def name_terms(word_lists: Sequence[Sequence[str]], language: str = "english") -> set[str]:
    """Terms of the words written with a capital at least as often as without: names, places.

    Decided once per distinct word from corpus counts (a C-level Counter), not per token:
    "Trump" is mostly capitalised, "Police" mostly not (it is capitalised at sentence start).
    """
    from collections import Counter

    from ..text import Analyzer

    counts = Counter(chain.from_iterable(word_lists))
    skip = stop_words(language) | _NOT_NAMES
    stem = Analyzer(language).stem
    out: set[str] = set()
    for word, times in counts.items():
        if word[:1].isupper():
            low = word.lower()
            if low not in skip and counts.get(low, 0) <= times and any(c.isalnum() for c in low):
                out.add(stem(low))
    return out


def _number(term: str) -> str:
    """A number term's value ("1,000" → "1000"), or "" for words, one-digit counts and years."""
    if not term[:1].isdigit():
        return ""
    value = term.replace(",", "").rstrip("%")
    return "" if len(value) < 2 or _YEAR.fullmatch(value) else value


def _keyed(keys: Sequence[str]) -> Any:
    """Ids of non-empty keys (equal keys share one id), -1 for empty ones."""
    import numpy as np

    index: dict[str, int] = {}
    return np.fromiter(
        (index.setdefault(k, len(index)) if k else -1 for k in keys),
        dtype=np.int64,
        count=len(keys),
    )


def tfidf_block(rows: Any, cols: Any, n: int, weights: Any = None) -> Any:
    """Rows of sublinear TF-IDF weights (1 + log tf) · idf, L2-normalised, one per article."""
    import numpy as np
    from scipy import sparse

    width = int(cols.max()) + 1 if len(cols) else 1
    data = np.ones(len(rows)) if weights is None else weights
    counts = sparse.csr_matrix((data, (rows, cols)), shape=(n, width))
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=width)
    row_of = np.repeat(np.arange(n), np.diff(counts.indptr))
    value = (1.0 + np.log(counts.data)) * (np.log((n + 1) / (df[counts.indices] + 1)) + 1.0)
    norms = np.sqrt(np.bincount(row_of, weights=value * value, minlength=n))
    # Normalised over all its features, a row then drops those of one article only: they add
    # nothing to any dot product (but an article mostly its own keeps low similarities).
    keep = df[counts.indices] >= 2
    row_kept, cols_kept = row_of[keep], counts.indices[keep]
    value = value[keep] / norms[row_kept]
    indptr = np.zeros(n + 1, dtype=np.int64)
    indptr[1:] = np.cumsum(np.bincount(row_kept, minlength=n))
    return sparse.csr_matrix((value, cols_kept, indptr), shape=(n, width))


def feature_matrix(tokens: Tokens, weights: tuple[float, float, float], lead_weight: float) -> Any:
    """One row per article: term, name and number blocks, so a row dot product mixes them."""
    import numpy as np
    from scipy import sparse

    n, rows, ids, names = tokens.n, tokens.rows, tokens.term_ids, tokens.name
    lead = np.where(tokens.lead, lead_weight, 1.0)
    # Two-word names ("Mitch McConnell") too: adjacent name terms of one sentence.
    pair = names[:-1] & names[1:] & (tokens.sentence[:-1] == tokens.sentence[1:])
    width = int(ids.max()) + 1 if len(ids) else 1
    _, bigram = np.unique(ids[:-1][pair] * width + ids[1:][pair], return_inverse=True)
    name_rows = np.concatenate((rows[names], rows[:-1][pair]))
    name_cols = np.concatenate((ids[names], width + bigram.ravel()))
    name_weights = np.concatenate((lead[names], lead[:-1][pair]))
    numbers = tokens.number_ids >= 0
    blocks = [
        tfidf_block(rows, ids, n, lead),
        tfidf_block(name_rows, name_cols, n, name_weights),
        tfidf_block(rows[numbers], tokens.number_ids[numbers], n),
    ]
    return sparse.hstack(
        [b * np.sqrt(w) for b, w in zip(blocks, weights, strict=True)], format="csr"
    )
