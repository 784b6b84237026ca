"""Every word list docbot reads text with, each written once, as plain data.

Modules build their sets and regular expressions from these lists (regexes through
`index.text.patterns.alternation`); the words themselves live only here, by theme:

    calendar   month, weekday and season words
    grammar    stop words, abbreviations, sentence openers, number words
    people     titles, offices, organisations, name particles
    places     country aliases, words that look like towns, words around places
    travel     travel, meeting, purpose and summary words
    questions  question words and the nouns that say what a question asks for

Most lists are general English or general news-writing knowledge. The few entries fitted to
this corpus carry a comment saying so, and each has a sentence in tests/text/test_lexicon.py.
"""

from __future__ import annotations

from index.text.lexicon.calendar import (
    DAY_PREPOSITIONS,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTH_PARTS,
    MONTH_PREPOSITIONS,
    MONTHS,
    RELATIVE_TIME_WORDS,
    SEASONS,
    TIME_PREPOSITIONS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    YEAR_PARTS,
)
from index.text.lexicon.grammar import (
    ABBREVIATIONS,
    ABBREVIATIONS_BEFORE_NUMBER,
    ATTRIBUTION_VERBS,
    NEGATED_AUXILIARIES,
    NUMBER_UNITS,
    NUMBER_WORD_TAILS,
    NUMBER_WORDS,
    QUERY_STOPWORDS,
    REASON_REFERENCES,
    SENTENCE_STARTERS,
    STOPWORDS,
)
from index.text.lexicon.people import (
    COMMON_NAME_PARTICLES,
    HONORIFICS,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    OFFICE_TITLES,
    ORG_WORDS,
    PORTFOLIO_WORDS,
    RANK_TITLES,
    REGION_TAILS,
    RELEASE_OFFICE_WORDS,
    RELEASE_ORG_WORDS,
    REPORTER_LABELS,
    THING_NOUN_ENDINGS,
    TITLE_MODIFIERS,
    TITLES_BEFORE_NAME,
    TITLES_OF_PEOPLE_MET,
)
from index.text.lexicon.places import (
    COUNTRY_ALIASES,
    LOCATIVE_WORDS,
    LOWER_CASE_NOT_PLACES,
    NOT_PLACES,
    PLACE_LEADING_WORDS,
    PLACE_NAME_JOINERS,
    RELEASE_COUNTRY_ALIASES,
    RELEASE_PEOPLE_TOWNS,
)
from index.text.lexicon.questions import (
    ANSWER_HEAD_NOUNS,
    AUXILIARY_VERBS,
    COUNTRY_HEAD_NOUNS,
    DETERMINERS,
    HEAD_NOUN_COMPOUNDS,
    HOW_NUMBER_WORDS,
    QUESTION_FILLERS,
    SUBJECT_AUXILIARIES,
    WH_WORDS,
)
from index.text.lexicon.travel import (
    COMPANION_WORDS,
    EARLIER_TRIP_WORDS,
    FUTURE_WORDS,
    MEETING_WORDS,
    PURPOSE_WORDS,
    RELEASE_TRANSCRIPT_WORDS,
    SELF_REFERENCE_PHRASES,
    SEQUENCE_WORDS,
    SPOKEN_REQUEST_WORDS,
    STOP_CONTINUE_WORDS,
    STOP_HEAD_WORDS,
    SUMMARY_REQUEST_WORDS,
    TRANSCRIPT_WORDS,
    TRAVEL_PHRASES,
    TRAVEL_WORDS,
    TRIP_WORDS,
    WHILE_WORDS,
)

# Every entry fitted to this corpus; tests/text/test_lexicon.py holds a sentence for each.
CORPUS_FITTED = frozenset(
    RELEASE_OFFICE_WORDS
    + RELEASE_ORG_WORDS
    + RELEASE_PEOPLE_TOWNS
    + tuple(RELEASE_COUNTRY_ALIASES)
    + RELEASE_TRANSCRIPT_WORDS
)

__all__ = [
    "ATTRIBUTION_VERBS",
    "REASON_REFERENCES",
    "ABBREVIATIONS",
    "ABBREVIATIONS_BEFORE_NUMBER",
    "ANSWER_HEAD_NOUNS",
    "DETERMINERS",
    "HEAD_NOUN_COMPOUNDS",
    "AUXILIARY_VERBS",
    "COMMON_NAME_PARTICLES",
    "CORPUS_FITTED",
    "COUNTRY_HEAD_NOUNS",
    "COMPANION_WORDS",
    "COUNTRY_ALIASES",
    "HONORIFICS",
    "HOW_NUMBER_WORDS",
    "LOCATIVE_WORDS",
    "LOWER_CASE_NOT_PLACES",
    "FUTURE_WORDS",
    "MEETING_WORDS",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "MONTH_NAMES",
    "MONTH_PREPOSITIONS",
    "NAME_PARTICLES",
    "NOT_NAME_WORDS",
    "NOT_PLACES",
    "NUMBER_UNITS",
    "NUMBER_WORDS",
    "NUMBER_WORD_TAILS",
    "OFFICE_TITLES",
    "ORG_WORDS",
    "PLACE_LEADING_WORDS",
    "PLACE_NAME_JOINERS",
    "PORTFOLIO_WORDS",
    "PURPOSE_WORDS",
    "NEGATED_AUXILIARIES",
    "QUERY_STOPWORDS",
    "QUESTION_FILLERS",
    "SUBJECT_AUXILIARIES",
    "RANK_TITLES",
    "REGION_TAILS",
    "RELATIVE_TIME_WORDS",
    "RELEASE_COUNTRY_ALIASES",
    "RELEASE_OFFICE_WORDS",
    "RELEASE_ORG_WORDS",
    "REPORTER_LABELS",
    "RELEASE_PEOPLE_TOWNS",
    "RELEASE_TRANSCRIPT_WORDS",
    "SEASONS",
    "SENTENCE_STARTERS",
    "SELF_REFERENCE_PHRASES",
    "SEQUENCE_WORDS",
    "SPOKEN_REQUEST_WORDS",
    "STOPWORDS",
    "STOP_CONTINUE_WORDS",
    "STOP_HEAD_WORDS",
    "SUMMARY_REQUEST_WORDS",
    "THING_NOUN_ENDINGS",
    "DAY_PREPOSITIONS",
    "TIME_PREPOSITIONS",
    "TITLES_BEFORE_NAME",
    "TITLES_OF_PEOPLE_MET",
    "TITLE_MODIFIERS",
    "TRANSCRIPT_WORDS",
    "TRAVEL_PHRASES",
    "TRAVEL_WORDS",
    "TRIP_WORDS",
    "EARLIER_TRIP_WORDS",
    "WEEKDAYS",
    "WEEKDAY_NAMES",
    "WH_WORDS",
    "WHILE_WORDS",
    "YEAR_PARTS",
    "MONTH_PARTS",
]
