"""build_brief(): articles → split → analyse → plan sections → rank → select → Brief."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .context import repair
from .errors import NoInputError
from .models import (
    AnalyzedSentence,
    Article,
    Brief,
    BriefSection,
    BriefSentence,
    BriefStats,
    Profile,
    SectionPlan,
    Sentence,
    Source,
    SourceFailure,
)
from .options import BriefOptions
from .profiles import DEFAULT_PROFILE, load_profile
from .splitter import split_paragraph
from .text import Analyzer, normalize_language, split_paragraphs, tokenize_words

if TYPE_CHECKING:
    from .limits import Deadline

log = logging.getLogger("briefer")


@dataclass(frozen=True)
class Corpus:
    """Every source split and analysed once, shared by all sections and methods."""

    sources: tuple[Source, ...]
    sentences: tuple[AnalyzedSentence, ...]
    canonical: tuple[int, ...]  # index of each sentence's near-duplicate representative
    also_in: dict[int, tuple[str, ...]]  # representative index → other sources carrying it
    failures: tuple[SourceFailure, ...]
    # Source.id → the caption paragraphs left out of its text: never shown, only evidence of
    # which story the source tells (briefer.stories.cluster)
    captions: dict[str, tuple[AnalyzedSentence, ...]] = field(default_factory=dict)

    @property
    def representatives(self) -> list[int]:
        """Indices of the sentences that stand for their near-duplicate group (or alone)."""
        return [i for i, rep in enumerate(self.canonical) if rep == i]

    @cached_property
    def index(self) -> dict[tuple[str, int], int]:
        """(source id, position) → corpus index; built once, so look-ups need no scan."""
        return {(a.sentence.source, a.sentence.position): i for i, a in enumerate(self.sentences)}


def analyse(
    articles: Sequence[Article],
    analyzer: Analyzer,
    failures: Sequence[SourceFailure] = (),
    keep_boilerplate: bool = False,
) -> Corpus:
    """Split every article into sentences and tokens, once; find near-duplicate sentences.

    `keep_boilerplate` keeps captions, share bars and the like (evaluation on pre-split sets).
    """
    from .dedup import article_copies, near_duplicate_groups
    from .forked import MIN_FORKED_SOURCES, aside, can_fork

    articles = list(articles)
    sources: list[Source] = []
    sentences: list[Sentence] = []
    tokens: list[tuple[str, ...]] = []
    keep = keep_boilerplate
    captions: dict[str, tuple[AnalyzedSentence, ...]] = {}

    def split(article: Article) -> tuple[list[list[str]], list[str]]:
        """The article's kept paragraphs as sentences, and the caption paragraphs left out."""
        dropped: list[str] = []
        paragraphs = split_paragraphs(
            article.text, analyzer.language, keep_boilerplate=keep, captions=dropped
        )
        # Each paragraph is filtered and one line already: split it as it is (what
        # split_sentences(keep_boilerplate=True) does with it, without its passes).
        return [split_paragraph(paragraph.strip()) for paragraph in paragraphs], dropped

    # Copies are found on the other core while this one splits every article (the split of a
    # copy is wasted, and copies are few); with no second core, copies are never split.
    forking = len(articles) >= MIN_FORKED_SOURCES and can_fork()
    with aside(lambda: article_copies(articles), forking) as copies_of:
        every = [split(article) for article in articles] if forking else None
        copies = copies_of()
    for index, others in copies:
        article = articles[index]
        if others is not None:
            article = replace(article, duplicates=others)
        sid = f"s{len(sources) + 1}"
        position = 0
        words_total = 0
        paragraphs, dropped = every[index] if every is not None else split(article)
        if dropped:
            captions[sid] = tuple(
                _caption(sid, k, text, analyzer) for k, text in enumerate(dropped)
            )
        for p_index, paragraph in enumerate(paragraphs):
            for text in paragraph:
                words = tuple(tokenize_words(text))
                words_total += len(words)
                sentences.append(Sentence(sid, position, text, p_index))
                tokens.append(words)
                position += 1
        sources.append(
            Source(
                id=sid,
                location=article.location,
                title=article.title,
                outlet=article.outlet,
                author=article.author,
                published=article.published,
                url=article.url,
                sentences=position,
                words=words_total,
                duplicates=article.duplicates,
            )
        )

    def joined() -> list[int]:
        return near_duplicate_groups(
            [s.text for s in sentences],
            [s.source for s in sentences],
            tokens=tokens,  # tokenized once, above
        )

    # The near-duplicate join runs on the other core while this one stems.
    with aside(joined, None if len(sources) >= MIN_FORKED_SOURCES else False) as groups_of:
        # Terms for the whole corpus at once: each distinct word is stemmed once.
        terms = analyzer.terms_many(tokens)
        analysed = [AnalyzedSentence(*p) for p in zip(sentences, tokens, terms, strict=True)]
        groups = groups_of()
    also: dict[int, list[str]] = {}
    for index, rep in enumerate(groups):
        if rep != index:
            src = analysed[index].sentence.source
            if src != analysed[rep].sentence.source and src not in also.setdefault(rep, []):
                also[rep].append(src)
    return Corpus(
        tuple(sources),
        tuple(analysed),
        tuple(groups),
        {k: tuple(v) for k, v in also.items()},
        tuple(failures),
        captions,
    )


def _caption(source: str, k: int, text: str, analyzer: Analyzer) -> AnalyzedSentence:
    """A left-out caption analysed like a sentence (negative positions: it is never cited)."""
    words = tuple(tokenize_words(text))
    return AnalyzedSentence(Sentence(source, -1 - k, text), words, analyzer.terms(words))


def build_brief(
    articles: Sequence[Article],
    profile: str | Path | Profile | None = None,
    options: BriefOptions | None = None,
    *,
    failures: Sequence[SourceFailure] = (),
    deadline: Deadline | float | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Brief:
    """Make a sectioned extractive brief of already-read `articles` (briefer.run reads them).

    `failures` are the sources that could not be read (listed in `Brief.failures`). Raises
    NoInputError when there are no articles or no sentences. `deadline` (seconds or a
    briefer.limits.Deadline) is checked between stages (TimeLimitError once passed).
    `progress(stage, done, total)` is called as sources are analysed ("analysing") and sections
    ranked ("ranking"); see briefer.progress.
    """
    from .limits import as_deadline

    opts = (options or BriefOptions()).checked()
    prof = load_profile(profile)
    if not articles:
        detail = "; ".join(f"{f.location}: {f.reason}" for f in failures[:3])
        raise NoInputError("no readable source" + (f" ({detail})" if detail else ""))
    clock = as_deadline(deadline)
    clock.check("after reading the sources")
    analyzer = Analyzer(normalize_language(opts.language or prof.language))
    if progress is not None:
        progress("analysing", 0, 0)  # no count: splitting, dedup and sections run as one step
    corpus = analyse(articles, analyzer, failures)
    clock.check("after splitting the sources into sentences")
    return compose_brief(corpus, prof, opts, analyzer, deadline=clock, progress=progress)


def compose_brief(
    corpus: Corpus,
    profile: Profile,
    options: BriefOptions,
    analyzer: Analyzer,
    *,
    deadline: Deadline | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Brief:
    """Plan the profile's sections over an analysed corpus, rank, select: the finished Brief."""
    from .limits import as_deadline
    from .stories.assemble import find_stories
    from .stories.compose import sectioned_layout, story_layout

    clock = as_deadline(deadline)
    if not corpus.sentences:
        raise NoInputError("the sources hold no sentences")
    lang = analyzer.language
    method_name = options.method
    clock.check("before finding the stories")
    groups = find_stories(corpus, analyzer)
    key_points = profile.key_points if options.key_points is None else options.key_points
    if not profile.sections and len(groups) > 1:
        # No profile and several stories: the stories are the brief.
        sections, stories, points = story_layout(corpus, groups, profile, options, key_points, lang)
    else:
        sections, stories, points = sectioned_layout(
            corpus, groups, profile, options, analyzer, key_points, clock, progress
        )
    # Key points may repeat story headlines: count each shown sentence once.
    chosen = list(
        {(s.source, s.position): s for sec in sections for s in (*points, *sec.sentences)}
    )
    lengths = {(a.sentence.source, a.sentence.position): len(a.words) for a in corpus.sentences}
    stats = BriefStats(
        sources=len(corpus.sources),
        sentences_read=len(corpus.sentences),
        words_read=sum(len(a.words) for a in corpus.sentences),
        sentences_selected=len(chosen),
        words_selected=sum(lengths[key] for key in chosen),
    )
    return Brief(
        title=options.title or _title(profile, corpus),
        created=options.stamp(),
        profile=profile.name,
        method=method_name,
        language=lang,
        sections=tuple(sections),
        sources=corpus.sources,
        stats=stats,
        key_points=points,
        marking=options.marking if options.marking is not None else profile.marking,
        failures=corpus.failures,
        stories=tuple(stories),
    )


def _title(profile: Profile, corpus: Corpus) -> str:
    if profile.name == DEFAULT_PROFILE and len(corpus.sources) == 1 and corpus.sources[0].title:
        return corpus.sources[0].title
    return profile.title


def plan(profile: Profile, corpus: Corpus, analyzer: Analyzer) -> list[SectionPlan]:
    """Section plans over the representative sentences (near-duplicates left out)."""
    from .sections import plan_sections

    keep = corpus.representatives
    items = [corpus.sentences[i] for i in keep]
    if profile.sections:
        plans = plan_sections(profile, items, analyzer)
    else:
        from .topics import auto_sections

        plans = auto_sections(items, analyzer)
    # Map member indices from the filtered list back to corpus indices.
    return [replace(p, members=tuple(keep[m] for m in p.members)) for p in plans]


def rank_items(
    items: Sequence[AnalyzedSentence],
    method: str,
    language: str,
    count: int,
    focus: tuple[str, ...] = (),
    expansion: tuple[str, ...] = (),
) -> list[float]:
    """One score per analysed sentence from the ranking method `method`."""
    from .summarize import METHODS, RankRequest

    request = RankRequest(
        sentences=[a.sentence for a in items],
        terms=[a.terms for a in items],
        words=[a.words for a in items],
        language=language,
        focus=focus,
        expansion=expansion,
        count=count,
    )
    return METHODS.get(method)(request)


def summarize_section(
    plan_: SectionPlan, corpus: Corpus, profile: Profile, options: BriefOptions, language: str
) -> BriefSection:
    """Rank a section's sentences with `method` and keep the best within its budget."""
    from .summarize.select import select_sentences

    spec = plan_.spec
    method, sentences, words = options.method, options.sentences, options.words
    items = [corpus.sentences[i] for i in plan_.members]
    word_budget = words if words is not None else (None if sentences is not None else spec.words)
    count = sentences if sentences is not None else (spec.sentences or profile.sentences)
    chosen: list[int] = []
    chosen_scores: dict[int, float] = {}
    if items:
        scores = rank_items(items, method, language, count, plan_.focus, plan_.expansion)
        chosen = select_sentences(scores, items, None if word_budget else count, word_budget)
        chosen_scores = {i: scores[i] for i in chosen}
    out = tuple(brief_sentence(plan_.members[i], corpus, chosen_scores[i]) for i in chosen)
    out = repair(out, corpus, language)  # a sentence leaning on an unshown one carries it
    return BriefSection(
        id=spec.id,
        title=spec.title,
        sentences=out,
        candidates=len(items),
        sources=len({a.sentence.source for a in items}),
    )


def brief_sentence(index: int, corpus: Corpus, score: float) -> BriefSentence:
    """The corpus sentence at `index` as the brief cites it."""
    sentence = corpus.sentences[index].sentence
    return BriefSentence(
        text=sentence.text,
        source=sentence.source,
        position=sentence.position,
        also_in=corpus.also_in.get(index, ()),
        score=round(float(score), 6),
    )


def select_key_points(
    corpus: Corpus, method: str, language: str, count: int
) -> tuple[frozenset[int], tuple[BriefSentence, ...]]:
    """The `count` most central sentences of the whole brief (bottom line up front).

    Returns their corpus indices too, so the sections can leave them out (never shown twice).
    """
    if count <= 0:
        return frozenset(), ()
    from .summarize.select import select_sentences

    members = corpus.representatives
    items = [corpus.sentences[i] for i in members]
    scores = rank_items(items, method, language, count)
    chosen = select_sentences(scores, items, count)
    return (
        frozenset(members[i] for i in chosen),
        repair([brief_sentence(members[i], corpus, scores[i]) for i in chosen], corpus, language),
    )
