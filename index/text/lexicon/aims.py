"""Words of aims and agendas: how a "why" or "what will they discuss" question is asked, and
how a sentence states an aim, an agenda, or a readout's topics (index/query/question.py,
index/compose/aims.py). General English, nothing fitted to a corpus.
"""

from __future__ import annotations

# Question openings that ask for a reason or a purpose: "why", "what for", and "what is / was /
# were the (main) purpose (aim, goal, point, objective, reason) ...". A qualifier ("main",
# "real", "key") asks for the same aim, and a document need not use it.
_AIM_NOUNS = (
    *("purpose", "purposes", "aim", "aims", "goal", "goals", "point"),
    *("objective", "objectives", "reason", "reasons", "intent", "rationale"),
)
AIM_QUALIFIERS = (
    *("main", "primary", "principal", "chief", "key", "central", "overall", "core"),
    *("real", "actual", "stated", "official", "underlying", "big", "biggest", "ultimate"),
)
PURPOSE_QUESTIONS = (
    "why",
    "what for",
    "for what purpose",
    "for what reason",
    "to what end",
    "how come",
    *(
        f"{what} the {qualifier}{aim}"
        for what in ("what is", "what's", "what was", "what are", "what were")
        for qualifier in ("", *(f"{q} " for q in AIM_QUALIFIERS))
        for aim in _AIM_NOUNS
    ),
)
# A purpose asked by what someone wants done: "What is the US trying to achieve by ...?", "what
# did they hope to accomplish", "what are they aiming for".
PURPOSE_WANTING = (
    *("trying", "try", "tries", "tried", "hoping", "hope", "hopes", "hoped"),
    *("want", "wants", "wanted", "seeking", "seek", "seeks", "sought"),
    *("intend", "intends", "intended", "meant", "supposed", "looking"),
)
PURPOSE_GOALS = ("achieve", "accomplish", "gain", "get out of")
PURPOSE_AIMING = ("aiming for", "aiming at", "aiming to achieve", "going for")
# Verbs that state an aim after "to" or "will" ("to advance", "will also highlight").
AIM_VERBS = (
    *("discuss", "advance", "strengthen", "reaffirm", "deepen", "promote", "support"),
    *("address", "highlight", "underscore", "coordinate", "build", "expand", "explore"),
    *("review", "consult", "seek", "secure", "push", "press", "urge", "launch", "mark"),
    *("demonstrate", "showcase", "reinforce", "reiterate", "emphasize", "emphasise"),
    *("celebrate", "commemorate", "bolster", "foster", "encourage", "affirm", "boost"),
    "enable",
)
# Wording of a sentence that states an aim or a reason.
# Verbs of an agenda question ("What will Biden and Starmer discuss?", "what are harris and
# macron going to talk about") ...
AGENDA_QUESTION_VERBS = (
    *("discuss", "talk about", "talk over", "cover", "focus on"),
    *("discussed", "talked about", "talked over", "covered", "focused on"),
)
# ... or the noun that names what is asked for, anywhere: "sherman locsin manila meeting
# topics", "the agenda of the summit", "which issues did they raise".
AGENDA_QUESTION_NOUNS = ("topic", "topics", "agenda", "issues")
# Words of a question about what will happen ("What will they talk about?", "what are they
# going to discuss"): only such a question leaves out what a readout says was discussed.
FUTURE_QUESTION_WORDS = ("will", "going to", "gonna", "plan to", "plans to", "planning to", "'ll")
# ... and the words of a sentence that gives an agenda ("The leaders will have an in-depth
# discussion on ...", "They will also discuss ...", "talks will focus on ...").
# A visitor's stated aims count too ("In Jordan, he will highlight ..."), written with
# "will": "to highlight" is a purpose, not a topic.
AGENDA_WORDS = (
    *("discuss", "discusses", "discussing", "discussion*", "talk about", "talks on"),
    *("focus on", "focuses on", "focusing on", "agenda"),
    *("consult on", "consults on", "consulting on", "consultations on"),
    *(f"will {verb}" for verb in AIM_VERBS),
    *(f"will also {verb}" for verb in AIM_VERBS),
)
# A readout gives what was discussed in the past tense, with its own verbs ("The Deputy
# Secretary also raised human rights concerns", "She also expressed strong concern over ..."):
# they answer "What did X and Y discuss?", not "What will they discuss?" (a visit's readout
# "conveyed condolences" is not the agenda of the next visit).
_AIM_PAST = {"build": "built", "seek": "sought"}
READOUT_TOPIC_VERBS = (
    *(_AIM_PAST.get(v) or (v + "d" if v.endswith("e") else v + "ed") for v in AIM_VERBS),
    *("raised", "noted", "expressed", "conveyed", "welcomed", "agreed", "spoke about"),
    *("exchanged views", "condemned", "shared", "focused on", "talked about"),
)
# ... or says whom someone spoke with, then what about: "Secretary Blinken spoke today with
# Canadian Foreign Minister Joly about the situation in Haiti".
READOUT_SPOKE_VERBS = ("spoke", "speaks", "talked", "talks")
AIM_PHRASES = (
    *(f"to {verb}" for verb in AIM_VERBS),
    *(f"will {verb}" for verb in AIM_VERBS),
    *(f"will also {verb}" for verb in AIM_VERBS),
    "to talk",
    "to meet",
    "to attend",
    "to participate",
    "to lead",
    "in order to",
    "so as to",
    "so that",
    "aim*",
    "goal",
    "purpose",
    "objective",
    "intended to",
    *("intend to", "intends to"),
    # an action with the aim it is taken for: "We took today's actions to impair ...", "steps
    # to protect" (not "efforts to": "we renew our efforts to combat child labor" is a pledge)
    *("action to", "actions to", "step to", "steps to", "measures to"),
    "seek* to",
    "will focus on",
    "focus* on",
    "emphasi*",
    "because",
    "due to",
    "in response to",
    "in light of",
    # a cause or a consequence: "These risks arise from ...", "..., leading to serious risks"
    *("arise from", "arises from", "arising from", "stem from", "stems from", "stemming from"),
    *("leading to", "resulting in", "as a result of", "owing to", "on account of"),
    *("in retaliation for", "in recognition of", "responsible for"),
    "to help",
    "designed to",
    "meant to",
    "to convene",
    "to mobilize",
    "to mobilise",
    "in support of",
    # a speaker's reason: "What this is about ... is denying Ukraine its independence"
    "is about",
    "was about",
    "is really about",
)
# ... and the participles of "designed to", which a sentence may part from their "to" by an
# aside: "the sanctions are designed, in the first instance, to try to deter Russia".
AIM_PARTICIPLES = ("designed", "meant", "intended", "aimed", "calculated")
# A trip's purpose given as the event it is for: "will also visit Frankfurt for internal
# meetings", "travels to Vienna for the conference". A verb of going, then "for" and (after a
# few words) one of these nouns; "for two days" or "for the first time" states no aim.
PURPOSE_TRIP_VERBS = ("visit*", "travel*", "head*", "go", "goes", "going", "stop*", "fly", "flies")
PURPOSE_EVENT_NOUNS = (
    *("meeting", "meetings", "talks", "consultations", "negotiations", "dialogue", "summit"),
    *("conference", "ministerial", "forum", "session", "sessions", "ceremony", "ceremonies"),
    *("event", "events", "celebration*", "inauguration", "funeral", "commemoration*", "signing"),
    *("launch", "opening", "discussions", "briefings", "roundtable*", "assembly", "council"),
)
