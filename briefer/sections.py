"""Assign each sentence to at most one section of a profile, by stemmed-term relevance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .facets import facet_index
from .models import AnalyzedSentence, Profile, SectionPlan, SectionSpec
from .text import Analyzer, tokenize_words

PHRASE_WEIGHT = 1.5  # an exact multi-word phrase is stronger evidence than its words apart
DESCRIPTION_WEIGHT = 0.4  # words of a title / description hint at a section, terms define it
PHRASE_WORD_WEIGHT = 0.5
MIN_SCORE = 0.9  # below this a sentence belongs to no section (roughly: one defining term)


def written_terms(spec: SectionSpec) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(terms, phrases) as the profile means them: a multi-word term ("open source") is a phrase."""
    single = tuple(t for t in spec.terms if len(tokenize_words(t)) <= 1)
    multi = tuple(t for t in spec.terms if len(tokenize_words(t)) > 1)
    return single, (*multi, *spec.phrases)


def is_catch_all(spec: SectionSpec) -> bool:
    """A section with neither terms nor phrases takes what no other section claims."""
    return not spec.terms and not spec.phrases


def section_vocabulary(
    spec: SectionSpec, analyzer: Analyzer
) -> tuple[dict[str, float], list[tuple[str, ...]]]:
    """A section's weighted stems and its phrases as stem sequences."""
    terms, phrase_texts = written_terms(spec)
    weights: dict[str, float] = {}
    for text in (spec.title, spec.description):
        for term in analyzer.text_terms(text):
            weights[term] = max(weights.get(term, 0.0), DESCRIPTION_WEIGHT)
    phrases = []
    for phrase in phrase_texts:
        stems = analyzer.text_terms(phrase)
        if len(stems) > 1:
            phrases.append(stems)
        for term in stems:  # a phrase's words apart are weak evidence; together, strong
            weights[term] = max(weights.get(term, 0.0), PHRASE_WORD_WEIGHT)
    for text in terms:
        for term in analyzer.text_terms(text):
            weights[term] = 1.0
    return weights, phrases


def section_focus(spec: SectionSpec, analyzer: Analyzer) -> tuple[str, ...]:
    """Stemmed terms that bias a section's ranking: its terms first, then phrase and
    description words (the one focus used by user briefs and evaluation alike)."""
    terms, phrases = written_terms(spec)
    stems: list[str] = []
    for text in (*terms, *phrases, spec.description):
        stems.extend(analyzer.text_terms(text))
    return tuple(dict.fromkeys(stems))


def section_expansion(spec: SectionSpec, analyzer: Analyzer) -> tuple[str, ...]:
    """Stems of the facets a section's one-word terms name ("location" -> "miles", "coast", ...).

    Words inside a phrase do not call a facet: "half-time" is not a topic about time.
    """
    stems = [stem for text in written_terms(spec)[0] for stem in analyzer.text_terms(text)]
    return facet_index(analyzer).expand(stems) if stems else ()


def _plan(spec: SectionSpec, members: tuple[int, ...], analyzer: Analyzer) -> SectionPlan:
    return SectionPlan(
        spec, members, section_focus(spec, analyzer), section_expansion(spec, analyzer)
    )


def _contains(terms: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(terms[i : i + n] == phrase for i in range(len(terms) - n + 1))


def plan_sections(
    profile: Profile, sentences: Sequence[AnalyzedSentence], analyzer: Analyzer
) -> list[SectionPlan]:
    """Group sentence indices under the profile's sections (each sentence in at most one).

    A section without terms or phrases is a catch-all for sentences no other section claims.
    Terms shared by several sections count less (they do not discriminate). A profile of one
    section keeps every sentence: its terms bias the ranking, they never filter.
    """
    if len(profile.sections) == 1:
        spec = profile.sections[0]
        return [_plan(spec, tuple(range(len(sentences))), analyzer)]
    vocab = [
        ({}, []) if is_catch_all(spec) else section_vocabulary(spec, analyzer)
        for spec in profile.sections
    ]
    shared = Counter(term for weights, _ in vocab for term in weights)
    defined = [not is_catch_all(spec) for spec in profile.sections]
    catch_all = next((i for i, d in enumerate(defined) if not d), None)
    members: list[list[int]] = [[] for _ in profile.sections]
    for index, item in enumerate(sentences):
        terms = analyzer.match_terms(item.words)  # "air-defense" matches "air" and "defense"
        present = set(terms)
        best, best_score, best_hits = None, 0.0, 0
        for s, (weights, phrases) in enumerate(vocab):
            if not defined[s]:
                continue
            hits = [t for t in present if t in weights]
            score = sum(weights[t] / shared[t] for t in hits)
            score += sum(PHRASE_WEIGHT for p in phrases if _contains(terms, p))
            if score > best_score or (score == best_score and len(hits) > best_hits):
                best, best_score, best_hits = s, score, len(hits)
        if best is not None and best_score >= MIN_SCORE:
            members[best].append(index)
        elif catch_all is not None:
            members[catch_all].append(index)
    return [
        _plan(spec, tuple(m), analyzer) for spec, m in zip(profile.sections, members, strict=True)
    ]
