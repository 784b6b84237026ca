"""A question, parsed once into the plan every later step reads.

The plan holds the analysed and spell-repaired BM25 terms, the time the question names, what
kind of thing it asks for, the names and places it mentions, each term's weight and the
question's embedding. Retrieval, answers, refusals and summaries read it; none parses the
question again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from index.embed.base import Embedder
from index.query.demonyms import country_forms
from index.query.paraphrases import paraphrases
from index.query.question import (
    agenda_verb,
    analyse_question,
    asked_action,
    asked_agent,
    asked_noun,
    asks_purpose,
    companion_verb,
    motion_frame,
    purpose_verb,
    question_frame,
)
from index.query.question_words import repair_against
from index.query.quoted import QuotedSpeaker, quoted_speaker
from index.query.sequence import StopOrder, asked_order
from index.query.spelling import (
    correct_in_context,
    one_edit_with_stem,
    shorter_form,
    spelling_context,
    typo_of_a_term,
)
from index.query.when import ambiguous_month
from index.storage.snapshot import Snapshot
from index.text.asked_time import TimeQuery, parse_query_time, strip_time
from index.text.dates import DateRange
from index.text.entities import EntityKind
from index.text.initials import expand_name_initials
from index.text.lexicon.places import CITY_ABBREVIATIONS
from index.text.paraphrase import amounts_spelt_out, titles_spelt_out
from index.text.places import PlaceMention, gazetteer
from index.text.tokens import analyze, edit_distance, query_words, stem, words

NAME_BOOST = 2.0  # weight of name terms in the question (see `term_weights`)


@dataclass(frozen=True)
class QueryPlan:
    """A question prepared for retrieval and answering."""

    text: str
    terms: tuple[str, ...]  # analysed BM25 terms, misspellings repaired
    corrections: dict[str, str]  # surface word -> the indexed term it was taken for
    unknown: tuple[str, ...]  # analysed terms the corpus does not contain at all
    time: TimeQuery | None
    qvec: np.ndarray = field(repr=False)
    # A time it names that is no filter: a month of several years in the corpus ("on may 6",
    # releases of two Mays), read as words (query/when.py: `ambiguous_month`, `in_each_year`)
    undated: TimeQuery | None = None
    qtype: EntityKind = EntityKind.OTHER  # what kind of thing answers it
    head: str | None = None  # stem of the noun naming what is asked ("cities"), or of the
    # verb framing the question: whose purpose is asked ("going"), "went with", "talk about":
    # not the topic
    names: frozenset[str] = frozenset()  # terms of names: capitalised words, places, repairs
    places: frozenset[str] = frozenset()  # terms of the places it names
    countries: frozenset[str] = frozenset()  # country codes of the places it names
    weights: dict[str, float] = field(default_factory=dict)  # idf of each term, names boosted
    given: frozenset[str] = frozenset()  # stems of its words: entities made of them aren't answers
    # (and its numbers, however short: the 3 of "July 3")
    docs: frozenset[str] | None = None  # only these documents (a follow-up on cited ones)
    # Paraphrases of a term the corpus has (index/text/paraphrase.py): groups of terms, any
    # one group standing for it ("meet" -> ("met",); "pentagon" -> ("depart", "defens")).
    alternates: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    formal: tuple[str, ...] = ()  # terms of the formal names of its nicknames, and other
    # spellings of its terms ("josé" for "jose")
    # A country's adjective for its name or the other way ("latvian" -> "latvia"), or another
    # spelling ("jose" -> "josé"): a sentence holding either holds the term
    # (index/query/demonyms.py, `Snapshot.variants`).
    forms: dict[str, str] = field(default_factory=dict)
    order: StopOrder | None = None  # "where ... after Seoul": the stop and which way
    regions: frozenset[str] = frozenset()  # terms naming a region whose countries stand for it
    place_names: frozenset[str] = frozenset()  # terms naming a place a sentence may spell
    # otherwise: a region (its countries), a country's acronym (its name)
    speaker: frozenset[str] = frozenset()  # "what did Maas say": terms of whose words are asked
    said: frozenset[str] = frozenset()  # ... and of the verb asking for them ("say")
    # "What did Blinken and Faki sign?": the stem of the verb whose object is asked for; a
    # sentence answering it says that verb (index/query/question.py, `asked_action`)
    action: str | None = None
    # "What tool is the US using?": the stem of the noun the question asks for one of; a
    # sentence answering it names that kind ("the Khashoggi Ban, a tool ...": `asked_noun`)
    noun: str | None = None
    # "Who designed the embassy?": the verb whose subject is asked, answered in the passive
    # ("designed by ...": `asked_agent`)
    agent: str | None = None
    # "Why can't Afghans watch VOA?": it types a short form in capitals, which a sentence may
    # spell out ("the Voice of America": index/text/abbreviations.py, `name_initials`)
    initials: bool = False

    @property
    def in_own_words(self) -> frozenset[str]:
        """The terms a sentence of the asked speaker's own turn holds as it is their words
        ("maas", "say"): compose/speech.py."""
        return self.speaker | self.said

    @property
    def lexical_terms(self) -> tuple[str, ...]:
        """The BM25 query: the terms, the formal names of its nicknames, other spellings."""
        return tuple(dict.fromkeys((*self.terms, *self.formal)))

    def found_in(self, term: str, present: set[str] | frozenset[str]) -> bool:
        """Whether `term`, or a paraphrase of it, is among `present` terms."""
        return term in present or any(
            all(t in present for t in g) for g in self.alternates.get(term, ())
        )

    def with_forms(self, terms: set[str] | frozenset[str]) -> frozenset[str]:
        """`terms`, and each question term whose other form they hold: "latvian" in a text
        saying "Latvia", "jose" in one saying "José" (`forms`)."""
        return frozenset(terms) | {t for t, form in self.forms.items() if form in terms}

    def without_time(self) -> QueryPlan:
        """The same question with no time filter (to suggest documents from other times)."""
        return replace(self, time=None, corrections={})


def plan_query(
    snap: Snapshot, embedder: Embedder, query: str, qvec: np.ndarray | None = None
) -> QueryPlan:
    """Analyse, spell-repair, date-parse and embed a question.

    Args:
        snap: the snapshot whose vocabulary and dates the question is read against.
        embedder: embeds the question (one ~6 ms forward pass).
        query: the user's text.
        qvec: the query's embedding when already computed (batch evaluation).

    Returns:
        The plan every later step works from.
    """
    query = repair_against(snap, query)  # "wher will ..." is a where-question
    query = expand_city_initials(query)  # "the summit in LA": in Los Angeles
    query = titles_spelt_out(query)  # "the deputy sec": the deputy secretary
    query = amounts_spelt_out(query)  # "$5M": $5 million
    query = expand_name_initials(query, snap.name_initials, snap.has_term)  # "MBZ"
    tq = parse_query_time(query, snap.newest)
    if tq is not None and (
        snap.newest is None
        or snap.oldest is None
        or not tq.range.overlaps(DateRange(snap.oldest, snap.newest).widened(62))
    ):
        # A time outside everything the corpus covers ("in 1870") is part of the question's
        # content, not a filter on document dates.
        tq = None
    undated = None
    if tq is not None and ambiguous_month(snap, tq):
        tq, undated = None, tq  # "on January 27" in a corpus of several Januaries: words
    terms: list[str] = []
    corrections: dict[str, str] = {}
    unknown: list[str] = []
    para = paraphrases(snap, query)
    frame = question_frame(query)  # "what's the point of": no words the answer must hold
    asked = [w for w in query_words(strip_time(query, tq) if tq else query) if w not in frame]
    context = spelling_context(snap, asked)
    for word in asked:
        term = stem(word)
        term = para.usual.get(term, term)  # "defence" where the corpus writes "defense"
        if snap.has_term(term):
            terms.append(term)
            continue
        accented = snap.variants(term)
        if accented:  # "bogota" where the corpus only writes "Bogotá"
            terms.append(accented[0])
            continue
        if para.instead.get(term):  # a nickname the corpus lacks: its formal name's terms
            terms.extend(t for t in para.instead[term] if t not in terms)
            continue
        # "agreement" where the corpus only has "agreed"; but "statment", no word (the
        # tokenizer splits it) and one letter off "statement", is that, not "state" + "-ment"
        if para.alternates.get(term) and not typo_of_a_term(snap, embedder, word, term):
            terms.extend(t for t in para.alternates[term][0] if t not in terms)
            continue
        base = shorter_form(snap, term)
        if base is not None:  # "japanese" -> "japan", "israeli" -> "israel"
            terms.append(base)
            corrections[word] = base
            continue
        # A word the model's tokenizer knows whole is real English the corpus just lacks
        # ("joins", "point"); only unfamiliar words are taken for misspellings ("blinkin").
        if embedder.count_tokens(word) == 1:
            unknown.append(term)
            continue
        fixed = correct_in_context(snap, word, term, [t for t in context if t != term])
        if fixed is not None:
            terms.append(fixed)
            corrections[word] = fixed
        else:
            unknown.append(term)
    repaired = repaired_text(query, corrections)
    if qvec is None:
        # A misspelt question is embedded as repaired ("who did blinkin meet in seul" as "...
        # Blinken ... Seoul"), so dense retrieval and sentence scores see the real words.
        # A nickname the corpus lacks is embedded as its formal name.
        qvec = embedder.embed_queries([para.embed(repaired)])[0]
    # "acording to rajnath" read as repaired, to the word one edit away ("according"). Only
    # here: embedding such repairs too draws off-topic questions closer to the corpus.
    quoted = quoted_speaker(repaired_text(query, corrections, near_words=True))
    qtype, head = analyse_question(query)
    head = head or purpose_verb(query) or companion_verb(query) or agenda_verb(query)
    head = head or motion_frame(query)
    if head is not None and all(t == head for t in terms) and asks_purpose(query):
        head = None  # "What is the purpose of the journey?": the trip is all it names
    mentions = place_mentions(query)
    names = _name_terms(query, corrections, mentions)
    lower = not any(c.isupper() for c in query)
    if lower:  # typed in lower case: names as the corpus writes them
        names |= written_as_names(snap, [w for w in asked if stem(w) in terms])
    places = _place_terms(corrections, mentions)
    action = _action_term(query, names, head, quoted)
    noun = asked_noun(query)
    noun = stem(noun) if noun is not None else None
    weights = {t: snap.idf(t) * (NAME_BOOST if t in names else 1.0) for t in dict.fromkeys(terms)}
    # "San Jose" where documents write it both ways: the other spelling counts as the term.
    spellings = {t: v for t in weights if (v := snap.variants(t))}
    # A country or its adjective typed in lower case ("the uzbek foreign minister") is one too.
    forms = country_forms((t for t in weights if lower or t in names), snap.has_term)
    forms.update((t, v[0]) for t, v in spellings.items() if t not in forms)
    return QueryPlan(
        text=query,
        terms=tuple(terms),
        corrections=corrections,
        unknown=tuple(unknown),
        time=tq,
        qvec=qvec,
        undated=undated,
        qtype=qtype,
        head=head,
        names=names,
        places=places,
        countries=frozenset(p.place.country for p in mentions),
        weights=weights,
        given=frozenset(terms) | {stem(w) for w in words(query)} | set(_NUMBER.findall(query)),
        alternates={t: g for t, g in para.alternates.items() if t in weights},
        formal=tuple(dict.fromkeys((*para.formal, *(v for vs in spellings.values() for v in vs)))),
        forms=forms,
        order=asked_order(query, corrections),
        regions=para.regions,
        place_names=para.place_names,
        speaker=quoted.terms if quoted is not None else frozenset(),
        said=_verb_terms(quoted.verb, para.alternates) if quoted is not None else frozenset(),
        action=action if action in weights else None,
        noun=noun if noun in weights and noun not in names and noun != action else None,
        agent=asked_agent(query),
        initials=not query.isupper() and _ACRONYM.search(query) is not None,
    )


def _action_term(
    query: str,
    names: frozenset[str],
    head: str | None,
    quoted: QuotedSpeaker | None,
) -> str | None:
    """The stem of the verb a "what did X VERB" question asks the object of, unless that word
    is a name ("what did the envoy on Myanmar ..."), the question's frame (its agenda or
    purpose verb: `head`) or asks for a speaker's words ("say": index/query/quoted.py)."""
    if quoted is not None:
        return None
    word = asked_action(query, names)
    term = stem(word) if word is not None else None
    return None if term is None or term in names or term == head else term


_NUMBER = re.compile(r"\d+")
_CITY_INITIALS = re.compile(rf"(?<![\w.-])(?:{'|'.join(CITY_ABBREVIATIONS)})(?![\w-])")


NAME_CHUNKS = 5  # chunks read to tell whether the corpus nearly always writes a word as a name
NAME_SHARE = 0.7  # ... capitalised more than this share of the time mid-sentence


def _verb_terms(verb: str, alternates: dict[str, tuple[tuple[str, ...], ...]]) -> frozenset[str]:
    """The terms a verb of a question may stand as: its own, and those of its paraphrases
    ("said" for "say", where the corpus has only the one)."""
    return frozenset((verb, *(t for group in alternates.get(verb, ()) for t in group)))


def expand_city_initials(query: str) -> str:
    """`query` with a city written by its initials in capitals spelt out ("LA" -> "Los
    Angeles"); not in a query typed all in capitals."""
    if query.upper() == query:
        return query
    return _CITY_INITIALS.sub(lambda m: CITY_ABBREVIATIONS[m.group(0)], query)


def repaired_text(query: str, corrections: dict[str, str], near_words: bool = False) -> str:
    """The question with each misspelt word replaced by the term it was taken for, when that
    term is a whole word (its own stem: "seoul", "blinken"); with `near_words`, else by the
    word one edit from the misspelt one that has that stem ("acording" -> "according", stem
    "accord")."""
    fixes = {}
    for w, t in corrections.items():
        if stem(t) == t and len(t) >= 3 and edit_distance(w, t) <= 2:
            fixes[w] = t.capitalize()
        elif near_words and (word := one_edit_with_stem(w, t)) is not None:
            fixes[w] = word
    if not fixes:
        return query
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in fixes) + r")\b", re.I)
    return pattern.sub(lambda m: fixes.get(m.group(1).lower(), m.group(1)), query)


_ACRONYM = re.compile(r"\b[A-Z]{3,}(?:s|’s|'s)?\b")


def place_mentions(text: str) -> list[PlaceMention]:
    """Places a question names, typed casually ("trip to panama") or properly."""
    gaz = gazetteer()
    found = gaz.find_lower(text) + gaz.find(text)
    if text.isupper():
        return found
    # "MENA" typed in capitals is an acronym (the Middle East and North Africa), not the town
    return [m for m in found if not (m.place.kind == "city" and _ACRONYM.fullmatch(m.text))]


def _place_terms(corrections: dict[str, str], mentions: list[PlaceMention]) -> frozenset[str]:
    """Analysed terms of the places a question names ("Seoul", "seul" repaired)."""
    gaz = gazetteer()
    found: set[str] = set()
    for pm in mentions:
        found.update(analyze(pm.text))
    found |= {t for w, t in corrections.items() if gaz.lookup(w) or gaz.lookup(t)}
    return frozenset(corrections.get(t, t) for t in found)


def _name_terms(
    query: str, corrections: dict[str, str], mentions: list[PlaceMention]
) -> frozenset[str]:
    """Names pin down what a question is about: "Seoul" in "Who did Blinken meet in Seoul?"
    matters more than "meet", whatever their idf in a small corpus. These are capitalised
    words after the first, places the gazetteer knows, and repaired misspellings."""
    found = set(corrections.values())
    for m in re.finditer(r"(?<![.?!]\s)(?<!^)\b[A-Z][\w'’-]+", query.strip()):
        found.update(analyze(m.group(0)))
    for pm in mentions:
        found.update(analyze(pm.text))
    return frozenset(corrections.get(t, t) for t in found)


def written_as_names(
    snap: Snapshot, words: list[str], chunks: int = 1, share: float = 0.0
) -> set[str]:
    """The terms of `words` that the corpus writes as names: in the `chunks` chunks that hold
    the term best, the word is capitalised where a sentence does not start, more than `share`
    of the time ("sherwood-randall" -> "Sherwood-Randall", not "meet"). For questions typed in
    lower case: by default, capitalised once in the best chunk; NAME_CHUNKS and NAME_SHARE
    ask for a name written so nearly always (not "city", capitalised in "Mexico City" as often
    as not)."""
    out: set[str] = set()
    for word in dict.fromkeys(words):
        term = stem(word)
        if len(word) < 3 or term in out:
            continue
        capitalised = lower = 0
        for chunk_id, _ in snap.lexical_search([term], chunks):
            text = snap.chunk_text(chunk_id)
            for m in re.finditer(rf"\b{re.escape(word)}\b", text, re.I):
                before = text[: m.start()].rstrip()
                if before and before[-1] not in '.!?:"“\n':
                    capitalised += m.group(0)[0].isupper()
                    lower += not m.group(0)[0].isupper()
        if capitalised and capitalised > share * (capitalised + lower):
            out.update(analyze(word))
    return out


def typed_as_name(query: str, word: str) -> bool:
    """Whether `word` is typed capitalised inside a question that is not all in one case: a name
    written with care ("What was Ghandi's work called?"), which the nearest name the corpus
    has ("Ghani") may well not be; "blinkin" typed in lower case is a misspelling, and a
    question's first word says nothing."""
    if query.islower() or query.isupper():
        return False
    return re.search(rf"(?<=[\w,;:'’\"] )\b{re.escape(word.capitalize())}\b", query) is not None
