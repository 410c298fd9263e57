"""The vectorized rankers pick what sumy picks, on real articles, and scale without blowing up."""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from shared_data import EVAL_DIR, missing
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from briefer.models import Sentence
from briefer.summarize import METHODS, RankRequest, fast, graph
from briefer.summarize import fast_sumy as fs
from briefer.summarize.matrix import term_matrix
from briefer.text import Analyzer, OfflineTokenizer

# the pipeline's stemmer (PyStemmer where present; it differs from NLTK's in a few words, e.g.
# "added"), used on both sides so that sumy and the fast rankers see the same terms
STEMMER = Analyzer("english").stem
STOP_WORDS = frozenset(get_stop_words("english"))
TOKENIZER = OfflineTokenizer("english")

PAIRS: dict[str, tuple[type, type, Callable[[RankRequest], list[float]]]] = {
    "lexrank": (LexRankSummarizer, fs.FastLexRankSummarizer, fast.rank_lexrank),
    "textrank": (TextRankSummarizer, fs.FastTextRankSummarizer, fast.rank_textrank),
    "lsa": (LsaSummarizer, fs.FastLsaSummarizer, fast.rank_lsa),
    "sumbasic": (SumBasicSummarizer, fs.FastSumBasicSummarizer, fast.rank_sumbasic),
    "kl": (KLSummarizer, fs.FastKLSummarizer, fast.rank_kl),
    "luhn": (LuhnSummarizer, fs.FastLuhnSummarizer, fast.rank_luhn),
}
MIN_ARTICLES = 20


def _articles(per_file: int = 8, min_sentences: int = 8, max_sentences: int = 45) -> list[Any]:
    """sumy documents of real single articles from the shared evaluation sets (read-only)."""
    if not EVAL_DIR.is_dir():
        missing(f"evaluation data not found in {EVAL_DIR}")
    documents = []
    for name in ("bbc_dev.jsonl", "newts_dev.jsonl", "aspectnews_earthquake_dev.jsonl"):
        path = EVAL_DIR / name
        if not path.exists():
            continue
        taken = 0
        seen: set[str] = set()
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                text = json.loads(line)["documents"][0]
                if text in seen:  # NEWTS lists each article twice (once per topic)
                    continue
                seen.add(text)
                document = PlaintextParser.from_string(text, TOKENIZER).document
                if min_sentences <= len(document.sentences) <= max_sentences:
                    documents.append(document)
                    taken += 1
                    if taken == per_file:
                        break
    if len(documents) < MIN_ARTICLES:
        missing("not enough evaluation articles")
    return documents


@pytest.fixture(scope="module")
def articles() -> list[Any]:
    return _articles()


def _configured(cls: type) -> Any:
    summarizer = cls(STEMMER)
    summarizer.stop_words = STOP_WORDS
    return summarizer


def _sumy_ratings(summarizer: Any, document: Any, k: int) -> tuple[set[int], dict[int, float]]:
    """sumy's chosen sentence orders and every sentence's rating (via the callable count)."""
    ratings: dict[int, float] = {}

    def count(infos: Any) -> Any:
        ratings.update({info.order: float(info.rating) for info in infos})
        return infos[:k]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # LSA warns on short documents
        summarizer(document, count)
    order = sorted(ratings, key=lambda o: -ratings[o])  # stable: sumy's own tie order
    return set(order[:k]), ratings


def _same_choice(expected: set[int], got: set[int], ratings: dict[int, float], k: int) -> bool:
    """Equal sets, or they differ only among sentences sumy rates equal (float-noise ties)."""
    if expected == got:
        return True
    boundary = sorted(ratings.values(), reverse=True)[min(k, len(ratings)) - 1]
    tolerance = 1e-9 * max(1.0, abs(boundary))
    return all(abs(ratings[o] - boundary) <= tolerance for o in expected ^ got)


def _positions(document: Any, chosen: tuple[Any, ...]) -> set[int]:
    """Positions of the chosen sentence objects (by identity: duplicates are distinct)."""
    ids = {id(s) for s in chosen}
    return {i for i, s in enumerate(document.sentences) if id(s) in ids}


def _request(document: Any, count: int = 5) -> RankRequest:
    """A RankRequest holding exactly the terms sumy's summarizers derive from the document."""
    sentences = document.sentences
    terms = [
        tuple(STEMMER(w.lower()) for w in s.words if w.lower() not in STOP_WORDS) for s in sentences
    ]
    return RankRequest(
        sentences=[Sentence(source="a", position=i, text=str(s)) for i, s in enumerate(sentences)],
        terms=terms,
        words=[tuple(s.words) for s in sentences],
        count=count,
    )


@pytest.mark.parametrize("method", list(PAIRS))
def test_summarizer_classes_choose_what_sumy_chooses(method: str, articles: list[Any]) -> None:
    original, replacement, _ = PAIRS[method]
    identical = 0
    for document in articles:
        for k in (3, 5):
            expected, ratings = _sumy_ratings(_configured(original), document, k)
            chosen = _configured(replacement)(document, k)
            got = _positions(document, chosen)
            assert len(chosen) == len(sumy_result := _configured(original)(document, k))
            assert _same_choice(expected, got, ratings, k), (method, k, str(document.sentences[0]))
            identical += chosen == sumy_result
    assert identical >= 0.75 * 2 * len(articles)  # most are the very same tuple (the rest: ties)


@pytest.mark.parametrize("method", list(PAIRS))
def test_rankers_choose_what_sumy_chooses(method: str, articles: list[Any]) -> None:
    original, _, ranker = PAIRS[method]
    for document in articles:
        request = _request(document, count=5)
        scores = ranker(request)
        assert len(scores) == len(document.sentences)
        assert all(math.isfinite(s) for s in scores)
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        for k in (3, 5):
            expected, ratings = _sumy_ratings(_configured(original), document, k)
            assert _same_choice(expected, set(order[:k]), ratings, k), (method, k)
        if method in ("lexrank", "textrank", "lsa"):  # same definition: the same numbers
            reference = [ratings[i] for i in range(len(scores))]
            np.testing.assert_allclose(scores, reference, rtol=1e-9, atol=1e-12)
        if method in ("sumbasic", "luhn"):
            assert scores == [ratings[i] for i in range(len(scores))]


@pytest.mark.parametrize("method", list(PAIRS))
def test_duplicate_sentences_behave_as_in_sumy(method: str, articles: list[Any]) -> None:
    """sumy keys ratings by text, so a repeated sentence shares (or loses) its rating."""
    original, replacement, _ = PAIRS[method]
    for document in articles[:12]:
        texts = [str(s) for s in document.sentences]
        text = " ".join(texts) + "\n\n" + " ".join(texts[:3] + texts[1:2])
        doubled = PlaintextParser.from_string(text, TOKENIZER).document
        for k in (3, 5):
            expected, ratings = _sumy_ratings(_configured(original), doubled, k)
            got = _positions(doubled, _configured(replacement)(doubled, k))
            assert _same_choice(expected, got, ratings, k), (method, k)
        if method in ("lexrank", "textrank"):  # copies are merged into one weighted node
            scores = PAIRS[method][2](_request(doubled))
            reference = [ratings[i] for i in range(len(scores))]
            np.testing.assert_allclose(scores, reference, rtol=1e-9, atol=1e-12)


def test_lsa_scores_equal_sumys_svd_ratings(articles: list[Any]) -> None:
    """sumy's LSA rating keeps every singular value, so it is exactly a column norm."""
    for document in articles[:10]:
        _, ratings = _sumy_ratings(_configured(LsaSummarizer), document, 3)
        words = (w.lower() for w in document.words)
        dictionary = {STEMMER(w) for w in words if w not in STOP_WORDS}
        vocabulary = {w: i for i, w in enumerate(dictionary)}
        stems = [
            [t for t in (STEMMER(w.lower()) for w in s.words) if t in vocabulary]
            for s in document.sentences
        ]
        scores = fast.lsa_scores(term_matrix(stems, vocabulary).counts, len(vocabulary))
        np.testing.assert_allclose(scores, [ratings[i] for i in range(len(scores))], rtol=1e-9)


def test_lsa_with_fewer_dimensions_uses_a_real_svd(
    articles: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # sumy reads its own class attributes, so both classes are changed
    monkeypatch.setattr(LsaSummarizer, "REDUCTION_RATIO", 0.5)
    monkeypatch.setattr(fs.FastLsaSummarizer, "REDUCTION_RATIO", 0.5)
    for document in articles[:10]:
        for k in (3, 5):
            expected, ratings = _sumy_ratings(_configured(LsaSummarizer), document, k)
            got = _positions(document, _configured(fs.FastLsaSummarizer)(document, k))
            assert _same_choice(expected, got, ratings, k)


def test_kl_exact_for_count_then_next_best(articles: list[Any]) -> None:
    for document in articles[:10]:
        _, ratings = _sumy_ratings(_configured(KLSummarizer), document, 3)
        scores = fast.rank_kl(_request(document, count=3))
        sumy_order = sorted(ratings, key=lambda o: -ratings[o])
        ours = sorted(range(len(scores)), key=lambda i: -scores[i])
        assert ours[:4] == sumy_order[:4]  # three exact greedy picks, then sumy's fourth
        assert [scores[i] for i in ours[:3]] == [0.0, -1.0, -2.0]


def test_sumy_classes_are_drop_in(articles: list[Any]) -> None:
    document = articles[0]
    summarizer = fs.FastLexRankSummarizer(STEMMER)
    assert isinstance(summarizer, AbstractSummarizer)
    summarizer.stop_words = ["The", "A"]
    assert summarizer.stop_words == frozenset({"the", "a"})
    summarizer.stop_words = STOP_WORDS
    n = len(document.sentences)
    assert len(summarizer(document, "20%")) == int(n * 0.2)
    assert summarizer(document, lambda infos: infos[:2]) == _configured(LexRankSummarizer)(
        document, lambda infos: infos[:2]
    )
    empty = PlaintextParser.from_string("", TOKENIZER).document
    for _, replacement, _ in PAIRS.values():
        assert _configured(replacement)(empty, 3) == ()


def _many_sentences(limit: int) -> list[tuple[str, ...]]:
    terms: list[tuple[str, ...]] = []
    for document in _articles(per_file=60, min_sentences=1, max_sentences=10_000):
        for s in document.sentences:
            terms.append(tuple(STEMMER(w.lower()) for w in s.words if w.lower() not in STOP_WORDS))
    if len(terms) < limit:
        missing("not enough evaluation sentences")
    return terms[:limit]


def test_large_input_paths_agree_with_exact_ones() -> None:
    matrix = term_matrix(_many_sentences(800))
    exact = fast.textrank_scores(matrix.counts, matrix.lengths, explicit=True)
    lowrank = fast.textrank_scores(matrix.counts, matrix.lengths, explicit=False)
    np.testing.assert_allclose(lowrank, exact, rtol=1e-9, atol=1e-15)
    assert list(np.argsort(-lowrank)[:10]) == list(np.argsort(-exact)[:10])
    # a neighbour cap above every degree changes nothing
    uncapped = fast.lexrank_scores(matrix.counts)
    capped = fast.lexrank_scores(matrix.counts, max_neighbors=10**6)
    np.testing.assert_allclose(capped, uncapped, rtol=1e-12)


def test_lexrank_matches_sumy_on_a_multi_article_graph() -> None:
    documents = _articles(per_file=30, min_sentences=1, max_sentences=10_000)
    text = "\n\n".join(" ".join(str(s) for s in d.sentences) for d in documents[:12])
    document = PlaintextParser.from_string(text, TOKENIZER).document
    assert len(document.sentences) > 150
    _, ratings = _sumy_ratings(_configured(LexRankSummarizer), document, 5)
    scores = fast.rank_lexrank(_request(document))
    np.testing.assert_allclose(scores, [ratings[i] for i in range(len(scores))], rtol=1e-9)


def test_wire_copies_keep_the_graph_bounded() -> None:
    story = [("missil", "strike", "kyiv"), ("air", "defens", "appeal"), ("un", "council", "meet")]
    terms = story * 400
    matrix = term_matrix(terms)
    unit = graph.unit_tfidf(matrix.counts)
    rows, cols = graph.similar_pairs(unit, 0.1, 10)
    assert len(rows) <= len(terms) * 10
    assert len(graph.similar_pairs(unit, 0.1)[0]) > len(terms) * 100  # what the cap prevents
    rows, cols = graph.similar_pairs(unit, 0.1, budget=5000)  # capped once over budget
    assert len(rows) <= 5000 and (rows <= cols).all()
    scores = fast.lexrank_scores(matrix.counts, max_neighbors=10)
    assert np.isfinite(scores).all()


@pytest.mark.parametrize("method", list(PAIRS))
def test_degenerate_inputs(method: str) -> None:
    ranker = PAIRS[method][2]

    def request(terms: list[tuple[str, ...]], words: list[tuple[str, ...]]) -> RankRequest:
        sentences = [Sentence("a", i, " ".join(w)) for i, w in enumerate(words)]
        return RankRequest(sentences=sentences, terms=terms, words=words, count=2)

    assert ranker(request([], [])) == []
    assert len(ranker(request([("strike",)], [("Strike",)]))) == 1
    nothing = ranker(request([(), ()], [("the",), ("of", "a")]))
    assert len(nothing) == 2 and all(math.isfinite(s) for s in nothing)
    same = ranker(request([("kyiv", "strike")] * 4, [("Kyiv", "strike")] * 4))
    assert len(same) == 4 and all(math.isfinite(s) for s in same)


def test_registered_names() -> None:
    for name in ("lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl"):
        assert METHODS.entry(name).target == f"briefer.summarize.fast:rank_{name}"
        assert METHODS.get(name) is getattr(fast, f"rank_{name}")
    for name in ("lexrank", "textrank", "lsa", "luhn", "edmundson", "kl", "sumbasic", "random"):
        assert METHODS.entry(f"sumy:{name}").target.endswith(f"sumy_adapter:rank_{name}")
    for name in ("edmundson", "random"):
        assert METHODS.entry(name).target.endswith(f"sumy_adapter:rank_{name}")
