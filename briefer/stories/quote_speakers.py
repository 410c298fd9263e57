"""Who a quote's attribution names: the fullest form of a person or body the source gives."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Words that introduce or qualify a name but are not part of it ("Home Secretary David Blunkett").
TITLES = frozenset(
    """mr mrs ms miss dr sir lord lady dame judge justice president prime minister secretary
    chancellor senator sen rep governor gov gen colonel col captain capt chairman
    chairwoman chief executive director professor prof rev reverend father king queen prince
    princess pope mayor ambassador commissioner inspector sergeant detective officer deputy
    vice home foreign defence defense state interior health finance culture trade communications
    former ex new the a an but and in on at for of by with from to as if when while after
    shadow veteran actor actress sgt lt capt det cmdr adm maj cpl pvt supt insp const rep gov
    sen atty administrator attorney lawyer congressman congresswoman councilman councilwoman
    assemblyman assemblywoman delegate lieutenant lt sheriff superintendent commander
    trooper agent cardinal archbishop bishop rabbi pastor imam mp mep msp marshal admiral
    singer star striker coach manager boss analyst economist spokesman spokeswoman guitarist
    drummer bassist rapper comedian producer novelist journalist photographer tourist witness
    resident neighbour neighbor student nurse surgeon scientist researcher pilot related""".split()
)
# Words that mark a body, not a person ("the Labor Department", "Morgan Stanley" is not caught).
ORG_WORDS = frozenset(
    """department ministry government office agency court union party council commission
    committee bank group company corporation corp inc ltd plc firm association organisation
    organization programme program institute authority board police army service services
    times post journal news bbc reuters parliament congress senate house kremlin administration
    foundation fund society league federation report study survey poll research figures data
    regulators officials analysts critics experts economists investors observers motors motor
    electric airways airlines energy oil steel telecom telecoms systems holdings partners capital
    industries international media network networks press studios records""".split()
)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
OTHER_PRONOUNS = frozenset({"it", "they", "we", "i", "you", "this", "that", "who", "which"})
# Generic descriptors that stand for the last body that spoke ("the company added").
BODY_NOUNS = frozenset(
    "company firm group bank carmaker government ministry department report study survey "
    "organisation organization agency union party club board court business retailer".split()
)
# Sentence adverbs that open a capitalised run without being part of the name ("Apparently
# Lenovo liked …"); a lexicon, since names end in "-ly" too (Kelly, Connolly, Italy).
_SENTENCE_ADVERBS = frozenset(
    """apparently reportedly allegedly additionally separately finally notably meanwhile
    similarly likewise importantly ultimately initially originally previously recently currently
    eventually earlier later now still instead also yet indeed interestingly ironically
    surprisingly unsurprisingly naturally obviously clearly certainly perhaps presumably
    evidently officially publicly privately personally frankly""".split()
)
_NAME_TOKEN = re.compile(r"[A-Z][\w'’.-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


def _clean_run(tokens: list[str]) -> list[str]:
    """The name part of a capitalised run: drop titles and anything up to a possessive."""
    out: list[str] = []
    titled = False
    for token in tokens:
        low = token.lower().rstrip(".")
        if _POSSESSIVE.search(token) or low in TITLES or (titled and low == "general"):
            out = []  # "Gartner's principal analyst Kobita Desai", "Attorney General Jo Ray"
            titled = low in TITLES
            continue
        if not out and "-" in token and token.rpartition("-")[2].islower():
            continue  # "Oscar-winner Emma Stone", "Nobel-winning Ann Lee": a descriptor
        if not out and low.rstrip(",") in _SENTENCE_ADVERBS:
            continue  # "Apparently Lenovo": the adverb opens the sentence, not the name
        titled = False
        out.append(token)
    return out[-4:]


def trailing_name(phrase: str) -> str:
    """The capitalised name that ends a phrase ("Telegraph executive Murdoch MacLennan"), or ""."""
    words = phrase.split()
    run: list[str] = []
    for word in reversed(words):
        if _NAME_TOKEN.fullmatch(word) or (run and word in {"de", "van", "von", "bin", "al"}):
            run.insert(0, word)
        else:
            break
    return " ".join(_clean_run(run))


def is_person_name(name: str) -> bool:
    """Whether a name looks like a person's: two to four capitalised words, no body word."""
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    if words[0] in {"The", "A", "An"} or any(w.isupper() and len(w) > 1 for w in words):
        return False  # "The NHTSA", "BMO Financial"
    return not any(w.lower().strip(".,") in ORG_WORDS for w in words)


@dataclass
class SpeakerBook:
    """What one source has said so far: earlier text and speakers, for resolving references."""

    text: list[str] = field(default_factory=list)  # earlier sentences of the source
    speakers: list[tuple[str, str, bool, int]] = field(
        default_factory=list
    )  # raw, name, person, at
    gender: dict[str, str] = field(default_factory=dict)  # name -> "m" / "f" when known

    forms: dict[str, tuple[str, int]] = field(default_factory=dict)  # surname -> (form, upto)

    def fullest(self, surname: str, sentence: str) -> str:
        """The longest "First Last" form of a surname in the source so far, or the surname."""
        best, upto = self.forms.get(surname, (surname, 0))
        for chunk in self.text[upto:]:  # only new text is searched, and only where it occurs
            if surname in chunk:
                best = _longer(_name_form(chunk, surname), best)
        self.forms[surname] = (best, len(self.text))
        return _longer(_name_form(sentence, surname), best) if surname in sentence else best

    def last_body(self, plural: bool) -> str:
        """The most recent non-person speaker; "it" skips plural descriptors ("critics")."""
        for raw, name, is_person, _at in reversed(self.speakers):
            if is_person:
                continue
            head = raw.split()[-1]  # plural: "critics", "Committee investigators"
            is_plural = head.islower() and head.endswith("s")
            if plural or not is_plural:
                return name
        return ""

    def last(self, person: bool) -> str:
        """The most recent speaker that is (or is not) a person, or ""."""
        for _raw, name, is_person, _at in reversed(self.speakers):
            if is_person == person:
                return name
        return ""

    def antecedent(self, gender: str, sentence: str) -> str:
        """Who "he" or "she" is: a person who just spoke, one the last sentence opens with, …"""
        for _raw, name, is_person, at in reversed(self.speakers):
            if at < len(self.text) - 1:
                break  # only a person who spoke in this or the previous sentence
            if is_person and self.gender.get(name, gender) == gender:
                self.gender[name] = gender
                return name
        # "Their lawyer, X, was not available, but he told …": this sentence's subject; then the
        # previous sentence's ("Army spokesman X declined to comment. "…," he said")
        chunks = [self.text[-1]] if self.text else []
        if not sentence.lstrip(" \"“‘'").lower().startswith(tuple(PERSON_PRONOUNS)):
            chunks.insert(0, sentence)
        for chunk in chunks:
            name = self.opening_person(chunk, sentence)
            if name and self.gender.get(name, gender) == gender:
                return name
        for _raw, name, is_person, _at in reversed(self.speakers):
            if is_person and self.gender.get(name, gender) == gender:
                self.gender[name] = gender
                return name
        return self.last_person_mention(sentence)

    def opening_person(self, chunk: str, sentence: str) -> str:
        """The person a sentence opens with ("Army spokesman Tom Reed, …", "Their lawyer, Ann
        Lee, …"), or ""."""
        opening = _APPOSED_OPENING.match(chunk) or _OPENING.match(chunk)
        run = opening[1] if opening else ""
        named = trailing_name(run) if run else ""
        if named and (is_person_name(named) or run.split()[0] in _HONORIFICS):
            return self.fullest(named.split()[-1], sentence)
        if named and " " not in named:  # a lone surname: a person who has spoken ("Lee left.")
            for _raw, name, is_person, _at in reversed(self.speakers):
                if is_person and name.rsplit(None, 1)[-1] == named:
                    return name
        return ""

    def last_person_mention(self, sentence: str) -> str:
        """The last person named in the current or the three previous sentences, or ""."""
        for chunk in (sentence, *reversed(self.text[-3:])):
            found = [m for m in _MENTION.finditer(chunk) if is_person_name(trailing_name(m[0]))]
            if found:
                name = trailing_name(found[-1][0])
                return self.fullest(name.split()[-1], sentence)
        return ""

    def resolve(self, phrase: str, sentence: str) -> str:
        """The speaker a phrase names, resolved against earlier text; "" when it cannot be."""
        lower = phrase.lower()
        if lower in PERSON_PRONOUNS:
            return self.antecedent("f" if lower in {"she", "her"} else "m", sentence)
        if lower in OTHER_PRONOUNS:
            return self.last_body(plural=lower != "it") if lower in {"it", "they", "we"} else ""
        words = lower.split()
        head = words[-1]
        name = trailing_name(phrase)
        if name and words[0] == "the":
            return phrase  # a body: "the Liberal Democrats", "the Labor Department"
        if name and words[0] in {"a", "an"} and len(words) > len(name.split()) + 1:
            before_name = words[-len(name.split()) - 1]
            if before_name in {"for", "of", "at", "from", "with", "in"}:
                return phrase  # a descriptor: "a spokesman for Microsoft"
        if (
            name
            and not is_person_name(name)
            and len(words) > len(name.split()) + 1
            and words[-len(name.split()) - 1] in {"of", "in", "from", "at"}
            and words[0] not in TITLES
        ):
            return (
                phrase  # people described by a place: "Residents of Paiporta", "Analysts in Warsaw"
            )
        if name:
            tokens = name.split()
            if len(tokens) == 1 or len(phrase.split()) > len(tokens):
                return self.fullest(tokens[-1], sentence)  # "Mr Blair", "Zelensky"
            return name
        if words[0] in {"the", "a", "an", "its", "his", "her", "their"}:
            for raw, resolved, _person, _at in reversed(self.speakers):
                said = raw.lower().split()
                if head in said or head in _TITLE_ROLES.get(said[0].rstrip("."), ()):
                    # "the spokesman" after "a Mittal Steel spokesman"; "the senator" after
                    # "Sen. Jane Doe"
                    return resolved
            if words[0] == "the" and head in BODY_NOUNS and len(words) == 2:
                # "the agency": the last singular body, never "investigators"
                return self.last_body(plural=False) or phrase
        return phrase

    def record(self, raw: str, name: str) -> None:
        """Remember a speaker (its raw phrase for descriptor matching)."""
        first = raw.split()[0]
        person = is_person_name(name) or (first in _HONORIFICS and len(raw.split()) == 2)
        if not person and name == raw:  # a descriptor: "a spokeswoman for Human Rights Watch"
            role = next((w for w in raw.lower().split() if w in _PERSON_NOUNS), "")
            person = bool(role)
            if role in _ROLE_GENDER:
                self.gender.setdefault(name, _ROLE_GENDER[role])
        if first in _GENDERED and person:
            self.gender.setdefault(name, _GENDERED[first])
        self.speakers.append((raw, name, person, len(self.text)))


_RUN = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,4}[A-Z][\w'’-]*")


def _name_form(text: str, surname: str) -> str:
    """The longest cleaned capitalised run in text that ends with surname, or surname."""
    best = surname
    for match in _RUN.finditer(text):
        tokens = match.group().split()
        if _POSSESSIVE.sub("", tokens[-1]) != surname:
            continue
        run = _clean_run(tokens[:-1])
        if run and len(run) + 1 > len(best.split()):
            best = " ".join([*run, surname])
    return best


def _longer(a: str, b: str) -> str:
    return a if len(a.split()) > len(b.split()) else b


_PERSON_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson official analyst economist minister secretary director
    executive chairman chairwoman president judge lawyer head chief manager boss founder
    correspondent editor professor doctor witness resident neighbour neighbor""".split()
)
REPORT_NOUNS = frozenset(
    "report study survey poll research review analysis inquiry audit investigation figures data "
    "census paper findings".split()
)
# Lowercase heads that make a phrase a speaker: "government research", "opposition parties".
SPEAKER_NOUNS = ORG_WORDS | _PERSON_NOUNS | REPORT_NOUNS
SPEAKER_NOUNS |= set(
    """parties researchers scientists police unions ministers sources residents witnesses
    campaigners pundits officials""".split()
)
# The role an abbreviated title stands for: "the senator" is the "Sen. Jane Doe" who spoke
# (an unabbreviated one, "Judge Jo Ray", already holds its role word).
_TITLE_ROLES = {
    "sen": ("senator", "lawmaker"),
    "rep": ("representative", "congressman", "congresswoman", "lawmaker"),
    "gov": ("governor",),
    "prof": ("professor",),
    "dr": ("doctor",),
    "gen": ("general",),
    "sgt": ("sergeant",),
    "det": ("detective",),
}
_ROLE_GENDER = {"spokesman": "m", "spokeswoman": "f", "chairman": "m", "chairwoman": "f"}
_GENDERED = {"Mr": "m", "Sir": "m", "Lord": "m", "Mrs": "f", "Ms": "f", "Miss": "f", "Lady": "f"}
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Lord", "Lady", "Judge"})
_OPENING = re.compile(
    r"(?:(?:But|However|And|Now),?\s+)?((?:(?:[A-Z][\w'’.-]*|spokesman|spokeswoman|spokesperson"
    r"|official|leader|chief|minister|director|lawyer|attorney)\s+){0,4}[A-Z][\w'’-]+)[,\s]+[a-z]"
)
_APPOSED_OPENING = re.compile(
    r"(?:[A-Z][\w'’]*\s+)?(?:[a-z][\w'’-]*\s+){0,3}?[a-z][\w'’-]*,\s+"
    r"((?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]+),"
)
_MENTION = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]+")
