"""Story titles: names, places and the event, never generic words."""

from __future__ import annotations

from collections import Counter

from briefer.models import Article
from briefer.pipeline import analyse
from briefer.stories.titles import story_title
from briefer.text import Analyzer

ANALYZER = Analyzer("english")


def _title(*texts: str, story_df: Counter[str] | None = None, stories: int = 1) -> str:
    corpus = analyse([Article(text=t, location=f"a{i}.txt") for i, t in enumerate(texts)], ANALYZER)
    return story_title(
        corpus.sentences, ANALYZER.term, story_df or Counter(), stories, ANALYZER.stop_words
    )


def test_title_is_names_then_event() -> None:
    title = _title(
        "A Russian missile struck Dnipro on Thursday. "
        "Officials in Dnipro said the missile was new.",
        "President Volodymyr Zelensky said the strike on Dnipro was an escalation. "
        "Mr Zelensky told reporters the missile flew at ten times the speed of sound.",
    )
    names, _, event = title.partition(": ")
    assert names.split(", ")[0] == "Dnipro"
    assert "Volodymyr Zelensky" in names
    assert event == "missile"


def test_generic_capitals_and_agencies_are_not_names() -> None:
    title = _title(
        "Mr Smith told people on Monday that the bridge in Lisbon would close. "
        "The Associated Press said the bridge had cracks. Mr Smith said Lisbon would pay.",
    )
    assert "Mr" not in title.split() and "Monday" not in title and "Press" not in title
    assert title.startswith("Lisbon, Smith") or title.startswith("Smith, Lisbon")
    assert title.endswith(": bridge")


def test_event_word_sets_the_story_apart() -> None:
    # "bridge" is in every story (story_df), "cracks" only here: the event is what differs.
    df = Counter({ANALYZER.term("bridge") or "": 5, ANALYZER.term("cracks") or "": 1})
    title = _title(
        "Engineers found cracks in the Lisbon bridge. The cracks grew overnight, the bridge "
        "authority said.",
        story_df=df,
        stories=5,
    )
    assert title.endswith(": cracks")


def test_untitled_when_nothing_names_it() -> None:
    assert _title("it was. so it is.") == "Untitled story"
