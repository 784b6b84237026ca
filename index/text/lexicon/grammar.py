"""Function words, abbreviations and number words: general English, nothing about the corpus."""

from __future__ import annotations

from index.text.lexicon.calendar import MONTH_ABBREVIATIONS

# -- stop words ----------------------------------------------------------------------------------
# The index keeps the short stop list bm25s ships (changing it would need a rebuild); it is
# copied here so that only index/storage/bm25.py imports bm25s.
STOPWORDS = frozenset(
    """a an and are as at be but by for if in into is it no not of on or such that the their
    then there these they this to was will with""".split()
)

# Words people type for function words ("is he gonna meet her b4 the summit", "who'll": "ll")
# and the chat's fillers ("lol who is lenderking", "btw", "idk"), which a corpus of releases
# lacks: read as words, each would count against a question as much as its rarest word
# (compose/refusal.py).
TYPED_FUNCTION_WORDS = frozenset(
    """gonna wanna gotta b4 btwn thru cuz coz tho though rn pls plz please ll ve ur btw idk lol fyi
    tbh imo imho thx ty lmk omg hey hi hello ok okay yo ya yeah yep hmm um uh""".split()
)

# Questions are full of function words BM25 should not chase ("who", "did", "many"), so
# queries drop more.
QUERY_STOPWORDS = (
    STOPWORDS
    | frozenset(
        """about above after again against all also am any because been before being below
        between both can could did do does doing done down during each few from further had
        has have having he her here hers herself him himself his how i its itself just me more
        most my myself nor now off once only other ought our ours ourselves out over own same
        she should so some than theirs them themselves those through too under until up very we
        were what when where which while who whom whose why would you your yours yourself
        yourselves many much still currently already yet ever really actually exactly
        around anyone anybody anything someone somebody something everyone everybody
        everything""".split()
    )
    | TYPED_FUNCTION_WORDS
)
# A negated auxiliary as people type it, with or without the apostrophe ("doesn't", "doesnt",
# "wont"), and the auxiliary it negates: a question reads it as the auxiliary and "not", both
# function words, not as "doesn", "won" or a name one edit from "wont" ("Wong").
NEGATED_AUXILIARIES: dict[str, str] = {
    **{
        aux: aux
        for aux in "do does did is are was were have has had would could should must need".split()
    },
    "wo": "will",
    "ca": "can",
    "ai": "is",
    "sha": "shall",
}

# -- sentence splitting (index/text/sentences.py), lower-cased ---------------------------------
# A period after these never ends a sentence: they precede a name or a number.
ABBREVIATIONS = frozenset(
    """mr mrs ms messrs mmes dr gen sen sens rep reps gov lt col st prof amb sgt capt cpt adm maj
    cmdr cdr brig pvt cpl gens sec secs rev hon pres supt insp det fr jr sr ste mt ft ave dept
    govt vs v approx ca cf al nos""".split()
)
# ... and after these only when a number follows ("Jan. 5", "No. 5", "p. 12").
ABBREVIATIONS_BEFORE_NUMBER = frozenset(a.lower() for a in MONTH_ABBREVIATIONS) | frozenset(
    "no vol art fig pp p ch para sec tel".split()
)
# Words that typically open a sentence: after "U.S." or "a.m." they mean the period ended one.
SENTENCE_STARTERS = frozenset(
    """the this that these those it its he she we they i in on at but and a an as our his her
    their there if when while after before for with today also however both meanwhile during
    since so then yet what who why how where you my""".split()
)

# -- numbers written as words (index/text/entities.py) -----------------------------------------
_ONES = tuple("one two three four five six seven eight nine".split())
_TEENS = tuple(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
)
_TENS = tuple("twenty thirty forty fifty sixty seventy eighty ninety".split())
_SCALES = ("hundred", "thousand", "million", "billion")
_ORDINALS = tuple("first second third fourth fifth sixth seventh eighth ninth tenth".split())
# A word that is a number by itself: "three", "forty", "dozen", "twice", "second".
NUMBER_WORDS = _ONES + _TEENS + _TENS + _SCALES + ("dozen", "half", "twice", "thrice") + _ORDINALS
# Words that continue a number word: "twenty-five", "two hundred", "fifty percent".
NUMBER_WORD_TAILS = _ONES + _SCALES + ("percent",)
# Words that make digits a bigger number or a share: "5 million", "40 per cent". "%" is a
# symbol, so the pattern adds it itself.
NUMBER_UNITS = ("percent", "per cent", "trillion") + _SCALES
# "one" standing for a thing or a person, not a count: "one of the most vital things", "one
# another", "no one", "each one". The words after such a "one" ...
ONE_AS_PRONOUN_AFTER = ("of", "another")
# ... and before it ("number" makes a rank, not a count: "the number one priority").
ONE_AS_PRONOUN_BEFORE = ("no", "any", "every", "each", "some", "this", "that", "which", "number")

# A sentence opening with a demonstrative and a verb points back to what came before it ("This
# is what we all deserve", "That's why we're here"): out of its place it says nothing. The
# demonstratives ...
BACK_REFERRING_OPENERS = ("this", "that", "these", "those")
# ... and the verbs after them.
BACK_REFERRING_VERBS = ("is", "was", "are", "were", "'s", "’s", "means", "meant", "will", "would")
# Conjunctions a sentence opens with when it carries on the one before ("And I am deeply
# grateful for that"): spoken remarks are full of them, and out of place they lean on nothing.
LEANING_OPENERS = ("And", "But", "So", "Or")

# "us" typed in lower case names the United States after "the" ("did the us sign"), joined to
# another name ("us-india") or before any word that is not a stop word ("us troops", "us india
# trade"). The pronoun comes before such a word only after a verb taking two objects ("tell us
# more", "give us details"): these verbs.
US_PRONOUN_VERBS = frozenset(
    "tell tells telling told give gives giving gave given show shows showing showed shown "
    "send sends sending sent let lets letting bring brings bringing brought offer offers "
    "offering offered ask asks asking asked teach teaches teaching taught help helps helping "
    "helped make makes making made get gets getting got keep keeps keeping kept call calls "
    "calling called remind reminds reminding reminded join joins joining joined".split()
)

# Endings that make a country's adjective from its name: Latvia-n, Fiji-an, Canad-ian,
# Japan-ese, Israel-i, Dan-ish (index/query/demonyms.py checks each against the gazetteer).
DEMONYM_ENDINGS = ("n", "an", "ian", "ien", "ese", "i", "ish")
# The endings that alone mark a word as a country's adjective, when the gazetteer cannot derive
# the country ("swedish", "danish"): not a bare "n" ("foreign", "certain").
DEMONYM_TAILS = ("ish", "ese", "ian", "an", "i")
# Demonyms no ending derives from the country's name (its adjective, or its people), each
# with the country's name as the gazetteer has it: "the French foreign minister", "the Swedes".
IRREGULAR_DEMONYMS: dict[str, str] = {
    **dict.fromkeys(("french", "frenchman"), "france"),
    **dict.fromkeys(("dutch",), "netherlands"),
    **dict.fromkeys(("swedish", "swede", "swedes"), "sweden"),
    **dict.fromkeys(("danish", "dane", "danes"), "denmark"),
    **dict.fromkeys(("finnish", "finn", "finns"), "finland"),
    **dict.fromkeys(("polish", "pole", "poles"), "poland"),
    **dict.fromkeys(("turkish", "turk", "turks"), "turkey"),
    **dict.fromkeys(("greek", "greeks"), "greece"),
    **dict.fromkeys(("thai", "thais"), "thailand"),
    **dict.fromkeys(("swiss",), "switzerland"),
    **dict.fromkeys(("filipino", "filipinos"), "philippines"),
    **dict.fromkeys(("irish",), "ireland"),
    **dict.fromkeys(("norwegian", "norwegians"), "norway"),
    **dict.fromkeys(("chinese",), "china"),
    **dict.fromkeys(("spanish", "spaniard", "spaniards"), "spain"),
    **dict.fromkeys(("portuguese",), "portugal"),
    **dict.fromkeys(("burmese",), "burma"),
    **dict.fromkeys(("lebanese",), "lebanon"),
    **dict.fromkeys(("sudanese",), "sudan"),
    **dict.fromkeys(("maltese",), "malta"),
    **dict.fromkeys(("congolese",), "congo"),
    **dict.fromkeys(("icelandic", "icelander", "icelanders"), "iceland"),
    **dict.fromkeys(("peruvian", "peruvians"), "peru"),
    **dict.fromkeys(("cypriot", "cypriots"), "cyprus"),
    **dict.fromkeys(("malagasy",), "madagascar"),
    **dict.fromkeys(("czech", "czechs"), "czechia"),
}
# "Land of" endings a country's adjective drops: Uzbekistan -> Uzbek, Kazakhstan -> Kazakh.
STAN_ENDINGS = ("istan", "stan")
# Verbs that attribute a quotation closing before them: "... our energy security," said the
# Minister; "... ," he added.
ATTRIBUTION_VERBS = ("said", "says", "added", "noted", "stated", "explained", "emphasized")
# Openers of a sentence whose reasons are the sentence before: "For these reasons, the
# Department has determined ...".
REASON_REFERENCES = (
    *("for these reasons", "for this reason", "for those reasons", "because of this"),
    *("as a result", "that is why", "this is why", "therefore", "consequently", "thus"),
)
