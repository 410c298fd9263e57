"""Figures and the disagreements between a story's sources."""

from __future__ import annotations

import pytest

from briefer.dedup import near_duplicate_groups
from briefer.models import AnalyzedSentence, Disagreement, DisagreementValue, Sentence
from briefer.stories.disagree import find_disagreements
from briefer.stories.figures import find_figures, number_value
from briefer.text import Analyzer, tokenize_words

ANALYZER = Analyzer("english")


def analyzed(source: str, position: int, text: str) -> AnalyzedSentence:
    words = tokenize_words(text)
    return AnalyzedSentence(Sentence(source, position, text), tuple(words), ANALYZER.terms(words))


WIRE = "At least 26 people were injured when a missile hit Dnipro on Thursday, officials said."
EDITED = "At least 15 people were injured when a missile hit Dnipro on Thursday, officials said."


@pytest.mark.parametrize(
    "text, expected",
    [
        ("At least 26 people were injured.", [("At least 26", 26, "people injured")]),
        ("Fifteen were injured and three killed.",
         [("Fifteen", 15, "people injured"), ("three", 3, "people killed")]),
        ("The strike killed 12 people and injured 15.",
         [("12", 12, "people killed"), ("15", 15, "people injured")]),
        ("The death toll rose to 26 on Tuesday.", [("26", 26, "people killed")]),
        ("Police arrested 30 protesters.", [("30", 30, "people arrested")]),
        ("Twenty-six civilians died.", [("Twenty-six", 26, "people killed")]),
        ("A dozen soldiers were wounded.", [("A dozen", 12, "soldiers injured")]),
        ("Two wounded Western journalists left.", [("Two", 2, "journalists injured")]),
        ("Three Ukrainian soldiers were captured.", [("Three", 3, "soldiers")]),
        ("The 26 victims were named.", [("26", 26, "people")]),  # victims, residents: people
        ("Shares rose 3% last month.", [("3%", 3, "%")]),
        ("A 20% stake was sold.", [("20%", 20, "% stake")]),
        ("A $2.5 billion deal was signed.", [("$2.5 billion", 2.5e9, "$ deal")]),
        ("The £3bn deal collapsed.", [("£3bn", 3e9, "£ deal")]),
        ("Inflation rose 3.5% in the year.", [("3.5%", 3.5, "%")]),
        ("US firms added 146,000 jobs.", [("146,000", 146000, "jobs")]),
        ("He faces two counts of third degree assault and five counts of criminal mischief.",
         [("two", 2, "counts of assault"), ("five", 5, "counts of mischief")]),
    ],
)  # fmt: skip
def test_figures_and_what_they_count(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert [(f.text, f.value, f.key) for f in find_figures(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "John Smith, 45, of Leeds was charged.",
        "A 45-year-old man was charged.",
        "He was arrested in 2019 at 3 p.m. on 18 November.",
        "Flight 370 vanished; Chapter 11 followed.",
        "They won 3-1 in the 18th minute.",
        "Jurors found him guilty on four of five charges.",
        "One of them left, and no one stayed.",
        "The vote is on November 18.",
    ],
)
def test_ages_years_scores_labels_and_parts_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_number_words() -> None:
    assert [number_value(w) for w in ("1,200", "3.5", "twenty-six", "a dozen", "ninety")] == [
        1200,
        3.5,
        26,
        12,
        90,
    ]
    assert number_value("many") is None


def test_wire_copy_with_an_edited_figure_is_a_disagreement_not_one_sentence() -> None:
    # "at least 26" and "at least 15" could both be true, but copies must agree exactly.
    assert near_duplicate_groups([WIRE, EDITED], ["s1", "s2"]) == [0, 1]
    found = find_disagreements([analyzed("s1", 0, WIRE), analyzed("s2", 2, EDITED)])
    assert found == [
        Disagreement(
            "people injured",
            (
                DisagreementValue("at least 26", ("s1",), WIRE, 0),
                DisagreementValue("at least 15", ("s2",), EDITED, 2),
            ),
        )
    ]


def test_casualty_counts_across_differently_worded_reports() -> None:
    sentences = [
        analyzed("s1", 0, "Twenty-six people were injured in the strike on Dnipro."),
        analyzed("s2", 4, "The governor said 15 people were injured in Dnipro."),
        analyzed("s3", 1, "At least 26 people were injured in Dnipro, the governor said."),
    ]
    assert find_disagreements(sentences, {"s1": "s1", "s2": "s2", "s3": "s1"}) == [
        Disagreement(
            "people injured",
            (
                DisagreementValue("twenty-six", ("s1",), sentences[0].sentence.text, 0),
                DisagreementValue("15", ("s2",), sentences[1].sentence.text, 4),
                # a lower bound agrees with s1's 26, not with s2's 15
                DisagreementValue("at least 26", ("s3",), sentences[2].sentence.text, 1),
            ),
        )
    ]


def test_amounts_in_similar_sentences() -> None:
    a = "The company agreed a $2.5 billion deal with the government."
    b = "The government signed a $3 billion deal with the company."
    assert find_disagreements([analyzed("s1", 0, a), analyzed("s2", 0, b)]) == [
        Disagreement(
            "amount ($ deal)",
            (DisagreementValue("$2.5 billion", ("s1",), a),
             DisagreementValue("$3 billion", ("s2",), b)),
        )
    ]  # fmt: skip


def test_dates_of_copies() -> None:
    a = "The vote took place on 18 November after a long debate in parliament."
    b = "The vote took place on 19 November after a long debate in parliament."
    assert find_disagreements([analyzed("s1", 0, a), analyzed("s2", 0, b)]) == [
        Disagreement(
            "date",
            (DisagreementValue("18 November", ("s1",), a),
             DisagreementValue("19 November", ("s2",), b)),
        )
    ]  # fmt: skip


@pytest.mark.parametrize(
    "a, b",
    [
        # compatible: a lower bound and a count above it
        ("At least 12 people were killed in the attack.", "The attack killed 15 people."),
        # the same figure written two ways
        ("Three people were killed in the attack.", "The attack killed 3 people."),
        # different years are different quantities
        ("Growth was 3% in 2019, the bank said.", "Growth was 2% in 2024, the bank said."),
        # different things counted
        ("The army has 3,000 troops in the region.", "Police fined him $300 in the region."),
        ("Two people were killed in the attack.", "Five soldiers were killed in the attack."),
        # amounts of different deals in unrelated sentences
        ("Facebook bought WhatsApp in a $19 billion deal.", "Tuesday's $2 billion deal surprised."),
        # an amount with nothing saying what it measures
        ("The maximum donation is $2,700.", "Lewis has received about $73,000."),
    ],
)
def test_no_false_alarm(a: str, b: str) -> None:
    assert find_disagreements([analyzed("s1", 0, a), analyzed("s2", 0, b)]) == []


def test_same_source_never_disagrees_with_itself_and_a_shared_reading_is_agreement() -> None:
    same = [
        analyzed("s1", 0, "Twelve people were killed on Monday."),
        analyzed("s1", 5, "By Tuesday, 20 people were killed in total."),
    ]
    assert find_disagreements(same) == []
    # s1 gives both its first count and a later one; s2's first count matches s1's first
    assert (
        find_disagreements([*same, analyzed("s2", 0, "Twelve people were killed on Monday.")]) == []
    )


def test_values_collect_every_source_that_gives_them() -> None:
    sentences = [
        analyzed("s1", 0, "Eight people were injured in the gas explosion in Philadelphia."),
        analyzed("s2", 0, "Seven people were injured in the gas explosion in Philadelphia."),
        analyzed("s3", 0, "The gas explosion in Philadelphia injured eight people."),
    ]
    found = find_disagreements(sentences)
    assert [(d.about, [(v.value, v.sources) for v in d.values]) for d in found] == [
        ("people injured", [("eight", ("s1", "s3")), ("seven", ("s2",))])
    ]


def test_dedup_keeps_copies_that_differ_in_a_number_word_or_amount() -> None:
    texts = [
        "Officials said three people were injured when the missile hit the city centre.",
        "Officials said four people were injured when the missile hit the city centre.",
        "Officials said three people were injured when the missile hit the city centre today.",
        "The government announced a $2.5 billion package for the reconstruction of Dnipro.",
        "The government announced a $3 billion package for the reconstruction of Dnipro.",
    ]
    assert near_duplicate_groups(texts, ["s1", "s2", "s3", "s1", "s2"]) == [0, 1, 0, 3, 4]


def test_a_big_story_is_fast() -> None:
    import time

    base = [
        "At least {n} people were injured when a missile hit Dnipro on Thursday.",
        "The regional governor said {n} buildings were damaged in the attack.",
        "Officials gave no further details about the damage to the industrial site.",
        "Prices rose {n}% last month, the statistics office said.",
    ]
    sentences = [analyzed(f"s{k % 50}", k, base[k % 4].format(n=10 + k % 7)) for k in range(5000)]
    start = time.process_time()
    found = find_disagreements(sentences)
    # the copies of each template differ in their figure (the % one has no noun: "share")
    assert {d.about for d in found} == {"people injured", "buildings", "share"}
    assert time.process_time() - start < 2.0


@pytest.mark.parametrize(
    "a, b",
    [
        # a running total and one day's part of it
        ("Activists said a total of 125 people had died across the country since the protests.",
         "As day broke on Tuesday, four people were killed across the country, activists said."),
        # another, earlier event named in a clause
        ("Seven people were killed and 48 injured in the attack on Saturday night.",
         "The threat level was raised after the stadium bombing on May 22 that killed 22 people."),
        ("Twelve people were killed in the attack on Monday, police said.",
         "Police said 15 people were killed in last year's attack on the market."),
        # both counts are of an earlier event, in unlike sentences
        ("The city has been tense since the Jan. 7 attacks on a newspaper left 20 people dead.",
         "Militants killed 17 people in January in attacks on a newspaper and a shop."),
        # nothing shared but the casualty words and who said it
        ("Three people were killed, police said.",
         "The bombing in the capital killed five people, officials said."),
        # markers open sentences too
        ("In January, militants killed 17 people in attacks on a newspaper.",
         "Twenty people were killed on Sunday in an attack on a newspaper, police said."),
        # counts of different charges
        ("He faces two counts of assault in the case, prosecutors said.",
         "He faces six counts of criminal mischief in the case, prosecutors said."),
        # an increment is not the toll
        ("Twelve people were killed in the attack on the market.",
         "Three more people were killed in the attack on the market."),
        # different months, different days
        ("US firms added only 146,000 jobs in January, the Labor Department said.",
         "The Labor Department said 157,000 new jobs were added last month."),
        ("A 6.7-magnitude earthquake struck off the coast on Sunday, the survey said.",
         "A 4.1-magnitude earthquake struck inland on Friday night, the survey said."),
        # one template, two places: two events
        ("Twelve people were killed in Kyiv when a missile hit a block of flats.",
         "Fifteen people were killed when a missile hit a block of flats in Odesa."),
        # copies naming different days: a dated update of a wire story, not a dispute
        ("The toll from the strong earthquake in the central region of the country rose to 144"
         " on Wednesday, officials said.",
         "The toll from the strong earthquake in the central region of the country rose Saturday"
         " to 183, officials said."),
        # different places
        ("The quake was centred 105 miles off the coast of Honshu, the survey said.",
         "The quake was centred about 235 miles west of Panama City, the survey said."),
    ],
)  # fmt: skip
def test_no_false_alarm_for_parts_other_events_periods_and_places(a: str, b: str) -> None:
    assert find_disagreements([analyzed("s1", 0, a), analyzed("s2", 0, b)]) == []


@pytest.mark.parametrize(
    "a, b, about, values",
    [
        # the same day named by both
        ("Seven people were killed in the attack on Saturday night.",
         "Eight people were killed in the attack on Saturday, police said.",
         "people killed", ["seven", "eight"]),
        # a total is the toll of the day another source counts
        ("Activists said a total of 125 people had died across the country.",
         "At least 144 people were killed across the country on Monday, activists said.",
         "people killed", ["125", "at least 144"]),
        # a total of the same day's event is that event's count
        ("A total of 26 people were injured in Thursday's strike.",
         "Fifteen people were injured in the strike on Thursday.",
         "people injured", ["26", "fifteen"]),
        # an earlier event's count, reported differently in like sentences
        ("The stadium bombing on May 22 that killed 22 people shocked the city.",
         "Police raised the threat level after the May 22 stadium bombing that killed 23 people.",
         "people killed", ["22", "23"]),
        # "alone" and "a day" that do not make a part of the toll
        ("The gunman, who acted alone, killed 12 people at the market, police said.",
         "Police said 15 people were killed at the market by a lone gunman.",
         "people killed", ["12", "15"]),
        ("Twelve people were killed a day after the vote in the capital.",
         "Fifteen people were killed in the capital after the vote, officials said.",
         "people killed", ["twelve", "fifteen"]),
        # a place named by the other sentence too
        ("Twelve people were killed in Kyiv when a missile hit a block of flats.",
         "Fifteen people were killed when a missile hit flats in the Ukrainian capital, Kyiv.",
         "people killed", ["twelve", "fifteen"]),
        # one place, named more or less precisely, or by one sentence only
        ("Eight people were injured in Philadelphia on Monday after the gas explosion.",
         "Seven people were injured in South Philadelphia, the fire chief said.",
         "people injured", ["eight", "seven"]),
        ("The quake was centred 105 miles off the coast of Honshu, the survey said.",
         "The quake was centred 120 miles from the coast, the survey said.",
         "miles", ["105", "120"]),
        # copies naming the same day (or none) compare every figure
        ("At least 26 people were injured when a missile hit the city on Thursday, officials said.",
         "At least 30 people were injured when a missile hit the city on Thursday, officials said.",
         "people injured", ["at least 26", "at least 30"]),
    ],
)  # fmt: skip
def test_true_disagreements_are_still_shown(a: str, b: str, about: str, values: list[str]) -> None:
    found = find_disagreements([analyzed("s1", 0, a), analyzed("s2", 0, b)])
    assert [(d.about, [v.value for v in d.values]) for d in found] == [(about, values)]


def test_a_magnitude_after_toll_is_not_the_toll() -> None:
    text = "The death toll from the 6.3-magnitude earthquake climbed to 147, officials said."
    assert [(f.text, f.key) for f in find_figures(text)] == [("6.3", "magnitude")]


def test_a_source_whose_first_count_is_another_events_gives_its_own_toll_next() -> None:
    sentences = [
        analyzed("s1", 0, "Alert was raised after the stadium bombing on May 22 that killed 22."),
        analyzed("s1", 1, "Seven people were killed in the attack, police said."),
        analyzed("s2", 0, "Eight people were killed in the attack on the bridge."),
    ]  # fmt: skip
    found = find_disagreements(sentences)
    assert [(d.about, [(v.value, v.sources) for v in d.values]) for d in found] == [
        ("people killed", [("seven", ("s1",)), ("eight", ("s2",))])
    ]


def test_ages_of_one_named_person() -> None:
    a = "The teacher, 29-year-old Jane Doe, faces several charges."
    b = "Jane Doe, 28, was charged on Wednesday with luring a child."
    assert find_disagreements([analyzed("s1", 0, a), analyzed("s2", 3, b)]) == [
        Disagreement(
            "age of Jane Doe",
            (DisagreementValue("29", ("s1",), a), DisagreementValue("28", ("s2",), b, 3)),
        )
    ]
    # the surname alone is the same person when the story names no other of that surname
    c = "Doe, 28, was charged on Wednesday."
    found = find_disagreements([analyzed("s1", 0, a), analyzed("s2", 0, c)])
    assert [(d.about, [v.value for v in d.values]) for d in found] == [
        ("age of Jane Doe", ["29", "28"])
    ]


@pytest.mark.parametrize(
    "a, b",
    [
        # two people of one family
        ("Amber Smith, 29, admitted smothering her children.",
         "Police found 6-year-old Rene Smith at the house on Monday."),
        # the same age
        ("Jane Doe, 28, was charged.", "The 28-year-old Jane Doe was charged on Wednesday."),
        # a date is not an age
        ("The vote on Friday, 12, was close.", "Officials said on Friday, 14, nothing."),
    ],
)  # fmt: skip
def test_no_age_alarm(a: str, b: str) -> None:
    assert find_disagreements([analyzed("s1", 0, a), analyzed("s2", 0, b)]) == []


def test_a_source_giving_both_ages_agrees() -> None:
    sentences = [
        analyzed("s1", 0, "John Roe, 70, the grandfather, was at home."),
        analyzed("s2", 0, "John Roe, 70, said he could not believe it."),
        analyzed("s2", 1, "John Roe, 77, talks about the accident."),
    ]
    assert find_disagreements(sentences) == []


def test_in_custody_counts_arrests() -> None:
    text = "Authorities say 13 people are in custody after the brawl."
    assert [(f.text, f.key) for f in find_figures(text)] == [("13", "people arrested")]


def test_places_keep_their_last_letter() -> None:
    from briefer.stories.disagree_context import named_places

    assert named_places("In Homs alone, 40 died; others in Chile's north and in Los Angeles.") == {
        "Homs",
        "Chile",
        "Angeles",
    }
