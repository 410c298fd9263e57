"""briefer's own ranker: position-aware centrality, topic bias and MMR redundancy control.

A news sentence is worth reporting when it comes early in its article (the lead), when later
sentences elaborate on it (PacSum's directed centrality, Zheng & Lapata 2019), when it says what
the other sources say too (similarity to the centroid of all sentences, as in MEAD), and — for a
section with a topic — when it covers the topic's words (IDF-weighted, expanded with the article's
own words for the topic by pseudo-relevance feedback when the topic's own words match little of
the text), and when it resembles the sentences that cover the topic (topic-biased degree
centrality, one step of Otterbacher et al. 2005's topic-biased random walk; the full walk is
available as `topic_walk` but measured worse on the dev sets). The best
candidates are then reordered by maximal marginal relevance (Carbonell & Goldstein 1998) so the
top of the ranking does not repeat itself.

Everything is sparse or per-source: the cost grows with the number of sentences times the
length of the longest source, never with the square of the whole input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import RankRequest
from .centrality import directed_centrality
from .matrix import term_matrix


@dataclass(frozen=True)
class Params:
    """Weights of the score's parts (chosen by 5-fold cross-validation by article; see
    benchmarks/quality.md)."""

    position: float = 1.7  # weight of the lead prior
    first: float = 0.25  # extra weight of each source's first sentence (the news lead)
    decay: float = 0.95  # lead prior = 1 / (1 + position) ** decay
    forward: float = 1.85  # PacSum: similarity to the sentences after this one
    backward: float = -0.7  # PacSum: similarity to those before (negative: repeats add little)
    centroid: float = 1.0  # similarity to the centroid of all sentences (cross-source support)
    topic: float = 5.5  # coverage of the section's focus terms
    topic_centrality: float = 0.5  # similarity to the on-topic sentences (topic-biased degree)
    feedback: float = 1.5  # Rocchio expansion for a topic matching one term (÷ matched²)
    facets: float = 0.5  # weight of a facet's concrete words ("location" -> "miles", "coast")
    topic_walk: float = 0.0  # Otterbacher: share of the random walk that jumps to the topic
    min_words: int = 6  # shorter sentences (datelines, captions) are penalised
    mmr: float = 0.7  # MMR trade-off: 1 = relevance only
    mmr_depth: int = 40  # how many top candidates MMR reorders
    block_limit: int = 2500  # a source longer than this skips the dense directed graph


PARAMS = Params()


def rank_briefer(request: RankRequest) -> list[float]:
    """Score sentences: lead position + directed centrality + centroid + topic, then MMR."""
    return score_sentences(request, PARAMS)


def score_sentences(request: RankRequest, params: Params) -> list[float]:
    """The ranker with explicit parameters (the benchmark and the tests tune it)."""
    n = len(request.sentences)
    if n == 0:
        return []
    matrix, vocabulary = tfidf_rows(request.terms)
    relevance = relevance_scores(request, matrix, vocabulary, params)
    order = mmr_order(
        relevance, matrix, params.mmr, min(n, max(params.mmr_depth, 3 * request.count))
    )
    # MMR picks come first (in MMR order), the rest keep their relevance order below them.
    scores = _normalise(relevance)
    top = len(order)
    for rank, index in enumerate(order):
        scores[index] = 2.0 + (top - rank)
    return [float(s) for s in scores]


def tfidf_rows(terms: Sequence[Sequence[str]]) -> tuple[sp.csr_matrix, dict[str, int]]:
    """Sentence × term TF-IDF matrix with L2-normalised rows (sublinear tf), and its columns."""
    built = term_matrix(terms)
    counts = built.counts
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    idf = np.log((n + 1.0) / (df + 1.0)) + 1.0
    weighted = counts.copy()
    weighted.data = 1.0 + np.log(weighted.data)
    weighted = weighted.multiply(idf[np.newaxis, :]).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ weighted), built.vocabulary


def _normalise(values: np.ndarray) -> np.ndarray:
    """Min-max scale to [0, 1] (a constant vector becomes all zeros)."""
    top = float(values.max()) if values.size else 0.0
    low = float(values.min()) if values.size else 0.0
    if top - low <= 1e-12:
        return np.zeros_like(values)
    return (values - low) / (top - low)


def _position_prior(positions: np.ndarray, decay: float) -> np.ndarray:
    return 1.0 / (1.0 + positions) ** decay


def relevance_scores(
    request: RankRequest, matrix: sp.csr_matrix, vocabulary: dict[str, int], params: Params
) -> np.ndarray:
    """Each sentence's relevance before redundancy control (higher is better)."""
    n = matrix.shape[0]
    positions = np.fromiter((s.position for s in request.sentences), dtype=np.float64, count=n)
    lengths = np.fromiter((len(w) for w in request.words), dtype=np.float64, count=n)
    forward, backward = directed_centrality(request.sentences, matrix, params.block_limit)
    total = np.asarray(matrix.sum(axis=0)).ravel()
    centroid = matrix @ total - 1.0  # degree centrality: summed cosine to every other sentence
    score = (
        params.position * _position_prior(positions, params.decay)
        + params.first * (positions == 0)
        + params.forward * _normalise(forward)
        + params.backward * _normalise(backward)
        + params.centroid * _normalise(centroid)
    )
    if request.focus:
        topic = topic_similarity(
            matrix, vocabulary, request.focus, params.feedback, request.expansion, params.facets
        )
        if params.topic_centrality > 0:
            near = topic_centrality(matrix, topic)
            score = score + params.topic_centrality * _normalise(near)
        if params.topic_walk > 0:
            topic = _topic_walk(matrix, topic, params.topic_walk)
        score = score + params.topic * _normalise(topic)
    # Very short "sentences" are datelines, bylines and captions more often than news.
    short = np.clip(lengths / max(params.min_words, 1), 0.0, 1.0)
    return np.asarray(score * short, dtype=np.float64)


def topic_similarity(
    matrix: sp.csr_matrix,
    vocabulary: dict[str, int],
    focus: Sequence[str],
    feedback: float = 0.0,
    expansion: Sequence[str] = (),
    facets: float = 0.0,
    feedback_docs: int = 3,
) -> np.ndarray:
    """How much of the topic each sentence covers: IDF-weighted focus terms it contains.

    Not normalised by sentence length (unlike cosine): a sentence naming more of the topic's
    words is more on topic, however long. With `feedback` > 0 the query is expanded with the
    best-matching sentences' terms (Rocchio pseudo-relevance feedback), so the words the
    article itself uses for the topic count too. The expansion fades with the square of the
    number of topic terms the text matches: a short or abstract topic ("geography") needs the
    article's words, a rich one (ten topic words) is specific already and expanding it only
    drifts toward the lead (measured: -0.3 ROUGE-1 on NEWTS at a fixed weight). `expansion`
    stems (the concrete words of the topic's facets, briefer.facets) join the query at weight
    `facets`; they do not count as matched topic terms.
    """
    n = matrix.shape[0]
    query = np.zeros(matrix.shape[1])
    for _term, column, weight in _focus_columns(vocabulary, focus):
        query[column] += weight
    matched = int(np.count_nonzero(query))
    if facets > 0:
        for term in expansion:
            found = vocabulary.get(term)
            if found is not None and not query[found]:
                query[found] = facets
    if not query.any():
        return np.zeros(n)
    feedback /= float(max(matched, 1) ** 2)
    # IDF weighting: a topic word every sentence uses says little about which are on topic.
    df = np.bincount(matrix.indices, minlength=matrix.shape[1]).astype(np.float64)
    query *= np.log((n + 1.0) / (df + 1.0)) + 1.0
    query /= np.linalg.norm(query)
    present = matrix.copy()
    present.data[:] = 1.0
    sims = np.asarray(present @ query).ravel()
    if feedback > 0 and n > feedback_docs:
        top = np.argsort(-sims, kind="stable")[:feedback_docs]
        top = top[sims[top] > 0]
        if len(top):
            centroid = np.asarray(matrix[top].mean(axis=0)).ravel()
            query = query + feedback * centroid / (np.linalg.norm(centroid) or 1.0)
            query /= np.linalg.norm(query)
            sims = np.asarray(present @ query).ravel()
    return sims


def topic_centrality(matrix: sp.csr_matrix, topic: np.ndarray) -> np.ndarray:
    """Each sentence's summed cosine to the others, each weighted by how on topic it is.

    Degree centrality biased to the topic (one step of Otterbacher's topic-biased walk): a
    sentence that shares words with the on-topic sentences is on topic in the article's own
    words, even when it names few of the topic's words, and one that merely names a topic word
    in passing gains little. Computed as M (Mᵀ t) less the diagonal (1 for a sentence with
    terms), so it costs the matrix's non-zeros, not n².
    """
    weights = _normalise(topic)
    if not weights.any():
        return np.zeros(matrix.shape[0])
    diagonal = np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()
    return np.asarray(matrix @ (matrix.T @ weights)).ravel() - diagonal * weights


VARIANT_WEIGHT = 0.7  # a morphological variant ("injured" for "injury") counts a bit less
VARIANT_MIN = 4  # stems shorter than this only match exactly ("aid" is not "aide")


def _focus_columns(
    vocabulary: dict[str, int], focus: Sequence[str]
) -> list[tuple[str, int, float]]:
    """Vocabulary columns matching each focus stem: exactly, or as a stemmer variant.

    Snowball stems "injury" to "injuri" but "injured" to "injur": a stem that extends or
    shortens the other by at most two letters is taken as the same word.
    """
    out: list[tuple[str, int, float]] = []
    by_prefix: dict[str, list[str]] = {}
    for term in vocabulary:
        if len(term) >= VARIANT_MIN:
            by_prefix.setdefault(term[:VARIANT_MIN], []).append(term)
    for term in dict.fromkeys(focus):
        if term in vocabulary:
            out.append((term, vocabulary[term], 1.0))
        if len(term) < VARIANT_MIN:
            continue
        for other in by_prefix.get(term[:VARIANT_MIN], ()):
            if (
                other != term
                and abs(len(other) - len(term)) <= 2
                and (other.startswith(term) or term.startswith(other))
            ):
                out.append((other, vocabulary[other], VARIANT_WEIGHT))
    return out


def _topic_walk(
    matrix: sp.csr_matrix, topic: np.ndarray, jump: float, iterations: int = 30
) -> np.ndarray:
    """Otterbacher's topic-biased LexRank: a random walk that jumps to on-topic sentences."""
    n = matrix.shape[0]
    if topic.sum() <= 0 or n > 5000:
        return topic
    sim = (matrix @ matrix.T).toarray()
    np.fill_diagonal(sim, 0.0)
    rows = sim.sum(axis=1, keepdims=True)
    rows[rows == 0] = 1.0
    walk = sim / rows
    bias = topic / topic.sum()
    p = np.full(n, 1.0 / n)
    for _ in range(iterations):
        p = jump * bias + (1.0 - jump) * (walk.T @ p)
    return p


DENSE_MMR_POOL = 2000  # candidates; above this MMR's similarity rows are computed one by one


def mmr_order(
    relevance: np.ndarray, matrix: sp.csr_matrix, trade_off: float, depth: int
) -> list[int]:
    """The top `depth` sentences in maximal-marginal-relevance order."""
    n = len(relevance)
    if n == 0 or depth <= 0:
        return []
    pool = np.argsort(-relevance, kind="stable")[: min(n, max(depth * 2, depth))]
    rel = _normalise(relevance[pool]) if len(pool) > 1 else np.ones(1)
    sub = matrix[pool]
    # A dense pool × pool matrix is fast for small pools, but its size follows the budget, not
    # the input (--sentences 10000 on a 3 MB text wanted 7 GB): larger pools compute each chosen
    # sentence's similarity row when it is needed. Both give the same numbers, hence rankings.
    dense = len(pool) <= DENSE_MMR_POOL
    sim = (sub @ sub.T).toarray() if dense else None
    columns = None if dense else sub.T.tocsr()
    chosen: list[int] = []
    max_sim = np.zeros(len(pool))
    available = np.ones(len(pool), dtype=bool)
    for _ in range(min(depth, len(pool))):
        gain = trade_off * rel - (1.0 - trade_off) * max_sim
        gain[~available] = -np.inf
        best = int(np.argmax(gain))
        chosen.append(int(pool[best]))
        available[best] = False
        row = sim[best] if sim is not None else (sub[best] @ columns).toarray().ravel()
        max_sim = np.maximum(max_sim, row)
    return chosen
