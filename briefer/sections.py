"""Assign each sentence to at most one section of a profile, by stemmed-term relevance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .models import AnalyzedSentence, Profile, SectionPlan, SectionSpec
from .text import Analyzer

PHRASE_WEIGHT = 1.5  # an exact multi-word phrase is stronger evidence than its words apart
DESCRIPTION_WEIGHT = 0.4  # words of a title / description hint at a section, terms define it
PHRASE_WORD_WEIGHT = 0.5
MIN_SCORE = 0.9  # below this a sentence belongs to no section (roughly: one defining term)


def section_vocabulary(
    spec: SectionSpec, analyzer: Analyzer
) -> tuple[dict[str, float], list[tuple[str, ...]]]:
    """A section's weighted stems and its phrases as stem sequences."""
    weights: dict[str, float] = {}
    for text in (spec.title, spec.description):
        for term in analyzer.text_terms(text):
            weights[term] = max(weights.get(term, 0.0), DESCRIPTION_WEIGHT)
    phrases = []
    for phrase in spec.phrases:
        stems = analyzer.text_terms(phrase)
        if len(stems) > 1:
            phrases.append(stems)
        for term in stems:  # a phrase's words apart are weak evidence; together, strong
            weights[term] = max(weights.get(term, 0.0), PHRASE_WORD_WEIGHT)
    for text in spec.terms:
        for term in analyzer.text_terms(text):
            weights[term] = 1.0
    return weights, phrases


def _contains(terms: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(terms[i : i + n] == phrase for i in range(len(terms) - n + 1))


def plan_sections(
    profile: Profile, sentences: Sequence[AnalyzedSentence], analyzer: Analyzer
) -> list[SectionPlan]:
    """Group sentence indices under the profile's sections (each sentence in at most one).

    A section without terms, phrases or description is a catch-all for sentences no other
    section claims. Terms shared by several sections count less (they do not discriminate).
    """
    vocab = [section_vocabulary(spec, analyzer) for spec in profile.sections]
    shared = Counter(term for weights, _ in vocab for term in weights)
    defined = [bool(weights) for weights, _ in vocab]
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
        SectionPlan(
            spec, tuple(m), tuple(dict.fromkeys(t for t in vocab[i][0] if vocab[i][0][t] >= 1.0))
        )
        for i, (spec, m) in enumerate(zip(profile.sections, members, strict=True))
    ]
