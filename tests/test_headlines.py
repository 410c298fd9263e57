"""A story's headline says what its sources report together, not what one ranks high for."""

from __future__ import annotations

from briefer.models import AnalyzedSentence, Sentence
from briefer.stories.assemble import StoryGroup
from briefer.stories.headlines import headline, lead_support
from briefer.text import Analyzer, tokenize_words

EN = Analyzer("english")
LEADS = [
    (
        "s1",
        "Jared Kushner is under scrutiny by the FBI in its Russia investigation, officials said.",
    ),
    (
        "s2",
        "An attorney for Jared Kushner said he would cooperate with the FBI Russia investigation.",
    ),
    ("s3", "The Late Show host's trip to the country will be broadcast in five new episodes soon."),
]


def _items(rows: list[tuple[str, str]]) -> list[AnalyzedSentence]:
    return [
        AnalyzedSentence(Sentence(src, 0, text), tuple(tokenize_words(text)), EN.text_terms(text))
        for src, text in rows
    ]


def _group(members: tuple[int, ...], sources: tuple[str, ...]) -> StoryGroup:
    return StoryGroup("st1", "Kushner", sources, len(sources), len(sources), members)


def test_a_high_ranked_lead_about_something_else_does_not_head_the_story() -> None:
    items = _items(LEADS)
    scores = {0: 0.5, 1: 0.4, 2: 5.0}  # the sidebar lead ranks highest across the corpus
    assert headline(_group((0, 1, 2), ("s1", "s2", "s3")), scores, items) == 0
    support = lead_support([0, 1, 2], [0, 1, 2], items)
    assert support[2] == 0 < support[1] and support[0] > 0


def test_one_source_keeps_the_ranking_and_a_question_never_heads() -> None:
    items = _items(
        [*LEADS[2:], ("s3", "Did the FBI have the authority to open the inquiry at all?")]
    )
    assert headline(_group((0, 1), ("s3",)), {0: 0.1, 1: 9.0}, items) == 0
    items = _items(LEADS)
    assert headline(_group((0, 1, 2), ("s1", "s2", "s3")), {0: 0.1, 1: 3.0, 2: 3.0}, items) == 1
