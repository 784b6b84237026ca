"""Words of complete answers (index/compose/continuation.py): how a sentence opens when it
carries on the one before."""

from __future__ import annotations

# How a sentence opens when it carries on the one before: a pronoun or demonstrative subject,
# "there", "together", an additive or sequence adverb, "during the visit".
CONTINUATION_OPENERS = (
    "he",
    "she",
    "they",
    "it",
    "his",
    "her",
    "their",
    "its",
    "this",
    "these",
    "that",
    "those",
    "there",
    "here",
    "together",
    "also",
    "additionally",
    "in addition",
    "moreover",
    "furthermore",
    "afterwards",
    "afterward",
    "later",
    "subsequently",
    "while there",
    "once there",
    "during the visit",
    "during his visit",
    "during her visit",
    "during their visit",
    "during the trip",
    "during his trip",
    "during her trip",
    "during the stop",
    "during the meeting",
    "during the meetings",
    "during these meetings",
    "at the meeting",
    "in these meetings",
    "in those meetings",
    "both",
    "the two",
    "the delegation",
    "the secretary",
    "the minister",
    "the president",
)
# A first-person subject carries on a sentence in the first person: a speaker going on ("We've
# made progress toward our goal. We set out to raise $670 million.").
FIRST_PERSON_OPENERS = ("we", "our")
FIRST_PERSON_WORDS = ("i", "we", "our", "my", "me")  # not "us": "US" is a country
# "During this trip to engage with ...", "During her stay in Windhoek", "In those talks": an
# occasion the sentence before set up, named again after one of these determiners.
OCCASION_DETERMINERS = ("the", "this", "that", "these", "those", "his", "her", "their", "its")
OCCASION_NOUNS = (
    *("visit", "visits", "trip", "trips", "travel", "travels", "journey", "tour", "stop"),
    *("stops", "stay", "meeting", "meetings", "talks", "call", "discussion", "discussions"),
)
