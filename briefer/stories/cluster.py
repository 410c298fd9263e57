"""Story clustering: which articles report one event, and which are copies of one origin."""

from __future__ import annotations

import hashlib
import heapq
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from operator import attrgetter
from typing import Any

from ..models import AnalyzedSentence, Source
from .events import event_factors
from .features import Tokens, corpus_tokens, feature_matrix
from .origins import find_origins

# Chosen on the even-indexed Multi-News dev records only (benchmarks/stories.py reports the odd).
WEIGHTS = (0.6, 0.3, 0.1)  # share of content terms, names and places, numbers in a similarity
LINK = 0.11  # least average similarity between two clusters that are merged
LOW = 0.06  # ... or this average when one pair across them is STRONG (neutral on dev mixes)
STRONG = 0.3
LEAD = 3  # first sentences of an article that state its story
LEAD_WEIGHT = 2.0  # how much more a lead token counts
KEY_SENTENCES = 5  # sentences hashed for the content order
MAX_SENTENCES = 40  # sentences read per article: a story is told by then (and cost is bounded)
MAX_CAPTIONS = 10  # left-out caption paragraphs read per article, after its sentences
KEEP_FEATURES = 192  # strongest features per article in similarities (long rows: cost, noise)
TOP_FEATURES = 40  # strongest features per article used to propose candidate pairs
MIN_SHARED = 3  # strongest features a pair must share to be compared at all
MAX_POSTING = 60  # features carried by more articles than this propose no pairs (too common)
COPY_LINK = 0.5  # pairs this similar are checked for being copies of one origin
EDGE_FLOOR = 0.05  # weaker links are dropped: they move no average across LINK
DAYS_FREE = 2  # publication gap (days) that costs nothing; beyond it links weaken
DAYS_HALF = 7  # further days that halve a link
SHARED_TERMS = 8  # content terms a sentence needs for sharing it to pair two articles (quotes)
SHARED_MAX = 5  # more articles than this carry the sentence: boilerplate (bylines), no pair


@dataclass(frozen=True)
class StoryClusters:
    """Articles grouped into stories, and each article's origin (copies share one)."""

    stories: tuple[tuple[str, ...], ...]  # Source.ids per story, biggest story first
    origins: Mapping[str, str] = field(default_factory=dict)  # Source.id → origin Source.id
    candidate_pairs: int = 0  # article pairs compared (near-linear, never all pairs)

    def independent(self, story: Sequence[str]) -> int:
        """How many independent reports a story has: copies of one origin count once."""
        return independent_reports(story, self.origins)


def independent_reports(story: Sequence[str], origins: Mapping[str, str]) -> int:
    """The number of distinct origins among a story's Source.ids."""
    return len({origins.get(s, s) for s in story})


def cluster_sources(
    sources: Sequence[Source],
    sentences: Sequence[AnalyzedSentence],
    language: str = "english",
    captions: Mapping[str, Sequence[AnalyzedSentence]] | None = None,
) -> StoryClusters:
    """Group sources into stories (deterministic, no fixed count, near-linear in articles).

    `captions` (Corpus.captions) are read after each source's sentences: the photo captions
    left out of its text still name the story's people and places.
    """
    import numpy as np

    if not sources:
        return StoryClusters((), {}, 0)
    by_source: dict[str, list[AnalyzedSentence]] = defaultdict(list)
    # A corpus lists each source's sentences together: one extend per source, not per sentence.
    for sid, items in groupby(sentences, key=attrgetter("sentence.source")):
        by_source[sid].extend(items)
    # Work in an order fixed by content, so shuffled input gives the same stories.
    order = sorted(range(len(sources)), key=lambda i: _content_key(sources[i], by_source))
    ordered = [sources[i] for i in order]
    extra = captions or {}
    texts = [
        [*by_source.get(s.id, [])[:MAX_SENTENCES], *extra.get(s.id, ())[:MAX_CAPTIONS]]
        for s in ordered
    ]
    tokens = corpus_tokens(texts, language, LEAD)
    matrix = feature_matrix(tokens, WEIGHTS, LEAD_WEIGHT)
    left, right = candidate_pairs(matrix)
    # Articles sharing a long sentence (a quote, a wire paragraph) are compared even when their
    # strongest features differ; their similarity then decides, as for any pair (a shared byline
    # or newsletter line alone does not make two pieces alike).
    carried = shared_sentence_pairs(tokens)
    left, right = with_pairs(left, right, carried, len(ordered))
    sims = pair_similarities(strongest(matrix, KEEP_FEATURES), left, right)
    sims *= time_factors([_day(s.published) for s in ordered], left, right)
    sims *= event_factors(tokens, left, right)
    strong = sims >= EDGE_FLOOR
    edges = dict(
        zip(
            zip(left[strong].tolist(), right[strong].tolist(), strict=True),
            sims[strong].tolist(),
            strict=True,
        )
    )
    bounds = np.searchsorted(tokens.rows, np.arange(len(ordered) + 1))
    terms = [tokens.term_ids[bounds[k] : bounds[k + 1]] for k in range(len(ordered))]
    origin_of = find_origins(terms, [(i, j) for (i, j), s in edges.items() if s >= COPY_LINK])
    for i, rep in enumerate(origin_of):
        if rep != i:  # copies of one origin belong to one story whatever the averages say
            key = (min(i, rep), max(i, rep))
            edges[key] = max(edges.get(key, 0.0), 1.0)
    groups = average_link(len(ordered), edges, LINK, LOW, STRONG)
    rank = {s.id: n for n, s in enumerate(sources)}
    stories = [sorted((ordered[i].id for i in g), key=rank.__getitem__) for g in groups]
    stories.sort(key=lambda st: (-len(st), rank[st[0]]))
    origins = {ordered[i].id: ordered[rep].id for i, rep in enumerate(origin_of)}
    return StoryClusters(tuple(tuple(st) for st in stories), origins, len(left))


def shared_sentence_pairs(tokens: Tokens) -> set[tuple[int, int]]:
    """Article pairs (i < j) carrying one long sentence (same terms) that few articles carry."""
    import numpy as np

    if not len(tokens.term_ids):
        return set()
    sentence = tokens.sentence
    starts = np.flatnonzero(np.concatenate(([True], sentence[1:] != sentence[:-1])))
    lengths = np.diff(np.append(starts, len(sentence)))
    # One 64-bit key per sentence from its terms in order: fixed random values per term id,
    # weighted by position (wrapping arithmetic), summed; vectorised, so no Python per sentence.
    values = np.random.default_rng(0).integers(1, 2**63, size=int(tokens.term_ids.max()) + 1)
    rank = np.arange(len(sentence)) - np.repeat(starts, lengths)
    mixed = values[tokens.term_ids].astype(np.uint64) * (2 * rank + 1).astype(np.uint64)
    keys = np.add.reduceat(mixed, starts)
    long_ = lengths >= SHARED_TERMS
    keys, rows = keys[long_], tokens.rows[starts[long_]]
    if not len(keys):
        return set()
    # Grouped by key, each (key, article) once.
    order = np.lexsort((rows, keys))
    keys, rows = keys[order], rows[order]
    first = np.concatenate(([True], (keys[1:] != keys[:-1]) | (rows[1:] != rows[:-1])))
    keys, rows = keys[first], rows[first]
    bounds = np.append(np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1]))), len(keys))
    sizes = np.diff(bounds)
    out: set[tuple[int, int]] = set()
    for at in np.flatnonzero((sizes >= 2) & (sizes <= SHARED_MAX)).tolist():
        group = rows[bounds[at] : bounds[at + 1]].tolist()
        out.update((a, b) for n, a in enumerate(group) for b in group[n + 1 :])
    return out


def with_pairs(left: Any, right: Any, extra: set[tuple[int, int]], n: int) -> tuple[Any, Any]:
    """The candidate pairs and `extra` (i < j) together, each once, in (i, j) order."""
    import numpy as np

    if not extra:
        return left, right
    more = np.array(sorted(extra), dtype=np.int64).reshape(-1, 2)
    keys = np.unique(np.concatenate((left * n + right, more[:, 0] * n + more[:, 1])))
    return keys // n, keys % n


def strongest(matrix: Any, keep: int) -> Any:
    """Each row cut to its `keep` largest entries (ties: lower column), indices sorted."""
    import numpy as np
    from scipy import sparse

    n = matrix.shape[0]
    lengths = np.diff(matrix.indptr)
    if not len(lengths) or lengths.max() <= keep:
        return matrix
    rows = np.repeat(np.arange(n), lengths)
    chosen = lengths[rows] <= keep  # short rows stay whole; only long rows are ranked
    long_at = np.flatnonzero(~chosen)
    # One stable sort by row, then weight (entries are in (0, 1]): ranks within rows.
    order = long_at[np.argsort(rows[long_at] * 2.0 - matrix.data[long_at], kind="stable")]
    ranked_rows = rows[order]
    rank = np.arange(len(order)) - np.searchsorted(ranked_rows, ranked_rows)
    chosen[order[rank < keep]] = True
    kept = np.bincount(rows[chosen], minlength=n)
    indptr = np.concatenate(([0], np.cumsum(kept)))
    return sparse.csr_matrix((matrix.data[chosen], matrix.indices[chosen], indptr), matrix.shape)


def candidate_pairs(matrix: Any) -> tuple[Any, Any]:
    """Article pairs (i < j, as two arrays) sharing one of their strongest rare-ish features."""
    import numpy as np
    from scipy import sparse

    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    # Rare-but-shared features block: one article's own words pair nothing, common ones too much.
    useful = sparse.diags(((df >= 2) & (df <= max(MAX_POSTING, 2))).astype(np.float64))
    blocking = strongest((matrix @ useful).tocsr(), TOP_FEATURES)
    blocking.eliminate_zeros()
    blocking.data[:] = 1.0
    shared = sparse.triu(blocking @ blocking.T, k=1).tocsr()
    rows = np.repeat(np.arange(shared.shape[0]), np.diff(shared.indptr))
    enough = shared.data >= MIN_SHARED
    return rows[enough], shared.indices[enough].astype(np.int64)


def pair_similarities(matrix: Any, left: Any, right: Any) -> Any:
    """Dot products of the rows of each pair (cosine-mixes, rows being normalised blocks)."""
    import numpy as np

    out = np.empty(len(left))
    step = 50_000  # bounded memory for the row products
    for start in range(0, len(left), step):
        a = matrix[left[start : start + step]]
        b = matrix[right[start : start + step]]
        out[start : start + step] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def time_factors(days: Sequence[int | None], left: Any, right: Any) -> Any:
    """`_time_factor` of each pair, vectorised (undated articles: 1)."""
    import numpy as np

    day = np.array([np.nan if d is None else d for d in days], dtype=np.float64)
    gap = np.abs(day[left] - day[right]) - DAYS_FREE
    factor = 1.0 / (1.0 + np.maximum(gap, 0.0) / DAYS_HALF)
    return np.where(np.isnan(gap), 1.0, factor)


def average_link(
    n: int,
    edges: Mapping[tuple[int, int], float],
    link: float,
    low: float = 1.0,
    strong: float = 1.0,
) -> list[list[int]]:
    """Average-link agglomeration over a sparse graph (missing pairs count as 0).

    Two clusters merge while their average similarity is ≥ `link`, or ≥ `low` when some pair
    across them is ≥ `strong`. Averaging over all member pairs (not the best one) keeps two
    stories that share one bridging article apart: the chaining single-link suffers from.
    """
    size = [1] * n
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    total: dict[int, dict[int, float]] = defaultdict(dict)
    peak: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), sim in edges.items():
        if sim > 0:
            for a, b in ((i, j), (j, i)):
                total[a][b] = total[a].get(b, 0.0) + sim
                peak[a][b] = max(peak[a].get(b, 0.0), sim)

    def wanted(avg: float, top: float) -> bool:
        return avg >= link or (avg >= low and top >= strong)

    heap = [(-s, i, j) for i, nb in total.items() for j, s in nb.items() if i < j and wanted(s, s)]
    heapq.heapify(heap)
    alive = set(range(n))
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in alive or b not in alive:
            continue
        # Stale entry check: the current average must match the popped one.
        if abs(total[a].get(b, 0.0) / (size[a] * size[b]) + neg) > 1e-12:
            continue
        new = len(size)
        size.append(size[a] + size[b])
        members[new] = members.pop(a) + members.pop(b)
        alive -= {a, b}
        merged: dict[int, float] = {}
        tops: dict[int, float] = {}
        for old in (a, b):
            for c, s in total.pop(old).items():
                if c in (a, b):
                    continue
                merged[c] = merged.get(c, 0.0) + s
                tops[c] = max(tops.get(c, 0.0), peak[old][c])
                del total[c][old]
                del peak[c][old]
            del peak[old]
        for c, s in merged.items():
            total[c][new] = s
            peak[c][new] = tops[c]
            avg = s / (size[new] * size[c])
            if wanted(avg, tops[c]):
                heapq.heappush(heap, (-avg, min(c, new), max(c, new)))
        total[new] = merged
        peak[new] = tops
        alive.add(new)
    return [sorted(members[c]) for c in sorted(alive, key=lambda c: min(members[c]))]


def _content_key(source: Source, by_source: Mapping[str, list[AnalyzedSentence]]) -> str:
    items = by_source.get(source.id, [])
    # The first sentences and the count identify an article well enough (exact copies are gone).
    text = f"{len(items)}\n" + "\n".join(a.sentence.text for a in items[:KEY_SENTENCES])
    # Dated articles first, earliest first: the first of a group of copies is its origin.
    dated = "0" + source.published if source.published else "1"
    return dated + hashlib.sha1(text.encode("utf-8")).hexdigest()


def _day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None
