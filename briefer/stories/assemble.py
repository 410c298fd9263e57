"""Stories of a corpus: clustered sources with title, coverage, quotes, dates and disputes."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..forked import MIN_FORKED_SOURCES, aside
from ..models import BriefSentence, Disagreement, Quote, Source, Story, TimelineEvent
from ..text import tokenize_words

if TYPE_CHECKING:
    from ..pipeline import Corpus
    from ..text import Analyzer


@dataclass(frozen=True)
class StoryGroup:
    """One story before selection: its sources, sentences and everything found in them."""

    id: str
    title: str
    sources: tuple[str, ...]
    outlets: int
    independent: int
    members: tuple[int, ...]  # corpus indices of the story's representative sentences
    quotes: tuple[Quote, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    latest: str = ""  # newest publication date among its sources ("" when none is known)

    @property
    def multi_source(self) -> bool:
        """Reported by two or more independent sources."""
        return self.independent >= 2

    def card(self, sentences: Sequence[BriefSentence], section: str | None) -> Story:
        """The story as the brief shows it, with these sentences (headline first)."""
        return Story(
            id=self.id,
            title=self.title,
            sources=self.sources,
            outlets=self.outlets,
            independent=self.independent,
            sentences=tuple(sentences),
            section=section,
            quotes=self.quotes,
            timeline=self.timeline,
            disagreements=self.disagreements,
        )


def find_stories(corpus: Corpus, analyzer: Analyzer) -> tuple[StoryGroup, ...]:
    """Cluster the corpus' sources into stories, most important first.

    Importance is independent coverage, then outlets, then recency, then size: what an analyst
    reads first is what several newsrooms reported on their own.
    """
    from .disagree import find_disagreements
    from .quotes import find_quotes
    from .sentence_figures import SentenceFigures, corpus_figures

    by_source: dict[str, list[int]] = {}
    for index, item in enumerate(corpus.sentences):
        by_source.setdefault(item.sentence.source, []).append(index)

    fork = None if len(by_source) >= MIN_FORKED_SOURCES else False

    def one_by_one() -> tuple[dict[str, list[Quote]], SentenceFigures | None]:
        quotes = {
            sid: find_quotes([corpus.sentences[i].sentence for i in rows], analyzer.language)
            for sid, rows in by_source.items()
        }
        # Every sentence's figures only where they can be found beside the clustering: story by
        # story, single-source stories (no disagreement possible) need none.
        return quotes, corpus_figures(corpus) if fork is None else None

    # Quotes and figures depend on one source or sentence alone: found on the other core while
    # this one clusters, titles and dates the stories.
    with aside(one_by_one, fork) as from_child:
        origins, drafts = _drafts(corpus, analyzer, by_source)
        quotes, figures = from_child()
    groups: list[StoryGroup] = []
    for draft in drafts:
        items = [corpus.sentences[i] for sid in draft.sources for i in by_source.get(sid, ())]
        said = (q for sid in draft.sources for q in quotes.get(sid, ()))
        groups.append(
            replace(
                draft,
                quotes=tuple(rank_quotes(unique_quotes(said))),
                disagreements=tuple(
                    find_disagreements(items, origins, None if figures is None else figures.of)
                ),
            )
        )
    order = {g.id: n for n, g in enumerate(groups)}
    groups.sort(
        key=lambda g: (-g.independent, -g.outlets, _negated(g.latest), -len(g.members), order[g.id])
    )
    return tuple(groups)


def _drafts(
    corpus: Corpus, analyzer: Analyzer, by_source: dict[str, list[int]]
) -> tuple[dict[str, str], list[StoryGroup]]:
    """The clusters' origins and their stories in clustering order, without their quotes and
    disagreements yet."""
    from .cluster import cluster_sources
    from .timeline import build_timeline
    from .titles import story_title

    clusters = cluster_sources(corpus.sources, corpus.sentences, captions=corpus.captions)
    sources = {s.id: s for s in corpus.sources}
    story_df: Counter[str] = Counter()
    for ids in clusters.stories:
        story_df.update(
            {t for sid in ids for i in by_source.get(sid, ()) for t in corpus.sentences[i].terms}
        )
    representatives = set(corpus.representatives)
    drafts: list[StoryGroup] = []
    for ids in clusters.stories:
        every = [i for sid in ids for i in by_source.get(sid, ())]
        items = [corpus.sentences[i] for i in every]
        published = {sid: sources[sid].published for sid in ids}
        drafts.append(
            StoryGroup(
                id=story_id([sources[sid] for sid in ids], corpus, by_source),
                title=story_title(
                    items, analyzer.term, story_df, len(clusters.stories), analyzer.stop_words
                ),
                sources=tuple(ids),
                outlets=count_outlets([sources[sid] for sid in ids]),
                independent=len({clusters.origins.get(sid, sid) for sid in ids}),
                members=tuple(i for i in every if i in representatives),
                quotes=(),
                timeline=tuple(build_timeline([it.sentence for it in items], published)),
                disagreements=(),
                latest=max((p or "" for p in published.values()), default=""),
            )
        )
    return dict(clusters.origins), drafts


def _negated(stamp: str) -> tuple[int, ...]:
    """Sort key that puts later ISO dates first (strings cannot be negated)."""
    return tuple(-ord(c) for c in stamp)


def unique_quotes(quotes: Iterable[Quote]) -> list[Quote]:
    """Each statement once: wire copies repeat a quote, sometimes lightly edited."""
    kept: list[Quote] = []
    seen: dict[str, list[frozenset[str]]] = {}
    for quote in quotes:
        words = frozenset(map(str.lower, tokenize_words(quote.text)))
        earlier = seen.setdefault(quote.speaker.lower(), [])
        if any(len(words & w) >= 0.8 * max(len(words), len(w), 1) for w in earlier):
            continue
        earlier.append(words)
        kept.append(quote)
    return kept


STATEMENT_WORDS = 4  # fewer words in quote marks are a label or a scare quote, not a statement


def rank_quotes(quotes: Sequence[Quote]) -> list[Quote]:
    """Most important first: named speakers, statements (not a word or two in quote marks),
    those quoted most, direct words, then order.

    A named speaker ("Carlos Mazon", "China's foreign ministry") outranks a descriptor ("a
    report", "the researchers"): an analyst needs to know who said it. A scare quote
    ("“independence.”", "“dire”") says little on a card.
    """
    speakers = Counter(q.speaker for q in quotes)
    order = {id(q): n for n, q in enumerate(quotes)}
    return sorted(
        quotes,
        key=lambda q: (
            not q.speaker[:1].isupper() or q.speaker.split()[0] in ("A", "An", "The"),
            len(q.text.split()) < STATEMENT_WORDS,
            -speakers[q.speaker],
            q.kind != "direct",
            order[id(q)],
        ),
    )


def count_outlets(sources: Sequence[Source]) -> int:
    """Distinct outlets carrying the story (hosts or locations when the outlet is unknown)."""
    names: set[str] = set()
    for source in sources:
        for location in (source.location, *source.duplicates):
            names.add(_outlet(source, location))
    return len(names)


def _outlet(source: Source, location: str) -> str:
    if location == source.location and source.outlet:
        return source.outlet.strip().lower()
    host = urlsplit(location).hostname if "://" in location else None
    if host:
        return host.removeprefix("www.")
    return location


def story_id(sources: Sequence[Source], corpus: Corpus, by_source: dict[str, list[int]]) -> str:
    """A stable id: the digest of the story's earliest-hashing article text.

    The smallest digest over the story's articles stays the same while that article carries
    over, whatever else joins the story or the order sources are given in.
    """
    digests = []
    for source in sources:
        text = "\n".join(corpus.sentences[i].sentence.text for i in by_source.get(source.id, ()))
        digests.append(hashlib.sha1(text.encode("utf-8")).hexdigest())
    return "st-" + min(digests)[:12]
