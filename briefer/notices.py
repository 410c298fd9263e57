"""Notices a failed scrape returns instead of the article: web-archive, error and sign-in pages.

A page fetched through a web archive often comes back as the archive's own description of a
crawl ("These crawls are part of an effort to archive pages…", "Starting in 1996, Alexa
Internet has been donating their crawl data to the Internet Archive…"), and a dead link as the
site's "page not found" text, and a paywalled one as its sign-in form. None is news, and
several such pages in one folder look alike, so they would be shown as one story "reported by
3 outlets". The rules name the notices' phrasing, not the archive: an article *about* the
Internet Archive or a web outage keeps its sentences. A notice is a page of its own, so each
rule reads a line or sentence from its start: one `startswith` decides almost every line. English
only (the notices of the big archives are English).
"""

from __future__ import annotations

import re

Rules = tuple[tuple[str, re.Pattern[str]], ...]

# (how the notice opens, the rest of the rule). The opening is matched as written (the notices
# are fixed text); the pattern then reads the whole line from its start.
_ARCHIVE_RULES: Rules = (
    # web archives describing a crawl or a collection
    ("Starting in 1996, Alexa", re.compile(r".*\bcrawl data to the Internet Archive\b")),
    ("Flowing in every day", re.compile(r".*\badded to the Wayback Machine after an embargo\b")),
    ("These crawls are part", re.compile(r"These crawls are part of an effort to archive\b")),
    ("Crawl", re.compile(r"Crawls? (?:of (?:supported|outlinks)|start date|end date)\b")),
    ("Web wide crawl", re.compile(r"Web wide crawl\b")),
    ("The seed", re.compile(r"The seed (?:for Wide\d+ was|(?:list )?for this crawl)\b")),
    ("This crawl was run", re.compile(r"This crawl was run at\b")),
    ("The WARC files", re.compile(r"The WARC files associated with this crawl\b")),
    ("This collection contains", re.compile(r".*\bcrawls performed by IA\b")),
    ("This is a set of web", re.compile(r".*\bArchive-I[Tt] service of the Internet Archive\b")),
    ("The goal is to fix all", re.compile(r"The goal is to fix all broken links on the web\b")),
    ("These web captures", re.compile(r"These web captures are available\b")),
    ("They include web captures", re.compile(r"They include web captures\b")),
    ("For more information about", re.compile(r"For more information about this collection\b")),
    ("Properties of this collection", re.compile(r"Properties of this collection\b")),
    ("Number of", re.compile(r"Number of (?:captures|unique URLs|hosts)\s*:")),
    ("this data", re.compile(r"this data is(?: currently)? not publicly accessible\b", re.I)),
    ("This data", re.compile(r"this data is(?: currently)? not publicly accessible\b", re.I)),
    ("These files", re.compile(r"These files are(?: currently)? not publicly accessible\b")),
    # a crawl's seed list and data set, line by line
    ("- Slash pages from", re.compile(r"- Slash pages from every domain on the web\b")),
    ("-- a ranking of all URLs", re.compile(r"-- a ranking of all URLs that have more than one\b")),
    ("-- up to a maximum of", re.compile(r"-- up to a maximum of \d+ most highly ranked URLs\b")),
    ("- Top ranked pages", re.compile(r"- Top ranked pages \(up to a max of \d+\) from every\b")),
    ("What’s in the data set", re.compile(r"What’s in the data set:\s*$")),
    ("What's in the data set", re.compile(r"What's in the data set:\s*$")),
    ("We used Heritrix", re.compile(r"We used Heritrix\b")),
    ("If you would like access", re.compile(r"If you would like access to this set of crawl\b")),
)
_RULES: Rules = (
    *_ARCHIVE_RULES,
    # error pages
    (
        "Sorry, the page",
        re.compile(
            r"Sorry, the page you (?:requested|are looking for|were looking for|tried to reach)\b"
            r".{0,40}\b(?:could not be found|cannot be found|can't be found|can’t be found"
            r"|does not exist|no longer exists|is (?:no longer |not )available"
            r"|has been (?:re)?moved)"
        ),
    ),
    ("If you are trying to reach", re.compile(r"If you are trying to reach a page from a bookm")),
    ("If you are looking for an older", re.compile(r".{1,60}, it may no longer be here\b")),
    ("If you still have trouble", re.compile(r".*\bplease contact (?:our|the) webmaster\b")),
    # a blog host's page for a domain not yet mapped to the blog
    ("You're Almost There", re.compile(r"You're Almost There\.*$")),
    ("You’re Almost There", re.compile(r"You’re Almost There\.*$")),
    ("Your custom domain mapping", re.compile(r"Your custom domain mapping may take\b")),
    ("If you need additional", re.compile(r"If you need additional information about domain mapp")),
    # registration walls: the sign-in form a paywalled page returns, its template unfilled
    ("Sign in using", re.compile(r"Sign in using (?:you|your)\b")),
    ("Already have an account?", re.compile(r"Already have an account\?$")),
    ("By submitting your registration", re.compile(r"By submitting your registration inform")),
    ("Thank you for registering", re.compile(r"Thank you for registering!?$")),
    ("We have sent a confirmation", re.compile(r".*\{\*\s*\w+\s*\*\}")),
    ("We look forward to seeing you", re.compile(r".*\[website\]")),
)
_OPENINGS = tuple(dict.fromkeys(opening for opening, _ in _RULES))
_ARCHIVE_OPENINGS = tuple(dict.fromkeys(opening for opening, _ in _ARCHIVE_RULES))


def _matches(text: str, openings: tuple[str, ...], rules: Rules) -> bool:
    """Whether `text` opens as one of `rules` and the rule reads it from its start."""
    text = text.strip()
    if not text.startswith(openings):
        return False
    return any(text.startswith(opening) and rule.match(text) for opening, rule in rules)


def is_notice(text: str) -> bool:
    """Whether a line or sentence is a web archive's, error page's or sign-in form's notice."""
    return _matches(text, _OPENINGS, _RULES)


def is_archive_page(first: str) -> bool:
    """Whether a page whose first paragraph is `first` is a web archive's description of a
    crawl or collection: the archive's page stands in for the article, so none of it is news
    (its later paragraphs are the archive's own prose: "We have made many changes to how we do
    these wide crawls…")."""
    return _matches(first, _ARCHIVE_OPENINGS, _ARCHIVE_RULES)
