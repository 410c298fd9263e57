"""Duplicate control: articles read twice, near-duplicate sentences across sources."""

from __future__ import annotations

import random

import pytest

from briefer.dedup import (
    dedupe_articles,
    group_members,
    jaccard,
    near_duplicate_groups,
    normalize_words,
    same_figures,
    shingles,
)
from briefer.models import Article

WIRE = (
    "Russia fired a new intermediate-range ballistic missile at the Ukrainian city of Dnipro "
    "on Thursday, President Vladimir Putin said in a televised address."
)
EDITED = (
    "Russia fired a new intermediate-range ballistic missile at the Ukrainian city of "
    "Dnipro on Thursday, Vladimir Putin said in a televised address late on Thursday."
)
OTHER = "Ukraine's air force said it had shot down most of the drones launched overnight."


def test_normalization() -> None:
    assert normalize_words("Ukraine’s “Air-Defence” at 3.5%!") == [
        "ukraine",
        "s",
        "air",
        "defence",
        "at",
        "3",
        "5",
    ]
    assert normalize_words("ＵＳ") == ["us"]  # NFKC folds full-width letters
    assert shingles(["a", "b", "c", "d"]) == {("a", "b", "c"), ("b", "c", "d")}
    assert shingles(["a", "b"]) == {("a", "b")} and shingles([]) == set()
    assert jaccard({1, 2, 3}, {2, 3, 4}) == 0.5 and jaccard(set(), set()) == 0.0


def test_wire_copy_with_small_edits_is_one_group() -> None:
    assert jaccard(set(normalize_words(WIRE)), set(normalize_words(EDITED))) >= 0.7
    groups = near_duplicate_groups([WIRE, OTHER, EDITED], ["s1", "s1", "s2"])
    assert groups == [0, 1, 0]
    assert group_members(groups) == {0: [0, 2]}


def test_near_repeats_inside_one_source_stay_but_exact_repeats_merge() -> None:
    texts = [WIRE, EDITED, WIRE.upper(), OTHER]
    assert near_duplicate_groups(texts, ["s1"] * 4) == [0, 1, 0, 3]


def test_short_sentences_merge_only_when_identical() -> None:
    texts = ["Read more.", "Read more here.", "read MORE", "The minister resigned."]
    assert near_duplicate_groups(texts, ["a", "b", "c", "d"]) == [0, 1, 0, 3]


def test_canonical_is_the_earliest_and_groups_do_not_chain() -> None:
    base = "alpha bravo charlie delta echo foxtrot golf hotel india juliet".split()
    step1 = base[:8] + ["kilo", "lima"]  # Jaccard 8/12 with base: below 0.7
    a = " ".join(base)
    b = " ".join(base[:9] + ["kilo"])  # close to both a and c
    c = " ".join(step1)
    groups = near_duplicate_groups([a, b, c], ["s1", "s2", "s3"])
    assert groups[0] == 0 and groups[1] == 0
    assert jaccard(set(base), set(step1)) < 0.7 and groups[2] == 2  # not dragged in via b


def test_empty_and_mismatched_input() -> None:
    assert near_duplicate_groups([], []) == []
    assert near_duplicate_groups(["", "  ", "!!"], ["a", "b", "c"]) == [0, 1, 2]
    with pytest.raises(ValueError):
        near_duplicate_groups(["a"], [])


def _brute_force(
    texts: list[str], sources: list[str], threshold: float = 0.7, min_words: int = 6
) -> list[int]:
    """The same greedy rule, all pairs: the reference the fast join must match exactly."""
    words = [normalize_words(t) for t in texts]
    canonical = list(range(len(texts)))
    firsts: dict[str, int] = {}
    reps: list[int] = []
    for i, tokens in enumerate(words):
        key = " ".join(tokens)
        if not key:
            continue
        if key in firsts:
            canonical[i] = canonical[firsts[key]]
            continue
        firsts[key] = i
        if len(set(tokens)) < min_words:
            continue
        best = None
        for j in reps:
            if sources[j] == sources[i]:
                continue
            sim = jaccard(set(words[i]), set(words[j]))
            if sim >= threshold and (best is None or sim > best[0]):
                best = (sim, j)
        if best:
            canonical[i] = best[1]
        else:
            reps.append(i)
    return [canonical[c] for c in canonical]


def _corpus(n: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """Sentences from a small vocabulary, with edited copies spread over sources."""
    rng = random.Random(seed)
    vocab = [f"w{k}" for k in range(400)] + ["the", "said", "of", "in", "a", "on", "and"] * 20
    texts: list[str] = []
    sources: list[str] = []
    for _ in range(n):
        if texts and rng.random() < 0.35:
            words = rng.choice(texts).split()
            for _ in range(rng.randint(0, 3)):  # small edits: replace, drop or add a word
                op = rng.random()
                pos = rng.randrange(len(words))
                if op < 0.4:
                    words[pos] = rng.choice(vocab)
                elif op < 0.7 and len(words) > 3:
                    del words[pos]
                else:
                    words.insert(pos, rng.choice(vocab))
        else:
            words = [rng.choice(vocab) for _ in range(rng.randint(3, 25))]
        texts.append(" ".join(words))
        sources.append(f"s{rng.randrange(12)}")
    return texts, sources


def test_fast_join_equals_brute_force() -> None:
    texts, sources = _corpus(1500)
    groups = near_duplicate_groups(texts, sources)
    assert groups == _brute_force(texts, sources)
    assert sum(1 for i, c in enumerate(groups) if c != i) > 200  # the corpus has real duplicates


# --- articles ----------------------------------------------------------------------------------

STORY = " ".join(
    [
        WIRE,
        OTHER,
        "Officials said the strike damaged an industrial site.",
        "The regional governor said two people were injured in the attack.",
        "Emergency crews worked through the morning to clear the rubble.",
        "Western diplomats called it a dangerous escalation of the war.",
    ]
)


def test_same_article_from_two_outlets_is_kept_once_with_both_credited() -> None:
    a = Article(text=STORY, location="https://one.example/a", outlet="One")
    other = Article(
        text="A different story about grain exports through the Black Sea ports "
        "and the insurance costs that shippers face this winter.",
        location="b.txt",
    )
    b = Article(
        text=STORY.replace(" ", "  "),
        location="https://two.example/b",
        title="Strike",
        outlet="Two",
        url="https://two.example/b",
    )
    kept = dedupe_articles([a, other, b])
    assert len(kept) == 2
    assert kept[0].location == "https://two.example/b"  # the richer copy, at the first's place
    assert kept[0].duplicates == ("https://one.example/a",)
    assert kept[1] == other


def test_html_and_pdf_of_one_story() -> None:
    html = Article(
        text=STORY.replace(". ", ".\n\n"),
        location="story.html",
        title="Strike",
        outlet="Kyiv Daily",
        url="https://k.example/s",
    )
    # The PDF copy: hard line breaks, a page number and a running header in the text.
    words = STORY.split()
    pdf_text = "Kyiv Daily\n" + " ".join(words[:30]) + "\n1\n" + " ".join(words[30:])
    pdf = Article(text=pdf_text, location="story.pdf", title="Strike")
    (kept,) = dedupe_articles([pdf, html])
    assert kept.location == "story.html" and kept.duplicates == ("story.pdf",)


def test_first_is_kept_on_a_tie_and_duplicates_accumulate() -> None:
    copies = [Article(text=STORY, location=f"copy{n}.txt") for n in range(3)]
    earlier = Article(text=STORY, location="copy3.txt", duplicates=("old.txt",))
    (kept,) = dedupe_articles([*copies, earlier])
    assert kept.location == "copy0.txt"
    assert kept.duplicates == ("copy1.txt", "copy2.txt", "copy3.txt", "old.txt")


def test_related_but_different_articles_are_not_merged() -> None:
    first = Article(text=STORY, location="a")
    rewrite = Article(
        text=" ".join(
            [
                WIRE,
                "Kyiv asked its partners for more Patriot systems.",
                "Moscow said the launch was a warning to the West.",
                "The missile carried no nuclear warheads, officials said.",
            ]
        ),
        location="b",
    )
    assert len(dedupe_articles([first, rewrite])) == 2
    assert dedupe_articles([]) == []


def test_similar_pairs_is_exact() -> None:
    from itertools import combinations

    from briefer.dedup import similar_pairs

    texts, _ = _corpus(600, seed=3)
    sets = [set(t.split()) for t in texts]
    for threshold in (0.5, 0.7, 0.9):
        expected = {
            (i, j)
            for i, j in combinations(range(len(sets)), 2)
            if jaccard(sets[i], sets[j]) >= threshold - 1e-12
        }
        found = similar_pairs(sets, threshold)
        assert {(i, j) for i, j, _ in found} == expected
        assert all(abs(s - jaccard(sets[i], sets[j])) < 1e-9 for i, j, s in found)
    assert similar_pairs([None, set(), {"a"}], 0.7) == []


def test_pipeline_tokens_give_the_groups_the_texts_give() -> None:
    from briefer.dedup import normalize_tokens
    from briefer.text import tokenize_words

    texts = [WIRE, OTHER, EDITED, "Ukraine’s “Air-Defence” at 3.5%!"]
    sources = ["s1", "s1", "s2", "s3"]
    tokens = [tokenize_words(t) for t in texts]
    assert normalize_tokens(tokens[3]) == normalize_words(texts[3])
    assert near_duplicate_groups(texts, sources, tokens=tokens) == near_duplicate_groups(
        texts, sources
    )


def test_copies_differing_in_a_figure_stay_apart_but_link_codes_are_not_figures() -> None:
    a = "At least 26 people were injured when a missile hit Dnipro on Thursday, officials said."
    b = a.replace("26", "15")
    assert near_duplicate_groups([a, b], ["s1", "s2"]) == [0, 1]
    assert not same_figures(normalize_words("a $3bn deal"), normalize_words("a $2bn deal"))
    assert same_figures(normalize_words("the 18th, 26 dead"), normalize_words("26 dead, the 18th"))
    links = [
        "Read or share this story: http://usat.ly/1a6mXog",
        "Read or share this story: http://usat.ly/2BWn3mr",
    ]
    assert near_duplicate_groups(links, ["s1", "s2"]) == [0, 0]


def test_lexsort2_orders_as_lexsort() -> None:
    import numpy as np

    from briefer.simjoin import _lexsort2

    rng = np.random.default_rng(1)
    for _ in range(200):
        n = int(rng.integers(0, 60))
        primary, secondary = rng.integers(0, 5, n), rng.integers(0, 7, n)
        assert (
            _lexsort2(primary, secondary, 7).tolist() == np.lexsort((secondary, primary)).tolist()
        )


def test_normalized_keys_equal_normalizing_each_list_whole() -> None:
    from briefer.dedup import _normalized_keys, normalize_tokens

    # Ligatures, compatibility forms, combining marks, case folding, marks that NFKC turns into
    # a space plus a combining mark, tokens without a word, empty tokens and inner line breaks.
    odd = ["ﬁnal", "Ｔｏｋｙｏ", "²", "İstanbul", "Straße", "ΟΔΥΣΣΕΥΣ", "e\u0301", "\u0301", "¨",
           "…", "", "a\nb", "don't", "U.S.", "3.5", "x²y", "ǅ", "ﬀ-", "_", "Å"]  # fmt: skip
    rng = random.Random(5)
    lists = [[rng.choice(odd) for _ in range(rng.randrange(0, 8))] for _ in range(400)]
    assert _normalized_keys(lists) == [" ".join(normalize_tokens(t)) for t in lists]


def test_dense_ids_equal_unique_inverse() -> None:
    import numpy as np

    from briefer.simjoin import _dense_ids

    rng = np.random.default_rng(2)
    for _ in range(100):
        size = int(rng.integers(0, 50))
        distinct = rng.integers(-(2**63), 2**63 - 1, size + 1, dtype=np.int64)
        values = distinct[rng.integers(0, size + 1, size)]  # with repeats
        assert _dense_ids(values).tolist() == np.unique(values, return_inverse=True)[1].tolist()


def test_verification_in_chunks_finds_the_same_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefer import simjoin

    texts, _ = _corpus(600, seed=4)
    sets = [set(t.split()) for t in texts]
    whole = simjoin.similar_pairs(sets, 0.5)
    monkeypatch.setattr(simjoin, "VERIFY_CHUNK", 50)  # a few pairs per chunk
    assert simjoin.similar_pairs(sets, 0.5) == whole and len(whole) > 20


def test_word_runs_equal_the_word_regex() -> None:
    import re

    from briefer.dedup import _word_runs

    word = re.compile(r"\w+")
    rng = random.Random(6)
    chars = [chr(rng.randrange(0x110000)) for _ in range(2000)]
    chars += list(" \t\n\x1c\x85\u00a0\u2028\u3000_a1.,'’-éß²ǅ٣") * 20
    for _ in range(5000):
        text = "".join(rng.choice(chars) for _ in range(rng.randrange(0, 40)))
        assert _word_runs(text) == word.findall(text)
        ascii_only = "".join(c for c in text if c.isascii())
        assert _word_runs(ascii_only) == word.findall(ascii_only)
