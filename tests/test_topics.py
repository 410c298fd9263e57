"""Automatic sections: a few deterministic topics titled with readable key terms."""

from __future__ import annotations

from pathlib import Path

from briefer.models import AnalyzedSentence, Article, Sentence
from briefer.text import Analyzer, split_sentences, tokenize_words
from briefer.topics import auto_sections, surface_forms, topic_count

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "dnipro-oreshnik-strike.txt"

ELECTION = [
    "Voters in the capital queued for hours to cast ballots in the presidential election.",
    "The election commission said turnout in the presidential vote passed 60 percent.",
    "Opposition candidates accused the commission of counting ballots too slowly.",
    "Election observers reported few problems at polling stations across the country.",
    "The incumbent candidate led the vote count with most ballots counted.",
    "A runoff election is likely if no candidate wins half of the vote.",
    "Polling stations closed at eight in the evening after the election day.",
    "Both candidates urged voters to accept the election result peacefully.",
]
FLOODS = [
    "Floods swept through villages in the river valley after days of heavy rain.",
    "Rescue boats carried families from flooded homes along the swollen river.",
    "The river burst its banks and flooded farmland across the valley.",
    "Heavy rain is forecast to continue, raising fears of more floods in the valley.",
    "Aid workers handed out water and blankets to families who fled the floods.",
    "Engineers inspected a dam upriver for damage from the flood water.",
    "The floods destroyed bridges and cut off several villages in the valley.",
    "Farmers said the flooded fields would not be planted this year after the rain.",
]


def _items(texts: list[str], analyzer: Analyzer) -> list[AnalyzedSentence]:
    out = []
    for position, text in enumerate(texts):
        words = tuple(tokenize_words(text))
        out.append(AnalyzedSentence(Sentence("s1", position, text), words, analyzer.terms(words)))
    return out


def test_topic_count_grows_with_size() -> None:
    assert topic_count(0) == topic_count(11) == 1
    assert topic_count(12) == 2
    assert topic_count(60) == 5 and topic_count(30_000) == 5


def test_small_material_is_one_section() -> None:
    analyzer = Analyzer("english")
    plans = auto_sections(_items(ELECTION[:5], analyzer), analyzer)
    assert len(plans) == 1 and plans[0].members == tuple(range(5))
    assert auto_sections([], analyzer)[0].members == ()


def test_two_stories_become_two_titled_sections() -> None:
    analyzer = Analyzer("english")
    mixed = [s for pair in zip(ELECTION, FLOODS, strict=True) for s in pair]
    items = _items(mixed, analyzer)
    plans = auto_sections(items, analyzer)
    assert 2 <= len(plans) <= 3
    members = sorted(m for p in plans for m in p.members)
    assert members == list(range(len(items)))  # every sentence in exactly one section
    # The two biggest sections are the two stories.
    groups = [{items[m].sentence.text for m in p.members} for p in plans[:2]]
    election, floods = set(ELECTION), set(FLOODS)
    assert any(len(g & election) >= 6 and not g & floods for g in groups) or any(
        len(g & floods) >= 6 and not g & election for g in groups
    )
    titles = " ".join(p.spec.title for p in plans).lower()
    # Titles are words as written, not stems ("election", never "elect").
    assert "election" in titles or "floods" in titles or "valley" in titles
    assert "elect," not in titles and "flood," not in titles.replace("floods,", "")
    assert len({p.spec.id for p in plans}) == len(plans)
    assert len({p.spec.title for p in plans}) == len(plans)
    # Deterministic.
    again = auto_sections(items, analyzer)
    assert [(p.spec.title, p.members) for p in again] == [(p.spec.title, p.members) for p in plans]


def test_surface_forms_keep_words_readable() -> None:
    analyzer = Analyzer("english")
    items = _items(
        ["Ukraine said Ukraine's allies help.", "Allies of Ukraine met.", "The defense of Kyiv."],
        analyzer,
    )
    forms = surface_forms(items, analyzer)
    assert forms[analyzer.stem("allies")] == "allies"
    assert forms[analyzer.stem("ukraine")] == "Ukraine"


def test_default_profile_brief_has_automatic_sections() -> None:
    from briefer.options import BriefOptions
    from briefer.pipeline import build_brief

    text = EXAMPLE.read_text(encoding="utf-8")
    assert len(split_sentences(text)) == 14
    brief = build_brief(
        [Article(text=text, location=str(EXAMPLE))], None, BriefOptions(sentences=2)
    )
    assert 2 <= len(brief.sections) <= 3
    assert all(s.title and s.title != "Summary" for s in brief.sections)
    assert all(1 <= len(s.sentences) <= 2 for s in brief.sections)
