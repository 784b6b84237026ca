"""Travel, meeting and summary words: how announcements describe a trip (index/compose/).

An entry ending in "*" is a stem that matches any ending ("travel*": "travels", "travelled");
the others are whole words. See `index.text.patterns.alternation`.
"""

from __future__ import annotations

# -- travel --------------------------------------------------------------------------------------
# Words that make a sentence about travel, and whose object is a stop ("will travel to",
# "visits to", "arriving in").
# "depart" is spelt out: as a stem it would match "Department" ("Ned Price, Department
# Spokesperson" is not a trip of Price's).
TRAVEL_WORDS = tuple(
    """travel* visit* trip journey* voyage tour* stop* arriv* depart departs departed departing
    departure fly flies conclud* begin* embark* proceed*""".split()
)
# Travel wording that needs its last word: "heading to" is travel, "head of state" is not.
TRAVEL_PHRASES = ("head* to", "will be in", "while in", "delegation* to")
# Words that say a text is about a trip: a summary request ("Blinken's trip to Panama"), a
# document title, or the word after the traveller in a title ("Secretary Blinken's Travel to").
TRIP_WORDS = ("trip", "travel", "travels", "visit", "visits", "journey", "tour", "itinerary")
# Words that make a trip an earlier one: "her previous visit to Kyiv".
EARLIER_TRIP_WORDS = ("previous", "prior", "past", "earlier", "last")

# -- the sentence that introduces a stop ---------------------------------------------------------
# Words that chain one stop to the next at the head of a sentence ("Then, in Seoul, ...").
SEQUENCE_WORDS = ("Then", "Next", "Finally", "Lastly", "Also", "Subsequently")
# "While in Tokyo", "Once in Seoul", "When in Delhi".
WHILE_WORDS = ("While", "Once", "When")
# Words that put a stop at the head of a sentence and so make it a travel sentence by
# themselves ("In Honolulu on February 12, ...").
STOP_HEAD_WORDS = ("In", "At", "Arriving in")
# ... and "From", which names a stop already announced ("From Tokyo, he ...") but does not
# make a sentence about travel by itself.
STOP_CONTINUE_WORDS = STOP_HEAD_WORDS + ("From",)

# -- whom the traveller meets --------------------------------------------------------------------
# Words of a sentence that says whom the traveller meets.
MEETING_WORDS = tuple(
    """meet* met confer* talk talks engage* host* discuss* dialogue bilateral consultation
    consultations call greet* welcom* see sees""".split()
)
# Words that put a sentence (or a question) in the future: an announcement's "he will meet",
# not a readout's "he met".
FUTURE_WORDS = (
    "will",
    "shall",
    "'ll",
    "’ll",
    "going to",
    "gonna",
    "plans to",
    "plan to",
    "scheduled to",
    "is set to",
    "are set to",
    "expected to",
    "is to",
)
# Verbs whose subject travels with someone ("Molly Phee and Dana Banks will join the
# Deputy Secretary's delegation").
COMPANION_VERBS = ("join", "joins", "accompany", "accompanies")
# Words before a person who travels with the traveller, not someone met ("alongside Secretary
# of Defense Austin").
COMPANION_WORDS = (
    "alongside",
    "accompan*",
    "accompanied by",
    "joined by",
    "together with",
    "will join",
    "join",
    "joins",
    "joined",
)

# -- summaries -----------------------------------------------------------------------------------
# Words of a sentence that states the purpose of a trip: such sentences make good key points.
PURPOSE_WORDS = tuple(
    """discuss* emphasis* emphasiz* reaffirm* highlight* underscor* aim* focus* priorit*
    commit* support* advance* strengthen* cooperat* promot*""".split()
)
# How a release speaks of itself before its text ("The text of the following statement was
# released by the Governments of ..."): not a point of its content. General press-release
# wording.
SELF_REFERENCE_PHRASES = (
    "the text of the following",
    "the following is the text",
    "the following statement",
    "the following joint statement",
    "the following readout",
)
# Fitted to this corpus: the State Department's name for a press conference, in the titles of
# its transcripts ("Secretary Antony J. Blinken at a Press Availability").
RELEASE_TRANSCRIPT_WORDS = ("press availability",)
# Words of a transcript's title: a briefing about a trip is not its announcement.
TRANSCRIPT_WORDS = (
    "briefing",
    "remarks",
    "interview",
    "transcript",
    "roundtable",
    "conference call",
) + RELEASE_TRANSCRIPT_WORDS
# Words of a summary request asking for what was said: a transcript's title words, and what
# people call a speech or a press conference ("summarize Blinken's keynote", "the presser").
SPOKEN_REQUEST_WORDS = TRANSCRIPT_WORDS + (
    "keynote",
    "speech",
    "presser",
    "press conference",
    "news conference",
    # what was said: "an overview of what Blinken and Osmani said to the press"
    *("said", "say", "says", "told", "comments", "remarked"),
)
# Words of a summary request that say what is wanted, not which document: "summarize the trip".
# Only three of TRIP_WORDS on purpose: "tour", "journey" and "itinerary" stay topic words that
# a document must contain (dropping them too changed results on the dev questions).
SUMMARY_REQUEST_WORDS = tuple(
    "summary summarize summarise article document trip travel visit".split()
)

# -- the other documents of a trip ---------------------------------------------------------------
# Title words of a readout, a release saying whom the traveller met or spoke with: a noun after
# the traveller's possessive ("Secretary Blinken's Meeting with ...") or a verb ("... Meets
# with ..."). "Secretary Blinken At a Meeting with ..." is a transcript, not a readout.
READOUT_TITLE_NOUNS = ("meeting", "meetings", "call", "calls", "conversation", "talks", "visit")
READOUT_TITLE_VERBS = ("meets", "met", "speaks", "spoke", "talks")
# Of those, the ones that say it was not in person (a call is not met at a stop).
CALL_TITLE_WORDS = ("call", "calls", "phone", "video", "virtual")
# Title words of a joint or closing statement of a visit.
STATEMENT_TITLE_WORDS = ("joint statement", "statement", "communique", "declaration", "fact sheet")

# -- the order of stops (index/query/sequence.py) -------------------------------------------
# Words between "after"/"before" and the stop a question names ("after her stop in Seoul").
ORDER_QUESTION_FILLERS = tuple(
    "visiting leaving his her their the a stop* stay* visit* trip in at".split()
)
# "once she's done in Kazakhstan", "when he wraps up in Seoul": after the stop named next.
FINISHED_WORDS = ("done", "finished", "through", "wraps up", "wrapped up", "wrapping up")
# Words that end the stop's name in such a question ("after Seoul on Tuesday").
ORDER_ANCHOR_ENDS = ("on", "in", "at", "and", "or", "to", "from", "for", "with", "during")
# Words that depart from the place named right after them ("From Seoul, ...", "Leaving Seoul").
DEPARTURE_WORDS = ("from", "after", "leaving", "following", "departing")
# Words between a departure word and its place ("Following her meetings in Seoul").
DEPARTURE_FILLERS = tuple(
    """his her their the a stop stops stay visit meeting meetings time engagement engagements
    in""".split()
)
# Verbs that go on to the next stop after "then" ("He will then travel to Berlin").
ONWARD_VERBS = ("travel*", "head*", "go*", "continu*", "fly", "flies", "proceed*", "visit*", "mov*")
# A question that asks who travels with someone ("Who will accompany ...", "Who will join
# ...'s delegation"), or with one of the verbs below and "with" ("Who is travelling with ...",
# "Who went into Yemen with ...").
COMPANION_QUESTION_WORDS = ("accompan*", "join*", "delegation")
COMPANION_MOTION_VERBS = ("travel*", "go*", "went", "come*", "came", "fl*", "head*")
# What may stand between such a verb and "with": where they went ("to Kyiv", "into Yemen").
COMPANION_DESTINATION_WORDS = ("to", "into", "out to")
# Verbs of an announcement: a sentence announcing something with a figure ("today the United
# States is announcing nearly $585 million in new humanitarian aid") is news a summary keeps.
ANNOUNCEMENT_WORDS = (
    *("announce", "announces", "announced", "announcing", "pledge", "pledges", "pledged"),
    *("pledging", "unveil", "unveiled", "unveiling", "launch", "launched", "launching"),
    # an amount given, spent or promised is news as much as one announced ("the Department
    # invested approximately $110 million", "has provided more than 6.3 billion dollars")
    *("provide", "provides", "provided", "providing", "invest", "invests", "invested"),
    *("investing", "commit", "commits", "committed", "committing", "contribute"),
    *("contributes", "contributed", "contributing", "donate", "donates", "donated", "donating"),
)
