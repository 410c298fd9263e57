"""Context repair: which sentences lean on their predecessor, and what the brief shows then."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.context import (
    ANY,
    ORGANISATION,
    PERSON,
    context_for,
    dangling_reference,
    depends_on_previous,
    is_dangling,
    repair,
)
from briefer.models import Article, BriefSentence
from briefer.options import BriefOptions
from briefer.pipeline import analyse
from briefer.run import make_brief
from briefer.text import Analyzer

EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.mark.parametrize(
    "sentence, kind",
    [
        # pronouns
        ("He attacked Tory plans for the health service.", PERSON),
        ("She was taken to hospital on Monday.", PERSON),
        ("His comments come three days before the summit.", PERSON),
        ("They believe the mound was built by a Viking earl.", ANY),
        ("It has also demanded that shareholders be consulted.", ANY),
        ("This appeal follows the launch of the missile.", ANY),
        ("These figures are the first official confirmation.", ANY),
        ("Such a move would help Alfa Romeo share costs.", ANY),
        ('"This is a tragedy felt by all of us," the dean said.', ANY),
        ("Speaking on Monday, he said the talks had failed.", PERSON),
        # connectives
        ("However, the company said profits would fall.", ANY),
        ("But the Commission report says reform has been too slow.", ANY),
        ("Also on Monday, police arrested two men.", ANY),
        ("Meanwhile, prices kept rising.", ANY),
        ("In addition, the European company plans a training centre.", ANY),
        ("So, the vote was delayed.", ANY),
        ("Yet Bushmaster continued to market the rifle.", ANY),
        ("On Wednesday they unveiled a poster.", ANY),
        # bare definite descriptions
        ("The firm, which is now based in Dublin, denied the claim.", ORGANISATION),
        ("The company said it would appeal.", ORGANISATION),
        ("The man was arrested at the scene.", PERSON),
        ("The tragic accident happened at about 11:45 a.m.", ANY),
        ("She’s injured,” Ali told reporters at the scene.", PERSON),
        ("The move comes as talks resume.", ANY),
        ("The index, which ranks 163 countries, puts Ireland first.", ANY),
        ("The urgency of this request comes after the strike.", ANY),
        ("The girls, from Delphi, were reported missing on Monday.", ANY),
        # attributions with no name
        ('"We will not give up," he said.', PERSON),
        ('"It was a particularly prolific time," she says.', ANY),  # opens with "It was"
    ],
)
def test_dangling_openers_by_lexicon_class(sentence: str, kind: str) -> None:
    assert dangling_reference(sentence, "english") == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Zelensky highlighted that the defense minister is meeting allies.",
        "It is unclear whether the strike was intercepted.",
        "It was not immediately clear how many people were hurt.",
        "This year's harvest was the worst in a decade.",
        "This Saturday the city holds its first vote.",
        "So far no group has claimed the attack.",
        "Still images showed the damage.",
        "The company behind Fortnite announced a new season.",
        "The president of France called for calm.",
        "The Bay Park complex has a chronic problem with its elevators.",
        '"We will not give up," Zelensky said.',
        "Andrew Smith said the vote was fair.",  # "And" only as a whole word
        "Butler scored twice.",
        "Police said the gunman was known to them.",
        "For those of us who own pets, the decision was hard.",
        "Besides the state's health department, the EPA also confirmed the tests.",
        '"Tony Blair has healed rifts, he is helping to heal wounds," she said.',
        "The film's director said he was disappointed.",  # no previous sentence given
    ],
)
def test_self_contained_sentences_do_not_dangle(sentence: str) -> None:
    assert dangling_reference(sentence, "english") is None


def test_a_definite_noun_just_mentioned_leans_back() -> None:
    film = "The film's director said he was disappointed."
    assert dangling_reference(film, "english", "Lopez starred in a new film.") == ANY
    assert dangling_reference(film, "english", "Lopez won the award.") is None
    assert depends_on_previous(film, "Lopez starred in two films.", "english")


def test_languages_without_a_lexicon_are_left_alone() -> None:
    assert dangling_reference("Er sagte, die Gespräche seien gescheitert.", "german") is None
    assert dangling_reference("He said the talks failed.", "german") is None
    assert not depends_on_previous("He said so.", "Zelensky spoke.", "german")


def test_antecedent_test_both_ways() -> None:
    he = "He said the talks had failed."
    assert depends_on_previous(he, "President Volodymyr Zelensky spoke on Monday.", "english")
    assert depends_on_previous(he, "The minister met allies in Brussels.", "english")
    assert not depends_on_previous(he, "Apple Inc reported record profits.", "english")
    assert not depends_on_previous(he, "the weather was cold and wet.", "english")
    firm = "The firm said it would appeal."
    assert depends_on_previous(firm, "Shares in Parmalat fell 5%.", "english")
    assert not depends_on_previous(firm, "shares fell sharply on monday.", "english")
    # Connectives and "this" lean on whatever came before; a first sentence leans on nothing.
    assert depends_on_previous("However, prices rose.", "prices fell in may.", "english")
    assert not depends_on_previous("However, prices rose.", None, "english")
    assert not depends_on_previous("Zelensky spoke.", "He was in Kyiv.", "english")


def test_context_reaches_back_when_the_predecessor_names_no_one() -> None:
    before = ["President Zelensky spoke in Kyiv.", "the mood was grim."]
    assert context_for("He said allies must act.", before, "english") == (
        "President Zelensky spoke in Kyiv. the mood was grim."
    )
    assert context_for("However, prices rose.", before, "english") == "the mood was grim."
    assert context_for("Zelensky said allies must act.", before, "english") is None


def _corpus(text: str):  # type: ignore[no-untyped-def]
    return analyse([Article(text=text, location="a.txt")], Analyzer("english"))


def test_repair_sets_context_only_where_the_predecessor_is_not_shown() -> None:
    corpus = _corpus(
        "Shares in Parmalat fell 5% on Monday. The firm said it would appeal. "
        "Analysts expect a ruling in May. However, talks continue."
    )
    texts = [a.sentence.text for a in corpus.sentences]
    shown = [BriefSentence(texts[i], "s1", i) for i in (1, 3)]
    out = repair(shown, corpus, "english")
    assert [s.context for s in out] == [texts[0], texts[2]]
    # Shown right after its predecessor, a sentence needs nothing.
    consecutive = [BriefSentence(texts[i], "s1", i) for i in (0, 1)]
    assert [s.context for s in repair(consecutive, corpus, "english")] == [None, None]
    assert [is_dangling(s, None, "english") for s in out] == [False, False]
    assert is_dangling(shown[0], None, "english")
    assert not is_dangling(shown[0], consecutive[0], "english")


def test_context_takes_two_sentences_when_the_nearer_one_leans_back_too() -> None:
    corpus = _corpus(
        "Shares in Parmalat fell 5% on Monday. But the firm said it would appeal. "
        "However, analysts expect a ruling in May."
    )
    texts = [a.sentence.text for a in corpus.sentences]
    alone = repair([BriefSentence(texts[2], "s1", 2)], corpus, "english")
    assert alone[0].context == f"{texts[0]} {texts[1]}"
    # With the first sentence shown just before, only the one in between is missing.
    shown = [BriefSentence(texts[0], "s1", 0), BriefSentence(texts[2], "s1", 2)]
    assert [s.context for s in repair(shown, corpus, "english")] == [None, texts[1]]


def test_a_sources_first_sentence_never_gets_context() -> None:
    corpus = _corpus("However, the talks went on. Zelensky spoke.")
    first = BriefSentence(corpus.sentences[0].sentence.text, "s1", 0)
    assert repair([first], corpus, "english")[0].context is None


def test_example_brief_reads_right_on_its_own() -> None:
    brief = make_brief(
        [EXAMPLES / "dnipro-oreshnik-strike.txt"],
        "ukraine-air-defense",
        BriefOptions(method="briefer"),
    )
    strike = brief.sections[0].sentences
    appeal = next(s for s in strike if s.text.startswith("This appeal follows"))
    assert appeal.context is not None
    assert appeal.context.startswith("Ukraine is intensifying its efforts")
    shown = [*brief.key_points, *(s for sec in brief.sections for s in sec.sentences)]
    for sentences in (brief.key_points, *(sec.sentences for sec in brief.sections)):
        previous = None
        for sentence in sentences:
            assert not is_dangling(sentence, previous, brief.language), sentence.text
            previous = sentence
    assert all(s.position > 0 for s in shown if s.context)
