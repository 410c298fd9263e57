"""The `briefer` ranker: lead position, topic focus, MMR, many sources."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from briefer.models import Sentence
from briefer.summarize import DEFAULT_METHOD, METHODS, RankRequest
from briefer.summarize.briefer_rank import (
    rank_briefer,
    tfidf_rows,
    topic_centrality,
    topic_similarity,
)
from briefer.text import Analyzer, tokenize_words

TEXTS = [
    "Floods hit the river valley on Monday, forcing thousands from their homes.",
    "Rescue teams used boats to reach families trapped by the floods in the valley.",
    "Rescue teams used boats to reach families trapped by the floods in the valley, police said.",
    "The government promised aid money for farmers whose crops were destroyed.",
    "Officials said aid money and food would reach farmers within days.",
    "Weather forecasters expect more rain in the valley this week.",
]


def _request(
    texts: list[str], focus: tuple[str, ...] = (), source: str = "s1", count: int = 3
) -> RankRequest:
    analyzer = Analyzer("english")
    words = [tuple(tokenize_words(t)) for t in texts]
    return RankRequest(
        sentences=[Sentence(source, i, t) for i, t in enumerate(texts)],
        terms=[analyzer.terms(w) for w in words],
        words=words,
        focus=tuple(t for f in focus for t in analyzer.text_terms(f)),
        count=count,
    )


def _top(scores: list[float], k: int) -> list[int]:
    return sorted(range(len(scores)), key=lambda i: -scores[i])[:k]


def test_registered_as_the_default() -> None:
    assert DEFAULT_METHOD == "briefer" and "briefer" in METHODS.names()
    assert METHODS.get("briefer") is rank_briefer
    assert rank_briefer(_request([])) == []


def test_lead_wins_without_a_topic_and_duplicates_are_not_both_on_top() -> None:
    scores = rank_briefer(_request(TEXTS))
    assert len(scores) == len(TEXTS)
    top = _top(scores, 3)
    assert 0 in top
    assert not {1, 2} <= set(top)  # MMR: the near-copy adds nothing


def test_topic_moves_on_topic_sentences_up() -> None:
    plain = _top(rank_briefer(_request(TEXTS)), 2)
    focused = _top(rank_briefer(_request(TEXTS, focus=("aid", "money", "farmers"))), 2)
    assert set(focused) & {3, 4}
    assert set(focused) != set(plain)


def test_topic_similarity_matches_stemmer_variants() -> None:
    analyzer = Analyzer("english")
    texts = ["Dozens were injured in the blast.", "The weather was calm."]
    terms = [analyzer.text_terms(t) for t in texts]
    matrix, vocabulary = tfidf_rows(terms)
    sims = topic_similarity(matrix, vocabulary, analyzer.text_terms("injury"))
    assert sims[0] > 0 and sims[1] == 0


def test_many_sources_rank_in_one_pass() -> None:
    texts = [
        f"Story {k} sentence {i} about topic{k % 7} and event{i}."
        for k in range(400)
        for i in range(8)
    ]
    analyzer = Analyzer("english")
    words = [tuple(tokenize_words(t)) for t in texts]
    request = RankRequest(
        sentences=[Sentence(f"s{n // 8}", n % 8, t) for n, t in enumerate(texts)],
        terms=[analyzer.terms(w) for w in words],
        words=words,
        count=5,
    )
    scores = rank_briefer(request)
    assert len(scores) == len(texts)
    assert all(s == s for s in scores)  # no NaN


def test_query_expansion_fades_when_the_topic_matches_many_words() -> None:
    analyzer = Analyzer("english")
    texts = [
        "Floods hit the river valley.",
        "Boats reached the valley villages.",
        "Farmers lost their crops.",
        "Officials met on Tuesday.",
        "Markets were calm.",
    ]
    matrix, vocabulary = tfidf_rows([analyzer.text_terms(t) for t in texts])
    one = analyzer.text_terms("floods")
    # One matched topic word: the article's own words for it ("valley") count too.
    assert topic_similarity(matrix, vocabulary, one, 0.0)[1] == 0
    assert topic_similarity(matrix, vocabulary, one, 1.5)[1] > 0
    # Three matched words: the expansion weighs a ninth as much, so it moves scores less.
    three = analyzer.text_terms("floods farmers officials")
    plain, expanded = (topic_similarity(matrix, vocabulary, three, f) for f in (0.0, 1.5))
    assert 0 < expanded[1] < topic_similarity(matrix, vocabulary, one, 1.5)[1]
    assert abs(expanded[0] - plain[0]) < 0.2


def test_topic_centrality_favours_sentences_like_the_on_topic_ones() -> None:
    texts = [
        "The quake struck near the coast of the region.",  # names the topic word
        "The coast road and the harbour were closed after the quake.",  # like it, no topic word
        "Football results from the weekend were announced.",  # like neither
    ]
    request = _request(texts, focus=("region",))
    matrix, vocabulary = tfidf_rows(request.terms)
    topic = topic_similarity(matrix, vocabulary, request.focus)
    near = topic_centrality(matrix, topic)
    assert topic[1] == 0.0 and topic[2] == 0.0  # the topic words alone cannot tell them apart
    assert near[1] > near[2] == 0.0
    # The sparse form equals the summed cosines to the others, weighted by their topic score.
    sim = (matrix @ matrix.T).toarray()
    np.fill_diagonal(sim, 0.0)
    assert np.allclose(near, sim @ (topic / topic.max()))
    assert not topic_centrality(matrix, np.zeros(3)).any()


def _per_source_centrality(
    sentences: list[Sentence], matrix: sp.csr_matrix, limit: int
) -> tuple[np.ndarray, np.ndarray]:
    """The directed sums one source at a time (what the batched version must equal bit for bit)."""
    n = len(sentences)
    forward, backward = np.zeros(n), np.zeros(n)
    blocks: dict[str, list[int]] = {}
    for index, sentence in enumerate(sentences):
        blocks.setdefault(sentence.source, []).append(index)
    for members in blocks.values():
        if len(members) < 2 or len(members) > limit:
            continue
        idx = np.asarray(members)
        idx = idx[np.argsort([sentences[i].position for i in members], kind="stable")]
        block = matrix[idx]
        sim = (block @ block.T).toarray()
        np.fill_diagonal(sim, 0.0)
        forward[idx] = np.triu(sim).sum(axis=1)
        backward[idx] = np.tril(sim).sum(axis=1)
    return forward, backward


def test_batched_directed_centrality_equals_per_source_sums(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import random

    from briefer.summarize import centrality

    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(60)]
    sentences, terms = [], []
    for _ in range(700):
        source = f"s{int(rng.paretovariate(1.2)) % 40}"  # sizes from 1 to dozens
        sentences.append(Sentence(source, rng.randrange(30), "x"))  # positions shuffled, tied
        terms.append([rng.choice(vocab) for _ in range(rng.randrange(0, 12))])
    matrix, _ = tfidf_rows(terms)
    for limit in (2500, 25, 1):
        expected = _per_source_centrality(sentences, matrix, limit)
        found = centrality.directed_centrality(sentences, matrix, limit)
        assert all(a.tobytes() == b.tobytes() for a, b in zip(expected, found, strict=True))
    monkeypatch.setattr(centrality, "STACK_CELLS", 50)  # a block or a few per stack
    found = centrality.directed_centrality(sentences, matrix, 2500)
    expected = _per_source_centrality(sentences, matrix, 2500)
    assert all(a.tobytes() == b.tobytes() for a, b in zip(expected, found, strict=True))
    assert found[0].any() and found[1].any()
