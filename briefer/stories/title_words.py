"""The word lists story titles are made with: what is no name, what is too vague, how names vary."""

from __future__ import annotations

# Capitalised words that are not names: titles of address and office, days, months, sentence
# glue, the words news copy capitalises in headlines or datelines, month and US state
# abbreviations of datelines ("Oct", "Okla"), time zones and web debris. A title made of them
# says nothing.
NOT_NAMES = frozenset(
    """
    mr mrs ms dr sir lord lady prof gen col sgt the a an and but or so if in on at of for to by
    with from as he she it they we i you his her its their our my your this that these those there
    here what when where who why how which while after before since until then now also however
    meanwhile monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december today yesterday tomorrow update
    breaking news live video photo image copyright caption read more related said says told
    according people time year years week day minister president officials police government tv
    mp mps
    associated press reuters afp ap upi getty images photos pictures shutterstock
    gov governor sen senator rep congressman congresswoman mayor judge chancellor capt lt det ceo
    chairman phd
    jan feb mar apr jun jul aug sep sept oct nov dec
    ala ariz ark calif colo conn fla ill kan mass mich minn neb nev okla ore tenn tex wis wyo
    gmt bst est edt cst cdt mst mdt pst pdt cet cest utc http https www com html url urls
    """.split()
)
# Lower-case words too vague to name an event ("people told time"), and web debris.
GENERIC = frozenset(
    """
    said say says saying told tell tells people time times year years day days week weeks month
    months mr mrs ms new also one two three first last would could may might make made get got
    take took go going come came like just well back way thing things lot many much including
    report reported reports according added asked think know see want use used part number
    percent cent world state news today told called call calls look looking give given show
    http https www com html global half fourth start seeking older items guys casual curious
    steady alive rose average inch inches total amount million billion dollars percentage
    """.split()
)
# Lower-case words that may sit inside a name between capitalised words: "University of
# Minnesota", "Oscar de la Renta". One or two of them, never "the" first.
JOINERS = frozenset("of for the de la del der von van da di du le".split())
# The tails that make a contraction ("I’m", "Don't"), not a name like "O'Brien".
CONTRACTED = frozenset("m re ve ll d t".split())
# Endings that turn a place into its people or a name into its plural: Syria/Syrian,
# China/Chinese, Republican/Republicans. Stripped (then trailing vowels) to compare names.
ENDINGS = ("", "s", "es", "n", "ns", "an", "ans", "ian", "ians", "ean", "eans", "i", "is", "ese")
# Demonyms too irregular for ENDINGS, "GOP" for the Republicans and "Fed" for the Federal
# Reserve: one name per entity.
SAME_AS = {
    "polish": "poland",
    "french": "france",
    "british": "britain",
    "spanish": "spain",
    "welsh": "wales",
    "irish": "ireland",
    "scottish": "scotland",
    "english": "england",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "danish": "denmark",
    "swedish": "sweden",
    "finnish": "finland",
    "greek": "greece",
    "turkish": "turkey",
    "filipino": "philippines",
    "thai": "thailand",
    "norwegian": "norway",
    "portuguese": "portugal",
    "peruvian": "peru",
    "afghan": "afghanistan",
    "lebanese": "lebanon",
    "gop": "republican",
    "fed": "federal",  # the Federal Reserve
}
VOWELS = frozenset("aeiouy")
