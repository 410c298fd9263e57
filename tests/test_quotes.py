"""Who said what: quote spans, kinds and resolved speakers on crafted texts and real articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefer.models import Quote
from briefer.stories.quote_eval import article_sentences, evaluate_quotes
from briefer.stories.quotes import find_quotes

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "gold" / "quotes-dev.jsonl"
EXAMPLE = SHARED / "corpus" / "dnipro-oreshnik-strike.txt"


def quotes_of(text: str) -> list[Quote]:
    """Split text as the pipeline does, find its quotes, and check each span is verbatim."""
    sentences = article_sentences(text)
    found = find_quotes(sentences)
    for quote in found:
        assert quote.text in sentences[quote.position].text
        assert quote.speaker.lower() not in {"he", "she", "it", "they", "we", "i"}
    return found


def triples(text: str) -> list[tuple[str, str, str]]:
    return [(q.kind, q.speaker, q.text) for q in quotes_of(text)]


def test_said_colon_direct_quote() -> None:
    text = 'Home Secretary David Blunkett said: "We will not tolerate this behaviour."'
    assert triples(text) == [("direct", "David Blunkett", "We will not tolerate this behaviour.")]


def test_inverted_attribution_with_appositive_us_style() -> None:
    text = '"We are reviewing the decision," said John Smith, a spokesman for Acme Corp.'
    assert triples(text) == [("direct", "John Smith", "We are reviewing the decision")]


def test_pronoun_and_honorific_resolve_to_the_fullest_earlier_name() -> None:
    text = (
        "Prime Minister Tony Blair visited the school on Monday.\n\n"
        '"Education is our first priority," he said.\n\n'
        "Mr Blair said the budget would rise next year."
    )
    assert triples(text) == [
        ("direct", "Tony Blair", "Education is our first priority"),
        ("indirect", "Tony Blair", "the budget would rise next year"),
    ]


def test_she_skips_a_man_who_spoke_last() -> None:
    text = (
        'Ms Hewitt said: "The plan is fully funded." '
        '"It will not work for small firms," said Mr Frost. '
        "She said the money would come from general taxation."
    )
    speakers = [q.speaker for q in quotes_of(text)]
    assert speakers == ["Hewitt", "Frost", "Hewitt"]


def test_split_quote_gives_two_quotes_to_one_speaker() -> None:
    text = '"We did everything we could," Anna Berg said, "but the storm was too strong."'
    assert triples(text) == [
        ("direct", "Anna Berg", "We did everything we could"),
        ("direct", "Anna Berg", "but the storm was too strong."),
    ]


def test_quote_over_several_sentences_gives_one_quote_per_sentence() -> None:
    text = (
        'Union leader Jeremy Dear said: "Managers have torn up the rules. '
        'Staff deserve better. We will ballot for a strike."'
    )
    found = quotes_of(text)
    assert [(q.position, q.speaker) for q in found] == [
        (0, "Jeremy Dear"),
        (1, "Jeremy Dear"),
        (2, "Jeremy Dear"),
    ]
    assert [q.text for q in found] == [
        "Managers have torn up the rules.",
        "Staff deserve better.",
        "We will ballot for a strike.",
    ]


def test_unattributed_quote_continues_the_previous_speaker() -> None:
    text = (
        '"It suggests employment is growing at a moderate pace," said Rick Egelton. '
        '"We are not getting the boost we expected from the weak dollar."'
    )
    assert [q.speaker for q in quotes_of(text)] == ["Rick Egelton", "Rick Egelton"]


def test_curly_and_single_quote_marks() -> None:
    text = (
        "Maria Lopez told reporters: “The bridge will reopen in May.” "
        "Analyst Tom Reed said: ‘Traffic will take months to recover.’"
    )
    assert triples(text) == [
        ("direct", "Maria Lopez", "The bridge will reopen in May."),
        ("direct", "Tom Reed", "Traffic will take months to recover."),
    ]


def test_according_to_before_and_after() -> None:
    text = (
        "According to the Labor Department, US firms added 146,000 jobs in January. "
        "Prices rose by 2% in the year to March, according to the statistics office."
    )
    assert triples(text) == [
        ("indirect", "the Labor Department", "US firms added 146,000 jobs in January"),
        ("indirect", "the statistics office", "Prices rose by 2% in the year to March"),
    ]


def test_told_the_bbc_that_and_closing_attribution() -> None:
    text = (
        "Rachel Harvey told the BBC that there was likely to be a strong reaction. "
        "Key posts are to be held by Indians, Ms Harvey added."
    )
    assert triples(text) == [
        ("indirect", "Rachel Harvey", "there was likely to be a strong reaction"),
        ("indirect", "Rachel Harvey", "Key posts are to be held by Indians"),
    ]


def test_us_style_weekday_and_relative_clause_cue() -> None:
    text = (
        "Police Chief Lamar Greene said Thursday that he had not looked into the matter. "
        "Telecoms firm Eircom, which recently revealed that it would re-enter the market, rose."
    )
    assert triples(text) == [
        ("indirect", "Lamar Greene", "he had not looked into the matter"),
        ("indirect", "Eircom", "it would re-enter the market"),
    ]


def test_a_study_or_poll_reports_without_that() -> None:
    text = "A recent poll of US pundits found Eastwood's drama had become the new favourite."
    assert triples(text) == [
        (
            "indirect",
            "A recent poll of US pundits",
            "Eastwood's drama had become the new favourite",
        ),
    ]


def test_other_languages_give_no_quotes() -> None:
    text = 'Der Minister sagte: "Wir werden das prüfen." Er said nothing.'
    assert find_quotes(article_sentences(text), "german") == []


def test_subject_with_relative_clause() -> None:
    text = (
        "Gerry Conlon - who was wrongly convicted of the bombings - said the families were "
        "delighted with the apology. Bernard McAlinden, head of research at NCB, said shares "
        "were good value."
    )
    assert triples(text) == [
        ("indirect", "Gerry Conlon", "the families were delighted with the apology"),
        ("indirect", "Bernard McAlinden", "shares were good value"),
    ]


def test_descriptor_kept_when_never_named_and_reused_for_the_spokesman() -> None:
    text = (
        "A spokesman for Microsoft said the company would appeal against the fine. "
        '"We believe the ruling is wrong," the spokesman added.'
    )
    assert [q.speaker for q in quotes_of(text)] == [
        "A spokesman for Microsoft",
        "A spokesman for Microsoft",
    ]


def test_it_and_the_company_resolve_to_the_last_body() -> None:
    text = (
        "General Motors said it was recalling 200,000 vehicles. "
        "The fault could cause a crash, it warned. "
        "The company said no injuries had been reported."
    )
    assert [q.speaker for q in quotes_of(text)] == ["General Motors"] * 3


def test_participle_cue_takes_the_subject() -> None:
    text = "Zelensky criticised the response, suggesting it undermines the credibility of China."
    assert triples(text) == [
        ("indirect", "Zelensky", "it undermines the credibility of China"),
    ]


def test_exclusions_scare_quotes_negation_passives_hopes() -> None:
    text = (
        'Russia launched its so-called "Oreshnik" missile at Dnipro. '
        "The minister refused to comment on the report. "
        "It is thought the talks will resume next week. "
        "The government hopes to cut subsidies by half. "
        "A spokeswoman did not say when the plant would reopen. "
        "The firm added 146,000 jobs in January. "
        "Prosecutors now plan to formally ask the court to extend the detention. "
        "Looking at the list below can tell you whether something may increase your risk."
    )
    assert quotes_of(text) == []


def test_no_speaker_without_antecedent() -> None:
    assert quotes_of('"This is a disaster," he said.') == []


def test_the_example_article_names_its_speakers() -> None:
    if not EXAMPLE.exists():
        pytest.skip(f"example article not found at {EXAMPLE}")
    found = quotes_of(EXAMPLE.read_text(encoding="utf-8"))
    speakers = {q.speaker for q in found}
    assert "Volodymyr Zelensky" in speakers  # fullest form: "President Volodymyr Zelensky"
    assert "China’s foreign ministry" in speakers
    assert "Moscow" in speakers
    advice = [q for q in found if q.speaker == "China’s foreign ministry"]
    assert advice[0].text == "all parties to maintain calm and exercise restraint"


def test_quality_gate_on_the_gold_quotes() -> None:
    if not GOLD.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"gold quotes missing at {GOLD} (required under CI)")
        pytest.skip(f"gold quotes not found at {GOLD}")
    scores = evaluate_quotes(GOLD)
    assert scores.articles == 30 and scores.gold == 225
    # Floors just below the figures measured when this gate was set (F1 0.946, speakers 0.971).
    assert scores.f1 >= 0.93
    assert scores.speaker_accuracy >= 0.95
    assert scores.by_kind["direct"].recall >= 0.92
    assert scores.by_kind["indirect"].recall >= 0.84


def test_people_described_by_a_place_are_the_speaker_not_the_place() -> None:
    assert triples("Residents of Paiporta said the river rose within minutes.") == [
        ("indirect", "Residents of Paiporta", "the river rose within minutes")
    ]
    assert triples("Analysts in Warsaw said the cut would help households.") == [
        ("indirect", "Analysts in Warsaw", "the cut would help households")
    ]
    # A title before the name is still a title: the person speaks.
    assert triples("Minister of Defence Ben Wallace said the jets would arrive soon.") == [
        ("indirect", "Ben Wallace", "the jets would arrive soon")
    ]


# --- US and agency conventions (hand-written sentences; the out-of-domain check is kept outside)


def test_a_dateline_is_no_part_of_the_speaker() -> None:
    assert triples(
        "DENVER (AP) — Gov. Maria Lopez said Tuesday that the state would open two new shelters."
    ) == [("indirect", "Maria Lopez", "the state would open two new shelters")]
    assert triples("Paris (CNN)Museum director Anne Roux says the painting was never insured.") == [
        ("indirect", "Anne Roux", "the painting was never insured")
    ]


def test_us_titles_party_and_home_state_around_the_name() -> None:
    text = '"The bill is dead in the water," said Rep. Jane Doe of Ohio, the top Democrat.'
    assert triples(text) == [("direct", "Jane Doe", "The bill is dead in the water")]
    text = "Senate Majority Leader Tom Hale, R-Kan., said the vote would be held next week."
    assert triples(text) == [
        ("indirect", "Senate Majority Leader Tom Hale", "the vote would be held next week")
    ]
    text = "Attorney General Jo Ray said the case would be reviewed."
    assert triples(text) == [("indirect", "Jo Ray", "the case would be reviewed")]


def test_said_on_a_show_that_and_titles_in_quote_marks() -> None:
    text = 'Mayor Ben Ortiz said on "Good Morning America" on Friday that the city ran out of cash.'
    assert triples(text) == [("indirect", "Ben Ortiz", "the city ran out of cash")]
    assert triples('The coach appeared on "Meet the Fans" last night.') == []
    assert triples('The startup released a video game called "Tower" in March.') == []


def test_according_to_without_a_comma_and_a_clause_opening_with_a_preposition() -> None:
    text = "The alibi was false according to police, who said the car had been sold."
    assert triples(text) == [("indirect", "police", "The alibi was false")]
    text = "The United Nations said that in the first half of the year 300 people were killed."
    assert triples(text) == [
        ("indirect", "The United Nations", "in the first half of the year 300 people were killed")
    ]


def test_a_weak_cue_takes_a_clause_without_that_but_not_an_object() -> None:
    text = (
        "The fire chief said the blaze began in the kitchen. Officials added the family had left."
    )
    assert triples(text) == [
        ("indirect", "The fire chief", "the blaze began in the kitchen"),
        ("indirect", "Officials", "the family had left"),
    ]
    assert triples("The firm added 146 jobs in May.") == []
    assert triples("The company continued expanding its business in Asia.") == []


def test_the_closing_attribution_and_the_opening_one() -> None:
    clause = "The tenant, in a letter in which she admitted missing rent, asked for more time"
    assert triples(clause + ", Judge Amy Cole said in May.") == [("indirect", "Amy Cole", clause)]
    text = "Coach Dan Reyes said the team would appeal, the Herald reported."
    assert triples(text) == [("indirect", "Dan Reyes", "the team would appeal")]


def test_cue_words_after_a_determiner_are_nouns() -> None:
    text = "The claim appears to be false, the ministry said. The alleged victim was not named."
    assert triples(text) == [("indirect", "the ministry", "The claim appears to be false")]
    assert triples("Coffee drinkers live longer, study says") == []
    assert triples("Please note that the office will be closed on Monday.") == []


def test_subjects_with_a_relative_clause_or_a_role() -> None:
    text = "A hiker who found the injured dog said it had been left tied to a tree."
    assert triples(text) == [("indirect", "A hiker", "it had been left tied to a tree")]
    text = (
        "Ann Lee, the former mayor, who plans to run again next year, said the budget was a mess."
    )
    assert triples(text) == [("indirect", "Ann Lee", "the budget was a mess")]
    text = (
        "Veteran soccer star Ann Lee arrived in Rome on Monday but said she had no plans to retire."
    )
    assert triples(text) == [("indirect", "Ann Lee", "she had no plans to retire")]
    text = "The club has praised the players but has suggested that the manager may leave."
    assert triples(text) == [("indirect", "The club", "the manager may leave")]


def test_he_is_the_subject_of_this_or_the_previous_sentence() -> None:
    text = (
        "Ms Kay Holt said the deal was off. Nobody else spoke. "
        "Their lawyer, Mark Stone, was not available, but he told us that the deal was legal."
    )
    assert triples(text)[-1] == ("indirect", "Mark Stone", "the deal was legal")
    text = 'Police spokesman Carl Booth declined to give details. "We have witnesses," he said.'
    assert triples(text) == [("direct", "Carl Booth", "We have witnesses")]


def test_the_agency_is_the_last_body_not_a_group_of_people() -> None:
    text = (
        "TSA Administrator Lee Park said the rules would change. "
        "The agency said the new rules start in May."
    )
    assert triples(text) == [
        ("indirect", "Lee Park", "the rules would change"),
        ("indirect", "The agency", "the new rules start in May"),
    ]


def test_a_quote_running_on_to_its_closing_attribution_and_new_cues() -> None:
    text = (
        '"We lost everything," Mrs Nina Park said. '
        '"The house, the car" and the savings, Mrs Park told the court.'
    )
    assert triples(text) == [
        ("direct", "Nina Park", "We lost everything"),
        ("direct", "Nina Park", "The house, the car"),
    ]
    text = (
        '"We will rebuild," Mayor Tom Reed said. "Every street will be open by June," he continued.'
    )
    assert triples(text) == [
        ("direct", "Tom Reed", "We will rebuild"),
        ("direct", "Tom Reed", "Every street will be open by June"),
    ]
    text = 'A city spokesman reiterated that "the decision is final and will not be reviewed."'
    assert triples(text) == [
        ("direct", "A city spokesman", "the decision is final and will not be reviewed.")
    ]


def test_mp_is_a_title_and_a_lone_surname_opening_the_last_sentence() -> None:
    text = (
        'Labour MP Ann Lee said: "We will vote against it."\n\n'
        'Lee spoke for an hour. "It is a sad day," she said.'
    )
    assert triples(text) == [
        ("direct", "Ann Lee", "We will vote against it."),
        ("direct", "Ann Lee", "It is a sad day"),
    ]


def test_the_main_clause_subject_of_a_coordinated_cue_and_a_closing_place_phrase() -> None:
    text = (
        "Two days after Ann Lee left, Mayor Tom Reed visited the site and said the road was shut."
    )
    assert triples(text) == [("indirect", "Tom Reed", "the road was shut")]
    text = "The driver never braked, Officer Jo Kent testified on Tuesday in the county court."
    assert triples(text) == [("indirect", "Jo Kent", "The driver never braked")]


def test_the_role_a_title_stands_for_resolves_to_the_titled_speaker() -> None:
    text = (
        "Sen. Jane Doe said the bill would fail in the Senate next week.\n\n"
        "Gov. Tom Reed said the state would appeal.\n\n"
        "The senator added that the vote count was not there.\n\n"
        "The governor said the ruling was wrong.\n\n"
        "The mayor said nothing had been decided."
    )
    assert [(q.speaker, q.text) for q in quotes_of(text)] == [
        ("Jane Doe", "the bill would fail in the Senate next week"),
        ("Tom Reed", "the state would appeal"),
        ("Jane Doe", "the vote count was not there"),
        ("Tom Reed", "the ruling was wrong"),
        ("The mayor", "nothing had been decided"),
    ]


def test_may_is_a_name_before_a_cue_and_a_date_is_never_a_speaker() -> None:
    text = (
        '"It is over for the government now," Theresa May said.\n\n'
        "May said the party would appeal against the ruling.\n\n"
        'The lift passed its "five-yearly inspection" in January, 2016, according to the city.\n\n'
        'Critics called the change "grammatically unnecessary" or pointed out its cost.\n\n'
        "Stephanie March, 45, said the bill was long overdue."
    )
    assert [(q.speaker, q.text) for q in quotes_of(text)] == [
        ("Theresa May", "It is over for the government now"),
        ("Theresa May", "the party would appeal against the ruling"),
        ("the city", "five-yearly inspection"),
        ("Critics", "grammatically unnecessary"),  # never "or"
        ("Stephanie March", "the bill was long overdue"),  # never "45"
    ]


def test_a_hyphenated_descriptor_is_not_part_of_the_speakers_name() -> None:
    text = (
        '"We would have loved to have won," said Oscar-winner Emma Stone.\n\n'
        '"It was a mistake," said Jean-Luc Picard.\n\n'
        '"It is time to go underwater," said Air Chief Marshal Angus Houston.\n\n'
        "Guitarist Brian May said the show went incredibly well from their point of view."
    )
    assert [(q.speaker, q.text) for q in quotes_of(text)] == [
        ("Emma Stone", "We would have loved to have won"),
        ("Jean-Luc Picard", "It was a mistake"),
        ("Angus Houston", "It is time to go underwater"),
        ("Brian May", "the show went incredibly well from their point of view"),
    ]


def test_a_sentence_adverb_is_not_part_of_the_speakers_name() -> None:
    text = (
        "Apparently Lenovo said the device will power the table for two hours at a time.\n\n"
        "Kelly Connolly said the plan would cost more than expected."
    )
    assert [(q.speaker, q.text) for q in quotes_of(text)] == [
        ("Lenovo", "the device will power the table for two hours at a time"),
        ("Kelly Connolly", "the plan would cost more than expected"),  # "-ly" names stay whole
    ]


def test_a_card_ranks_statements_before_scare_quotes() -> None:
    from briefer.stories.assemble import rank_quotes

    text = (
        'The minister called the vote "a farce". '
        '"We will not accept a result that was decided before the polls opened," he said.\n\n'
        'A spokesman said the party would "consider its options".'
    )
    ranked = [(q.speaker, q.text) for q in rank_quotes(quotes_of(text))]
    assert ranked[0] == (
        "The minister",
        "We will not accept a result that was decided before the polls opened",
    )
    assert ranked[1] == ("The minister", "a farce")


def test_a_clause_is_never_a_speaker_but_a_name_ending_it_is() -> None:
    text = (
        "Some have even said the fix made the situation worse.\n\n"
        "A letter by his brothers was attached to the appeal, saying the trial had exposed the "
        "horrors of the past.\n\n"
        "Giroud was guilty of wasting chances however Coquelin insists he should not take the "
        "blame."
    )
    assert [(q.speaker, q.text) for q in quotes_of(text)] == [
        ("Coquelin", "he should not take the blame")
    ]


def test_a_capitalised_word_and_its_plural_are_one_subject() -> None:
    text = (
        "Local residents gathered outside the court, saying the verdict was unfair to them.\n\n"
        "Fitbit objects to the study, saying it lacks scientific rigor."
    )
    assert [(q.speaker, q.text) for q in quotes_of(text)] == [
        ("Local residents", "the verdict was unfair to them"),
        ("Fitbit", "it lacks scientific rigor"),
    ]
