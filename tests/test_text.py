"""Sentence splitting, word tokens and stems — offline, no NLTK data."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.errors import UsageError
from briefer.text import (
    LANGUAGES,
    Analyzer,
    OfflineTokenizer,
    clean_text,
    normalize_language,
    split_paragraphs,
    split_sentences,
    tokenize_words,
)

EXAMPLE = Path(__file__).parents[1] / "examples" / "dnipro-oreshnik-strike.txt"


def test_example_article_has_exactly_14_sentences() -> None:
    sentences = split_sentences(EXAMPLE.read_text(encoding="utf-8"))
    assert len(sentences) == 14
    assert sentences[0].startswith("Ukraine is intensifying its efforts")
    assert sentences[12].startswith("As both sides scramble")
    assert sentences[12].count("U.S.") == 2  # "U.S." mid-sentence never splits
    assert sentences[-1].endswith("remain unclear.")  # no trailing newline in the file


def test_every_character_survives_splitting() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    joined = "".join("".join(split_sentences(text)).split())
    assert joined == "".join(text.split())


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "He met Mr. Smith on Jan. 20 in St. Petersburg. Inflation hit 3.5% in the U.S. "
            "The Fed acted.",
            [
                "He met Mr. Smith on Jan. 20 in St. Petersburg.",
                "Inflation hit 3.5% in the U.S.",
                "The Fed acted.",
            ],
        ),
        (
            "The C.E.O. said it would close at 5 p.m. on Friday. Shares fell.",
            ["The C.E.O. said it would close at 5 p.m. on Friday.", "Shares fell."],
        ),
        (
            "“We will win.” The crowd cheered! Then it rained... "
            "Later, U.S. President Joe Biden spoke.",
            [
                "“We will win.”",
                "The crowd cheered!",
                "Then it rained...",
                "Later, U.S. President Joe Biden spoke.",
            ],
        ),
        (
            "George W. Bush met Gen. Petraeus. They talked about e.g. the budget.",
            ["George W. Bush met Gen. Petraeus.", "They talked about e.g. the budget."],
        ),
        (
            "Prices rose 2.75 percent. Dr. Jones disagreed.",
            ["Prices rose 2.75 percent.", "Dr. Jones disagreed."],
        ),
        ("Is it over? No. It is not!", ["Is it over?", "No.", "It is not!"]),
        # scraped text that lost its breaks: "year.The" is two sentences, names and links not
        (
            "Sales rose last year.The company agreed.But One.Tel fell.",
            ["Sales rose last year.", "The company agreed.", "But One.Tel fell."],
        ),
        (
            "Write to Daniel.Miller@THR.com or see Example.Com/Page.One today.",
            ["Write to Daniel.Miller@THR.com or see Example.Com/Page.One today."],
        ),
        (
            'It ended. "We are very sad."Her family agreed.',
            ["It ended.", '"We are very sad."', "Her family agreed."],
        ),
    ],
)
def test_tricky_boundaries(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_paragraphs_blank_lines_and_hard_wraps() -> None:
    text = (
        "First paragraph is wrapped at a fixed width by an old mail client and\n"
        "goes on here.\n\nA HEADING\nSecond paragraph.\nThird line stands alone."
    )
    assert split_paragraphs(text, keep_boilerplate=True) == [
        "First paragraph is wrapped at a fixed width by an old mail client and goes on here.",
        "A HEADING",
        "Second paragraph.",
        "Third line stands alone.",
    ]
    # By default a subheading (short, no verb, no final stop, body text after it) is left out.
    assert "A HEADING" not in split_paragraphs(text)


def test_control_characters_dropped_rest_kept() -> None:
    assert clean_text("a\x00b\x0bc\x0cd\r\ne") == "ab\nc\nd\ne"


def test_words_keep_initialisms_and_numbers() -> None:
    assert tokenize_words("The U.S. sent $1,000 (3.5%) to Ukraine’s air-defense.") == [
        "The",
        "U.S.",
        "sent",
        "1,000",
        "3.5%",
        "to",
        "Ukraine’s",
        "air-defense",
    ]


def test_analyzer_stems_and_drops_stop_words() -> None:
    analyzer = Analyzer("english")
    assert analyzer.text_terms("The missiles were launched at the cities") == (
        "missil",
        "launch",
        "citi",
    )
    assert analyzer.text_terms("air-defense") == ("air-defens", "air", "defens")
    assert analyzer.terms(["U.S.", "air-defense"]) == ("u.s.", "air-defens")
    lists = [["The", "missiles", "—", "3.5"], [], ["missiles", "--", "Über", "²"]]
    expected = [Analyzer("english").terms(words) for words in lists]
    assert Analyzer("english").terms_many(lists) == expected
    assert expected == [("missil", "3.5"), (), ("missil", "über", "²")]


def test_tokenizer_object_works_inside_sumy_without_nltk_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    from sumy.parsers.plaintext import PlaintextParser

    parser = PlaintextParser.from_string(
        EXAMPLE.read_text(encoding="utf-8"), OfflineTokenizer("english")
    )
    assert len(parser.document.sentences) == 14


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_works(language: str) -> None:
    analyzer = Analyzer(language)
    text = "Ukraine asked for help. Київ просив допомоги. 北京回应。Die Lage ist ernst."
    sentences = split_sentences(text, language)
    assert len(sentences) >= 3
    assert all(isinstance(t, str) for s in sentences for t in analyzer.terms(tokenize_words(s)))


def test_language_aliases_and_unknown() -> None:
    assert normalize_language("EN") == "english"
    assert normalize_language("uk") == "ukrainian"
    with pytest.raises(UsageError, match="unknown language 'klingon'"):
        normalize_language("klingon")


def test_last_word_is_what_rsplit_gives() -> None:
    import random

    from briefer.splitter import _last_word

    pieces = ["a", "b", " ", "\t", "\u00a0", ".", "\u2003", "x" * 70 + " ", "y" * 100]
    rng = random.Random(1)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        at = rng.randint(0, len(text))
        expected = text[:at].rsplit(None, 1)[-1] if text[:at].strip() else ""
        assert _last_word(text, at) == expected


def test_one_huge_paragraph_splits_in_linear_time() -> None:
    import time

    from briefer.text import split_paragraph

    paragraph = "The U.S. envoy said no. " * 50_000  # 1.2 MB on one line
    start = time.perf_counter()
    sentences = split_paragraph(paragraph)
    assert time.perf_counter() - start < 3.0  # copying the rest at each stop: 12 s
    assert len(sentences) == 50_000 and sentences[0] == "The U.S. envoy said no."


def test_look_ahead_prefixes_change_no_match() -> None:
    """The fast-scan look-aheads of the word and sentence patterns only restate their branches."""
    import random
    import re

    from briefer import splitter, text

    plain_word = re.compile(
        r"(?:[^\W\d_]\.){2,}|\d+(?:[.,:]\d+)*%?|[^\W_]+(?:['’\-][^\W_]+)*"
    )  # fmt: skip
    plain_candidate = re.compile(
        r"(?:\.{3}|…|[.!?]+|[。！？]+)[\"'”’»)\]]*(?=\s+|$)|[。！？]+(?=\S)"
        r"|(?<=[a-z]{3})[.!?][\"'”’]?(?=[A-Z][a-z])"
    )  # fmt: skip
    pieces = [
        *"aZ9_ .!?…。！？'’-\"”»)]\t\n%,:ß²é",
        "U.S.",
        "e.g.",
        "Mr.",
        "3.5",
        "1,000",
        "ear.Th",
    ]
    rng = random.Random(3)
    for _ in range(20_000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 24)))
        assert text._WORD.findall(s) == plain_word.findall(s)
        spans = [m.span() for m in splitter._CANDIDATE.finditer(s)]
        assert spans == [m.span() for m in plain_candidate.finditer(s)]
