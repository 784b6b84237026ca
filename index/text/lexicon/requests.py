"""Words of requests: how people ask for a summary, a timeline or the document list
(index/query/intent.py), and how a follow-up leans on the previous question
(index/query/followup.py). General English, nothing fitted to a corpus.
"""

from __future__ import annotations

# Polite or conversational openings that wrap a request without changing it: "could you
# please summarize ...", "I'd like an overview of ...". Longest first is handled by the caller.
REQUEST_OPENERS = (
    "please",
    "pls",
    "kindly",
    "hey",
    "hi",
    "hello",
    "ok",
    "okay",
    "so",
    "now",
    "can you",
    "could you",
    "would you",
    "will you",
    "can i get",
    "can i have",
    "could i get",
    "could i have",
    "may i have",
    "i want",
    "i would like",
    "i'd like",
    "id like",
    "i need",
    "i wanna",
    "let me see",
    "let me have",
    "just",
    "quickly",
    "briefly",
)
# Verbs that hand something over: "give me a summary", "show me the documents".
GIVING_VERBS = ("give", "show", "send", "get", "provide", "list", "display", "find", "share")
# Verbs that by themselves ask for a summary of their object ("summarize the trip").
SUMMARY_VERBS = (
    "summarize",
    "summarise",
    "summarizing",
    "recap",
    "sum up",
    "outline",
    "brief me on",
    "brief me about",
    "fill me in on",
    "catch me up on",
    "walk me through",
    "tell me about",
    "tell me everything about",
    "run me through",
)
# "What happened on her trip to Aden?", "what happened with the first awards?": an account of
# one event, asked as a summary when what follows the verb and a preposition names a trip, an
# event or a document (`HAPPENED_EVENT_NOUNS`); "What happened in Kyiv?" names none and stays
# a question.
HAPPENED_VERBS = ("happened", "went on", "took place", "went down", "came out of")
# Words that close a request politely: "summary please", "a quick recap pls".
POLITE_TAILS = ("please", "pls", "plz", "thanks", "thank you")
HAPPENED_EVENT_NOUNS = (
    *("trip", "trips", "travel", "visit", "visits", "journey", "tour", "stop", "stopover"),
    *("meeting", "meetings", "talks", "call", "calls", "summit", "dialogue", "conference"),
    *("ministerial", "forum", "session", "ceremony", "event", "consultations", "negotiations"),
    *("award", "awards", "grant", "grants", "hearing", "hearings", "signing", "launch"),
    "anniversary",
    # a document is an event of its own: "what happened with the investment climate statements?"
    *("statement", "statements", "report", "reports", "announcement", "announcements"),
    *("agreement", "memorandum"),
)
# Documents whose contents a request asks for: "what was in the second joint statement ...?"
# asks for the statement's summary ("what was in the aid package?" is a question).
CONTENT_DOCUMENT_NOUNS = (
    *("statement", "statements", "report", "reports", "communique", "communiqué", "readout"),
    *("letter", "declaration", "fact sheet", "memorandum", "press release", "proclamation"),
)
# Nouns that name a summary: "an overview of", "the gist of".
SUMMARY_NOUNS = (
    "summary",
    "summaries",
    "overview",
    "recap",
    "rundown",
    "gist",
    "synopsis",
    "digest",
    "brief",
    "briefing on",
    "run-down",
    "tl;dr",
    "tldr",
)
# Nouns for a list of journeys (plural or collective): "Blinken's trips", "a timeline of".
TIMELINE_NOUNS = (
    "trips",
    "travels",
    "visits",
    "journeys",
    "tours",
    "travel history",
    "timeline",
    "chronology",
    "itineraries",
    "destinations",
)
# Verbs of going somewhere: "where did he travel", "where has she been".
GOING_VERBS = ("travel", "travelled", "traveled", "go", "gone", "went", "been", "visit", "visited")
# Plural nouns for the places of trips: "which countries did Sherman visit in 2021" asks for
# the stops of trips, as "where did Sherman travel in 2021" does.
PLACE_NOUNS = (
    "countries",
    "cities",
    "places",
    "nations",
    "capitals",
    "stops",
    "destinations",
    "regions",
)
# Words that pin a "where did he go" question to one moment of one trip ("where did he go
# after Tokyo"): those ask for a single answer, not a timeline.
ONE_MOMENT_WORDS = ("after", "before", "next", "then", "first", "last", "following", "from")
# Nouns for the documents themselves: "what documents do you have".
COLLECTION_NOUNS = (
    "document",
    "documents",
    "docs",
    "doc",
    "source",
    "sources",
    "article",
    "articles",
    "file",
    "files",
    "text",
    "texts",
    "release",
    "releases",
    "papers",
    "material",
    "materials",
    "corpus",
    "library",
)
# Words of a document-list request that say nothing about content: "what do you have", "what's
# new", "the latest ones".
COLLECTION_FILLERS = (
    "what",
    "which",
    "whats",
    "what's",
    "do",
    "does",
    "you",
    "your",
    "have",
    "got",
    "know",
    "there",
    "are",
    "is",
    "any",
    "anything",
    "all",
    "the",
    "new",
    "newest",
    "latest",
    "recent",
    "available",
    "indexed",
    "in",
    "index",
    "list",
    "show",
    "me",
    "of",
    "ones",
    "can",
    "read",
    "s",
    "up",
    "about",
    "on",
    "file",
    "here",
)
# Follow-ups that ask for more of the same: "who else?", "anyone else?".
MORE_WORDS = ("else", "other", "others", "more names", "anyone else", "anybody else")
# Follow-ups asking for the rest of a passage: "tell me more", "go on", "more details".
CONTINUE_PHRASES = (
    "tell me more",
    "more",
    "more please",
    "go on",
    "continue",
    "more details",
    "more detail",
    "details",
    "elaborate",
    "and then",
    "what else",
    "keep going",
    "say more",
)
# Follow-ups asking for the trip's next stop: "and after that?", "where next?". After a passage
# that names no stop they ask for the rest of it, as "and then" does.
NEXT_STOP_PHRASES = (
    "after that",
    "and after that",
    "what after that",
    "what about after that",
    "where after that",
    "and where after that",
    "where next",
    "and where next",
    "where to next",
    "where then",
    "then where",
    "and then where",
    "what next",
    "what's next",
    "whats next",
    "and next",
    "next stop",
    "the next stop",
    "what's the next stop",
    "what is the next stop",
)
# Follow-ups asking when the thing just cited happened: "when was that?".
WHEN_THAT_PHRASES = (
    "when was that",
    "when was this",
    "when did that happen",
    "when did this happen",
    "when is that",
    "when is this",
    *(
        f"{when} {that}"
        for when in ("when's", "when’s", "whens")
        for that in ("that", "this", "it")
    ),
    *(f"when will {that} be" for that in ("that", "this", "it")),
    *(f"when {verb} {that} happen" for verb in ("does", "will") for that in ("that", "this", "it")),
    "when was it",
    "what date is that",
    "what day is that",
    "what date was that",
    "what date",
    "when",
    "which date",
    "what day was that",
)
# Follow-ups asking why the thing just cited happens: "why?", "what for?" ("why did he go"
# names its subject: query/followup.py, `refer_back`, reads it).
WHY_THAT_PHRASES = (
    "why",
    "and why",
    "but why",
    "why is that",
    "why's that",
    "why was that",
    "why so",
    "how come",
    "what for",
    "for what",
    "for what purpose",
    "to what end",
    "what is the purpose",
    "what was the purpose",
    "what's the purpose",
)
# How a follow-up opens when it swaps one detail: "what about Tokyo?", "and in 2021?".
SWAP_OPENERS = (
    "what about",
    "how about",
    "and what about",
    "and how about",
    "and",
    "also",
    "same for",
)
# Continents by their GeoNames code, and regions as lists of ISO country codes: "trips to
# Asia", "visits to the Middle East". General geography.
CONTINENTS = {
    "asia": "AS",
    "europe": "EU",
    "africa": "AF",
    "north america": "NA",
    "south america": "SA",
    "latin america": "SA",
    "oceania": "OC",
    "the pacific": "OC",
    "pacific": "OC",
    # ... and as adjectives: "which african countries did he visit"
    "asian": "AS",
    "european": "EU",
    "african": "AF",
    "north american": "NA",
    "south american": "SA",
    "latin american": "SA",
}
REGIONS = {
    "middle east": "IL PS JO LB SY IQ IR SA AE QA KW BH OM YE EG TR".split(),
    "gulf": "SA AE QA KW BH OM".split(),
    "indo-pacific": "JP KR CN IN AU NZ ID MY PH VN TH SG FJ PG".split(),
    "southeast asia": "ID MY PH VN TH SG KH LA MM BN TL".split(),
    "central america": "GT HN SV NI CR PA BZ".split(),
    "caribbean": "CU DO HT JM BS BB TT".split(),
    "central asia": "KZ KG TJ TM UZ".split(),
    "balkans": "AL BA HR XK ME MK RS SI".split(),
    "baltics": "EE LV LT".split(),
}

# -- small word sets of the request and follow-up patterns -----------------------------------
# Words that may open a "who else?" follow-up, and the question words before "else".
FOLLOWUP_LEADS = ("and", "so", "ok", "okay")
# Pronouns of a follow-up about the last question's person: "when is he going", "who is
# going with her".
PERSON_PRONOUNS = ("he", "she", "him", "her")
# Pronouns of a follow-up about those just cited: "what did they talk about?" after "who did
# the vice president meet in ghana".
THEY_PRONOUNS = ("they", "them", "their", "theirs")
# "that statement", "this meeting": what was just cited, unless a clause follows "that".
DEMONSTRATIVES = ("that", "this", "these", "those")
CLAUSE_OPENERS = (
    *("the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "their"),
    *("there", "is", "was", "will", "would"),
)
MORE_ASKERS = ("who", "what", "where", "which", "anyone", "anybody", "any", "name")
# Words that open a time phrase on their own ("in 2021", "last year"): no "in" is added.
TIME_LEAD_WORDS = ("in", "on", "during", "at", "by", "from", "last", "this", "next")
# Words between a giving verb and a summary noun: "give me a quick summary".
# Words before a noun in a follow-up or a question that only say which one: "what about the
# irish foreign minister?" swaps "rwanda's foreign minister".
# The pronoun that stands for the noun after a country's adjective in a follow-up ("the
# latvian one").
ONE_WORDS = ("one", "ones")
DETERMINERS = ("the", "a", "an", "this", "that", "its", "their", "his", "her")
REQUEST_DETERMINERS = ("a", "an", "the", "my", "some", "quick", "short", "brief", "full")
# Prepositions that introduce a summary's topic: "a summary of", "an overview on".
TOPIC_PREPOSITIONS = ("of", "on", "about", "for", "regarding", "from")
# Forms of motion verbs a "why is he going/travelling/visiting" question uses.
MOTION_FORMS = ("travelling", "traveling", "visiting", "heading", "meeting", "coming")
