"""A failed scrape's web-archive or error-page notice is not news; news about archives is."""

from __future__ import annotations

from pathlib import Path

from briefer.boilerplate import filter_paragraphs
from briefer.notices import is_notice
from briefer.run import make_brief
from briefer.text import split_sentences

# Short quotes of the notices that real scrapes returned (Multi-News dev documents).
CRAWL_PAGE = (
    "These crawls are part of an effort to archive pages as they are created and archive the "
    "pages that they refer to. That way, as the pages that are referenced are changed or taken "
    "from the web, a link to the version that was live when the page was written will be "
    "preserved.Then the Internet Archive hopes that references to these archived pages will be "
    "put in place of a link that would be otherwise be broken, or a companion link to allow "
    "people to see what was originally intended by a page's authors.The goal is to fix all "
    'broken links on the web . Crawls of supported "No More 404" sites.'
)
ALEXA = (
    "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet "
    "Archive. Flowing in every day, these data are added to the Wayback Machine after an "
    "embargo period."
)
ERROR_PAGE = [
    "this data is currently not publicly accessible.",
    "Sorry, the page you requested could not be found.",
    "If you are trying to reach a page from a bookmark, the page URL may have changed.",
    "If you still have trouble finding what you need, please contact our webmaster",
]
NEWS_ABOUT_ARCHIVES = [
    "The Internet Archive's Wayback Machine has saved more than 800 billion web pages since "
    "2001, its founder said on Tuesday.",
    "Visitors to the ministry's website on Monday were told the page could not be found after "
    "hackers took it offline.",
    "The crawl data donated by Alexa Internet helped researchers study how news sites change.",
]


def test_archive_and_error_page_notices_are_dropped() -> None:
    assert filter_paragraphs([CRAWL_PAGE]) == []
    assert filter_paragraphs([ALEXA]) == []
    assert filter_paragraphs(ERROR_PAGE) == []


def test_news_about_archives_and_outages_is_kept() -> None:
    assert filter_paragraphs(NEWS_ABOUT_ARCHIVES) == NEWS_ABOUT_ARCHIVES
    assert not any(is_notice(s) for s in NEWS_ABOUT_ARCHIVES)


def test_a_notice_sentence_in_a_news_paragraph_goes_alone() -> None:
    news = (
        "The council approved the new budget on Monday after a long debate among its members. "
        "It will fund two new schools and a library in the north of the city, officials said."
    )
    paragraph = f"{news} Sorry, the page you requested could not be found. The vote was 9-2."
    assert filter_paragraphs([paragraph]) == [f"{news} The vote was 9-2."]


def test_failed_scrapes_in_a_folder_are_not_a_story(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(CRAWL_PAGE + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(ALEXA + "\n", encoding="utf-8")
    (folder / "c.txt").write_text("\n\n".join(ERROR_PAGE) + "\n", encoding="utf-8")
    news = (
        "Floods hit the river valley on Monday, forcing thousands of people from their homes.\n"
        "Rescue teams used boats to reach families trapped by the water, police said.\n"
    )
    (folder / "d.txt").write_text(news, encoding="utf-8")
    brief = make_brief([folder])
    shown = [s.text for section in brief.sections for s in section.sentences]
    assert shown and all(text in split_sentences(news) for text in shown)
    assert {s.location.rsplit("/", 1)[-1]: s.sentences for s in brief.sources} == {
        "a.txt": 0,
        "b.txt": 0,
        "c.txt": 0,
        "d.txt": 2,
    }


def test_a_sign_in_wall_is_not_news() -> None:
    wall = [
        "Sign in using you account with: {* loginWidget *}",
        "By submitting your registration information, you agree to our Terms of Service.",
        "Already have an account?",
        "We have sent a confirmation email to {* data_emailAddress *}.",
        "Thank you for registering!",
        "We look forward to seeing you on [website] frequently.",
    ]
    assert filter_paragraphs(wall) == []
    news = "Thousands signed in to the new tax portal on its first day, the ministry said."
    assert filter_paragraphs([news]) == [news]


def test_left_out_captions_are_collected_notices_and_furniture_are_not() -> None:
    caption = (
        "In this Saturday, July 1, 2017, photo, people line up at the NuLeaf marijuana dispensary "
        "in Las Vegas. Sales have exceeded the expectations of store owners, who have... "
        "(Associated Press)"
    )
    news = "Sales of the new product rose on Monday, the company said in a statement."
    found: list[str] = []
    kept = filter_paragraphs([caption, CRAWL_PAGE, "Read more", news], captions=found)
    assert kept == [news] and found == [caption]


def test_only_captions_are_kept_aside_not_links_to_other_stories() -> None:
    related = "RELATED: Best Places To Live In The World 2016, according to a new survey of cities"
    share = (
        "You can add location information to your Tweets, such as your city or precise location."
    )
    credit = (
        "Bernie Sanders (2nd row down, center) liked what he heard at the rally. "
        "REUTERS/Jonathan Ernst"
    )
    found: list[str] = []
    filter_paragraphs([related, share, credit], captions=found)
    assert found == [credit]


# A web archive's page about one of its crawls: every paragraph is the archive's own prose.
WIDE_CRAWL_PAGE = [
    "Web wide crawl with initial seedlist and crawler configuration from March 2011.",
    "What’s in the data set:",
    "We used Heritrix (3.1.1-SNAPSHOT) crawler software and respected robots.txt directives.",
    "However this was a somewhat experimental crawl for us, as we were using newly minted "
    "software to feed URLs to the crawlers, and we know there were some operational issues.",
    "We have made many changes to how we do these wide crawls since this particular example.",
]
SEED_PAGE = [
    "The seed for Wide00014 was:",
    "- Slash pages from every domain on the web:",
    "-- up to a maximum of 100 most highly ranked URLs per domain",
]
COLLECTION_PARAGRAPH = (
    "Crawl of outlinks from wikipedia.org started March, 2016. These files are currently not "
    "publicly accessible. It has been several years since the last time we did this. For this "
    "collection, several things were done: 1. Turned off duplicate detection. 2. For the first "
    "time, did all the different wikis. The original runs were just against the enwiki."
)
DOMAIN_PAGE = [
    "You're Almost There...",
    "Your custom domain mapping may take as little as 15-30 minutes to resolve, but in some "
    "cases mapping a new custom domain can take up to 24 hours.",
    "If you need additional information about domain mapping, please visit our help center.",
]


def test_a_web_archives_crawl_page_is_dropped_whole() -> None:
    assert filter_paragraphs(WIDE_CRAWL_PAGE) == []
    assert filter_paragraphs(SEED_PAGE) == []
    # a paragraph that opens with two notice sentences is the notice's, to its end
    assert filter_paragraphs([COLLECTION_PARAGRAPH]) == []
    assert filter_paragraphs(DOMAIN_PAGE) == []


def test_an_article_that_quotes_a_crawl_notice_later_keeps_its_news() -> None:
    news = (
        "The Internet Archive said on Tuesday that it had saved 800 billion pages, and that "
        "its crawlers had been blocked by 40 news sites this year."
    )
    later = "These crawls are part of an effort to archive pages as they are created."
    # only a page that *opens* with the archive's notice is the archive's page
    assert filter_paragraphs([news, later, WIDE_CRAWL_PAGE[3]]) == [news, WIDE_CRAWL_PAGE[3]]
