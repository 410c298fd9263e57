"""Section assignment and section summaries against the gold file for the example article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shared_data import GOLD_DIR, missing

from briefer.errors import ProfileError
from briefer.ingest import read_sources
from briefer.models import Article, Profile
from briefer.options import BriefOptions
from briefer.pipeline import analyse, plan
from briefer.profiles import bundled_profiles, load_profile, parse_profile
from briefer.run import make_brief
from briefer.summarize import DEFAULT_METHOD
from briefer.text import Analyzer

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "dnipro-oreshnik-strike.txt"
GOLD_PATH = GOLD_DIR / "seed-sections.json"


@pytest.fixture(scope="module")
def gold() -> dict:
    if not GOLD_PATH.exists():
        missing(f"{GOLD_PATH} not found (shared/gold is not beside the project)")
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))


def test_bundled_profiles() -> None:
    assert {"default", "ukraine-air-defense"} <= set(bundled_profiles())
    prof = load_profile("ukraine-air-defense")
    assert [s.id for s in prof.sections] == [
        "strike",
        "air-defense-appeal",
        "diplomatic-reactions",
        "us-outlook",
    ]
    assert [s.title for s in prof.sections] == [
        "The strike",
        "The air-defense appeal",
        "Diplomatic reactions",
        "The US outlook",
    ]
    assert load_profile(None).sections == ()  # automatic topics


def test_at_least_13_of_14_sentences_in_an_acceptable_section(gold: dict) -> None:
    analyzer = Analyzer("english")
    corpus = analyse(read_sources([EXAMPLE]).articles, analyzer)
    assert len(corpus.sentences) == gold["sentence_count"] == 14
    where = {
        m: p.spec.id
        for p in plan(load_profile("ukraine-air-defense"), corpus, analyzer)
        for m in p.members
    }
    for index, item in enumerate(gold["sentences"]):
        assert corpus.sentences[index].sentence.text.startswith(item["starts_with"])
    good = sum(where.get(i) in item["sections"] for i, item in enumerate(gold["sentences"]))
    assert good >= 13


def test_two_sentence_sections_cover_the_gold(gold: dict) -> None:
    brief = make_brief([EXAMPLE], "ukraine-air-defense", BriefOptions(sentences=2))
    assert brief.method == DEFAULT_METHOD
    for section in brief.sections:
        assert 1 <= len(section.sentences) <= 2
        texts = [s.text for s in section.sentences]
        assert any(t.startswith(m) for t in texts for m in gold["must_cover"][section.id]), (
            section.id
        )
        positions = [s.position for s in section.sentences]
        assert positions == sorted(positions)  # shown in source order


def test_profile_errors_name_the_key_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[[sections]]\nid = "a"\ntitel = "typo"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"bad.toml:4: \[sections\[0\]\] titel: unknown key"):
        load_profile(bad)
    bad.write_text('name = "x"\ntitle = oops\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"invalid TOML: .*line"):
        load_profile(bad)
    with pytest.raises(ProfileError, match="unknown profile 'nope'"):
        load_profile("nope")


def test_catch_all_section_takes_unclaimed_sentences() -> None:
    prof = parse_profile(
        'name = "p"\n[[sections]]\nid = "china"\nterms = ["China"]\n'
        '[[sections]]\nid = "rest"\ntitle = "Everything else"\n'
    )
    assert isinstance(prof, Profile)
    brief = make_brief([EXAMPLE], prof, BriefOptions(sentences=20))
    china, rest = brief.sections
    assert all("China" in s.text for s in china.sentences)
    assert china.candidates + rest.candidates == 14


NEWS = [
    Article(
        text="The opening ceremony drew forty thousand people to the stadium. "
        "The city council approved the open source licence for its software on Monday. "
        "The football final ended in a draw after extra time.",
        location="news.txt",
    )
]


def _sections(toml: str, **options: int) -> dict[str, list[str]]:
    brief = make_brief(NEWS, parse_profile(toml), BriefOptions(sentences=5, **options))
    return {s.id: [x.text.split()[1] for x in s.sentences] for s in brief.sections}


def test_multi_word_terms_are_phrases_and_a_titled_section_without_terms_is_a_catch_all() -> None:
    toml = (
        'name = "p"\n[[sections]]\nid = "tech"\nterms = ["open source"]\n'
        '[[sections]]\nid = "sport"\nterms = ["football"]\n'
        '[[sections]]\nid = "other"\ntitle = "Other news"\n'
    )
    assert _sections(toml) == {"tech": ["city"], "sport": ["football"], "other": ["opening"]}


def test_a_section_with_nothing_to_show_is_left_out_unless_show_empty() -> None:
    toml = (
        'name = "p"\n{}[[sections]]\nid = "sport"\nterms = ["football"]\n'
        '[[sections]]\nid = "china"\nterms = ["Beijing"]\n'
    )
    assert _sections(toml.format("")) == {"sport": ["football"]}
    assert _sections(toml.format("show_empty = true\n")) == {"sport": ["football"], "china": []}


def test_one_section_profile_keeps_every_sentence_and_only_biases_ranking() -> None:
    toml = 'name = "p"\n[[sections]]\nid = "sport"\nterms = ["football"]\n'
    assert _sections(toml) == {"sport": ["opening", "city", "football"]}
    brief = make_brief(NEWS, parse_profile(toml), BriefOptions(sentences=1))
    assert [s.text.split()[1] for s in brief.sections[0].sentences] == ["football"]
