"""Short realistic articles on three stories, shared by the story-layer tests."""

from __future__ import annotations

from briefer.models import Article

FLOOD_WIRE = (
    "VALENCIA, Spain (Reuters) - Flash floods tore through the Spanish city of Valencia on "
    "Tuesday, killing at least 26 people and leaving thousands without power, regional "
    "officials said. The Turia river burst its banks after a night of torrential rain, "
    'sweeping cars through the streets of the Paiporta district. "We have never seen water '
    'rise this fast," said Carlos Mazon, president of the Valencia region. Mazon said '
    "rescue teams had reached most of the flooded villages by the afternoon. The national "
    "weather agency AEMET had issued a red alert for the Valencia coast on Monday evening."
)
# The same wire story as another outlet ran it: lightly edited, with another death toll.
FLOOD_COPY = FLOOD_WIRE.replace("at least 26 people", "at least 15 people").replace(
    "by the afternoon", "by Tuesday afternoon"
)
FLOOD_OWN = (
    "Rescuers in Valencia searched flooded garages in Paiporta on Wednesday after the worst "
    "floods in the region in decades. Prime Minister Pedro Sanchez promised emergency aid "
    "and said the army would help clear the streets of Valencia. Residents of Paiporta said "
    "the Turia river rose within minutes and that no warning reached their phones. Carlos "
    "Mazon, the head of the Valencia region, defended the timing of the AEMET alerts."
)
RATES_A = (
    "WARSAW - Poland's central bank cut its main interest rate by 75 basis points on "
    "Wednesday, surprising economists who had expected a smaller move. Governor Adam "
    "Glapinski told reporters that inflation in Poland was falling faster than the National "
    "Bank of Poland had forecast. The zloty weakened after the decision."
)
RATES_B = (
    "The National Bank of Poland lowered borrowing costs sharply on Wednesday. Adam Glapinski, "
    "the bank's governor, said further cuts were possible if inflation kept easing. Analysts "
    "in Warsaw said the cut would support Polish households with mortgages, while the zloty "
    "slipped against the euro."
)
MATCH = (
    "Arsenal beat Tottenham 3-1 at the Emirates Stadium on Sunday to move top of the Premier "
    "League. Bukayo Saka scored twice before half-time. Mikel Arteta praised his side's "
    "pressing and said the win was deserved."
)


def articles() -> list[Article]:
    """Six articles: a flood story (wire, edited copy, own report), a rates story, a match."""
    return [
        Article(
            FLOOD_WIRE, "https://wire.example/valencia", outlet="Reuters", published="2024-10-29"
        ),
        Article(
            RATES_A,
            "https://news.example/poland-rates",
            outlet="Daily News",
            published="2024-10-30",
        ),
        Article(
            FLOOD_COPY,
            "https://paper.example/valencia-floods",
            outlet="The Paper",
            published="2024-10-29",
        ),
        Article(
            MATCH, "https://sport.example/arsenal", outlet="Sport Daily", published="2024-10-27"
        ),
        Article(
            FLOOD_OWN,
            "https://herald.example/paiporta",
            outlet="The Herald",
            published="2024-10-30",
        ),
        Article(
            RATES_B, "https://markets.example/nbp", outlet="Markets Weekly", published="2024-10-30"
        ),
    ]
