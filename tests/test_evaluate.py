"""briefer.evaluate: records → pipeline summaries → ROUGE, LEAD-k, topic margin, vote F1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefer.errors import SourceError, UsageError
from briefer.evaluate import evaluate, read_records, write_summaries
from briefer.scoring import reference_sentences, sentence_map

ARTICLE = (
    "Heavy snow closed the main road into the mountain town on Monday. "
    "Police said three drivers were arrested after a crash on the icy road. "
    "The town council met to discuss the cost of clearing the snow. "
    "Forecasters expect more snow and cold temperatures later in the week. "
    "The arrested drivers were charged with reckless driving, police said. "
    "Schools stayed open despite the weather."
)
WEATHER = "Heavy snow closed the road. More snow and cold temperatures are expected."
CRIME = "Three drivers were arrested after a crash and charged with reckless driving."

ASPECT_SENTENCES = [
    "A strong earthquake struck off the coast of the island on Friday.",
    "The quake's epicenter was 40 miles south of the capital, in a remote region.",
    "Rescue teams searched for survivors in the rubble of collapsed homes.",
    "Aid agencies sent food and tents to the injured and homeless.",
    "The country has been hit by several quakes this year.",
]


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    weather = {
        "topic": "This topic is about winter weather, snow and cold temperatures.",
        "topic_words": ["snow", "weather", "cold", "temperatures"],
        "topic_phrases": ["cold temperatures"],
    }
    crime = {
        "topic": "This topic is about arrests and criminal charges.",
        "topic_words": ["arrested", "charged", "police", "crime"],
        "topic_phrases": ["charged with"],
    }
    return _write(
        tmp_path / "dev.jsonl",
        [
            {
                "id": "w",
                "documents": [ARTICLE],
                "references": [WEATHER],
                "other_topic_references": [CRIME],
                **weather,
            },
            {
                "id": "c",
                "documents": [ARTICLE],
                "references": [CRIME],
                "other_topic_references": [WEATHER],
                **crime,
            },
            {
                "id": "multi",
                "documents": [
                    ARTICLE,
                    "Officials in the town praised the snow crews. "
                    "The crews worked through the night.",
                ],
                "references": [WEATHER],
                "topic": None,
                "topic_words": None,
            },
        ],
    )


@pytest.fixture()
def aspect(tmp_path: Path) -> Path:
    return _write(
        tmp_path / "aspect.jsonl",
        [
            {
                "id": "eq",
                "documents": [" ".join(ASPECT_SENTENCES)],
                "sentences": ASPECT_SENTENCES,
                "references": [" ".join(ASPECT_SENTENCES[2:4])],
                "topic": "earthquake: recovery",
                "topic_words": ["recovery", "aid", "survivor", "injury", "death"],
                "reference_top3": " ".join(ASPECT_SENTENCES[i] for i in (2, 3, 0)),
                "reference_top3_ids": [2, 3, 0],
                # per worker: [sentence index, importance]
                "annotations": [
                    [[2, 3], [3, 2], [0, 1]],
                    [[3, 3], [2, 2]],
                    [[2, 3], [0, 2], [4, 1]],
                ],
            }
        ],
    )


def test_topic_records_bias_the_summary_and_give_a_margin(data: Path) -> None:
    result = evaluate(data, "briefer", sentences=2)
    assert result.records == 3 and result.sentences == 2 and result.words is None
    by_id = {r.id: r for r in result.per_record}
    assert any("snow" in s for s in by_id["w"].summary)
    assert any("charged" in s or "arrested" in s for s in by_id["c"].summary)
    # Both topics of one article: LEAD's margins cancel out; a topic-aware method's do not.
    assert result.margin_records == 2
    assert result.lead_margin == pytest.approx(0.0, abs=1e-9)
    assert result.margin is not None and result.margin > 5.0
    assert 0 < result.lead.rouge1 <= 100 and 0 < result.system.rouge1 <= 100


def test_lead_method_matches_the_lead_baseline(data: Path) -> None:
    result = evaluate(data, "lead", sentences=2)
    assert result.system == result.lead
    assert all(r.summary == r.lead for r in result.per_record)


def test_word_budget_is_never_exceeded(data: Path) -> None:
    from briefer.text import tokenize_words

    result = evaluate(data, "briefer", words=25)
    assert result.words == 25 and result.sentences is None
    for record in result.per_record:
        assert sum(len(tokenize_words(s)) for s in record.summary) <= 25
        assert sum(len(tokenize_words(s)) for s in record.lead) <= 25


def test_aspect_records_score_sentence_votes(aspect: Path) -> None:
    result = evaluate(aspect, "lead", sentences=3)
    # LEAD picks sentences 0, 1, 2: votes 2 + 0 + 3 of 3 annotators × 3 picks; 8 votes cast.
    precision, recall = 5 / 9, 5 / 8
    assert result.lead_vote_f1 == pytest.approx(100 * 2 * precision * recall / (precision + recall))
    assert result.lead_top3_f1 == pytest.approx(100 * 2 / 3)
    assert result.per_record[0].selected == (0, 1, 2)
    focused = evaluate(aspect, "briefer", sentences=2)
    assert set(focused.per_record[0].selected) & {2, 3}


def test_sentence_map_follows_the_given_sentences() -> None:
    record = {"sentences": ["One. Two.", "Three is here.", "Four.\n\nFive."]}
    assert sentence_map(record, "english") == [0, 0, 1, 2, 2]


def test_reference_sentences_split_glued_sentences() -> None:
    assert reference_sentences("It rose 5.2% in May.Analysts were surprised.") == [
        "It rose 5.2% in May.",
        "Analysts were surprised.",
    ]
    assert reference_sentences(["a b", " ", "c"]) == ["a b", "c"]


def test_summaries_out_writes_one_line_per_record(data: Path, tmp_path: Path) -> None:
    result = evaluate(data, "briefer", limit=2)
    out = tmp_path / "summaries.jsonl"
    write_summaries(result, out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["w", "c"]
    assert lines[0]["summary"] == "\n".join(result.per_record[0].summary)


def test_bad_input_fails_with_one_line(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read"):
        read_records(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "documents": ["x"]}\n{oops\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"bad.jsonl:2: not valid JSON"):
        read_records(bad)
    empty = _write(tmp_path / "empty.jsonl", [{"id": "a", "references": ["x"]}])
    with pytest.raises(SourceError, match="needs 'documents'"):
        read_records(empty)
    with pytest.raises(UsageError, match="unknown method"):
        evaluate(bad, "nope")
    with pytest.raises(UsageError):
        evaluate(bad, "lead", sentences=2, words=10)


def test_report_and_json(data: Path) -> None:
    result = evaluate(data, "briefer")
    text = result.format_text()
    assert "ROUGE-1" in text and "LEAD" in text and "margin" in text
    payload = json.loads(json.dumps(result.to_dict()))
    assert payload["method"] == "briefer" and "per_record" not in payload
    assert set(payload["system"]) == {"rouge1", "rouge2", "rougeLsum"}


def test_progress_goes_to_stderr_only_when_asked(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evaluate(data, "lead", progress=True)
    err = capsys.readouterr().err
    assert "3/3 records" in err
    evaluate(data, "lead")  # stderr is not a terminal under pytest: silent
    assert capsys.readouterr().err == ""


def test_cli_eval_command(data: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from briefer.cli import app

    out = tmp_path / "s.jsonl"
    result = CliRunner().invoke(
        app,
        [
            "eval",
            str(data),
            "--method",
            "briefer",
            "--sentences",
            "2",
            "--summaries-out",
            str(out),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["records"] == 3
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
