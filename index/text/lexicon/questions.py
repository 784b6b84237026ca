"""Question words: what a question asks for (index/query/question.py)."""

from __future__ import annotations

# Question words; "who" asks for a person, "when" a date, "where" a place, the rest depend on
# the noun that follows ("which city").
WH_WORDS = ("who", "whom", "whose", "when", "where", "what", "which", "in what", "in which")
# Words after "how" that ask for a number: "how many", "how long".
HOW_NUMBER_WORDS = tuple("many much long old far large big often tall high deep wide".split())
# ... except when a word of time past follows: "how far back", "how long ago" ask for a date.
HOW_TIME_PAST_WORDS = ("back", "ago")
# Phrases asking for people's names: an answer must name someone ("which ministers, by name?").
NAME_REQUESTS = ("by name", "names of", "their names", "his name", "her name", "name them")
# "What is the name of the compliance officer ...?": a name asked for one of these, people,
# which only a sentence naming someone answers (the question's other words do not).
NAMED_PERSON_NOUNS = (
    *("officer", "officers", "official", "officials", "head", "chief", "spokesperson"),
    *("ambassador", "minister", "envoy", "advisor", "adviser", "director", "representative"),
    *("secretary", "president", "leader", "coordinator", "commander", "counterpart", "chair"),
)
# ... and plural nouns of people after "which" ("Which Israeli ministers is she meeting?"): an
# answer names them, or names them by office and country ("the foreign ministers of Morocco
# and Bahrain").
PEOPLE_GROUP_NOUNS = tuple(
    "leaders ministers officials counterparts lawmakers legislators senators ambassadors "
    "diplomats activists journalists representatives delegates envoys governors mayors".split()
)
# Nouns a count of people is given with, whatever people a "how many" question counts ("how
# many ukrainians have fled": "240,000 people from Ukraine").
PEOPLE_COUNT_NOUNS = (
    *("people", "persons", "individuals", "residents", "citizens", "nationals"),
    *("employees", "staff", "members", "workers", "personnel"),
)
# An ordinal counts what follows it: "for the twelfth year in a row" answers "how many years in
# a row", "her third visit" "how many times has she visited".
ORDINAL_WORDS = tuple(
    """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
    thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth""".split()
)
# Words that end the counted noun phrase of "how many [same-sex married couples] or ...".
COUNTED_PHRASE_ENDS = ("or", "and", "in", "of", "to", "from", "at")
COUNTED_PHRASE_WORDS = 12  # the longest noun phrase after a number read for what it counts
COUNT_WINDOW = 4  # words between a number and the noun it counts ("550 million COVID-19 vaccine
# doses"), either way
# Words of a "how long" question about time passing ("how long did the call last"), which
# only a span answers ("a two-hour meeting", "from March 9 to 11"); "how long ago" asks for a
# date (HOW_TIME_PAST_WORDS) and "how long is the border" for a length.
DURATION_QUESTION_VERBS = tuple(
    "last lasted lasts take took takes stay staying stayed stays spend spent be been".split()
)
DURATION_UNITS = ("minute", "hour", "day", "night", "week", "month", "year")
# A stay, visit, meeting or call lasts minutes to months, never years: "how long is he staying
# in Fiji?" is not answered by "a contributor to peacekeeping for 43 years".
EVENT_LENGTH_WORDS = tuple(
    "stay staying stayed stays visit visiting trip meeting call talks interview spend spent".split()
)
EVENT_DURATION_UNITS = DURATION_UNITS[:-1]
# How a sum of money is written after its number ("40 million dollars"), and before it ("USD 300").
CURRENCY_WORDS = ("dollars", "euros", "pounds", "yen")
CURRENCY_CODES = ("USD", "EUR")
NUMBER_SCALE_WORDS = ("thousand", "million", "billion", "trillion")
# Nouns and verbs after "how much" that ask for a sum of money ("How much money has the US given
# to the program?", "how much did the pledge cost"): only an amount of money answers.
MONEY_QUESTION_WORDS = tuple(
    "money funding funds aid assistance dollars cost costs budget investment financing spent "
    "spend pledged pledge donated paid pay".split()
)
# Nouns after "what"/"which" that ask for a part of a whole ("What percentage of the vote
# ...?"), and the words of an answer that gives one ("51.6%", "32 percent", "over half").
SHARE_QUESTION_WORDS = ("percent", "percentage", "percentile", "proportion", "fraction", "share")
SHARE_ANSWER_WORDS = (
    *"percent percentage percentages half halves third thirds quarter quarters".split(),
    *"fifth fifths tenth tenths".split(),
    "per cent",
)
# Nouns after "what"/"which" that say what kind of answer is wanted ("which city", "what
# year"), keyed by the entity kind's value. Later kinds win when two nouns share a stem.
ANSWER_HEAD_NOUNS: dict[str, tuple[str, ...]] = {
    "date": tuple("year years date day month century decade time era period season week".split()),
    "place": tuple(
        """city country state region place location continent town village capital nation
        province area island river mountain county territory port venue stadium""".split()
    ),
    "person": tuple(
        """person man woman people president king queen leader author minister player
        scientist emperor general founder official secretary ruler writer inventor artist
        composer poet philosopher actor singer coach ambassador chancellor senator governor pope
        who owner director envoy advisor adviser diplomat spokesperson spokesman counterpart
        negotiator coordinator representative commander lawmaker mayor""".split()
    ),
    "number": tuple(
        """percentage percent number amount proportion share fraction ratio rate size
        population cost price length height distance weight speed temperature age score total
        sum much many""".split()
    ),
}
# A head noun followed by one of these is a modifier of a compound, not what is asked for:
# "which [state department] envoy", "what [state visit]", "which [city council] member".
HEAD_NOUN_COMPOUNDS: dict[str, tuple[str, ...]] = {
    "state": ("department", "dept", "visit", "visits", "dinner", "media", "funeral", "secretary"),
    "city": ("council", "hall"),
    "country": ("team",),
    "day": ("trip",),
}
# Words that open an object: "what is the city hosting [the] summit" asks for the city (a
# relative clause), "what is the envoy discussing [in] Riyadh" asks what he discusses.
DETERMINERS = frozenset("the a an this that these those its his her their our".split())
# Place nouns that ask for a whole country or more: no answer to them lies inside a country the
# question names ("which countries issued the statement on the situation in Libya?").
COUNTRY_HEAD_NOUNS = ("country", "nation", "continent")
# Words that open a question with where it is about, or whose account it asks for, before
# its question word: "In the Muir interview, what did Blinken say ...?", "According to the
# minister, why hasn't the meeting taken place?" (read past up to the comma).
LEAD_IN_WORDS = ("in", "at", "during", "on", "after", "before", "according to", "per")
# Words skipped between "what"/"which" and the noun: "what is the name of ...", "which kind of".
QUESTION_FILLERS = frozenset(
    "is was are were did does do the a an of kind type sort name names".split()
)
# Auxiliary verbs: the noun phrase after "which" ends at one ("which leaders [did] ...").
AUXILIARY_VERBS = frozenset(
    "is was are were did does do will would can could should has have had may might must".split()
)
# Auxiliaries after which a question's noun is the subject of its verb, not what is asked
# for: "What did [the deputy secretary] discuss ...?" asks for what was discussed; after "is"
# and "was" it is what is asked for ("What is [the date] of the summit?").
SUBJECT_AUXILIARIES = AUXILIARY_VERBS - {"is", "was", "are", "were"}
# Words that end the verb phrase of "what did [Blinken and Faki] sign [at the dialogue]?": its
# verb is the word before the first of them, or the question's last word
# (index/query/question.py, `asked_action`). "On" before a name is still the subject's ("the
# envoy on Myanmar"); "of" always is ("the secretary of state"), and "to" ends it only before
# a determiner or a name ("read [to the kids]", "reiterate [to Mori]", not "want countries
# [to adopt]").
ACTION_PHRASE_ENDS = frozenset(
    "at in on with about against for from during before after by into over under while when".split()
)
# Kinds of thing whose proper names often end in the kind ("the Three Seas Initiative", "the
# Paris Agreement", "the U.S.-ASEAN Special Summit") or open with it, followed by a number or
# a name ("Unit 74455", "Resolution 2231", "Operation Allies Welcome"): "what initiative does
# Bulgaria lead" asks for such a name. Not "company", "painting" or "band": their names rarely
# say so.
NAMED_KINDS = frozenset(
    """agreement agreements accord accords initiative initiatives program programs programme
    summit summits conference conferences dialogue dialogues forum forums act acts treaty
    treaties declaration declarations memorandum partnership partnerships fund funds strategy
    framework mechanism commission council committee alliance coalition compact pact charter
    convention resolution campaign award awards prize fellowship scholarship exercise
    operation plan unit units article articles section brigade battalion division""".split()
)
# Lower-case words inside the name of a thing: "Science and Technology Agreement",
# "Memorandum of Cooperation", "Summit of the Americas" (index/compose/aims.py,
# `names_instance`).
NAME_LINKS = ("and", "of", "for", "on", "the", "&")
# The words a question opens with, or that follow its question word ("where will", "who did"):
# a closed class that a misspelling ("wher", "wil", "whn") is repaired toward first. Earlier
# words win a tie ("hwo" is a swap from "who" and from "how").
QUESTION_OPENERS = (
    "who", "what", "when", "where", "why", "which", "how", "whom", "whose",
    "will", "did", "does", "do", "is", "was", "are", "were", "would", "can", "could",
    "should", "has", "have", "had",
)  # fmt: skip
# Question words as chat spells them, taken for the word when they open a question and an
# auxiliary follows: "y did sung kim call the chinese envoy", "wut is the ATCR".
CHAT_OPENERS = {"y": "why", "wut": "what", "wot": "what"}
# Question words typed with "is" joined on and the apostrophe dropped: "whos" is "who's", not
# "whose"; "whats" is "what's".
CONTRACTED_OPENERS = ("who", "what", "where", "when", "how", "why")
# Verbs of saying after a question's subject: "what did [Maas] say", "how did [she] describe".
# The subject is the speaker whose words are asked for (index/query/quoted.py).
SAY_VERBS = tuple(
    """say says said tell tells told mention* describe* think thinks thought claim* argue*
    warn* stress*""".split()
)
# Words before the speaker whose words are asked for: "how big is trade according to
# Jaishankar" ("accord* to" also takes "acording to", repaired as "Accord to").
QUOTE_PREPOSITIONS = ("accord* to", "in the words of")
# Words that end the speaker's name and start the topic: "according to Okoro [about] the deal".
QUOTE_TOPIC_WORDS = ("about", "on", "in", "at", "during", "when", "for", "regarding")
# Words naming where something was said, not who said it: "according to [Blinken's meeting
# with Kasoulides]", "what did [the readout of the call] say". Such a phrase is a source to
# search, not a speaker whose turns of a transcript answer.
SOURCE_NOUNS = frozenset(
    """readout readouts meeting meetings call calls briefing briefings statement statements
    report reports release releases transcript transcripts remarks interview interviews
    article document documents website summary fact sheet""".split()
)
# Subjects that name nobody: "what did he say" is read against the chat, not a speaker label.
SPEAKER_PRONOUNS = frozenset("he she they it i we you his her their this that there".split())

# "Besides the SERVIR-Mekong project, what else ...?": what follows names what the asker
# already knows, and the answer is something else (index/compose/besides.py)
BESIDES_WORDS = ("besides", "apart from", "aside from", "other than", "in addition to")
