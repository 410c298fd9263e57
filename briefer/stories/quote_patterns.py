"""Attribution patterns: quote-mark pairing, `X said: "…"`, `"…," said X`, reported clauses."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .quote_clauses import (
    CLAUSE_WORDS,
    DIRECTIVE,
    PRONOUNS,
    TO_INFINITIVE,
    clause_subject,
    coordinated_subject,
    coordinates,
    is_aux,
    is_clause,
    is_noun,
    relative_antecedent,
    speaker_segment,
    starts_with_preposition,
    valid_speaker,
)
from .quote_cues import (
    ADVERBIAL,
    ADVERBIAL_START,
    AUX,
    BOUNDARY,
    CUE,
    CUE_WORDS,
    FINITE,
    FINITE_CUES,
    PAREN,
    PREP_THAT,
    QUOTE_MARK,
    TELL,
    TERMINAL,
    THAT,
    TOLD,
    TOLD_OBJECT,
    count_words,
    hide_abbreviations,
    show_abbreviations,
)
from .quote_speakers import REPORT_NOUNS, SPEAKER_NOUNS, is_person_name, trailing_name

# Words that open a clause, never a speaker after an inverted cue (", denied that he …,").
_CLAUSE_OPENERS = frozenset("that whether if how why what when".split())
# "continued to grow", "continued escalating": no speech.
_CONTINUES = re.compile(r"\s+(?:to\s|[a-z]+ing\b)")
# A label verb with a particle is another verb: "calls for a", "ruled out", "called off".
_PARTICLE = re.compile(r"\s+(?:for|on|off|out|up|in|at)\b")


def attribution_after(tail: str) -> tuple[str, str] | None:
    """Attribution right after a closing quote mark: (speaker phrase, cue) or None."""
    match = CUE.search(tail)
    if match is None or match.start() > 80 or is_noun(tail, match.start(), match.group()):
        return None  # `"a pocket torch," a kind of lamp, …`: "a kind" names no speaker
    before, cue = tail[: match.start()].strip().lstrip(",").strip(), match.group()
    before_words = before.split()
    # Inverted (`," said X`), or "according to X" whatever comes between (`" in May, 2016,
    # according to the department`): the speaker follows the cue.
    according = cue.lower() == "according to"
    if not before_words or is_aux(before_words[-1]) or according:
        if according or len(before_words) <= 2:
            after = hide_abbreviations(PAREN.sub("", tail[match.end() :]))  # "Rep. X (R-Ky.)"
            spk = re.split(r"[,.;:!?\"“”]| who | in | on | at | after | as ", after, maxsplit=1)
            phrase = show_abbreviations(spk[0].strip())
            person, of, _place = phrase.partition(" of ")
            if of and is_person_name(trailing_name(person)):
                phrase = person  # "said Rep. Jane Doe of Ohio" (not "the Bank of England")
            return (phrase, cue) if valid_speaker(phrase, "") else None
        return None
    phrase, aux = speaker_segment(before)
    expected = (phrase + " " + aux).strip()
    if phrase and before != expected and before.endswith(", " + expected):
        rest = count_words(ADVERBIAL.sub("", " " + tail[match.end() :].strip(TERMINAL)))
        named = all(w[:1].isupper() for w in phrase.split())  # "Mrs Nina Park", "Sen. Roe"
        if (named or phrase.lower() in PRONOUNS) and (
            rest == 0 or (match.group().lower() in TOLD and rest <= 4)
        ):  # `"…" and other costs, Ms Lee said.` / `…, Ms Lee told the court.`: the quote runs on
            return phrase, match.group()
    if not phrase or (before != expected and before[-1:] not in ",-–—"):
        return None  # the cue belongs to a later clause ("…", while the Democrats said)
    return (phrase, cue) if valid_speaker(phrase, aux) else None


def attribution_before(head: str) -> tuple[str, str] | None:
    """Attribution before an opening quote mark: `X said: "`, `X told the BBC that "`."""
    matches = list(CUE.finditer(head))
    if not matches:
        return None
    matches = [
        m
        for m in matches
        if not is_noun(head, m.start(), m.group())
        and not (CUE_WORDS.get(m.group().lower()) == "label" and _PARTICLE.match(head, m.end()))
        and not (m.group().startswith("continu") and _CONTINUES.match(head, m.end()))
    ]
    if not matches:
        return None
    match = matches[-1]
    if match.group().lower() == "according to":
        spk = head[match.end() :].split(",")[0].strip()
        return (spk, match.group()) if spk else None
    before = head[: match.start()].rstrip()
    if match.group().endswith("ing") and before.endswith(","):  # "He warned …, saying: "
        subject = clause_subject(before)
        return (subject, match.group()) if subject else None
    phrase, aux = speaker_segment(before)
    if not phrase and coordinates(before):  # "X attacked … and said "
        phrase = coordinated_subject(before)
    elif not phrase:
        phrase = relative_antecedent(before)
    return (phrase, match.group()) if valid_speaker(phrase, aux) else None


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted passages: curly, straight and single marks, paired in order."""
    spans: list[tuple[int, int]] = []
    double: int | None = None
    single: int | None = None
    for match in QUOTE_MARK.finditer(text):
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
    return [(a, b) for a, b in spans if text[a:b].strip(TERMINAL)]


def _names_source(phrase: str) -> bool:
    """Whether "according to X" with no comma before it names a source ("police", "the IUCN"),
    not a rule or a plan ("operated according to orders", "according to schedule")."""
    if not valid_speaker(phrase, ""):
        return False
    return phrase.split()[-1].lower() in SPEAKER_NOUNS or (
        bool(trailing_name(phrase)) and count_words(phrase) <= 6
    )


# Where a closing attribution was made: "…, he testified in the fraud trial", "…, she said at
# the town hall in Mesa" (a short prepositional phrase with no verb of its own).
_PLACE_PHRASE = re.compile(
    r"\s+(?:in|at|during|before|outside)\s+(?:(?!(?:that|who|which|was|is|were|are)\b)[^\s,;:]+\s*){1,6}"
)


_PLACE_START = ("in ", "at ", "during ", "before ", "outside ")


def _closes(body: str, cue: tuple[str, int, int]) -> bool:
    """Whether a cue ends the sentence, but for adverbials ("…, Ms Lee said in May")."""
    end = cue[2]
    if body.startswith(ADVERBIAL_START, end):
        adverbial = ADVERBIAL.match(body, end)
        end = adverbial.end() if adverbial else end
    if end < len(body) and not (
        body.startswith(_PLACE_START, end + 1) and _PLACE_PHRASE.fullmatch(body, end)
    ):
        return False  # (the body has no closing punctuation: the caller strips it)
    comma = body.rfind(",", 0, cue[1])
    return comma >= 0 and _closing_speaker(body[comma + 1 : cue[1]])


def _closing_speaker(segment: str) -> bool:
    """Whether the text between a comma and a closing cue names a speaker (", Ms Roe said")."""
    phrase, aux = speaker_segment(segment)
    return count_words(segment) <= 8 and valid_speaker(phrase, aux)


def reported_clause(
    text: str, cues: Sequence[tuple[str, int, int]] | None = None
) -> tuple[str, int, str, str] | None:
    """(clause, clause start, speaker phrase, cue) of a reported statement in one sentence."""
    body = text.rstrip(TERMINAL)
    if cues is None:
        cues = [(m.group(), m.start(), m.end()) for m in CUE.finditer(body)]
    closing = len(cues) > 1 and cues[-1][2] <= len(body) and _closes(body, cues[-1])
    if closing:
        # "…, in which he admitted X, Ms Lee said in May.": the closing attribution, unless the
        # sentence opens with its own ("Mr Roe said X, the paper reported": Mr Roe's words)
        opening = next((c for c in cues if not is_noun(body, c[1], c[0])), cues[-1])
        if BOUNDARY.search(body, 0, opening[1]):
            cues = [cues[-1], *cues[:-1]]
    for cue, start, end in cues:
        if end > len(body):
            continue
        if is_noun(body, start, cue):
            continue
        strength = "strong" if " " in cue else CUE_WORDS.get(cue.lower(), "strong")
        if cue.lower() == "according to":
            lead = body[:start].rstrip()
            if start and not lead.endswith(","):  # "The alibi was false according to police"
                source = re.split(r",| who ", body[end:], maxsplit=1)[0].strip()
                if _names_source(source) and is_clause(lead):
                    return lead, 0, source, cue
                continue
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
        adv = ADVERBIAL.match(rest) if rest.startswith(ADVERBIAL_START) else None
        rest_after = rest[adv.end() :] if adv else rest
        before = body[:start].rstrip()
        tail = rest_after.strip()
        if tail and cue.lower() in TOLD and count_words(tail) <= 6 and " that" not in tail:
            tail = ""  # "…, Ms Hewitt told GMTV's Sunday programme."
        elif (
            tail.startswith(_PLACE_START)
            and _PLACE_PHRASE.fullmatch(" " + tail)
            and _closing_speaker(before[before.rfind(",") + 1 :])
        ):
            tail = ""  # "…, Ms Roe testified Tuesday in the fraud trial."
        if not tail and "," in before:  # "…, GM said." / "…, he added."
            comma = before.rfind(",")
            phrase, aux = speaker_segment(body[comma + 1 : start])
            if valid_speaker(phrase, aux) and count_words(body[comma + 1 : start]) <= 14:
                return body[:comma].strip(), 0, phrase, (aux + " " + cue).strip()
            continue
        inverted = strength != "label" and cue.lower() not in TELL
        if before.endswith(",") and inverted:  # "…, said the company." / "…, said X, 70, …"
            spk = re.split(r"[,;:]| who ", rest, maxsplit=1)[0].strip()
            comma = before.rfind(",")
            if (
                valid_speaker(spk, "")
                and count_words(spk) <= 8
                and rest.strip().startswith(spk)
                and (rest.strip() == spk or rest.strip()[len(spk) :].startswith(","))
                and not (set(spk.lower().split()) & CLAUSE_WORDS)
                and spk.split()[0].lower() not in PRONOUNS | _CLAUSE_OPENERS
                and is_clause(body[:comma])
            ):
                return body[:comma].strip(), 0, spk, cue
        if strength == "label":
            continue
        low = cue.lower()
        offset = end + (adv.end() if adv else 0)
        if low in TELL:
            obj = TOLD_OBJECT.match(body, offset)
            if obj and (obj.group(1) is not None or low in TOLD):
                offset = obj.end()
        that = THAT.match(body, offset)
        if not that and strength == "strong" and low not in TELL and body.find(" that ", end) > 0:
            that = PREP_THAT.match(body, offset)  # "said in an interview with X that …"
        participle = low.endswith("ing") and before.endswith(",")
        directive = not that and low in DIRECTIVE and TO_INFINITIVE.match(body, offset)
        if strength == "weak" and not (
            that
            or participle
            or directive
            or (low in FINITE_CUES and FINITE.match(body, offset))  # "added X was …"
        ):
            tail_words = before[-60:].lower().split()
            while tail_words and tail_words[-1] in AUX:
                tail_words.pop()  # "a study has found"
            if not any(w in REPORT_NOUNS for w in tail_words[-5:]):  # "a poll of pundits found"
                continue  # "the firm added 146,000 jobs" (but "a recent poll found …")
        relative = False
        if participle:  # "…, suggesting it undermines …": the sentence's subject speaks
            phrase, aux = clause_subject(before), ""
        else:
            phrase, aux = speaker_segment(before)
            if not phrase and coordinates(before):
                phrase = coordinated_subject(before)  # "X denied the charges and said …"
            elif not phrase:
                phrase = relative_antecedent(before)  # "X, who added that …"
                relative = bool(phrase)
        if not valid_speaker(phrase, aux):
            continue
        if that:
            offset = that.end()
        # else "advised all parties to maintain calm": object and infinitive are the content
        clause = body[offset:].strip(" ,")
        if relative and "," in clause:
            clause = clause.rsplit(",", 1)[0]  # the relative clause ends at its comma
        elif closing and start < cues[-1][1]:  # "Mr Roe said X, the paper reported": X
            comma = body.rfind(",", offset, cues[-1][1])
            clause = body[offset:comma].strip(" ,") if comma > offset else clause
        if ";" in clause:  # "A said it was 6.8; B said it was 6.2": the clause ends at ";"
            clause = clause[: clause.index(";")].rstrip()
        if (
            count_words(clause) < 3
            or clause[:1] in "\"“‘':"
            or (not that and starts_with_preposition(clause))  # (but "said that in May …")
        ):
            continue
        return clause, body.index(clause, offset), phrase, (aux + " " + cue).strip()
    return None
