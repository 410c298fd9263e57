"""Different events of one kind stay apart; reports of one event still join (undated articles)."""

from __future__ import annotations

import numpy as np
import pytest

from briefer.models import Article
from briefer.pipeline import analyse
from briefer.stories import events
from briefer.stories.cluster import cluster_sources
from briefer.stories.events import event_factors
from briefer.stories.features import Tokens, corpus_tokens
from briefer.text import Analyzer

QUAKE_JAPAN = (
    "A 7.2-magnitude earthquake struck off the east coast of Honshu on Wednesday, the U.S. "
    "Geological Survey said. The quake was centered 169 kilometers off the coast at a depth of "
    "10 kilometers. The Meteorological Agency issued a tsunami advisory, but there were no "
    "immediate reports of damage or injuries. Residents said buildings shook for about a minute "
    "and trains were halted while engineers checked the tracks."
)
# The same quake as another outlet told it: a dateline, "off Japan's east coast near Honshu".
QUAKE_JAPAN_AGAIN = (
    "Tokyo (AP) -- A strong earthquake struck off Japan's east coast near Honshu on Wednesday, "
    "prompting a tsunami advisory. The 7.2-magnitude quake was centered 169 kilometers out to "
    "sea, the Meteorological Agency said. There were no immediate reports of damage or injuries. "
    "Buildings shook for about a minute, residents said, and trains were halted for checks."
)
# Another quake of the same kind, told in the same words: another place, day and magnitude.
QUAKE_CHILE = (
    "A 6.7-magnitude earthquake struck off the coast of Chile on Sunday, the U.S. Geological "
    "Survey said. Its epicenter was 60 kilometers west of Iquique, at a depth of 20 kilometers. "
    "The navy ruled out a tsunami for the northern coast, and there were no immediate reports "
    "of injuries. Copper mines in the region stopped work for an hour while engineers checked "
    "the shafts."
)
OTHERS = (
    "Norway's central bank held its policy rate at 4.5 percent on Thursday and said it would "
    "probably keep it there until the end of the year. Inflation had come down but was still "
    "above target, the governor said. The crown weakened slightly against the euro.",
    "The city council approved a new budget for libraries and parks after a long debate. "
    "Opening hours will be extended at weekends, and two branches will reopen next spring. "
    "Opponents said the plan would raise local taxes.",
    "A local bakery won the regional bread prize for its sourdough loaf. The owner said the "
    "recipe came from her grandmother and that the oven is lit every morning at four. Queues "
    "formed outside the shop within an hour of the announcement.",
)


def stories(texts: tuple[str, ...]) -> list[set[str]]:
    articles = [Article(text=t, location=f"a{k}") for k, t in enumerate(texts)]
    corpus = analyse(articles, Analyzer("english"))
    where = {s.id: s.location for s in corpus.sources}
    found = cluster_sources(corpus.sources, corpus.sentences).stories
    return [{where[s] for s in story} for story in found]


def tokens_of(texts: tuple[str, ...]) -> Tokens:
    corpus = analyse([Article(text=t, location=f"a{k}") for k, t in enumerate(texts)], Analyzer())
    return corpus_tokens(
        [[a for a in corpus.sentences if a.sentence.source == s.id] for s in corpus.sources]
    )


def test_two_quakes_in_different_places_stay_apart() -> None:
    found = stories((QUAKE_JAPAN, QUAKE_CHILE, *OTHERS))
    assert {"a0"} in found and {"a1"} in found


def test_their_words_alone_would_join_the_two_quakes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events, "APART", 1.0)
    assert {"a0", "a1"} in stories((QUAKE_JAPAN, QUAKE_CHILE, *OTHERS))


def test_two_reports_of_one_quake_still_join() -> None:
    found = stories((QUAKE_JAPAN, QUAKE_JAPAN_AGAIN, QUAKE_CHILE, *OTHERS))
    assert {"a0", "a1"} in found
    assert {"a2"} in found


def test_event_factors_need_two_kinds_of_evidence() -> None:
    tokens = tokens_of((QUAKE_JAPAN, QUAKE_JAPAN_AGAIN, QUAKE_CHILE))
    left, right = np.array([0, 0, 1]), np.array([1, 2, 2])
    factors = event_factors(tokens, left, right).tolist()
    # Japan / Japan again meet (Honshu, Wednesday, 7.2); Chile differs in place, day and figure.
    assert factors == [1.0, events.APART, events.APART]


def test_one_story_told_from_two_places_is_not_split() -> None:
    # A feature datelined in one city, quoting someone in another: one kind of evidence only.
    a = (
        "Hanoi (AP) -- The girls walk up and down the bar-lined street, enticing tourists in. "
        "Many of them were born to American soldiers and never met their fathers. DNA tests now "
        "offer them a way to find relatives across the ocean."
    )
    b = (
        "A real estate agent in Houston has searched for years for her father, an American "
        "soldier. DNA tests offered by a charity helped her find relatives across the ocean. "
        "Many children born to American soldiers never met their fathers."
    )
    tokens = tokens_of((a, b))
    assert event_factors(tokens, np.array([0]), np.array([1])).tolist() == [1.0]
