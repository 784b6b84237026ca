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
# Follow-ups asking when the thing just cited happened: "when was that?".
WHEN_THAT_PHRASES = (
    "when was that",
    "when was this",
    "when did that happen",
    "when did this happen",
    "when is that",
    "when is this",
    "what date was that",
    "what date",
    "when",
    "which date",
    "what day was that",
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
