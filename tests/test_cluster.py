"""Story clustering: exact stories and origins on short real-looking sets, determinism, scale."""

from __future__ import annotations

import random

from briefer.models import Article
from briefer.pipeline import analyse
from briefer.stories.cluster import StoryClusters, cluster_sources, independent_reports
from briefer.text import Analyzer

WIRE = (
    "VALENCIA, Spain (Reuters) - Flash floods swept through towns south of Valencia on Tuesday, "
    "killing at least 51 people and leaving thousands without power, regional officials said. "
    "Torrents of muddy water carried cars through the streets of Paiporta and Chiva after the "
    "heaviest rainfall the region has seen in decades. Carlos Mazon, head of the Valencia "
    "regional government, said rescue teams were still searching for missing residents. "
    "Spain's weather agency AEMET kept its red alert in place for the province until Wednesday. "
    "Prime Minister Pedro Sanchez said the army's emergency unit had been sent to help."
)
# The same wire story as another outlet ran it: a new death toll and a trimmed last sentence.
WIRE_EDITED = (
    WIRE.replace("at least 51 people", "at least 62 people")
    .replace("VALENCIA, Spain (Reuters) - ", "")
    .replace(" Prime Minister Pedro Sanchez said the army's emergency unit had been sent", "")
    .replace(" to help.", "")
)
FLOOD_OWN = (
    "Residents of Paiporta spent Wednesday shovelling mud out of their homes after the floods. "
    "The death toll in the Valencia region rose overnight as rescuers reached villages cut off "
    "by the water, and Carlos Mazon said dozens of people were still missing. AEMET, the "
    "national weather service, said more than a year's rain had fallen in eight hours in Chiva. "
    "Pedro Sanchez, visiting the emergency centre, promised the towns every help they need."
)
RATES_A = (
    "Norway's central bank held its policy rate at 4.5 percent on Thursday, as expected, and "
    "said it would probably keep it there until the end of the year. Norges Bank governor Ida "
    "Wolden Bache said inflation had come down but was still well above the 2 percent target. "
    "The crown weakened slightly against the euro after the decision in Oslo."
)
RATES_B = (
    "Norges Bank left interest rates unchanged at 4.5 percent, its highest level since 2008. "
    "Governor Ida Wolden Bache told reporters in Oslo that a weak crown was keeping imported "
    "inflation high, so the bank saw no room to cut before December. Economists polled ahead of "
    "the meeting had all expected the rate to stay on hold."
)
MATCH = (
    "Arsenal beat Brighton 3-1 at the Emirates on Saturday to move second in the Premier League. "
    "Bukayo Saka scored twice and Martin Odegaard added a third after Brighton had equalised "
    "early in the second half. Mikel Arteta praised his side's response and said the squad "
    "would need the same energy for the trip to Newcastle next weekend."
)


def articles() -> list[Article]:
    """Two stories (three and two articles, one wire copy among them) and an unrelated one."""
    return [
        Article(WIRE, "wire.txt", outlet="Reuters", published="2024-10-29"),
        Article(RATES_A, "rates-a.txt", outlet="E24", published="2024-10-31"),
        Article(MATCH, "match.txt", outlet="BBC Sport", published="2024-11-02"),
        Article(WIRE_EDITED, "wire-copy.txt", outlet="Local Daily", published="2024-10-30"),
        Article(RATES_B, "rates-b.txt", outlet="Bloomberg", published="2024-10-31"),
        Article(FLOOD_OWN, "flood-own.txt", outlet="El Pais", published="2024-10-30"),
    ]


def by_location(items: list[Article]) -> tuple[StoryClusters, dict[str, str]]:
    """Cluster the articles; also map each Source.id back to its location."""
    corpus = analyse(items, Analyzer("english"))
    clusters = cluster_sources(corpus.sources, corpus.sentences)
    return clusters, {s.id: s.location for s in corpus.sources}


def named(clusters: StoryClusters, where: dict[str, str]) -> list[list[str]]:
    return [[where[s] for s in story] for story in clusters.stories]


def test_stories_and_origins_are_exact() -> None:
    clusters, where = by_location(articles())
    assert named(clusters, where) == [
        ["wire.txt", "wire-copy.txt", "flood-own.txt"],
        ["rates-a.txt", "rates-b.txt"],
        ["match.txt"],
    ]
    origin = {where[s]: where[o] for s, o in clusters.origins.items()}
    # The edited copy (new figure, no dateline, last sentence cut) is still the wire's copy.
    assert origin == {
        "wire.txt": "wire.txt",
        "wire-copy.txt": "wire.txt",
        "flood-own.txt": "flood-own.txt",
        "rates-a.txt": "rates-a.txt",
        "rates-b.txt": "rates-b.txt",
        "match.txt": "match.txt",
    }
    flood, rates, match = clusters.stories
    assert [clusters.independent(flood), clusters.independent(rates)] == [2, 2]
    assert independent_reports(match, clusters.origins) == 1


def test_shuffled_input_gives_the_same_stories_and_origins() -> None:
    clusters, where = by_location(articles())
    expected = {frozenset(story) for story in named(clusters, where)}
    origins = {where[s]: where[o] for s, o in clusters.origins.items()}
    for seed in range(5):
        items = articles()
        random.Random(seed).shuffle(items)
        again, where2 = by_location(items)
        assert {frozenset(story) for story in named(again, where2)} == expected
        assert {where2[s]: where2[o] for s, o in again.origins.items()} == origins


def test_every_source_in_exactly_one_story_even_without_sentences() -> None:
    items = [*articles(), Article("", "empty.txt")]
    corpus = analyse(items, Analyzer("english"))
    clusters = cluster_sources(corpus.sources, corpus.sentences)
    ids = [s for story in clusters.stories for s in story]
    assert sorted(ids) == sorted(s.id for s in corpus.sources)
    assert cluster_sources([], []) == StoryClusters((), {}, 0)


def synthetic(stories: int, per_story: int) -> tuple[list[Article], dict[str, int]]:
    """Articles made of a story's own names and words plus words every story uses."""
    rng = random.Random(7)
    letters = "bcdfghklmnprstvz"

    def word(length: int) -> str:
        return "".join(rng.choice(letters) + rng.choice("aeiou") for _ in range(length))

    common = [word(3) for _ in range(200)]
    items: list[Article] = []
    gold: dict[str, int] = {}
    for story in range(stories):
        names = [word(3).capitalize() for _ in range(4)]
        own = [word(4) for _ in range(12)]
        for copy in range(per_story):
            sentences = []
            for _ in range(6):
                words = rng.sample(common, 6) + rng.sample(own, 3)
                rng.shuffle(words)
                words.insert(3, rng.choice(names))
                sentences.append("The " + " ".join(words) + ".")
            location = f"st{story}-{copy}.txt"
            items.append(Article(" ".join(sentences), location))
            gold[location] = story
    return items, gold


def test_two_thousand_articles_use_near_linear_candidate_pairs() -> None:
    items, gold = synthetic(400, 5)
    clusters, where = by_location(items)
    n = len(items)
    # All pairs would be n(n-1)/2 ≈ 2,000,000; blocking keeps a few dozen per article.
    assert clusters.candidate_pairs <= 25 * n
    found = {frozenset(gold[where[s]] for s in story) for story in clusters.stories}
    assert len(clusters.stories) == 400
    assert all(len(stories) == 1 for stories in found)


def test_months_apart_the_same_kind_of_news_is_two_stories() -> None:
    items = articles()
    items[4] = Article(RATES_B, "rates-b.txt", outlet="Bloomberg", published="2025-06-19")
    clusters, where = by_location(items)
    stories = named(clusters, where)
    assert ["rates-a.txt"] in stories and ["rates-b.txt"] in stories
    # Undated, the same two reports are one story again.
    items[1] = Article(RATES_A, "rates-a.txt", outlet="E24")
    clusters, where = by_location(items)
    assert ["rates-a.txt", "rates-b.txt"] in named(clusters, where)


SHOOTING_A = (
    "Police in Dayton, Ohio, said a gunman killed three people outside a bar in the Oregon "
    "District early on Sunday before officers shot him dead. Dayton police chief Richard Biehl "
    "said the suspect, Connor Betts, 24, used a rifle and wore body armour. Mayor Nan Whaley "
    "praised the officers who reached the scene within a minute of the first shots."
)
SHOOTING_A2 = (
    "Connor Betts opened fire in Dayton's Oregon District shortly after 1 a.m. on Sunday, police "
    "said, killing three people and wounding more than a dozen. Richard Biehl, the police chief, "
    "told reporters that officers shot Betts within seconds. Nan Whaley, the mayor of Dayton, "
    "said the city would hold a vigil on Sunday evening."
)
SHOOTING_B = (
    "A gunman killed three people at a Walmart store in El Paso, Texas, on Saturday, police "
    "said. Officers arrested the suspect, Patrick Crusius, 21, of Allen, in the parking lot; he "
    "had driven more than 600 miles to the border city with a rifle. Greg Abbott, the governor "
    "of Texas, called the shooting an act of evil and thanked the police for their response."
)


def test_same_week_same_kind_of_event_with_other_names_is_two_stories() -> None:
    # Two shootings told in the same words ("police said a gunman killed three people", "used a
    # rifle", "praised the officers"): the names and places keep them apart. (Among other news,
    # as in any brief: in three articles alone every shared word looks rare.)
    items = [
        *articles(),
        Article(SHOOTING_A, "dayton.txt", published="2019-08-04"),
        Article(SHOOTING_B, "el-paso.txt", published="2019-08-03"),
        Article(SHOOTING_A2, "dayton-2.txt", published="2019-08-04"),
    ]
    clusters, where = by_location(items)
    stories = named(clusters, where)
    assert ["dayton.txt", "dayton-2.txt"] in stories and ["el-paso.txt"] in stories


def test_names_are_words_written_with_a_capital_at_least_as_often_as_without() -> None:
    from briefer.stories.features import name_terms

    words = [
        ("Police", "said", "Betts", "fired"),
        ("The", "police", "chief", "said", "Betts", "had", "a", "rifle"),
        ("Mr", "Biehl", "praised", "the", "police"),
    ]
    # "Police" is capitalised once (at a sentence start) but lower-case twice; "Mr" is a title.
    assert name_terms(words) == {"bett", "biehl"}


QUOTE = (
    '"He is collateral damage in the unrelenting scapegoating of a grotesque caricature," the '
    "family said in a statement read outside the court in Florence."
)
NEWSLETTER = (
    "Sign up for our morning newsletter to receive the best stories, analysis and photographs "
    "delivered straight to your inbox every weekday."
)


def shared_pairs(items: list[Article]) -> tuple[set[tuple[str, str]], list[str]]:
    """The shared-sentence pairs of the articles, by location, and the locations in order."""
    from itertools import groupby

    from briefer.stories.cluster import MAX_SENTENCES, shared_sentence_pairs
    from briefer.stories.features import corpus_tokens

    corpus = analyse(items, Analyzer("english"))
    texts = [
        list(g)[:MAX_SENTENCES] for _, g in groupby(corpus.sentences, lambda a: a.sentence.source)
    ]
    where = [s.location for s in corpus.sources]
    pairs = shared_sentence_pairs(corpus_tokens(texts))
    return {(where[i], where[j]) for i, j in pairs}, where


def test_a_long_quote_two_articles_carry_pairs_them_a_line_many_carry_does_not() -> None:
    items = [
        Article(f"{RATES_A} {NEWSLETTER}", "rates-a.txt"),
        Article(f"{SHOOTING_A} {QUOTE}", "quote-a.txt"),
        Article(f"{MATCH} {NEWSLETTER}", "match.txt"),
        Article(f"{QUOTE} {SHOOTING_A2}", "quote-b.txt"),
        *(Article(f"{t} {NEWSLETTER}", f"n{k}.txt") for k, t in enumerate([WIRE, RATES_B])),
        *(Article(f"{t} {NEWSLETTER}", f"m{k}.txt") for k, t in enumerate([FLOOD_OWN, SHOOTING_B])),
    ]
    pairs, where = shared_pairs(items)
    # The quote: one pair (whichever order the articles came in). The newsletter line is in
    # six articles: boilerplate, no pair. Short shared sentences ("police said") never count.
    assert pairs == {("quote-a.txt", "quote-b.txt")}
    assert shared_pairs(items[:4])[0] == {
        ("quote-a.txt", "quote-b.txt"),
        ("rates-a.txt", "match.txt"),
    }


def test_a_shared_newsletter_line_does_not_make_two_pieces_one_story() -> None:
    # Carried by two articles only, the line proposes the pair; their similarity still decides.
    items = articles()
    items[1] = Article(f"{RATES_A} {NEWSLETTER}", "rates-a.txt", published="2024-10-31")
    items[2] = Article(f"{MATCH} {NEWSLETTER}", "match.txt", published="2024-11-02")
    clusters, where = by_location(items)
    assert named(clusters, where) == [
        ["wire.txt", "wire-copy.txt", "flood-own.txt"],
        ["rates-a.txt", "rates-b.txt"],
        ["match.txt"],
    ]


def test_left_out_captions_are_evidence_of_the_story_never_sentences() -> None:
    from briefer.models import Article
    from briefer.pipeline import analyse
    from briefer.stories.cluster import cluster_sources
    from briefer.text import Analyzer

    captions = [
        "Actress America Ferrera poses for photographers on the red carpet for the screening of "
        "How To Train Your Dragon 2 at the 67th international film festival, Cannes, southern "
        "France, Friday, May 16, 2014. (AP Photo/Thibault Camus) (Associated Press)",
        "Security run toward an unidentified man who ran onto the red carpet next to actress "
        "America Ferrera during arrivals for the screening of How To Train Your Dragon 2 at the "
        "67th international film festival, Cannes, southern France. (Associated Press)",
    ]
    bodies = [
        "The prankster strikes again.\n\nHe has done this before, many times, to many stars.",
        "A man was dragged away by guards on Friday evening.\n\n"
        "It was not the first time he had done it, witnesses said.",
    ]
    pages = [
        Article(text=f"{c}\n\n{b}", location=f"p{k}.txt")
        for k, (c, b) in enumerate(zip(captions, bodies, strict=True))
    ]
    others = [
        Article(
            text=f"The council in town {k} approved a budget of {k} million on Monday. "
            "Officials said the vote was close and the mayor welcomed it.",
            location=f"o{k}.txt",
        )
        for k in range(6)
    ]
    corpus = analyse([*pages, *others], Analyzer("english"))
    shown = " ".join(a.sentence.text for a in corpus.sentences)
    assert "Ferrera" not in shown  # a caption is never a sentence
    assert [len(corpus.captions.get(s, ())) for s in ("s1", "s2", "s3")] == [1, 1, 0]
    apart = cluster_sources(corpus.sources, corpus.sentences).stories
    together = cluster_sources(corpus.sources, corpus.sentences, captions=corpus.captions).stories
    assert ("s1", "s2") not in apart and ("s1", "s2") in together
