"""Consecutive job runs with story memory: only what is new is shown, and said to be new."""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cli_helpers import run

from briefer.changeline import revised_figures
from briefer.config import load_config
from briefer.jobs import run_job
from briefer.memory import StoryMemory, line_hash
from briefer.models import Article, Brief, Story
from briefer.options import BriefOptions
from briefer.pipeline import analyse, build_brief
from briefer.sourcenews import article_sentences
from briefer.state import content_hash, history
from briefer.stories.cluster import cluster_sources
from briefer.text import Analyzer
from briefer.whatsnew import NothingNew, revise

DAY1 = datetime(2026, 12, 1, 6, 0).astimezone()
DAY2 = DAY1 + timedelta(days=1)

DNIPRO_WIRE = """Missile strike hits Dnipro industrial site

A Russian missile struck an industrial site in the Ukrainian city of Dnipro early on Thursday, \
regional officials said. At least 12 people were injured in the attack, according to the \
regional governor Serhiy Lysak. Firefighters worked through the morning to put out a blaze at the \
plant. The air force said the missile was launched from the Astrakhan region of Russia.
"""
DNIPRO_LOCAL = """Dnipro plant ablaze after missile attack

Residents of Dnipro woke to explosions on Thursday as a missile hit a factory on the city's \
eastern edge. Governor Serhiy Lysak said 12 people were hurt and several buildings were damaged. \
Emergency crews pulled two workers from the rubble of a warehouse. The strike shattered windows \
in nearby apartment blocks.
"""
DNIPRO_UPDATE = """
UPDATE: The number of people injured in the Dnipro strike rose to 26 overnight, Governor Serhiy \
Lysak said on Friday. Two of the injured are children, hospital officials in Dnipro said.
"""
DNIPRO_FOLLOWUP = """Dnipro counts the cost of missile strike

Officials in Dnipro said on Friday that repairs to the damaged plant would take months after \
Thursday's missile strike. Governor Serhiy Lysak said 26 people were now known to be injured. \
The city council opened three shelters for families whose flats were damaged in the Dnipro attack.
"""
GRAIN = """Grain exports rise through Black Sea ports

Ukraine shipped a record amount of grain through its Black Sea ports in November, the \
agriculture ministry said. The ports of Odesa and Pivdennyi handled most of the cargo. Traders \
said insurance costs for ships fell for the third month in a row. Wheat and corn made up nine \
tenths of the exports.
"""
RAIL = """Rail bridge near Zaporizhzhia reopens

The railway bridge near Zaporizhzhia reopened to passenger trains on Tuesday after months of \
repairs. Crews replaced two spans that were damaged by shelling in the spring. The first train \
carried four hundred passengers to Kharkiv. Tickets sold out within an hour of the announcement.
"""


@pytest.fixture(autouse=True)
def _fresh_logger() -> None:
    """The in-process CLI leaves a handler on an earlier test's (closed) captured stderr."""
    logging.getLogger("briefer").handlers.clear()


def _job(folder: Path, extra: str = "") -> Path:
    (folder / "news").mkdir(exist_ok=True)
    path = folder / "job.toml"
    path.write_text(
        f"""[brief]
title = "Morning brief"
sources = ["news/"]
formats = ["json", "md"]
output_dir = "out"
only_new = true
sentences = 2
{extra}""",
        encoding="utf-8",
    )
    return path


def _write(folder: Path, **articles: str) -> None:
    for name, text in articles.items():
        (folder / "news" / f"{name}.txt").write_text(text, encoding="utf-8")


def _shown(result_files: tuple[Path, ...]) -> tuple[dict, list[dict]]:
    data = json.loads(next(p for p in result_files if p.suffix == ".json").read_text("utf-8"))
    return data, [s for sec in data["sections"] for s in sec["sentences"]]


def _two_days(tmp_path: Path) -> tuple[dict, list[dict], dict, list[dict]]:
    config = load_config(_job(tmp_path))
    _write(tmp_path, dnipro_wire=DNIPRO_WIRE, dnipro_local=DNIPRO_LOCAL, grain=GRAIN)
    first = run_job(config, now=DAY1)
    _write(tmp_path, dnipro_wire=DNIPRO_WIRE + DNIPRO_UPDATE, dnipro_followup=DNIPRO_FOLLOWUP)
    _write(tmp_path, rail=RAIL)
    second = run_job(config, now=DAY2)
    assert (first.outcome, second.outcome) == ("written", "written")
    return (*_shown(first.files), *_shown(second.files))


def test_day_two_shows_only_new_material(tmp_path: Path) -> None:
    day1, shown1, day2, shown2 = _two_days(tmp_path)
    location = {s["id"]: Path(s["location"]).stem for s in day2["sources"]}
    briefed = {line_hash(s["text"]) for s in shown1}
    texts = [s["text"] for s in shown2]
    # The update appended to a briefed article is shown; the rest of that article is not.
    assert any(t.startswith("UPDATE: The number of people injured") for t in texts)
    old_wire = set(article_sentences_of(DNIPRO_WIRE))
    assert not [t for t in texts if t in old_wire]
    # Nothing of the unchanged article, no sentence repeated from yesterday's brief.
    assert "grain" not in {location[s["source"]] for s in shown2}
    assert not [t for t in texts if line_hash(t) in briefed]
    assert {location[s["source"]] for s in shown2} <= {"dnipro_wire", "dnipro_followup", "rail"}
    assert "rail" in {location[s["source"]] for s in shown2}  # the new story is briefed
    assert day2["stats"]["sentences_selected"] == len(
        {(s["source"], s["position"]) for s in shown2}
    )


def article_sentences_of(text: str) -> list[str]:
    from briefer.models import Article

    return article_sentences(Article(text, "x"), "english")


def test_stories_keep_their_ids_and_say_what_changed(tmp_path: Path) -> None:
    day1, _, day2, shown2 = _two_days(tmp_path)
    story_of = {s["id"]: s["story"] for s in day2["sources"]}
    loc = {s["id"]: Path(s["location"]).stem for s in day2["sources"]}
    by_source = {loc[sid]: st for st in day2["stories"] for sid in st["sources"]}
    first_ids = {Path(s["location"]).stem: s["story"] for s in day1["sources"]}
    dnipro = by_source["dnipro_wire"]
    assert dnipro["id"] == first_ids["dnipro_wire"] and dnipro["status"] == "updated"
    assert by_source["dnipro_followup"]["id"] == dnipro["id"]
    assert dnipro["change"].startswith("1 new report and 1 article updated since 1 Dec 06:00")
    assert "revised from 12 to 26" in dnipro["change"]
    assert by_source["rail"]["status"] == "new"
    grain = by_source["grain"]
    assert (grain["status"], grain["sentences"]) == ("ongoing", [])
    assert grain["id"] == first_ids["grain"]
    assert not [s for s in shown2 if story_of[s["source"]] == grain["id"]]


def test_nothing_new_sends_nothing_unless_asked(tmp_path: Path) -> None:
    config = load_config(_job(tmp_path))
    _write(tmp_path, dnipro_wire=DNIPRO_WIRE, grain=GRAIN)
    run_job(config, now=DAY1)
    again = run_job(config, now=DAY2)
    assert (again.outcome, again.files, again.exit_code) == ("nothing-new", (), 0)
    assert not (tmp_path / "out" / DAY2.strftime("%Y-%m-%d")).exists()
    eager = load_config(_job(tmp_path, "send_empty = true\n"))
    quiet = run_job(eager, now=DAY2 + timedelta(hours=1))
    data, shown = _shown(quiet.files)
    assert quiet.outcome == "written" and shown == [] and data["sections"] == []
    assert data["title"] == "Morning brief: no significant change since 1 Dec 06:00"
    md = next(p for p in quiet.files if p.suffix == ".md").read_text("utf-8")
    assert "no significant change since 1 Dec 06:00" in md
    assert [r.outcome for r in history(config.state_path)] == ["written", "nothing-new", "written"]


def _feed(*items: tuple[str, str]) -> str:
    """An RSS feed whose items carry their full text (no page to fetch)."""
    body = "".join(
        f"<item><guid isPermaLink='false'>{guid}</guid><title>{text.splitlines()[0]}</title>"
        f"<description><![CDATA[{''.join(f'<p>{p}</p>' for p in text.split(chr(10) * 2)[1:])}]]>"
        "</description></item>"
        for guid, text in items
    )
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        f"<link>https://wire.example/</link><description>news</description>{body}</channel></rss>"
    )


def test_a_feed_item_republished_with_an_edit_is_an_update(tmp_path: Path) -> None:
    config = load_config(_job(tmp_path))
    feed = tmp_path / "news" / "wire.xml"
    feed.write_text(_feed(("grain-1", GRAIN), ("rail-1", RAIL)), encoding="utf-8")
    first = run_job(config, now=DAY1)
    assert first.outcome == "written"
    edited = GRAIN.replace("in November, the", "in November, shipping 6.2 million tonnes, the")
    feed.write_text(_feed(("grain-1", edited), ("rail-1", RAIL)), encoding="utf-8")
    second = run_job(config, now=DAY2)
    data, shown = _shown(second.files)
    assert [s["text"] for s in shown] == [
        "Ukraine shipped a record amount of grain through its Black Sea ports in November, "
        "shipping 6.2 million tonnes, the agriculture ministry said."
    ]
    status = {st["title"]: st["status"] for st in data["stories"]}
    assert sorted(status.values()) == ["ongoing", "updated"]


def test_search_finds_yesterdays_sentence_with_its_source_and_brief(tmp_path, capsys) -> None:
    day1, shown1, _, _ = _two_days(tmp_path)
    sentence = next(s for s in shown1 if "Dnipro" in s["text"])
    source = next(s for s in day1["sources"] if s["id"] == sentence["source"])
    words = " ".join(sentence["text"].split()[1:4]).strip(",.")
    config = str(tmp_path / "job.toml")
    code, out, err = run(capsys, "search", f'"{words}"', "--config", config, "--json")
    assert code == 0, err
    hits = json.loads(out)
    briefed = [h for h in hits if h["kind"] == "brief" and h["text"] == sentence["text"]]
    assert briefed, hits
    assert briefed[0]["source"]["title"] == source["title"]
    assert briefed[0]["source"]["location"] == source["location"]
    assert briefed[0]["brief"]["created"] == DAY1.isoformat()
    assert briefed[0]["brief"]["path"].endswith(f"{DAY1:%Y-%m-%d}/default-0600.json")
    assert hits == sorted(hits, key=lambda h: -h["score"])
    code, out, _ = run(capsys, "search", "Zaporizhzhia", "--config", config, "--limit", "1")
    [line] = out.splitlines()
    assert "Zaporizhzhia" in line and "Rail bridge near Zaporizhzhia reopens" in line
    assert line.startswith(f"{DAY2:%Y-%m-%d %H:%M}") and f"{DAY2:%Y-%m-%d}/default-0600" in line
    code, out, _ = run(capsys, "search", "grain", "--config", config, "--since", "2026-12-02")
    assert (code, out) == (0, "")  # grain was only read and briefed on day one
    code, out, _ = run(capsys, "search", "shelt*", "--config", config, "--json")
    assert json.loads(out) and all("shelter" in h["text"] for h in json.loads(out))


def test_an_old_state_database_upgrades_in_place(tmp_path: Path) -> None:
    config = load_config(_job(tmp_path))
    _write(tmp_path, grain=GRAIN, rail=RAIL)
    run_job(config, now=DAY1)
    # The same job as an older briefer left it: only its runs and articles tables.
    db = sqlite3.connect(config.state_path)
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        if name.startswith(("memory_", "archive_")) and not name.startswith("archive_text_"):
            db.execute(f"DROP TABLE IF EXISTS {name}")
    db.commit()
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    db.close()
    assert tables == {"runs", "articles", "sqlite_sequence"}
    again = run_job(config, now=DAY2)
    assert again.outcome == "nothing-new"  # what the old release briefed is not sent again
    _write(tmp_path, grain=GRAIN + "\nExports of sunflower oil doubled, the ministry added.\n")
    third = run_job(config, now=DAY2 + timedelta(hours=1))
    _, shown = _shown(third.files)
    assert shown and all("Grain" not in s["text"] for s in shown)
    assert "Rail" not in json.dumps(shown)
    assert [r.outcome for r in history(config.state_path)] == ["written", "nothing-new", "written"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not a database at all, just text" * 20, "file is not a database"),
        ("other", "not a briefer state database"),
    ],
)
def test_a_foreign_or_corrupt_state_is_refused_and_kept(tmp_path, capsys, content, message):
    job = _job(tmp_path)
    _write(tmp_path, grain=GRAIN)
    state = tmp_path / "out" / "briefer-state.sqlite3"
    state.parent.mkdir()
    if content == "other":
        db = sqlite3.connect(state)
        db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        db.commit()
        db.close()
    else:
        state.write_bytes(content)
    before = state.read_bytes()
    for args in (["run", "--config", str(job)], ["search", "grain", "--state", str(state)]):
        code, out, err = run(capsys, *args)
        assert (code, out) == (1, "") and err.count("\n") == 1, err
        assert err.startswith(f"briefer: error: cannot open the job state {state}: ")
        assert message in err
    assert state.read_bytes() == before


def test_search_usage_errors_are_one_line(tmp_path, capsys) -> None:
    config = load_config(_job(tmp_path))
    _write(tmp_path, grain=GRAIN)
    run_job(config, now=DAY1)
    state = str(config.state_path)
    for args, code, text in (
        (["search", '"unbalanced', "--state", state], 2, "not a valid query"),
        (["search", "grain", "--state", state, "--since", "yesterday"], 2, "--since"),
        (["search", "grain"], 2, "--config FILE.toml or --state DB"),
        (["search", "grain", "--state", str(tmp_path / "missing.db")], 1, "no such state"),
    ):
        got, out, err = run(capsys, *args)
        assert (got, out) == (code, "") and text in err and err.count("\n") == 1, err
    got, out, _ = run(capsys, "search", "Kyiv-based OR ports", "--state", state)
    assert got == 0 and "Black Sea ports" in out


def test_revised_figures_are_found_by_sentence() -> None:
    old = ["At least 12 people were injured in the attack, the governor said."]
    edit = ["At least 26 people were injured in the attack, the governor said."]
    assert revised_figures(old, edit) == [("12", "26", "people")]
    told = ["Governor Serhiy Lysak said 26 people were now known to be injured."]
    assert revised_figures(old, told) == [("12", "26", "people")]
    assert revised_figures(old, ["Engineers restored power to 40,000 homes in Kharkiv."]) == []
    assert revised_figures(old, ["The first train carried 400 people to Kharkiv."]) == []


def _with_stories(brief: Brief, articles: list[Article]) -> Brief:
    """The brief with stories from the real clusterer, as build_brief's story layer makes them:
    a stable id from the story's smallest article hash, the story's shown sentences."""
    corpus = analyse(articles, Analyzer(brief.language))
    clusters = cluster_sources(corpus.sources, corpus.sentences)
    text = {a.location: a.text for a in articles}
    stories = []
    for ids in clusters.stories:
        shown = tuple(s for sec in brief.sections for s in sec.sentences if s.source in ids)
        homes = [sec.id for sec in brief.sections for s in sec.sentences if s.source in ids]
        digest = min(content_hash(text[brief.source(i).location]) for i in ids)
        stories.append(
            Story(
                id=f"st-{digest[:12]}",
                title=brief.source(ids[0]).title or "",
                sources=tuple(ids),
                outlets=len(ids),
                independent=clusters.independent(ids),
                sentences=shown,
                section=homes[0] if homes else brief.sections[0].id,
            )
        )
    return replace(brief, stories=tuple(stories))


def _day(articles: dict[str, str], memory: StoryMemory, run_id: int, when: datetime) -> Brief:
    read = [Article(t, f"/news/{n}.txt", title=t.split("\n")[0]) for n, t in articles.items()]
    options = BriefOptions(sentences=2, created=when)
    brief = _with_stories(build_brief(read, None, options), read)
    revision = revise(brief, read, memory)
    memory.record(run_id, when, revision.stories, revision.articles, revision.shown)
    return revision.brief


def test_revise_links_stories_keeps_ids_and_repeats_at_most_one_sentence(tmp_path) -> None:
    memory = StoryMemory(sqlite3.connect(tmp_path / "state.sqlite3"))
    day1 = {"wire": DNIPRO_WIRE, "local": DNIPRO_LOCAL, "grain": GRAIN}
    first = _day(day1, memory, 1, DAY1)
    assert {st.status for st in first.stories} == {"new"}
    edited = DNIPRO_WIRE.replace("At least 12 people", "At least 26 people") + DNIPRO_UPDATE
    day2 = {"wire": edited, "local": DNIPRO_LOCAL, "followup": DNIPRO_FOLLOWUP}
    second = _day({**day2, "grain": GRAIN, "rail": RAIL}, memory, 2, DAY2)
    by_loc = {Path(second.source(i).location).stem: st for st in second.stories for i in st.sources}
    ids1 = {Path(first.source(i).location).stem: st.id for st in first.stories for i in st.sources}
    dnipro, grain, rail = by_loc["wire"], by_loc["grain"], by_loc["rail"]
    assert (dnipro.status, dnipro.id) == ("updated", ids1["wire"])
    assert dnipro.change == (
        "1 new report and 1 article updated since 1 Dec 06:00; figure revised from 12 to 26 people"
    )
    assert (grain.status, grain.sentences, grain.id) == ("ongoing", (), ids1["grain"])
    assert grain.change == "no new reports since 1 Dec 06:00"
    assert rail.status == "new" and rail.sentences and rail.change is None
    shown_before = {line_hash(s.text) for sec in first.sections for s in sec.sentences}
    repeated = [s for s in dnipro.sentences if line_hash(s.text) in shown_before]
    repeated += [s for s in dnipro.sentences if s.context and line_hash(s.context) in shown_before]
    assert len(repeated) <= 1
    texts = [s.text for s in dnipro.sentences]
    assert "At least 26 people were injured in the attack, according to the regional governor "
    "Serhiy Lysak." in texts or any(t.startswith("UPDATE:") for t in texts)
    assert not [t for t in texts if t in article_sentences_of(DNIPRO_LOCAL)]
    # Section sentences agree with the stories: nothing of an ongoing story is shown.
    in_sections = {(s.source, s.position) for sec in second.sections for s in sec.sentences}
    assert in_sections == {(s.source, s.position) for st in second.stories for s in st.sentences}
    with pytest.raises(NothingNew, match="no significant change since 2 Dec 06:00"):
        _day({**day2, "grain": GRAIN, "rail": RAIL}, memory, 3, DAY2 + timedelta(days=1))


def test_a_new_report_links_by_content_when_yesterdays_articles_are_gone(tmp_path) -> None:
    config = load_config(_job(tmp_path))
    _write(tmp_path, dnipro_wire=DNIPRO_WIRE, dnipro_local=DNIPRO_LOCAL, grain=GRAIN)
    day1, _ = _shown(run_job(config, now=DAY1).files)
    for name in ("dnipro_wire", "dnipro_local"):  # a feed's window moved on
        (tmp_path / "news" / f"{name}.txt").unlink()
    _write(tmp_path, dnipro_followup=DNIPRO_FOLLOWUP, rail=RAIL)
    day2, shown = _shown(run_job(config, now=DAY2).files)
    first = {Path(s["location"]).stem: s["story"] for s in day1["sources"]}
    story = {Path(s["location"]).stem: s["story"] for s in day2["sources"]}
    status = {st["id"]: st["status"] for st in day2["stories"]}
    assert story["dnipro_followup"] == first["dnipro_wire"]
    assert status[story["dnipro_followup"]] == "updated"
    assert status[story["rail"]] == "new" and story["rail"] not in first.values()
    assert status[story["grain"]] == "ongoing"
