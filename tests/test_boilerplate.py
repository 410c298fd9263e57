"""Boilerplate in scraped news: left out of sentences and titles, the news around it kept.

The excerpts are short quotes of real scraped pages (Multi-News and BBC scrapes), not whole
articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.boilerplate import filter_paragraphs, is_boilerplate, is_subheading, strip_fragments
from briefer.ingest.text import read_text, split_title
from briefer.run import make_brief
from briefer.text import split_paragraphs, split_sentences

EXAMPLE = Path(__file__).parents[1] / "examples" / "dnipro-oreshnik-strike.txt"

BOILERPLATE_LINES = [
    # captions and credits
    "Image copyright Getty Images Image caption The band broke up in 1980 following the death of "
    "drummer John Bonham (second from right)",
    "Image caption Plant says the band will not reunite again",
    "Enlarge this image toggle caption Bryan Bedder/Getty Images Bryan Bedder/Getty Images",
    "Source: Getty Images",
    "Donald Trump before opening the Nasdaq on September 20, 2005. Michael Nagle/Getty Images",
    "Bernie Sanders (2nd row down, center) liked what he heard. REUTERS/Jonathan Ernst",
    "Facebook Twitter Pinterest Photograph: Kevin Winter/Getty Images",
    "See the 10 Healthiest Cities to Live in America Colin Anderson—Blend Images/Corbis Getty "
    "Images Matt Hogan/www.mphoganphoto.com Jim Wilson—The New York Times/Redux Getty Images "
    "Celin Serbo—Aurora Photos/Corbis Misty Keasler—Redux for TIME Getty Images",
    # agency, Getty and gallery captions, whatever their length
    "FILE - In this Feb. 11, 2008, file photo, a candidate arrives for a rally in Des Moines.",
    "In this June 21, 2018, photo, the Speaker of the House arrives for a news conference at the "
    "Capitol in Washington, where lawmakers met for three hours to discuss the bill.",
    "In this image released by the studio, two actors appear in character in the film.",
    "WASHINGTON, DC - JUNE 18: A former congresswoman throws out the first pitch at the game.",
    "Hide Caption 5 of 43 Photos: The search for the plane A police officer watches outside.",
    # embed and share widgets
    "Great night for the team! pic.twitter.com/abc123 — Jane Roe (@janeroe) April 1, 2017",
    "— Jane Roe (@janeroe) January 20, 2018",
    "Play Facebook",
    "Twitter",
    "Share this with Email Facebook Messenger Twitter Pinterest WhatsApp",
    "Embed U.S. Military in North Korea: 'Ready to Fight Tonight' 3:08 autoplay autoplay Copy "
    "this code to your website or blog",
    # player notices
    "Media playback is unsupported on your device Media caption Listen to an excerpt of the new "
    "Whole Lotta Love",
    "JUST WATCHED Area 51 Revealed Replay More Videos ... MUST WATCH Area 51 Revealed 04:56",
    # navigation
    "Advertisement Continue reading the main story",
    "Tweet with a location",
    "From Wikipedia, the free encyclopedia",
    # read more / related
    "Read more about: Mitt Romney",
    "Read more:",
    "Related Topics",
    "RELATED: Best Places To Live In The World 2016",
    "Hitler’s world may not be so far away | Timothy Snyder Read more",
    "MORE: 'Gaggle' podcast: Behind the scenes at The Arizona Republic on Election Day",
    # bylines and datelines alone on a line
    "By John Smith, BBC News",
    "By Dominic Casciani, BBC Home Affairs correspondent",
    "Reuters",
    "LONDON (Reuters) -",
    "Write to Joann S. Lublin at joann.lublin@wsj.com",
    "richard.winton@latimes.com",
    "Published on Sep 8, 2015",
    # copyright and subscription
    "© 2024 Axanar Productions.",
    "Copyright 2014 WGCL-TV (Meredith Corporation). All rights reserved.",
    "Copyright © 2012 AFP. All rights reserved. More »",
    "Sign up for our newsletter",
    "Sign up for KPRC 2 newsletters to get breaking news, sports, entertainment, contests and "
    "more delivered straight to your email inbox.",
    "[Sign up for The Daily 202 and get all the news you need on the Scalia confirmation battle]",
    # a writer's or outlet's accounts and contact lines (second pass over the dev scrapes)
    "Follow Scott Stump on Twitter and Google+.",
    "Follow Stephen Ohlemacher on Twitter: http://twitter.com/stephenatap",
    "– Follow the Ticker on Twitter: @PoliticalTicker",
    "Follow @ccamia on Twitter",
    "Email: Daniel.Miller@THR.com",
    "Twitter: @DanielNMiller",
    "Email: jmoritz@mcclatchydc.com; Twitter: @JCMoritzTU.",
    "Read or Share this story: http://usat.ly/1a6mXog",
    "(Photo: John Terhune/Journal & Courier)",
    "(PHOTOS: Obama surveys Oklahoma tornado damage)",
    "Click to share on Twitter (Opens in new window)",
    # sign-up forms, and players that need what the scraper lacked
    "Newsletter Sign Up Continue reading the main story Please verify you're not a robot by "
    "clicking the box.",
    "Invalid email address.",
    "An error has occurred.",
    "Breaking News Emails Get breaking news alerts and special reports. The news and stories "
    "that matter, delivered weekday mornings.",
    "Please turn on JavaScript. Media requires JavaScript to play.",
    "Please enable Javascript to watch this video",
    "This feature is not available right now. Please try again later.",
    "Rating is available when the video has been rented.",
    "You must enter the characters with black color that stand out from the other characters",
    "Note: By submitting this form, you agree to Third Door Media's terms . We respect your "
    "privacy .",
]

NEWS_LINES = [
    "Legendary rock group Led Zeppelin have unveiled two previously unheard recordings.",
    'He told me that "polarisation and sensationalism" also undermined "common understanding".',
    "AP said the vote had failed.",
    "More than 100 people died in the floods.",
    "By Tuesday the storm had passed.",
    "Copyright lawyers argued the case for three days.",
    "Subscribers to Wanadoo's broadband service will be able to make free evening calls.",
    "Reuters reported that the talks had stalled.",
    "Updated figures show the economy grew by 0.4%.",
    "Related charges were filed against two other men.",
    "Police said the gunman was known to them.",
    "In this case, the court said the law was clear.",
    "In this photo-sharing age, privacy is hard to keep, the report said.",
    "In this 2014 report, the agency found that 40 percent of bridges were unsafe.",
    "LONDON - The Bank of England held rates on Thursday.",
    "The file photo showed the senator in 2007.",
    "She wrote to the mayor (@mayor) on Monday and he replied within the hour.",
    "Follow-up tests on Twitter users found the same pattern, the researchers said.",
    "Followers of the cleric on Twitter called for calm after the verdict.",
    "Email records show the minister knew of the contract in March.",
    "An error has occurred in the count, officials said, and 12 more deaths were added.",
    "Read the full report on the ministry's website.",
    "(Reuters) A judge in Texas on Monday blocked the new law.",
    "Photos of the damage were shared widely on social media.",
    "This feature of the law is not available to foreign buyers, the minister said.",
]


@pytest.mark.parametrize("line", BOILERPLATE_LINES)
def test_boilerplate_lines_are_recognised(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", NEWS_LINES)
def test_news_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)
    assert not is_subheading(line)


def test_subheading_needs_no_verb_no_stop_and_body_after_it() -> None:
    assert is_subheading("The rules for flying domestic drones")
    assert not is_subheading("Police charged with negligence")  # a verb (-ed) keeps it
    assert not is_subheading("The rules for flying domestic drones.")  # a sentence end
    body = "Drones weighing more than 250g must be registered."
    assert filter_paragraphs(["The rules for flying domestic drones", body]) == [body]
    # Alone, or followed by another short line (a list), a short line is kept.
    assert filter_paragraphs(["The rules for flying domestic drones"]) == [
        "The rules for flying domestic drones"
    ]
    assert filter_paragraphs(["Vinyl chloride", "Cadmium"]) == ["Vinyl chloride", "Cadmium"]


def test_subheadings_only_for_languages_with_a_verb_lexicon() -> None:
    german = ["Die Regeln für Drohnen", "Drohnen über 250 Gramm müssen registriert werden."]
    assert filter_paragraphs(german, "german") == german
    assert filter_paragraphs(german, "english") == german[1:]


def test_glued_widget_text_is_cut_and_the_news_kept() -> None:
    line = (
        'Hence the base\'s slogan: "Ready to Fight Tonight." Play Facebook Twitter Embed U.S. '
        "Military in North Korea: 'Ready to Fight Tonight' 3:08 autoplay autoplay Copy this code "
        "to your website or blog NBC Nightly News anchors from South Korea on Monday."
    )
    assert strip_fragments(line) == (
        'Hence the base\'s slogan: "Ready to Fight Tonight." NBC Nightly News anchors from '
        "South Korea on Monday."
    )
    assert strip_fragments("Media playback is unsupported on your device The PM spoke.") == (
        "The PM spoke."
    )
    # a photo's shop link and CNN's label over its summary bullets go; the same words in news stay
    assert strip_fragments("Buy Photo Genesee County health official Jim Henry spoke.") == (
        "Genesee County health official Jim Henry spoke."
    )
    assert strip_fragments("Story highlights The CIA acknowledges Area 51") == (
        "The CIA acknowledges Area 51"
    )
    kept = ["Shoppers could Buy Photo frames at the store.", "The Story highlights a problem."]
    assert [strip_fragments(line) for line in kept] == kept


def test_a_long_paragraph_loses_only_its_boilerplate_sentence() -> None:
    news = (
        "Prodigy, one-half of iconic New York rap duo Mobb Deep, has died, according to a "
        "statement provided to NPR by a publicist for the group. The statement goes on to say "
        "that the rapper had been hospitalized a few days ago in Las Vegas for complications "
        "caused by a sickle cell anemia crisis, a disease he had battled since birth."
    )
    assert filter_paragraphs([news + " Copyright © 2017 NPR. All rights reserved."]) == [news]


def test_a_caption_glued_into_a_long_paragraph_goes_whatever_its_length() -> None:
    before = (
        "Police said the man was arrested on Monday after a long chase through the city centre, "
        "and that two officers were hurt."
    )
    caption = (
        "FILE - In this May 24, 2016, file photo, a ranking member of the House Judiciary "
        "Committee speaks on Capitol Hill in Washington about the case against the company."
    )
    after = "The case continues next week in the federal court, where a jury will be chosen."
    assert filter_paragraphs([f"{before} {caption} {after}"]) == [f"{before} {after}"]


def test_scraped_page_reads_only_news() -> None:
    page = "\n\n".join(
        [
            "Image copyright Getty Images Image caption The band broke up in 1980",
            "Legendary rock group Led Zeppelin have unveiled two previously unheard recordings.",
            "Media playback is unsupported on your device Media caption Robert Plant says the "
            'tracks are "of the time"',
            "It will give fans the first chance to eavesdrop on some of the band's key sessions.",
            "The companion discs",
            "The discs will feature alternative versions of songs and works in progress.",
            "Read more:",
            "Share this with Email Facebook Messenger Twitter",
            "Copyright © 2017 BBC. All rights reserved.",
        ]
    )
    assert split_sentences(page) == [
        "Legendary rock group Led Zeppelin have unveiled two previously unheard recordings.",
        "It will give fans the first chance to eavesdrop on some of the band's key sessions.",
        "The discs will feature alternative versions of songs and works in progress.",
    ]
    assert len(split_paragraphs(page, keep_boilerplate=True)) == 9


def test_example_still_splits_into_14_sentences() -> None:
    assert len(split_sentences(EXAMPLE.read_text(encoding="utf-8"))) == 14


def test_boilerplate_first_line_is_never_a_title(tmp_path: Path) -> None:
    text = (
        "Play Facebook\n\nImage copyright Getty Images\n\nLed Zeppelin unveil unheard tracks\n\n"
        "Legendary rock group Led Zeppelin have unveiled two previously unheard recordings.\n"
    )
    title, body = split_title(text)
    assert title == "Led Zeppelin unveil unheard tracks"
    assert body.startswith("Play Facebook\n\nImage copyright Getty Images\n\nLegendary")
    title, _ = split_title("By John Smith, BBC News\n\nThe talks stalled on Monday.\n")
    assert title is None
    path = tmp_path / "scrape.txt"
    path.write_text("Media playback is unsupported on your device\n\nThe PM spoke.\n", "utf-8")
    (article,) = read_text(str(path))
    assert article.title is None
    brief = make_brief([path])
    shown = [s.text for s in brief.key_points] + [
        s.text for sec in brief.sections for s in sec.sentences
    ]
    assert shown == ["The PM spoke."]
    assert brief.sources[0].title is None


def test_a_video_players_caption_paragraph_goes_whole() -> None:
    caption = (
        "CLOSE Bone-chilling cold gripped much of the U.S. as 2018 began, breaking century-old "
        "records and leading to several deaths that authorities attributed to exposure to the "
        "dangerously low temperatures. (Jan. 2) AP"
    )
    widget = (
        "CLOSE Skip in Skip x Embed x Share A former police officer accused of making false "
        "reports of a bomb threat was found dead in his home Thursday. Video provided by Newsy"
    )
    news = "Temperatures fell to minus 30 degrees in parts of the Midwest on Tuesday, police said."
    assert filter_paragraphs([caption, widget, news]) == [news]
    shouted = "CLOSE TO 200 PEOPLE attended the vigil on Sunday evening, the organisers said."
    assert filter_paragraphs([shouted, news]) == [shouted, news]


def test_a_caption_with_its_credit_after_a_bar_and_a_wsj_caption_go() -> None:
    lines = [
        "Congressman Bob Goodlatte's son made the surprise announcement on Twitter Sunday night. "
        "| Manuel Balce Ceneta/AP Photo Goodlatte's son donates to Democrat running to replace him",
        "Enlarge Image Close Getty Images LeBron James celebrated late in the fourth quarter.",
    ]
    news = "Sales rose 5% | the best quarter since 2015, the company said on Monday in New York."
    assert filter_paragraphs([*lines, news]) == [news]


def test_ap_feed_captions_and_site_furniture_go_the_story_stays() -> None:
    caption = (
        "In this Saturday, July 1, 2017, photo, people line up at the NuLeaf marijuana dispensary "
        "in Las Vegas. Recreational marijuana sales have exceeded the expectations of Las Vegas "
        "area store owners, who have... (Associated Press)"
    )
    story = (
        "LAS VEGAS (AP) — Recreational marijuana sales have exceeded the expectations of Las Vegas "
        "area store owners, who have seen long lines outside their dispensaries since Saturday."
    )
    furniture = [
        "Scroll down for video .",
        "Sorry we are not currently accepting comments on this article.",
        "Story Continued Below",
        "You always have the option to delete your Tweet location history.",
        "When you tweet with a location, Twitter stores that location.",
        "THIS IS A RUSH TRANSCRIPT.",
        "View all New York Times newsletters.",
        "…",
        "2.",
    ]
    assert filter_paragraphs([caption, *furniture, story]) == [story]
    glued = f"{story} Scroll down for video . The stores stayed open late on Sunday, owners said."
    assert filter_paragraphs([glued]) == [
        f"{story} The stores stayed open late on Sunday, owners said."
    ]
