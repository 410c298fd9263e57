"""Who said what: direct and indirect quotes of one source, with their speakers resolved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import groupby

from ..models import Quote, Sentence
from ..text import normalize_language
from .quote_cues import (
    CUE,
    CUE_WORDS,
    DATELINE,
    QUOTE_MARK,
    TERMINAL,
    count_words,
    is_title,
)
from .quote_patterns import attribution_after, attribution_before, quote_spans, reported_clause
from .quote_speakers import SpeakerBook


def find_quotes(sentences: Sequence[Sentence], language: str = "english") -> list[Quote]:
    """Every attributed statement of one source, in source order, with the fullest speaker."""
    if normalize_language(language) != "english":
        return []  # the cue lexicon is English: elsewhere it would find noise, not quotes
    finder = _Finder()
    dateline = DATELINE.match(sentences[0].text) if sentences else None
    if dateline:  # "WASHINGTON (AP) — Rep. X said …": the subject starts after the dateline
        first = replace(sentences[0], text=sentences[0].text[dateline.end() :])
        sentences = [first, *sentences[1:]]
    for _para, group in groupby(sentences, key=lambda s: s.paragraph):
        members = list(group)
        joined = " ".join(s.text for s in members)
        cues = [(m.group(), m.start(), m.end()) for m in CUE.finditer(joined)]
        if cues or QUOTE_MARK.search(joined):
            finder.paragraph(joined, members, cues)
        else:
            finder.book.text.extend(s.text for s in members)
    return finder.quotes


class _Finder:
    """The quotes found so far in one source and what its speakers are called."""

    def __init__(self) -> None:
        self.book = SpeakerBook()
        self.quotes: list[Quote] = []
        self.last_at = -10  # position of the last sentence holding a quote
        self.attributed: set[str] = set()  # speaker phrases of this sentence's direct quotes

    def paragraph(
        self, joined: str, members: list[Sentence], cues: list[tuple[str, int, int]]
    ) -> None:
        """Add the quotes of one paragraph (its sentences joined by single spaces)."""
        bounds: list[tuple[int, int]] = []
        at = 0
        for sentence in members:
            bounds.append((at, at + len(sentence.text)))
            at += len(sentence.text) + 1
        spans = [(a, b) for a, b in quote_spans(joined) if b - a > 60 or not is_title(joined[a:b])]
        by_sentence: dict[int, list[int]] = {}
        for number, (start, _end) in enumerate(spans):
            by_sentence.setdefault(_sentence_index(bounds, start), []).append(number)
        covered: list[list[tuple[int, int]]] = [[] for _ in members]
        next_cue = 0
        for index, sentence in enumerate(members):
            self.attributed = set()
            if index in by_sentence:
                for number in by_sentence[index]:
                    self._direct(joined, members, bounds, spans, number, covered)
            lo, hi = bounds[index]
            mine = []
            while next_cue < len(cues) and cues[next_cue][1] < hi:
                cue, a, b = cues[next_cue]
                mine.append((cue, a - lo, b - lo))
                next_cue += 1
            if mine and sum(b - a for a, b in covered[index]) * 2 <= len(sentence.text):
                self._indirect(sentence, covered[index], mine)
            self.book.text.append(sentence.text)

    def _emit(self, quote: Quote) -> None:
        self.quotes.append(quote)
        self.last_at = max(self.last_at, quote.position)

    def _direct(
        self,
        joined: str,
        members: list[Sentence],
        bounds: list[tuple[int, int]],
        spans: list[tuple[int, int]],
        number: int,
        covered: list[list[tuple[int, int]]],
    ) -> None:
        start, end = spans[number]
        first = _sentence_index(bounds, start)
        last = _sentence_index(bounds, max(start, end - 1))
        previous_close = spans[number - 1][1] + 1 if number else 0
        head = joined[max(bounds[first][0], previous_close) : max(start - 1, 0)]
        next_open = spans[number + 1][0] - 1 if number + 1 < len(spans) else len(joined)
        tail = joined[end + 1 : min(bounds[last][1], next_open)]
        content = joined[start:end]
        attribution = None
        if not content.rstrip().endswith(".") or tail.strip()[:1].islower():
            attribution = attribution_after(tail)
        if attribution is None:
            attribution = attribution_before(head)
        book = self.book
        if attribution is not None:
            speaker = book.resolve(attribution[0], members[first].text)
            if not speaker:
                return
            book.record(attribution[0], speaker)
            self.attributed.add(attribution[0])
            cue = attribution[1]
            if count_words(content) < 3 and not head.strip() and not tail.strip():
                return
            if CUE_WORDS.get(cue.lower()) == "label" and is_title(content, named=True):
                return  # a game called "Words": a name, not what anyone said
        elif (
            count_words(content) >= 4
            and book.speakers
            and members[first].position - self.last_at <= 2
            and not head.strip(" ,")
        ):
            speaker = book.speakers[-1][1]  # a sentence continuing the previous quote
            cue = self.quotes[-1].cue if self.quotes else "said"
        else:
            return
        for index in range(first, last + 1):
            lo, hi = max(start, bounds[index][0]), min(end, bounds[index][1])
            piece = joined[lo:hi].strip().rstrip(",").strip()
            if not piece.strip(TERMINAL):
                continue
            covered[index].append((lo - bounds[index][0], hi - bounds[index][0]))
            sentence = members[index]
            self._emit(Quote(speaker, piece, "direct", sentence.source, sentence.position, cue))

    def _indirect(
        self,
        sentence: Sentence,
        direct: list[tuple[int, int]],
        cues: list[tuple[str, int, int]],
    ) -> None:
        found = reported_clause(sentence.text, cues)
        if found is None:
            return
        clause, at, phrase, cue = found
        if phrase in self.attributed:
            return  # the attribution of a direct quote ("…," Swank said to Eastwood)
        if any(lo < at + len(clause) and at < hi for lo, hi in direct):
            return  # a partial quote inside the clause already stands for it
        speaker = self.book.resolve(phrase, sentence.text)
        if speaker:
            self.book.record(phrase, speaker)
            self._emit(Quote(speaker, clause, "indirect", sentence.source, sentence.position, cue))


def _sentence_index(bounds: list[tuple[int, int]], offset: int) -> int:
    for index, (_start, end) in enumerate(bounds):
        if offset <= end:
            return index
    return len(bounds) - 1
