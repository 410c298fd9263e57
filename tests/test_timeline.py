"""Date expressions resolved to absolute dates, and the story timeline built from them."""

from __future__ import annotations

from datetime import date

import pytest

from briefer.models import Sentence, TimelineEvent
from briefer.stories.timeline import build_timeline, find_dates, parse_published

THURSDAY = date(2024, 11, 21)  # publication day of the crafted sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        # absolute dates, as written
        ("The strike on 18 November 2024 hit Dnipro.", [("2024-11-18", "18 November 2024")]),
        ("It began on November 18, 2024, at dawn.", [("2024-11-18", "November 18, 2024")]),
        ("On Nov. 18 the missile hit.", [("2024-11-18", "Nov. 18")]),
        ("The report dated 2024-11-18 said so.", [("2024-11-18", "2024-11-18")]),
        ("It began on the 18th of November.", [("2024-11-18", "the 18th of November")]),
        (
            "Talks began in March 2023 and resumed in May.",
            [("2023-03", "in March 2023"), ("2024-05", "in May")],
        ),
        (
            "It began on Monday, November 18, 2024, at dawn.",
            [("2024-11-18", "Monday, November 18, 2024")],
        ),
        (
            "Guards were hired from June 29 to July 18, the invoices show.",
            [("2024-06-29", "June 29"), ("2024-07-18", "July 18")],
        ),
        # weekdays: the most recent such day on or before publication, the next one when future
        ("Russia struck Dnipro on Thursday, officials said.", [("2024-11-21", "on Thursday")]),
        ("The minister resigned on Monday.", [("2024-11-18", "on Monday")]),
        ("She spoke on Tuesday night to reporters.", [("2024-11-19", "on Tuesday night")]),
        ("Officials said Friday that the bridge was closed.", [("2024-11-15", "Friday")]),
        ("Saturday's vote was postponed.", [("2024-11-16", "Saturday's")]),
        ("The leaders will meet on Monday.", [("2024-11-25", "on Monday")]),
        ("He will travel to Paris next Friday.", [("2024-11-22", "next Friday")]),
        ("He is to appear in court on Tuesday.", [("2024-11-26", "on Tuesday")]),
        ("He said on Wednesday he will resign.", [("2024-11-20", "on Wednesday")]),
        # other relative expressions
        ("Yesterday the strike hit the city.", [("2024-11-20", "Yesterday")]),
        ("Sirens sounded last night in Kyiv.", [("2024-11-20", "last night")]),
        ("Talks resume tomorrow in Geneva.", [("2024-11-22", "tomorrow")]),
        ("It happened last week in Kharkiv.", [("2024-11-11", "last week")]),
        ("Prices rose last month and will fall next month.", [("2024-10", "last month"),
                                                              ("2024-12", "next month")]),
        ("The drone fell three days ago near the border.", [("2024-11-18", "three days ago")]),
        ("The drone fell 2 weeks ago.", [("2024-11-07", "2 weeks ago")]),
        # a day and month without a year: the year nearest publication, past preferred
        ("The deadline was May 5.", [("2024-05-05", "May 5")]),
        ("The summit opens on January 10.", [("2025-01-10", "January 10")]),
    ],
)  # fmt: skip
def test_find_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert find_dates(text, THURSDAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Prices may rise and protesters march through the city.",
        "Theresa May said the deal was dead.",
        "Theresa May 2019 speech was long.",
        "The Sunday Times reported the story first.",
        "Black Friday sales were weak; Super Tuesday looms.",
        "Bloody Sunday is remembered every year.",
        "He is 45 and the score was 3-1 in the 18th minute.",
        "Flight 370 vanished with 239 people on board.",
        "The Mayor of London opened a new Marketplace.",
        "It said this year that last time was different.",
        "USA TODAY reported the figures.",
        "She came in 2019.",  # a year alone is too coarse for a timeline
    ],
)
def test_false_positives_are_not_dates(text: str) -> None:
    assert find_dates(text, THURSDAY) == []


def test_without_publication_date_only_dates_with_a_year_count() -> None:
    text = "On Monday, after the vote on 18 November 2024 and talks on Nov. 18, he left yesterday."
    assert find_dates(text, None) == [("2024-11-18", "18 November 2024")]
    assert find_dates("The deal of March 2023 held.", None) == [("2023-03", "March 2023")]
    assert find_dates("KYIV, Nov 21 (Reuters) - Russia fired.", None) == []


def test_other_languages_give_no_dates() -> None:
    assert find_dates("On Monday, 18 November 2024.", THURSDAY, "german") == []


def test_a_new_year_turns_the_year_of_a_day_without_one() -> None:
    assert find_dates("The attack on December 30 killed four.", date(2025, 1, 3)) == [
        ("2024-12-30", "December 30")
    ]
    assert find_dates("He arrived on Sunday.", date(2025, 1, 1)) == [("2024-12-29", "on Sunday")]


def test_parse_published() -> None:
    assert parse_published("2024-11-21T09:30:00+00:00") == THURSDAY
    assert parse_published("2024-11-21") == THURSDAY
    assert parse_published("last Tuesday") is None and parse_published(None) is None


def test_build_timeline_sorts_resolves_per_source_and_drops_copies_and_datelines() -> None:
    sentences = [
        Sentence("s1", 0, "KYIV, Nov 21 (Reuters) - Russia fired a new missile at Dnipro."),
        Sentence("s1", 1, "Russia fired a new missile at Dnipro on Thursday, officials said."),
        Sentence("s1", 2, "Talks on a ceasefire collapsed in March 2023 after a week."),
        Sentence("s2", 0, "Russia fired a new missile at Dnipro on Wednesday, officials said."),
        Sentence("s2", 1, "Ukraine asked for air defence on Monday, the ministry said."),
        Sentence("s3", 0, "Russia fired a new missile at Dnipro on Thursday, officials said."),
        Sentence("s3", 1, "Donate today!"),
        Sentence("s4", 0, "Ukraine asked for air defence on Monday, the ministry said."),
    ]
    published = {
        "s1": "2024-11-21T08:00:00Z",
        "s2": "2024-11-21",
        "s3": "2024-11-22",  # a day later: its "Thursday" is the same day as s1's
        "s4": None,  # no publication date: its "Monday" cannot be placed
    }
    assert build_timeline(sentences, published) == [
        TimelineEvent(
            "2023-03", "Talks on a ceasefire collapsed in March 2023 after a week.", "s1", 2,
            "in March 2023",
        ),
        TimelineEvent(
            "2024-11-18", "Ukraine asked for air defence on Monday, the ministry said.", "s2", 1,
            "on Monday",
        ),
        TimelineEvent(
            "2024-11-20", "Russia fired a new missile at Dnipro on Wednesday, officials said.",
            "s2", 0, "on Wednesday",
        ),
        TimelineEvent(
            "2024-11-21", "Russia fired a new missile at Dnipro on Thursday, officials said.",
            "s1", 1, "on Thursday",
        ),
    ]  # fmt: skip


def test_build_timeline_one_event_per_sentence_and_date() -> None:
    text = "The vote on Monday, November 18, 2024 was held on Monday as planned, officials said."
    events = build_timeline([Sentence("s1", 3, text)], {"s1": "2024-11-21"})
    assert [(e.date, e.expression) for e in events] == [("2024-11-18", "Monday, November 18, 2024")]


def test_25000_sentences_are_fast() -> None:
    import time

    texts = [
        "The minister said on Monday that 26 people were injured in the strike.",
        "Officials gave no further details about the damage to the building.",
        "Talks collapsed in March 2023 and resumed on 18 November 2024 in Geneva.",
        "Prices rose 3.5% last month, the statistics office said.",
    ] * 6250
    start = time.process_time()
    found = sum(len(find_dates(text, THURSDAY)) for text in texts)
    assert found == 6250 * 4
    assert time.process_time() - start < 1.0  # about 0.1 s on one free core
