"""Notices a failed scrape returns instead of the article: web-archive, error and sign-in pages.

A page fetched through a web archive often comes back as the archive's own description of a
crawl ("These crawls are part of an effort to archive pages…", "Starting in 1996, Alexa
Internet has been donating their crawl data to the Internet Archive…"), and a dead link as the
site's "page not found" text, and a paywalled one as its sign-in form. None is news, and
several such pages in one folder look alike, so they would be shown as one story "reported by
3 outlets". The rules name the notices' phrasing, not the archive: an article *about* the
Internet Archive or a web outage keeps its sentences. English only (the notices of the big
archives are English).
"""

from __future__ import annotations

import re

# Each rule with a lower-case word it cannot match without (a substring test first).
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # web archives describing a crawl or a collection
    ("crawl", re.compile(r"\bcrawl data to the Internet Archive\b")),
    ("crawl", re.compile(r"\bThese crawls are part of an effort to archive\b")),
    ("crawl", re.compile(r"^Crawls? of (?:supported|outlinks)\b")),
    (
        "crawl",
        re.compile(r"\b(?:seed ?list|seed) for this crawl\b|\bThis crawl was run at\b", re.I),
    ),
    ("crawl", re.compile(r"\bWARC files associated with this crawl\b")),
    ("seed", re.compile(r"^The seed for Wide\d+ was\b")),
    ("crawl", re.compile(r"^(?:Web wide crawl|Crawl (?:start|end) date)\b")),
    ("crawl", re.compile(r"\bcrawls performed by IA\b")),
    ("wayback", re.compile(r"\badded to the Wayback Machine after an embargo\b", re.I)),
    ("archive", re.compile(r"\bInternet Archive hopes that references to these archived pages\b")),
    ("archive", re.compile(r"\busing the Archive-I[Tt] service of the Internet Archive\b")),
    ("broken links", re.compile(r"^The goal is to fix all broken links on the web\b")),
    (
        "version that was live",
        re.compile(r"\ba link to the version that was live when the page was written\b"),
    ),
    (
        "web captures",
        re.compile(r"^(?:These web captures are available|They include web captures)"),
    ),
    (
        "this collection",
        re.compile(
            r"^For more information about this collection\b|^Properties of this collection\b"
        ),
    ),
    ("number of", re.compile(r"^Number of (?:captures|unique URLs|hosts)\s*:")),
    (
        "publicly accessible",
        re.compile(
            r"\b(?:this data is|these files are|these data are)(?: currently)? not"
            r"(?: currently)? publicly accessible\b",
            re.I,
        ),
    ),
    # error pages
    (
        "page you",
        re.compile(
            r"\bthe page you (?:requested|are looking for|were looking for|tried to reach)\b"
            r".{0,40}\b(?:could not be found|cannot be found|can't be found|can’t be found"
            r"|does not exist|no longer exists|is (?:no longer |not )available"
            r"|has been (?:re)?moved)",
            re.I,
        ),
    ),
    ("bookmark", re.compile(r"^If you are trying to reach a page from a bookmark\b", re.I)),
    ("url may have changed", re.compile(r"\bthe page URL may have changed\b", re.I)),
    ("webmaster", re.compile(r"\bplease contact (?:our|the) webmaster\b", re.I)),
    (
        "no longer be here",
        re.compile(r"^If you are looking for an older .{1,30}, it may no longer be here"),
    ),
    # registration walls: the sign-in form a paywalled page returns, its template unfilled
    ("{*", re.compile(r"\{\*\s*\w+\s*\*\}")),
    ("[website]", re.compile(r"\[website\]")),
    ("sign in", re.compile(r"^Sign in using (?:you|your)\b")),
    ("already have an account", re.compile(r"^Already have an account\?$")),
    ("registration", re.compile(r"^By submitting your registration information, you agree\b")),
    ("registering", re.compile(r"^Thank you for registering!?$")),
)
_CUES = re.compile("|".join(re.escape(c) for c in dict.fromkeys(cue for cue, _ in _RULES)))


def is_notice(text: str) -> bool:
    """Whether a sentence or line is a web archive's, error page's or sign-in form's notice."""
    lower = text.lower()
    text = text.strip()
    return any(cue in lower and rule.search(text) for cue, rule in _RULES)


def has_cue(lower: str) -> bool:
    """A cheap gate on lower-cased text: whether any notice could be in it (mostly: no)."""
    return _CUES.search(lower) is not None
