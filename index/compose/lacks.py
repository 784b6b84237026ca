"""Whether an answer gives what its question asks for, beyond being about the same thing.

The documents may talk about what a question asks and still not answer it: "How much aid has
Kazakhstan given?" and a readout thanking Kazakhstan for its generous assistance; "How many
couples registered?" and "two important turning points"; "How long did the call last?" and a
call with no span given; "Which ministers did she meet?" and "senior government officials".
`lacks_asked` reads the answer's sentences for the amount, count, span or names asked for
(compose/answer.py refuses when they lack it).
"""

from __future__ import annotations

import re

from index.compose.analysed import analysed
from index.compose.continuation import named_in
from index.compose.sentences import Sentence, answer_type_fit
from index.query.plan import QueryPlan
from index.storage.snapshot import Snapshot
from index.text.entities import NUMBER, PERSON, Entity, EntityKind
from index.text.lexicon import AUXILIARY_VERBS, NOT_NAME_WORDS, NUMBER_WORDS, QUERY_STOPWORDS
from index.text.lexicon.questions import (
    COUNT_WINDOW,
    COUNTED_PHRASE_ENDS,
    COUNTED_PHRASE_WORDS,
    CURRENCY_CODES,
    CURRENCY_WORDS,
    DURATION_QUESTION_VERBS,
    DURATION_UNITS,
    EVENT_DURATION_UNITS,
    EVENT_LENGTH_WORDS,
    HOW_TIME_PAST_WORDS,
    MONEY_QUESTION_WORDS,
    NAME_REQUESTS,
    NAMED_PERSON_NOUNS,
    NUMBER_SCALE_WORDS,
    ORDINAL_WORDS,
    PEOPLE_COUNT_NOUNS,
    PEOPLE_GROUP_NOUNS,
    SHARE_ANSWER_WORDS,
    SHARE_QUESTION_WORDS,
)
from index.text.paraphrase import spelt_out
from index.text.patterns import WHITESPACE, alternation
from index.text.tokens import stem


def lacks_asked(snap: Snapshot, plan: QueryPlan, chosen: list[Sentence]) -> bool:
    """A "how many" or "how much" question that the answer's sentences give no number for
    ("How much aid has Kazakhstan given?" and "Kazakhstan's generous humanitarian
    assistance"; a date is no count), or no sum of money for a question about money; a "how
    long did it last" question they give no span for; or a question asking for names ("Which
    ministers did she meet, by name?", "Which Israeli ministers ...?") that they name no one
    for ("she will meet with senior government officials"): the documents talk about it but
    do not answer it. So does an answer telling only of another one of a series than the one
    asked ("the third Civil Space Dialogue" for "Where will the fourth one be held?")."""
    if not chosen:
        return False
    # Only a sentence of the best one's document, or one naming the asked places as well as it
    # does, gives the amount asked for ("How much aid has Kazakhstan given to Ukraine?" is not
    # answered by what the United States gave Ukraine).
    best = chosen[0]
    answering = [s for s in chosen if s.group == best.group or s.names >= best.names]
    # "Where will the fourth dialogue be held?", and they tell only of the third
    if other_ordinal(plan.text, [s.text for s in answering]):
        return True
    if _ASKS_DURATION.search(plan.text):  # "how long did the call last": a span answers
        span = _EVENT_DURATION if _ASKS_EVENT_LENGTH.search(plan.text) else _DURATION
        return not any(span.search(s.text) for s in answering)
    group = _ASKS_GROUP.match(plan.text)  # "Which Israeli ministers ...?"
    names = _ASKS_NAMES.search(plan.text) or _ASKS_NAME_OF.search(plan.text)
    if plan.qtype != NUMBER and not group and not names:
        return False
    if plan.qtype != NUMBER:  # someone the question does not name already
        if group and any(_OFFICE_OF_PLACE.search(s.text) for s in answering):
            return False  # "the foreign ministers of the UAE, Morocco, Bahrain, and Egypt"
        return not _names_new(snap, plan, answering, PERSON)
    if _ASKS_MONEY.search(plan.text):  # "How much money ...?": "64 municipalities" is no answer
        return not any(_MONEY.search(s.text) for s in answering)
    if _ASKS_SHARE.search(plan.text):  # "What percentage of the vote ...?": "100 votes" is not
        return not any(_SHARE.search(s.text) for s in answering)
    if _ASKS_COUNT.search(plan.text):  # "How many couples ...?": a count, not a date, of them
        return not _counts(snap, plan, answering)
    return not any(answer_type_fit(snap, plan, s) > 0 for s in answering)


def _names_new(
    snap: Snapshot, plan: QueryPlan, sentences: list[Sentence], kind: EntityKind
) -> bool:
    """Whether `sentences` hold an entity of `kind` the question does not name already."""
    tables = analysed(snap)
    return any(
        e.kind == kind and not named_in(e, plan.given) and not _no_count(s.text, e)
        for s in sentences
        for e in tables.entities(s.text, snap.published(s.doc_id))
    )


def _counts(snap: Snapshot, plan: QueryPlan, sentences: list[Sentence]) -> bool:
    """Whether `sentences` count what a "how many" question counts: a number the question does
    not name with, within COUNT_WINDOW words, a word of the question or of its counted noun
    phrase, or a noun counting people ("How many same-sex couples ...?" is not answered by
    "two important turning points"; "how many ukrainians have fled" is by "240,000 people
    from Ukraine"); or an ordinal before such a word ("for the twelfth year in a row")."""
    counted = _COUNTED.search(spelt_out(plan.text))
    if counted is None:
        return _names_new(snap, plan, sentences, NUMBER)
    stems = {stem(w) for w in re.findall(r"[a-z]+", counted.group(1).lower())} - {""}
    stems |= {stem(w) for w in PEOPLE_COUNT_NOUNS} | set(plan.weights)
    tables = analysed(snap)
    for s in sentences:
        for m in _ORDINAL.finditer(s.text):  # "for the twelfth year in a row"
            if any(stem(w) in stems for w in re.findall(r"[a-z]+", s.text[m.end() :].lower())[:2]):
                return True
        for e in tables.entities(s.text, snap.published(s.doc_id)):
            if e.kind != NUMBER or named_in(e, plan.given) or _no_count(s.text, e):
                continue
            before = re.findall(r"[a-z]+", s.text[: e.start].lower())[-COUNT_WINDOW:]
            after = re.findall(r"[a-z]+", s.text[e.end :].lower())[: COUNT_WINDOW + 1]
            after += _noun_phrase(s.text[e.end :])
            if any(stem(w) in stems for w in before + after):
                return True
    return False


def _noun_phrase(text: str) -> list[str]:
    """The words of the noun phrase opening `text`, up to its first function word (but "and"
    and "or") or mark other than a comma: what a number before it counts, however many words
    qualify it ("350 American high school, vocational, and young professional program
    participants"); at most COUNTED_PHRASE_WORDS."""
    words = []
    for token in _PHRASE_TOKEN.findall(text.lower())[:COUNTED_PHRASE_WORDS]:
        if not token[0].isalpha() or (token in QUERY_STOPWORDS and token not in ("and", "or")):
            break
        words.append(token)
    return words


_PHRASE_TOKEN = re.compile(r"[a-z][\w'’-]*|[^\w\s,]")
_ORDINAL = re.compile(rf"\b(?:{alternation(ORDINAL_WORDS)}|\d+(?:st|nd|rd|th))\b", re.I)
_ORDINAL_OF = re.compile(rf"({_ORDINAL.pattern})\s+([\w.'’-]*\w)", re.I)  # "fourth U.S.-Vietnam"


def other_ordinal(question: str, sentences: list[str]) -> bool:
    """Whether `question` asks about one of a series by its ordinal ("When is the second
    meeting of the Working Group?") and the `sentences` tell of others of it ("The first meeting
    of the Working Group took place ...": the same word after another ordinal), not that one.
    A sentence telling of one tells of every ordinal it has ("the second, third, and fourth
    timelines"); a capitalised ordinal is part of a name ("the Eleventh Doctor")."""
    for rank, word in _ordinals(question):
        told: set[int] = set()
        for text in sentences:
            if any(w == word for _, w in _ordinals(text, in_names=False)):
                told |= _ranks(text)
        if told and rank not in told:
            return True
    return False


def _ordinals(text: str, in_names: bool = True) -> list[tuple[int, str]]:
    """The ordinals of `text` as numbers, each with the stem of the word after it: "the
    fourth U.S.-Vietnam Civil Space Dialogue" -> (4, "u.s.-vietnam"); without `in_names`, not
    a capitalised one ("the Second World War")."""
    return [
        (_rank(m.group(1)), stem(m.group(2).lower()))
        for m in _ORDINAL_OF.finditer(text)
        if in_names or not m.group(1)[0].isupper()
    ]


def _ranks(text: str) -> set[int]:
    """Every ordinal of `text` not capitalised, as a number."""
    return {_rank(m.group(0)) for m in _ORDINAL.finditer(text) if not m.group(0)[0].isupper()}


def _rank(ordinal: str) -> int:
    """ "fourth" or "4th" -> 4."""
    word = ordinal.lower()
    return ORDINAL_WORDS.index(word) + 1 if word in ORDINAL_WORDS else int(word[:-2])


# "how many [same-sex married couples] were there": the counted words, up to a verb, a function
# word or the end
_COUNTED = re.compile(
    rf"\bhow\s+many\s+((?:(?!(?:{alternation((*sorted(AUXILIARY_VERBS), *COUNTED_PHRASE_ENDS))})\b)"
    rf"[\w'’-]+\s*){{1,3}})",
    re.I,
)


def _no_count(text: str, ent: Entity) -> bool:
    """Whether a number counts nothing: it only labels what a capitalised word names
    ("Section 212(a)(3)(C)", "Resolution 2571", "Unit 74455") or a part of it ("(3)"), or it is
    the word "one" ("is one important tool"), as often "a" as a count. A word opening the
    sentence ("Over 1,700 tons") or a clause ("About 40") labels nothing."""
    if ent.kind != NUMBER:
        return False
    if ent.text.lower() == "one":
        return True
    if text[ent.start - 1 : ent.start] == "(" and text[ent.end : ent.end + 1] == ")":
        return True  # "(3)" of "212(a)(3)(C)"
    m = _LABEL_WORD.search(text, 0, ent.start)
    return m is not None and m.group(1) not in NOT_NAME_WORDS and bool(text[: m.start(1)].strip())


_LABEL_WORD = re.compile(r"\b([A-Z][a-z]+)\.?[ \t]+$")


# "Which Caribbean leaders ...", "what foreign counterparts ...": people asked for by a plural
# noun within three words of "which"/"what" (no verb between: not "what did the officials say").
_ASKS_GROUP = re.compile(
    rf"^\W*(?:which|what)\s+(?:(?!(?:{alternation(AUXILIARY_VERBS)})\b)[\w'’-]+\s+){{0,3}}?"
    rf"(?:{alternation(PEOPLE_GROUP_NOUNS)})\b",
    re.I,
)
_OFFICE_OF_PLACE = re.compile(rf"\b(?i:{alternation(PEOPLE_GROUP_NOUNS)})\s+of\s+(?:the\s+)?[A-Z]")
_ASKS_DURATION = re.compile(
    rf"\bhow\s+long\b(?!\s+(?:{alternation(HOW_TIME_PAST_WORDS)})\b)"
    rf".*\b(?:{alternation(DURATION_QUESTION_VERBS)})\b",
    re.I,
)


def _span_of(units: tuple[str, ...]) -> re.Pattern[str]:
    """A span of time in `units`: "for two hours", "a three-day visit", "February 7-13", "from
    March 9 to 11"."""
    return re.compile(
        rf"\b(?:\d+|{alternation(NUMBER_WORDS)}|an?|several|few)[\s-]+"
        rf"(?:{alternation(units)})s?\b"
        rf"|\b\d{{1,2}}\s*[-–]\s*\d{{1,2}}\b|\bfrom\b[^.]{{0,40}}?\b(?:to|until|through)\b",
        re.I,
    )


_DURATION, _EVENT_DURATION = _span_of(DURATION_UNITS), _span_of(EVENT_DURATION_UNITS)
_ASKS_EVENT_LENGTH = re.compile(rf"\b(?:{alternation(EVENT_LENGTH_WORDS)})\b", re.I)
# "How many people ...?", a count; "how many years ...", which dates may answer, is not one.
_ASKS_COUNT = re.compile(
    rf"\bhow\s+many\s+(?!(?:{alternation(DURATION_UNITS)})s?\b|decades\b|centuries\b)", re.I
)
_ASKS_NAMES = re.compile(rf"\b{alternation(NAME_REQUESTS, space=WHITESPACE)}\b", re.I)
# "What is the (full) name of the outside Special Compliance Officer ...?": a person's name.
_ASKS_NAME_OF = re.compile(
    rf"\bname\s+of\s+(?:the|their|his|her|its|that)\s+(?:[\w'’.-]+\s+){{0,4}}?"
    rf"(?:{alternation(NAMED_PERSON_NOUNS)})\b",
    re.I,
)
_ASKS_MONEY = re.compile(rf"\bhow\s+much\b.*\b{alternation(MONEY_QUESTION_WORDS)}\b", re.I)
_ASKS_SHARE = re.compile(rf"\b(?:what|which)\s+(?:{alternation(SHARE_QUESTION_WORDS)})\b", re.I)
_SHARE = re.compile(rf"\d\s?%|\b{alternation(SHARE_ANSWER_WORDS, space=WHITESPACE)}(?!\w)", re.I)
# An amount of money: "$4 billion", "€20 million", "5 million dollars", "USD 300".
_MONEY = re.compile(
    rf"[$€£¥]\s?\d|\d[\d,.]*\s*(?:{alternation(NUMBER_SCALE_WORDS)}\s+)?"
    rf"{alternation(CURRENCY_WORDS + CURRENCY_CODES)}\b|\b{alternation(CURRENCY_CODES)}\s?\d",
    re.I,
)
