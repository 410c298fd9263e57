"""Facets: an abstract topic word ("location") ranks the sentences that state such a fact."""

from __future__ import annotations

from briefer.eval_records import topic_profile
from briefer.facets import FACETS, facet_index
from briefer.models import AnalyzedSentence, Profile, SectionSpec, Sentence
from briefer.sections import plan_sections, section_expansion
from briefer.summarize.briefer_rank import tfidf_rows, topic_similarity
from briefer.text import Analyzer, tokenize_words

EN = Analyzer("english")

QUAKE = [
    "An earthquake killed two people on Friday, officials said.",
    "The quake struck 200 kilometres off the coast, west of the provincial capital.",
    "Officials said schools would stay closed on Monday.",
]


def _spec(*terms: str) -> SectionSpec:
    return SectionSpec(id="topic", title="Topic", terms=terms)


def test_an_abstract_term_calls_its_facets_words() -> None:
    expansion = section_expansion(_spec("location"), EN)
    for word in ("kilometres", "coast", "province", "north"):
        assert EN.text_terms(word)[0] in expansion
    assert EN.text_terms("location")[0] not in expansion  # the term itself is not repeated


def test_a_concrete_term_or_a_phrase_word_calls_nothing() -> None:
    assert section_expansion(_spec("floods", "Ankara"), EN) == ()
    # "half-time" is not a topic about time, nor "defend their title" one about defendants.
    spec = SectionSpec(id="t", title="T", phrases=("scored before half-time",))
    assert section_expansion(spec, EN) == ()
    assert section_expansion(_spec("defend"), EN) == ()


def test_other_languages_get_no_expansion() -> None:
    assert section_expansion(_spec("location"), Analyzer("german")) == ()


def test_expansion_ranks_the_sentence_that_states_the_place() -> None:
    terms = [EN.text_terms(t) for t in QUAKE]
    matrix, vocabulary = tfidf_rows(terms)
    focus = EN.text_terms("location region")
    expansion = section_expansion(_spec("location", "region"), EN)
    plain = topic_similarity(matrix, vocabulary, focus)
    assert not plain.any()  # no sentence says "location" or "region"
    expanded = topic_similarity(matrix, vocabulary, focus, 0.0, expansion, 0.5)
    assert int(expanded.argmax()) == 1 and expanded[0] == expanded[2] == 0
    assert not topic_similarity(matrix, vocabulary, focus, 0.0, expansion, 0.0).any()


def test_expansion_words_never_decide_a_sentences_section() -> None:
    profile = Profile(
        name="p",
        title="P",
        sections=(_spec("location"), SectionSpec(id="other", title="Other news")),
    )
    sentences = [
        AnalyzedSentence(
            Sentence("s1", i, t), tuple(tokenize_words(t)), EN.terms(tokenize_words(t))
        )
        for i, t in enumerate(QUAKE)
    ]
    plans = plan_sections(profile, sentences, EN)
    assert plans[0].members == () and plans[1].members == (0, 1, 2)
    assert plans[0].expansion == section_expansion(_spec("location"), EN)


def test_eval_topics_reach_the_ranker_with_their_facets() -> None:
    record = {"topic": "earthquake: geography", "topic_words": ["region", "location", "miles"]}
    spec = topic_profile(record).sections[0]
    assert EN.text_terms("coast")[0] in section_expansion(spec, EN)


def test_every_cue_and_word_is_a_term_and_every_cue_expands() -> None:
    index = facet_index(EN)
    for name, (cues, words) in FACETS.items():
        for word in (*cues.split(), *words.split()):
            assert EN.text_terms(word), (name, word)  # a stop word could never match
        for cue in cues.split():
            assert index.expand(EN.text_terms(cue)), (name, cue)
