"""Who said what: direct and indirect quotes of one source, with their speakers resolved."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby

from ..models import Quote, Sentence
from .quote_speakers import SpeakerBook, is_person_name, trailing_name

# --- the cue lexicon --------------------------------------------------------------------------
# Strong cues introduce a reported clause on their own ("critics argue cutting subsidies …").
_STRONG = """say says said saying tell tells told telling warn warns warned warning
argue argues argued arguing insist insists insisted insisting believe believes believed
deny denies denied urge urges urged stress stresses stressed explain explains explained
suggest suggests suggested emphasise emphasised emphasize emphasized emphasises emphasizes
predict predicts predicted contend contends contended allege alleges alleged admit admits
admitted claim claims claimed confirm confirms confirmed recommend recommends recommended
acknowledge acknowledges acknowledged concede concedes conceded assert asserts asserted
declare declares declared reckon reckons reckoned maintain maintains maintained
accuse accuses accused highlight highlights highlighted
claiming denying urging stressing explaining suggesting emphasising emphasizing predicting
admitting confirming accusing""".split()
# Weak cues need "that" (or a closing attribution) to introduce content: "the firm added 146,000
# jobs" and "police found a body" are not statements.
_WEAK = """add adds added adding note notes noted state states stated report reports reported
find finds found show shows showed announce announces announced reveal reveals revealed
estimate estimates estimated forecast forecasts calculate calculates calculated
indicate indicates indicated conclude concludes concluded write writes wrote
promise promises promised vow vows vowed pledge pledges pledged reply replies replied
advise advises advised answer answered ask asks asked noting""".split()
# Content given only as a quoted label: "attacked the pledges as "vacuous"".
_LABEL = """describe describes described dub dubs dubbed label labels labelled labeled labelling
call calls called attack attacks attacked dismiss dismisses dismissed praise praises praised
hail hails hailed criticise criticises criticised criticize criticized condemn condemned
brand branded rule ruled""".split()
_CUE_WORDS = {w: "strong" for w in _STRONG} | {w: "weak" for w in _WEAK}
_CUE_WORDS |= {w: "label" for w in _LABEL}


def _trie_pattern(words: list[str]) -> str:
    """An alternation factored by prefix: Python's re tries plain alternatives one by one."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [re.escape(c) + build(n) for c, n in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie)


_PHRASES = ["according to", "According to", "pointed out", "points out", "went on to say"]
_PHRASES += ["called on", "calls on"]
_CUE = re.compile(r"\b(?:" + _trie_pattern([*_PHRASES, *_CUE_WORDS]) + r")\b")
_TOLD = frozenset({"tell", "tells", "told", "telling"})
_TELL = frozenset({"tell", "tells", "told", "telling", "warned", "warn", "warns", "urged", "urge"})
_AUX = frozenset(
    """has have had will would may might could also previously again repeatedly later then now
    reportedly recently earlier publicly privately quickly strongly further still already
    once has've""".split()
)
_NEGATION = frozenset({"not", "n't", "never", "refused", "declined", "failed", "nobody", "no"})
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being", "to"})
_LEADERS = frozenset(
    "but and however also meanwhile now so yet still instead separately indeed".split()
)
_BOUNDARY = re.compile(
    r"(?:[,;:(]| - | – | — |\b(?:but|and|while|as|because|which|who|whom|that|when|after|"
    r"before|since|although|though|where|if|whereas|despite)\b)"
)
# Adverbials between a cue and its clause: "said on Monday that", "said in a statement".
_ADVERBIAL = re.compile(
    r"(?:\s*,?\s+(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|last\s+(?:week|month|year|night)|yesterday|today|earlier|later|previously|recently"
    r"|this\s+(?:week|month|year|morning)|in\s+(?:a|an|his|her|its|their)\s+(?:written\s+)?"
    r"(?:statement|report|interview|letter|speech|ruling|judgment|judgement|briefing|testimony"
    r"|blog|post|filing|broadcast|address|note)))+"
)
_PAREN = re.compile(r"\s*\([^()]*\)")
_THAT = re.compile(r"\s*,?\s*that\b\s*")
_TOLD_OBJECT = re.compile(r"\s+((?:[^\s,.:;\"“”]+\s+){0,8}?)that\b\s*|\s+((?:the\s+|a\s+)?\S+)")
# A plain character class lets re skip ahead in C; apostrophes inside words are dropped in Python.
_QUOTE_MARK = re.compile(r"[“”\"«»„‘’']")
_TERMINAL = ".!?;:,\"'“”‘’»« "


def _words(text: str) -> int:
    return len(text.split())


def _speaker_segment(head: str) -> tuple[str, str]:
    """The speaker phrase that ends `head` (text just before a cue) and its auxiliaries."""
    head = head[-160:]  # a speaker phrase is at most a dozen words: look no further back
    if "(" in head:
        head = _PAREN.sub("", head)
    head = head.rstrip()
    if head and head[-1] in ",-–—":  # "X, who …, said", "X - who … - said", "The head of Y, X, said"
        mark = head[-1]
        inner = head[:-1].rstrip()
        cut = inner.rfind(mark)
        part = inner[cut + 1 :].strip() if cut > 0 else inner
        if cut > 0 and part and trailing_name(part) == part:
            return part, ""
        head = inner[:cut] if cut > 0 else inner
    cuts = [m.end() for m in _BOUNDARY.finditer(head)]
    segment = head[cuts[-1] :] if cuts else head
    words = segment.split()
    aux: list[str] = []
    while words and words[-1].lower() in _AUX:
        aux.insert(0, words.pop())
    while words and words[0].lower().strip(",") in _LEADERS:
        words.pop(0)
    for index in range(len(words) - 1, -1, -1):
        if words[index].lower() in _PRONOUNS or words[index][-1:] in "\"”’":
            # "Speaking to the committee he", "…at a "good pace" he": the pronoun is the subject
            words = words[index:] if words[index].lower() in _PRONOUNS else words[index + 1 :]
            break
    return " ".join(words).strip(" \"'“”‘’"), " ".join(aux)


_SUBJECT = re.compile(
    r"^(?:(?:But|However|And|Yet|Meanwhile|Separately|Earlier|Later),?\s+)?"
    r"(?P<s>(?:[Tt]he|[Aa]n?)\s+(?:[A-Z][\w'’.-]*\s+)*"
    r"(?:(?!(?:is|was|has|had|have|will|would|said)\b)[a-z][a-z-]*(?<!ed)(?<!ly)\b\s*){1,2}"
    r"|(?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e)\s"
)
_DIRECTIVE = frozenset({"urge", "urges", "urged", "advise", "advises", "advised", "called on"})
_DIRECTIVE |= {"calls on", "ask", "asks", "asked", "recommend", "recommends", "recommended"}
_TO_INFINITIVE = re.compile(r"\s+(?:[^\s,.;:]+\s+){1,6}?to\s+[a-z]")
# A word before an "-s" cue that makes it a noun: "six new pledges", "weekend newspaper reports".
_NOUN_BEFORE = frozenset(
    """the a an his her its their our these those new such any no many some recent weekend
    press media newspaper news earlier latest further other""".split()
)


def _clause_subject(text: str) -> str:
    """The subject a sentence opens with ("Zelensky criticized …, suggesting …")."""
    match = _SUBJECT.match(text.strip())
    return match.group("s").strip() if match else ""


def _is_clause(text: str) -> bool:
    """Whether text reads as a reported clause, not a subject with its appositive."""
    words = text.split()
    first = re.split(r",", re.sub(r"^(?:But|And|However|Meanwhile),?\s+", "", text), maxsplit=1)[0]
    if is_person_name(trailing_name(first)) and trailing_name(first) == first.strip():
        return False  # "But Alain Terzian, president of …, said the changes …"
    verbish = set(w.lower() for w in words) & _CLAUSE_WORDS or any(w.endswith("ed") for w in words)
    return len(words) >= 4 and (bool(verbish) or len(words) >= 10)


def _is_noun(body: str, start: int, cue: str) -> bool:
    """Whether an "-s" cue word is a plural noun here ("the claims", "Labour's pledges")."""
    if not cue.endswith("s") or cue.endswith("ss") or " " in cue:
        return False
    word = body[body.rfind(" ", 0, max(start - 1, 0)) + 1 : start].strip()
    return word.lower() in _NOUN_BEFORE or word.endswith(("'s", "’s")) or word[:1].isdigit()


def _valid_speaker(phrase: str, aux: str) -> bool:
    """A short noun phrase, not negated, passive or an infinitive ("declined to say")."""
    if not phrase or _words(phrase) > 12:
        return False
    words = phrase.lower().split()
    if words[-1] in _NEGATION or words[-1] in _PASSIVE or words[-1].endswith("n't"):
        return False
    if any(w in _NEGATION for w in aux.lower().split()):
        return False
    if any(w in _NEGATION for w in words):
        return False  # "Dr Fox refused to discuss weekend newspaper reports"
    first = words[0]
    return phrase[0].isupper() or first in _DETERMINERS or len(words) == 1 or bool(
        trailing_name(phrase)
    )


# Words of a clause, not of a name: "…, said the elevators were old" is no attribution.
_CLAUSE_WORDS = frozenset(
    "is are was were has have had will would could can should may might must did does do".split()
)
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "which"})
_DETERMINERS = frozenset(
    """the a an his her its their our some many most other several one two three four both all
    these those he she it they we who which this that each another few""".split()
)


def _trailer(tail: str) -> tuple[str, str] | None:
    """Attribution right after a closing quote mark: (speaker phrase, cue) or None."""
    match = _CUE.search(tail)
    if match is None or match.start() > 80:
        return None
    before, cue = tail[: match.start()].strip().lstrip(",").strip(), match.group()
    before_words = before.split()
    if not before_words or before_words[-1].lower() in _AUX:  # inverted: `," said X`
        if cue.lower() == "according to" or len(before_words) <= 2:
            after = tail[match.end() :]
            spk = re.split(r"[,.;:!?\"“”]| who | in | on | at | after | as ", after, maxsplit=1)
            phrase = spk[0].strip()
            return (phrase, cue) if _valid_speaker(phrase, "") else None
        return None
    phrase, aux = _speaker_segment(before)
    expected = (phrase + " " + aux).strip()
    if not phrase or (before != expected and before[-1:] not in ",-–—"):
        return None  # the cue belongs to a later clause ("…", while the Democrats said)
    return (phrase, cue) if _valid_speaker(phrase, aux) else None


def _opener(head: str) -> tuple[str, str] | None:
    """Attribution before an opening quote mark: `X said: "`, `X told the BBC that "`."""
    matches = list(_CUE.finditer(head))
    if not matches:
        return None
    matches = [m for m in matches if not _is_noun(head, m.start(), m.group())]
    if not matches:
        return None
    match = matches[-1]
    if match.group().lower() == "according to":
        spk = head[match.end() :].split(",")[0].strip()
        return (spk, match.group()) if spk else None
    before = head[: match.start()].rstrip()
    if match.group().endswith("ing") and before.endswith(","):  # "He warned …, saying: "
        subject = _clause_subject(before)
        return (subject, match.group()) if subject else None
    phrase, aux = _speaker_segment(before)
    if not phrase and before.endswith(" and"):  # "X attacked … and said "
        phrase = _clause_subject(before)
    return (phrase, match.group()) if _valid_speaker(phrase, aux) else None


def _direct_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted passages: curly, straight and single marks, paired in order."""
    spans: list[tuple[int, int]] = []
    double: int | None = None
    single: int | None = None
    for match in _QUOTE_MARK.finditer(text):
        mark, at = match.group(), match.start()
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if mark in "'’" and before.isalnum() and after.isalnum():
            continue  # an apostrophe: "Ukraine's", "don't"
        opens = before.isspace() or before in "([—–-"
        closes = after.isspace() or after in ".,;:!?)—–-"
        if mark in "“„«" or (mark == '"' and (double is None or (opens and not closes))):
            if double is not None:  # a new paragraph of the quote re-opens without closing
                spans.append((double, at))
            if single is None and (mark != '"' or opens or not closes):
                double = at + 1
        elif mark in '”»"':
            if double is not None:
                spans.append((double, at))
                double = None
        elif double is None:
            if single is None and mark in "‘'" and after.isalnum():
                single = at + 1
            elif single is not None and mark in "’'" and not before.isspace():
                spans.append((single, at))
                single = None
    if double is not None:
        spans.append((double, len(text)))  # runs on into the next paragraph
    return [(a, b) for a, b in spans if text[a:b].strip(_TERMINAL)]


def _indirect(
    text: str, cues: Sequence[tuple[str, int, int]] | None = None
) -> tuple[str, int, str, str] | None:
    """(clause, clause start, speaker phrase, cue) of a reported statement in one sentence."""
    body = text.rstrip(_TERMINAL)
    if cues is None:
        cues = [(m.group(), m.start(), m.end()) for m in _CUE.finditer(body)]
    for cue, start, end in cues:
        if end > len(body):
            break
        if _is_noun(body, start, cue):
            continue
        strength = "strong" if " " in cue else _CUE_WORDS.get(cue.lower(), "strong")
        if cue.lower() == "according to":
            if start == 0 or body[:start].rstrip().endswith(","):
                if start == 0:
                    comma = body.find(",", end)
                    if comma < 0:
                        continue
                    return body[comma + 1 :].strip(), comma + 1, body[end:comma].strip(), cue
                clause = body[:start].rstrip(" ,")
                return clause, 0, body[end:].strip(), cue
            continue
        rest = body[end:]
        adv = _ADVERBIAL.match(rest)
        rest_after = rest[adv.end() :] if adv else rest
        before = body[:start].rstrip()
        if not rest_after.strip() and "," in before:  # "…, GM said." / "…, he added."
            comma = before.rfind(",")
            phrase, aux = _speaker_segment(body[comma + 1 : start])
            if _valid_speaker(phrase, aux) and _words(body[comma + 1 : start]) <= 14:
                return body[:comma].strip(), 0, phrase, (aux + " " + cue).strip()
            continue
        inverted = strength != "label" and cue.lower() not in _TELL
        if before.endswith(",") and inverted:  # "…, said the company." / "…, said X, 70, …"
            spk = re.split(r"[,;:]| who ", rest, maxsplit=1)[0].strip()
            comma = before.rfind(",")
            if (
                _valid_speaker(spk, "")
                and _words(spk) <= 8
                and rest.strip().startswith(spk)
                and (rest.strip() == spk or rest.strip()[len(spk) :].startswith(","))
                and not (set(spk.lower().split()) & _CLAUSE_WORDS)
                and spk.split()[0].lower() not in _PRONOUNS
                and _is_clause(body[:comma])
            ):
                return body[:comma].strip(), 0, spk, cue
        if strength == "label":
            continue
        low = cue.lower()
        offset = end + (adv.end() if adv else 0)
        if low in _TELL:
            obj = _TOLD_OBJECT.match(body, offset)
            if obj and (obj.group(1) is not None or low in _TOLD):
                offset = obj.end()
        that = _THAT.match(body, offset)
        participle = low.endswith("ing") and before.endswith(",")
        if that:
            offset = that.end()
        elif low in _DIRECTIVE and _TO_INFINITIVE.match(body, offset):
            pass  # "advised all parties to maintain calm": object and infinitive are the content
        elif strength == "weak" and not participle:
            continue
        if participle:  # "…, suggesting it undermines …": the sentence's subject speaks
            phrase, aux = _clause_subject(before), ""
        else:
            phrase, aux = _speaker_segment(before)
            if not phrase and before.endswith(" and"):
                phrase = _clause_subject(before)  # "X denied the charges and said …"
        if not _valid_speaker(phrase, aux):
            continue
        clause = body[offset:].strip(" ,")
        if _words(clause) < 3 or clause[:1] in "\"“‘':":
            continue
        return clause, body.index(clause, offset), phrase, (aux + " " + cue).strip()
    return None


def find_quotes(sentences: Sequence[Sentence], language: str = "english") -> list[Quote]:
    """Every attributed statement of one source, in source order, with the fullest speaker."""
    finder = _Finder()
    for _para, group in groupby(sentences, key=lambda s: s.paragraph):
        members = list(group)
        joined = " ".join(s.text for s in members)
        cues = [(m.group(), m.start(), m.end()) for m in _CUE.finditer(joined)]
        if cues or _QUOTE_MARK.search(joined):
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
        spans = _direct_spans(joined)
        by_sentence: dict[int, list[int]] = {}
        for number, (start, _end) in enumerate(spans):
            by_sentence.setdefault(_sentence_index(bounds, start), []).append(number)
        covered: list[list[tuple[int, int]]] = [[] for _ in members]
        for index, sentence in enumerate(members):
            self.attributed = set()
            for number in by_sentence.get(index, []):
                self._direct(joined, members, bounds, spans, number, covered)
            lo, hi = bounds[index]
            mine = [(c, a - lo, b - lo) for c, a, b in cues if lo <= a and b <= hi]
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
            attribution = _trailer(tail)
        if attribution is None:
            attribution = _opener(head)
        book = self.book
        if attribution is not None:
            speaker = book.resolve(attribution[0], members[first].text)
            if not speaker:
                return
            book.record(attribution[0], speaker)
            self.attributed.add(attribution[0])
            cue = attribution[1]
            if _words(content) < 3 and not head.strip() and not tail.strip():
                return
        elif (
            _words(content) >= 4
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
            if not piece.strip(_TERMINAL):
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
        found = _indirect(sentence.text, cues)
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
