"""Paraphrases: the names people call institutions by, and word forms a stemmer can't relate.

General knowledge, not fitted to any corpus: a question may say "the Pentagon" where the
document says "the Department of Defense", or "met" where it says "meeting".
"""

from __future__ import annotations

# Common names and nicknames of institutions -> the formal name documents use. A nickname is
# matched as a phrase, case-insensitively; "the" before it is optional.
INSTITUTION_ALIASES: dict[str, str] = {
    "Pentagon": "Department of Defense",
    "DoD": "Department of Defense",
    "Defense Department": "Department of Defense",
    "Foggy Bottom": "Department of State",
    "State Department": "Department of State",
    "State Dept": "Department of State",
    "Treasury Department": "Department of the Treasury",
    "Justice Department": "Department of Justice",
    "DOJ": "Department of Justice",
    "Homeland Security": "Department of Homeland Security",
    "DHS": "Department of Homeland Security",
    "Commerce Department": "Department of Commerce",
    "Oval Office": "White House",
    "Capitol Hill": "Congress",
    "Langley": "Central Intelligence Agency",
    "CIA": "Central Intelligence Agency",
    "the Fed": "Federal Reserve",
    "UN": "United Nations",
    "U.N.": "United Nations",
    "Turtle Bay": "United Nations",
    "UNSC": "United Nations Security Council",
    "Security Council": "United Nations Security Council",
    "UNGA": "United Nations General Assembly",
    "General Assembly": "United Nations General Assembly",
    "WHO": "World Health Organization",
    "IMF": "International Monetary Fund",
    "NATO": "North Atlantic Treaty Organization",
    "EU": "European Union",
    "ASEAN": "Association of Southeast Asian Nations",
    "AU": "African Union",
    "OAS": "Organization of American States",
    "OSCE": "Organization for Security and Co-operation in Europe",
    "G7": "Group of Seven",
    "G20": "Group of Twenty",
    "Kremlin": "Russian government",
    "Downing Street": "UK Prime Minister",
    "Number 10": "UK Prime Minister",
    "Whitehall": "UK government",
    "Foreign Office": "Foreign, Commonwealth and Development Office",
    "FCDO": "Foreign, Commonwealth and Development Office",
    "Quai d'Orsay": "French Ministry for Europe and Foreign Affairs",
    "Elysee": "French President",
    "Élysée": "French President",
    "Zhongnanhai": "Chinese government",
    "Blue House": "Office of the President of the Republic of Korea",
    "Kantei": "Prime Minister of Japan",
    "South Block": "Ministry of External Affairs of India",
    "MEA": "Ministry of External Affairs",
    "Bankova": "Office of the President of Ukraine",
    "Knesset": "Israeli parliament",
    "Duma": "Russian parliament",
    "Bundestag": "German parliament",
    "USAID": "United States Agency for International Development",
    "NSC": "National Security Council",
    "USTR": "United States Trade Representative",
    "INL": "Bureau of International Narcotics and Law Enforcement Affairs",
    # Offices by their short names.
    "POTUS": "President",
    "FLOTUS": "First Lady",
    "VPOTUS": "Vice President",
    "VP": "Vice President",
    "SecState": "Secretary of State",
    "SecDef": "Secretary of Defense",
    "DNI": "Director of National Intelligence",
}

# A verb of motion before a place ("When will she get to Sweden?", "why is he heading to
# Mexico"): the question asks about the trip the documents call travel, a visit or an arrival.
MOTION_VERB_FORMS = frozenset(
    """get gets getting got gotten go goes going went gone head heads heading headed come
    comes coming came fly flies flying flew flown""".split()
)
MOTION_PARTICLES = frozenset("to in into toward towards".split())
# The words for the trip itself that a motion verb stands for.
TRAVEL_TERMS = ("travel", "visit", "trip", "arrive")
# Nouns for a trip: a question's "the November 2023 trip" is the release's "journey" or
# "visits" ("Secretary Blinken's journey aims to ..."). Not "visit": a question's "visit" is
# as often a verb, or part of a name ("the site visit"), and the releases use it most.
TRIP_NOUNS = ("trip", "trips", "journey", "journeys", "voyage", "voyages")

# Phrasal verbs people type for the verbs releases write: "sat down with" the Foreign Minister
# is "met with" him, a network "rolled out" was "launched". Each form of the verb, its particle,
# and the words a sentence may say instead (any one will do). General English.
PHRASAL_VERBS: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = (
    (("sit", "sits", "sat", "sitting"), "down with", ("meet", "met", "meeting")),
    (("roll", "rolls", "rolled", "rolling"), "out", ("launch", "unveil", "announce", "introduce")),
    (("stop", "stops", "stopped", "stopping", "drop", "drops", "dropped", "dropping"), "by",
     ("visit",)),
    (("set", "sets", "setting"), "up", ("establish", "create", "launch")),
    (("hand", "hands", "handed", "handing"), "over", ("deliver", "transfer", "donate")),
    (("team", "teams", "teamed", "teaming"), "up with", ("partner", "join")),
    (("call", "calls", "called", "calling"), "for", ("urge",)),
    (("put", "puts", "putting"), "on", ("host", "organize", "organise", "hold")),
)  # fmt: skip

# Irregular past forms and participles -> the base verb (a stemmer leaves "met" as "met").
IRREGULAR_VERBS: dict[str, str] = {
    "met": "meet",
    "spoke": "speak",
    "spoken": "speak",
    "held": "hold",
    "went": "go",
    "gone": "go",
    "saw": "see",
    "seen": "see",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "made": "make",
    "told": "tell",
    "led": "lead",
    "sought": "seek",
    "brought": "bring",
    "began": "begin",
    "begun": "begin",
    "flew": "fly",
    "flown": "fly",
    "wrote": "write",
    "written": "write",
    "won": "win",
    "sent": "send",
    "spent": "spend",
    "built": "build",
    "chose": "choose",
    "chosen": "choose",
    "struck": "strike",
    "fought": "fight",
    "stood": "stand",
    "understood": "understand",
    "undertook": "undertake",
    "undertaken": "undertake",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "froze": "freeze",
    "frozen": "freeze",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "paid": "pay",
    "said": "say",
    "laid": "lay",
    "sold": "sell",
    "bought": "buy",
    "taught": "teach",
    "thought": "think",
    "kept": "keep",
    "left": "leave",
    "lost": "lose",
    "heard": "hear",
    "ran": "run",
    "drew": "draw",
    "drawn": "draw",
    "grew": "grow",
    "grown": "grow",
    "knew": "know",
    "known": "know",
    "threw": "throw",
    "thrown": "throw",
    "shook": "shake",
    "shaken": "shake",
    "oversaw": "oversee",
    "overseen": "oversee",
    "forgave": "forgive",
    "forgiven": "forgive",
}

# Suffixes that make a noun of a verb: "agree" -> "agreement", "discuss" -> "discussion",
# "visit" -> "visitation". Tried in both directions, and kept only when the derived form is a
# word of the corpus. Not "-al" or "-ance": "sign" -> "signal", "met" -> "metal" are other words.
DERIVATION_SUFFIXES = ("ment", "ments", "ion", "ions", "ation", "ations")
# A verb's last sounds that change when its noun is made: "respond" -> "response",
# "expand" -> "expansion", "decide" -> "decision". Each is (the verb's ending, the nouns'
# endings), read in both directions ("a noun where the document uses the verb"); as with the
# suffixes, a made-up form ("responsion") is kept only if the corpus has it.
DERIVATION_ALTERNATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("nd", ("nse", "nsion")),  # respond, defend, offend, expand, extend, suspend
    ("de", ("sion",)),  # decide, conclude, include, invade, divide
)
# ... but a short noun read back is often another word ("tension" is no "tend", "intense" no
# "intend"): only nouns of this many letters or more are read back to a verb.
MIN_ALTERNATION_NOUN = 8
# Inflection endings stripped to reach a verb's base form ("agreed" -> "agree").
INFLECTION_ENDINGS = ("ing", "ed", "es", "s", "d")

# British and American spellings of one word: "defence" and "defense", "organise" and
# "organize". Each pair is a stem's two spellings, with the endings that may follow it
# ("organis" + "ation"); a word is read both ways and the corpus's usual spelling kept.
SPELLING_STEMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("enc", "ens", ("e", "es")),  # defence, licence, offence
    ("our", "or", ("", "s", "ed", "ing", "able", "ably", "ful", "ite", "ites", "er", "ers")),
    ("is", "iz", ("e", "es", "ed", "ing", "ation", "ations", "er", "ers")),  # organise
    ("ys", "yz", ("e", "es", "ed", "ing")),  # analyse, paralyse
    ("tre", "ter", ("", "s")),  # centre, theatre
    ("tred", "tered", ("",)),  # centred
    ("ell", "el", ("ed", "ing", "er", "ers", "or", "ors")),  # travelled, counselling
    ("all", "al", ("ed", "ing")),  # totalled, signalled (not "filled": "filed")
    ("ogue", "og", ("", "s")),  # catalogue
)
# Whole words spelt differently, British first.
SPELLING_WORDS: dict[str, str] = {
    "programme": "program",
    "programmes": "programs",
    "grey": "gray",
    "cheque": "check",
    "cheques": "checks",
    "judgement": "judgment",
    "ageing": "aging",
    "enrol": "enroll",
    "fulfil": "fulfill",
    "fulfilment": "fulfillment",
    "manoeuvre": "maneuver",
    "paediatric": "pediatric",
    "aluminium": "aluminum",
    "sceptical": "skeptical",
    "mould": "mold",
    "plough": "plow",
    "tyre": "tire",
    "tyres": "tires",
}
MIN_SPELLING_WORD = 5  # shorter words are not read for another spelling ("for" is no "four")
# Words people shorten when they type, spelt out as releases write them ("what did she discuss
# with japanese govt officials"). Only shortenings of one word with no other common reading:
# not "gov" (governor too), "min" (minute), "sec" (second) or "pres" (press).
CHAT_ABBREVIATIONS: dict[str, str] = {
    "govt": "government",
    "govts": "governments",
    "dept": "department",
    "depts": "departments",
    "admin": "administration",
    "intl": "international",
    "natl": "national",
    "mtg": "meeting",
    "mtgs": "meetings",
    "secy": "secretary",
    "asst": "assistant",
    "amb": "ambassador",
    "ambs": "ambassadors",
    "econ": "economic",
    "hq": "headquarters",
    "ppl": "people",
    "org": "organization",
    "orgs": "organizations",
    "yr": "year",
    "yrs": "years",
    "wk": "week",
    "wks": "weeks",
    "abt": "about",
    "convo": "conversation",
    "convos": "conversations",
    "bilat": "bilateral",
    "w/o": "without",
    "b/c": "because",
}
# Amounts written as people type them: "$5M", "2.5bn", "300 mil". After a currency sign any of
# these is a scale; after a bare number only the unambiguous ones ("5m" may be metres).
AMOUNT_SCALES: dict[str, str] = {
    "m": "million",
    "mn": "million",
    "mil": "million",
    "mln": "million",
    "b": "billion",
    "bn": "billion",
    "bln": "billion",
    "tn": "trillion",
}
BARE_AMOUNT_SCALES = ("mn", "mil", "mln", "bn", "bln", "tn")
# Shortened titles that are titles only beside another title word: "deputy sec", "asst sec",
# "sec state" and "dep sec" are the secretary, but "a sec" is a second.
TITLE_SHORTHANDS: dict[str, str] = {"sec": "secretary", "secs": "secretaries", "dep": "deputy"}
TITLE_SHORTHAND_NEIGHBOURS = frozenset(
    "deputy dep asst assistant under acting state sec secs secretary".split()
)
