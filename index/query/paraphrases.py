"""The paraphrases of a question's words that a corpus has: institution nicknames, the
derivational family of each word, the trip words a verb of motion or a noun for a trip
stands for, the countries of a region ("the Gulf"), a country's name for its acronym ("UAE")
and the other way ("North Korea" for "the DPRK"), and a word's other spelling ("defence",
"defense") (index/text/paraphrase.py), kept only where the corpus holds them. Retrieval
searches them too; the refusal model counts a word as present when a paraphrase of it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from index.storage.snapshot import Snapshot
from index.text.paraphrase import (
    aliases_in,
    country_acronyms,
    country_other_names,
    formal_terms,
    motion_verbs,
    other_spellings,
    phrasal_verbs,
    region_countries,
    spelt_out,
    trip_nouns,
    with_formal_names,
    word_family,
)
from index.text.tokens import analyze, query_words, stem


@dataclass(frozen=True)
class Paraphrases:
    """What a question's words may stand for in a corpus."""

    # term -> groups of corpus terms standing for it (all of a group together)
    alternates: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # a nickname's term the corpus lacks -> its formal name's terms, to search instead
    instead: dict[str, tuple[str, ...]] = field(default_factory=dict)
    formal_embedding: bool = False  # embed the question with formal names
    # terms searched too: of the formal names of its nicknames, and what a trip noun is called
    formal: tuple[str, ...] = ()
    regions: frozenset[str] = frozenset()  # terms naming a region ("gulf")
    # terms naming a place by other words a sentence may use instead: a region (its countries'
    # names), a country's acronym ("uae": "United Arab Emirates")
    place_names: frozenset[str] = frozenset()
    # a term -> the corpus's usual spelling of it, where that is the other one ("defenc" ->
    # "defens" in a corpus that writes "defense" more often than "defence")
    usual: dict[str, str] = field(default_factory=dict)

    def embed(self, text: str) -> str:
        """The text to embed for the question `text`."""
        text = spelt_out(text)  # "govt" -> "government"
        return with_formal_names(text) if self.formal_embedding else text


def paraphrases(snap: Snapshot, question: str) -> Paraphrases:
    """The paraphrases of `question`'s words that `snap`'s corpus holds.

    Args:
        snap: the snapshot whose vocabulary decides which paraphrases exist.
        question: the question as typed.

    Returns:
        Alternates for each term (its family members and, for a nickname's words, the formal
        name), the formal terms to search instead of a nickname the corpus lacks, and whether
        to embed the question with formal names (when it uses such a nickname).
    """
    groups: dict[str, list[tuple[str, ...]]] = {}
    instead: dict[str, tuple[str, ...]] = {}
    formal_embedding = False
    searched: list[str] = []
    for alias in aliases_in(question):
        formal = tuple(t for t in formal_terms(alias.formal) if snap.has_term(t))
        if not formal:
            continue
        nick = analyze(alias.text)
        searched.extend(formal)
        for t in nick:
            groups.setdefault(t, []).append(formal)
        if not all(snap.has_term(t) for t in nick):
            formal_embedding = True
            for t in nick:
                instead[t] = formal
    for word in query_words(question):
        term = stem(word)
        for member in sorted(word_family(word) - {term}):
            if snap.has_term(member):
                groups.setdefault(term, []).append((member,))
    for term, plain in phrasal_verbs(question).items():  # "sat down with": met
        groups.setdefault(term, []).extend((t,) for t in plain if snap.has_term(t))
    for term, trip in motion_verbs(question).items():  # "get to Sweden": travel, visit
        groups.setdefault(term, []).extend((t,) for t in trip if snap.has_term(t))
    for term, called in trip_nouns(question).items():  # "the trip": the journey, the visits
        groups.setdefault(term, []).extend((t,) for t in called if snap.has_term(t))
        searched.extend(t for t in called if snap.has_term(t))
    regions = region_countries(question)
    for term, countries in regions.items():  # "the Gulf": Qatar, Oman ...
        groups.setdefault(term, []).extend(c for c in countries if all(snap.has_term(t) for t in c))
    usual = {}
    for word in query_words(question):
        term = stem(word)
        mine = snap.idf(term) if snap.has_term(term) else math.inf
        for other in sorted(map(stem, other_spellings(word) - {word.lower()})):
            if other != term and snap.has_term(other) and snap.idf(other) < mine:
                usual[term], mine = other, snap.idf(other)
    acronyms = country_acronyms(question)
    for term, name in acronyms.items():  # "UAE": the United Arab Emirates
        if all(snap.has_term(t) for t in name):
            groups.setdefault(term, []).append(name)
    others = country_other_names(question)
    for term, names in others.items():  # "north korea": the DPRK
        groups.setdefault(term, []).extend(n for n in names if all(snap.has_term(t) for t in n))
    return Paraphrases(
        {t: tuple(dict.fromkeys(g)) for t, g in groups.items()},
        instead,
        formal_embedding,
        tuple(dict.fromkeys(searched)),
        frozenset(regions),
        frozenset(regions) | frozenset(acronyms) | frozenset(others),
        usual,
    )
