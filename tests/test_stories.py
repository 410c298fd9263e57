"""The story layer in the brief: clusters become cards, ranked by independent coverage."""

from __future__ import annotations

from pathlib import Path

from story_articles import articles

from briefer.models import Article, Brief, Story
from briefer.options import BriefOptions
from briefer.pipeline import build_brief
from briefer.stories.layout import ALSO_ID, TOP_ID

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "dnipro-oreshnik-strike.txt"  # the bundled copy of the seed article


def _by_title(brief: Brief, word: str) -> Story:
    (story,) = [s for s in brief.stories if word in s.title]
    return story


def test_default_brief_is_made_of_stories() -> None:
    brief = build_brief(articles(), options=BriefOptions(created=None))
    assert [s.id for s in brief.sections] == [TOP_ID, ALSO_ID]
    flood, rates = brief.stories[0], brief.stories[1]
    assert "Valencia" in flood.title and "Poland" in rates.title or "Glapinski" in rates.title
    # Three outlets carried the flood, but two of them ran one wire story.
    assert (flood.outlets, flood.independent) == (3, 2)
    assert (rates.outlets, rates.independent) == (2, 2)
    match = _by_title(brief, "Tottenham")
    assert match.independent == 1 and match.section == ALSO_ID
    assert len(match.sentences) == 1  # also reported: its headline only
    # Every source belongs to exactly one story.
    owners = [sid for story in brief.stories for sid in story.sources]
    assert sorted(owners) == sorted(s.id for s in brief.sources)


def test_every_multi_source_story_has_its_headline_and_key_points_are_headlines() -> None:
    brief = build_brief(articles(), options=BriefOptions(key_points=2))
    top = brief.sections[0]
    assert top.stories == tuple(s.id for s in brief.stories if s.independent >= 2)
    for story in brief.stories:
        assert story.sentences, story.title
        assert story.headline is not None and story.headline.position < 3
    assert brief.key_points == tuple(s.sentences[0] for s in brief.stories[:2])
    # v1 consumers still read every shown sentence from the sections.
    shown = [s for sec in brief.sections for s in sec.sentences]
    assert all(any(s in shown for s in story.sentences) for story in brief.stories)


def test_copies_differing_in_a_figure_are_a_disagreement_not_one_sentence() -> None:
    brief = build_brief(articles())
    flood = brief.stories[0]
    values = {v.value for d in flood.disagreements for v in d.values}
    assert {"at least 26", "at least 15"} <= values
    for sec in brief.sections:
        for sentence in sec.sentences:
            if "26 people" in sentence.text or "15 people" in sentence.text:
                assert not sentence.also_in, sentence


def test_quotes_name_the_fullest_speaker() -> None:
    brief = build_brief(articles())
    flood = brief.stories[0]
    speakers = {q.speaker for q in flood.quotes}
    assert "Carlos Mazon" in speakers
    assert not speakers & {"he", "she", "Mazon"}


def test_profile_story_goes_to_its_best_section(tmp_path: Path) -> None:
    profile = tmp_path / "desks.toml"
    profile.write_text(
        'name = "desks"\ntitle = "Desks"\nsentences = 1\n'
        '[[sections]]\nid = "weather"\ntitle = "Weather"\nterms = ["flood", "rain", "river"]\n'
        '[[sections]]\nid = "money"\ntitle = "Money"\nterms = ["rate", "inflation", "bank"]\n'
        '[[sections]]\nid = "rest"\ntitle = "Other news"\n',
        encoding="utf-8",
    )
    brief = build_brief(articles(), profile)
    homes = {s.id: s.section for s in brief.stories}
    flood, rates = brief.stories[0], brief.stories[1]
    assert homes[flood.id] == "weather" and homes[rates.id] == "money"
    sections = {s.id: s for s in brief.sections}
    assert flood.id in sections["weather"].stories and flood.id not in sections["money"].stories
    # The flood's sentences are all under its desk, none under another.
    for sec in brief.sections:
        if sec.id != "weather":
            assert not {s.source for s in sec.sentences} & set(flood.sources)


def test_example_brief_keeps_its_sections_and_finds_its_speakers() -> None:
    article = Article(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))
    brief = build_brief([article], "ukraine-air-defense")
    assert [s.id for s in brief.sections][:2] == ["strike", "air-defense-appeal"]
    (story,) = brief.stories
    speakers = {q.speaker for q in story.quotes}
    assert any("Zelensky" in s for s in speakers)
    assert any("foreign ministry" in s for s in speakers)
    assert "Moscow" in speakers


def test_a_question_is_never_a_cards_headline_or_further_sentence() -> None:
    lead = "Did the mayor have the authority to close the bridge on Monday without a council vote?"
    one = Article(
        text=f"{lead}\n\nThe mayor of Riverton closed the old river bridge on Monday after "
        "engineers found cracks in two of its steel supports.\n\nEngineers said the bridge "
        "could reopen within a month if the repairs went well.",
        location="a.txt",
    )
    two = Article(
        text="The old river bridge in Riverton was closed on Monday by the mayor after "
        "engineers found cracks in its steel supports.\n\nWhat happens to the commuters who "
        "cross the river bridge every day?\n\nA ferry will carry commuters across the river "
        "while the bridge is closed, the mayor said.",
        location="b.txt",
    )
    brief = build_brief([one, two, *articles()], options=BriefOptions(created=None))
    (bridge,) = [s for s in brief.stories if set(s.sources) >= {"s1", "s2"}]
    assert bridge.sentences
    assert not any(s.text.endswith("?") for s in bridge.sentences)
