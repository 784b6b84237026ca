"""Paraphrases a question may use for the document's words: an institution's common name for
its formal one ("the Pentagon" for "the Department of Defense"), and a noun for the verb the
document uses ("meeting" / "met", "agreement" / "agreed", "discussion" / "discussed").

`aliases_in` finds the institution nicknames of a text (index/text/lexicon/paraphrase.py);
`word_family` gives the analysed terms of a word's derivational family: its stem, its base
verb's (irregular forms from the lexicon, inflection endings stripped), and those of the nouns
made from that verb by a derivational suffix or a change of its last sounds ("respond",
"response"), and back; `motion_verbs` reads "get to" or "head to" a place as the trip words
the documents use. Callers keep only the terms their corpus has, so a made-up form ("agreeal")
costs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.text.lexicon.grammar import STOPWORDS, US_PRONOUN_VERBS
from index.text.lexicon.paraphrase import (
    AMOUNT_SCALES,
    BARE_AMOUNT_SCALES,
    CHAT_ABBREVIATIONS,
    DERIVATION_ALTERNATIONS,
    DERIVATION_SUFFIXES,
    INFLECTION_ENDINGS,
    INSTITUTION_ALIASES,
    IRREGULAR_VERBS,
    MIN_ALTERNATION_NOUN,
    MIN_SPELLING_WORD,
    MOTION_PARTICLES,
    MOTION_VERB_FORMS,
    PHRASAL_VERBS,
    SPELLING_STEMS,
    SPELLING_WORDS,
    TITLE_SHORTHAND_NEIGHBOURS,
    TITLE_SHORTHANDS,
    TRAVEL_TERMS,
    TRIP_NOUNS,
)
from index.text.lexicon.places import COUNTRY_ALIASES
from index.text.lexicon.questions import ORDINAL_WORDS
from index.text.lexicon.requests import REGIONS
from index.text.patterns import after_locative, alternation
from index.text.places import gazetteer
from index.text.tokens import analyze, stem

MIN_BASE = 3  # a base form shorter than this is not a word worth relating


@dataclass(frozen=True)
class Alias:
    """An institution's nickname found in a text, and the formal name it stands for."""

    start: int
    end: int
    text: str
    formal: str


def _alias_pattern() -> re.Pattern[str]:
    names = sorted(INSTITUTION_ALIASES, key=len, reverse=True)
    parts = []
    for name in names:
        body = re.escape(name.removeprefix("the "))
        # Acronyms are matched in capitals only ("UN", not the "un" of "un-"); names either way.
        flags = "" if name.isupper() or "." in name else "(?i:"
        parts.append(f"{flags}{body})" if flags else body)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


_ALIAS = _alias_pattern()
_BY_FOLDED = {k.removeprefix("the ").lower(): v for k, v in INSTITUTION_ALIASES.items()}


def aliases_in(text: str) -> list[Alias]:
    """The institution nicknames `text` uses, in order (none in a text typed all in capitals,
    where "WHO" is a question word)."""
    if text.upper() == text:
        return []
    out = []
    for m in _ALIAS.finditer(text):
        formal = _BY_FOLDED.get(m.group(0).lower())
        if formal is not None and formal.lower() != m.group(0).lower():
            out.append(Alias(m.start(), m.end(), m.group(0), formal))
    return out


def with_formal_names(text: str) -> str:
    """`text` with each institution nickname replaced by its formal name."""
    for a in reversed(aliases_in(text)):
        text = text[: a.start] + a.formal + text[a.end :]
    return text


@lru_cache(maxsize=4096)
def word_family(word: str) -> frozenset[str]:
    """Analysed terms of `word`'s derivational family (its own stem included).

    "met" -> meet (meeting); "agreed" -> agre, agreement; "agreement" -> agreement, agre;
    "discussion" -> discuss. Some members are not words; keep those the corpus has.
    """
    w = word.lower()
    bases = {w}
    if w in IRREGULAR_VERBS:
        bases.add(IRREGULAR_VERBS[w])
    for end in INFLECTION_ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= MIN_BASE:
            base = w[: -len(end)]
            bases.update({base, base + "e"})
            if len(base) > MIN_BASE and base[-1] == base[-2]:  # "planned" -> "plan"
                bases.add(base[:-1])
    for suffix in DERIVATION_SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= MIN_BASE:
            base = w[: -len(suffix)]
            bases.update({base, base + "e"})
    bases |= _alternated(bases)
    family = {stem(b) for b in bases}
    for b in list(bases):
        family.update(stem(past) for past in _PAST_FORMS.get(b, ()))  # "meeting" -> "met"
        for suffix in DERIVATION_SUFFIXES:
            family.add(stem(b.removesuffix("e") + suffix if suffix[0] in "ai" else b + suffix))
    return frozenset(t for t in family if len(t) >= MIN_BASE)


def _alternated(bases: set[str]) -> set[str]:
    """The nouns of the verbs among `bases` whose last sounds change ("respond" -> "response",
    "decide" -> "decision"), and the verbs of such nouns ("expansion" -> "expand")."""
    out: set[str] = set()
    for b in bases:
        for verb_end, noun_ends in DERIVATION_ALTERNATIONS:
            if b.endswith(verb_end) and len(b) - len(verb_end) >= MIN_BASE:
                out.update(b[: -len(verb_end)] + n for n in noun_ends)
            for n in noun_ends:
                if b.endswith(n) and len(b) >= MIN_ALTERNATION_NOUN:
                    out.add(b[: -len(n)] + verb_end)
    return out


_PAST_FORMS: dict[str, tuple[str, ...]] = {}
for _past, _base in IRREGULAR_VERBS.items():
    _PAST_FORMS[_base] = (*_PAST_FORMS.get(_base, ()), _past)

_SPELT_ALSO = {**SPELLING_WORDS, **{b: a for a, b in SPELLING_WORDS.items()}}


_FIGURE_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
_ABBREVIATED = re.compile(rf"\b(?:{alternation(tuple(CHAT_ABBREVIATIONS))})\b", re.I)


def spelt_out(text: str) -> str:
    """`text` with the words people shorten as they type spelt out ("japanese govt officials"
    -> "japanese government officials"), as the model reads them best."""
    return _ABBREVIATED.sub(lambda m: CHAT_ABBREVIATIONS[m.group(0).lower()], text)


_AMOUNT = re.compile(
    rf"(?P<num>[$€£]\s?\d+(?:[.,]\d+)?)\s?(?P<scale>{alternation(tuple(AMOUNT_SCALES))})\b"
    rf"|(?P<bare>(?<![\w.,])\d+(?:[.,]\d+)?)\s?(?P<bare_scale>{alternation(BARE_AMOUNT_SCALES)})\b",
    re.I,
)


def amounts_spelt_out(text: str) -> str:
    """`text` with amounts written as people type them spelt out as releases write them:
    "$5M" -> "$5 million", "2.5bn" -> "2.5 billion"; "5m" alone may be metres and stays."""

    def spelt(m: re.Match[str]) -> str:
        num, scale = (
            (m.group("num"), m.group("scale")) if m.group("num") else m.group("bare", "bare_scale")
        )
        return f"{num} {AMOUNT_SCALES[scale.lower()]}"

    return _AMOUNT.sub(spelt, text)


_SHORT_TITLE = re.compile(rf"\b{alternation(tuple(TITLE_SHORTHANDS))}\b\.?", re.I)
_WORD_BEFORE = re.compile(r"([a-z]+)\W*$", re.I)
_WORD_AFTER = re.compile(r"^\W*(?:of\s+)?([a-z]+)", re.I)


def titles_spelt_out(text: str) -> str:
    """`text` with a title people shorten spelt out where a title word stands beside it
    ("why is the deputy sec stopping in frankfurt" -> "deputy secretary", "sec state" ->
    "secretary state"); a shorthand alone is left ("give me a sec")."""

    def spelt(m: re.Match[str]) -> str:
        before = _WORD_BEFORE.search(text, 0, m.start())
        after = _WORD_AFTER.match(text[m.end() :])
        beside = {g.group(1).lower() for g in (before, after) if g is not None}
        word = m.group(0).rstrip(".").lower()
        return TITLE_SHORTHANDS[word] if beside & TITLE_SHORTHAND_NEIGHBOURS else m.group(0)

    return _SHORT_TITLE.sub(spelt, text)


def other_spellings(word: str) -> frozenset[str]:
    """`word` as the other side of the Atlantic may spell it: "defence" -> "defense",
    "organize" -> "organise", "travelled" -> "traveled"; a word shortened as people type it,
    spelt out ("govt" -> "government"); an ordinal in figures, in words ("2nd" -> "second").
    Some are not words; a corpus keeps those it has."""
    w = word.lower()
    if w in CHAT_ABBREVIATIONS:  # "govt": "government"
        return frozenset({CHAT_ABBREVIATIONS[w]})
    if (m := _FIGURE_ORDINAL.fullmatch(w)) and 0 < int(m.group(1)) <= len(ORDINAL_WORDS):
        return frozenset({ORDINAL_WORDS[int(m.group(1)) - 1]})  # "2nd": "second"
    if len(w) < MIN_SPELLING_WORD:
        return frozenset()
    out = {_SPELT_ALSO[w]} if w in _SPELT_ALSO else set()
    for british, american, endings in SPELLING_STEMS:
        for mine, other in ((british, american), (american, british)):
            for ending in endings:
                end = mine + ending
                if w.endswith(end) and len(w) - len(end) >= 2:
                    out.add(w[: -len(end)] + other + ending)
    return frozenset(out)


# Regions, not continents: "Europe" and "Asia" name too much ("the European Union", "Asian
# markets") to stand for any of their countries.
_REGION = re.compile(rf"\b{alternation(tuple(REGIONS))}\b", re.I)


def phrasal_verbs(text: str) -> dict[str, tuple[str, ...]]:
    """The phrasal verbs of `text` ("sat down with", "rolled out"), each verb's term with the
    terms of the words a sentence may say instead ("sit": "meet", "met")."""
    found: dict[str, tuple[str, ...]] = {}
    for forms, particle, instead in PHRASAL_VERBS:
        m = re.search(rf"\b({alternation(forms)})\s+{particle}\b", text, re.I)
        if m is not None:
            found[stem(m.group(1).lower())] = tuple(dict.fromkeys(stem(w) for w in instead))
    return found


def motion_verbs(text: str) -> dict[str, tuple[str, ...]]:
    """The verbs of motion before a place in `text`, each with the analysed terms of the trip
    words it stands for: "get to Sweden" asks when she travels to or arrives in Sweden, so a
    sentence saying "will travel to Sweden" holds the question's "get". Only before a place:
    "went to Harvard" may be a school, and "money to go to" is no trip.
    """
    tokens = [(m.group().lower(), m.start()) for m in re.finditer(r"(?u)\b\w+\b", text)]
    before_place = [
        (verb, tokens[i + 3 if tokens[i + 2][0] == "the" and i + 3 < len(tokens) else i + 2][1])
        for i, (verb, _) in enumerate(tokens[:-2])
        if verb in MOTION_VERB_FORMS and tokens[i + 1][0] in MOTION_PARTICLES
    ]
    if not before_place:
        return {}
    gaz = gazetteer()
    starts = {m.start for m in gaz.find_lower(text) + gaz.find(text)}
    trip = tuple(stem(t) for t in TRAVEL_TERMS)
    return {stem(verb): trip for verb, at in before_place if at in starts}


def trip_nouns(text: str) -> dict[str, tuple[str, ...]]:
    """The nouns for a trip in `text`, each with the analysed terms of the other words a
    document may call it by: "the trip" is its "journey", its "visits", its "travel"."""
    words = {m.group().lower() for m in re.finditer(r"(?u)\b\w+\b", text)}
    terms = tuple(dict.fromkeys(stem(t) for t in (*TRIP_NOUNS, *TRAVEL_TERMS)))
    asked = {stem(w) for w in words if w in TRIP_NOUNS}
    return {term: tuple(t for t in terms if t != term) for term in asked}


def region_codes(text: str) -> dict[str, list[str]]:
    """The regions `text` names as a destination ("a trip to the Gulf", "in the Balkans"), each
    with the ISO codes of its countries; not a region named as a topic ("what did they say
    about the Indo-Pacific")."""
    return {
        m.group(0).lower(): list(REGIONS[m.group(0).lower()])
        for m in _REGION.finditer(text)
        if after_locative(text, m.start())
    }


def region_countries(text: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The regions `text` names, each (by its analysed last word) with the
    analysed names of its countries: a release about a trip to Qatar and Oman is about a trip
    to the Gulf."""
    gaz = gazetteer()
    out = {}
    for area, codes in region_codes(text).items():
        terms = analyze(area)
        if terms:
            out[terms[-1]] = tuple(tuple(analyze(gaz.country_name(c))) for c in codes)
    return out


def country_other_names(text: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The other names of the countries `text` names, each term of the name as typed with the
    analysed terms of each other name: "north korea" -> "the DPRK", "the Democratic People's
    Republic of Korea"; "myanmar" -> "Burma". Releases call countries by their official names
    and acronyms, and people by the common ones (the reverse of `country_acronyms`)."""
    gaz = gazetteer()
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for m in gaz.find_lower(text) + gaz.find(text):
        if m.place.kind != "country":
            continue
        code = m.place.country
        typed = tuple(analyze(m.text))
        names = [gaz.country_name(code), *(a for a, c in COUNTRY_ALIASES.items() if c == code)]
        groups = tuple(
            dict.fromkeys(g for n in names if (g := tuple(analyze(n))) and g != typed and _word(g))
        )
        for term in typed:
            out[term] = tuple(dict.fromkeys((*out.get(term, ()), *groups)))
    return out


def _word(terms: tuple[str, ...]) -> bool:
    """Not a two-letter acronym, which analysed is a word too: "US" is "us"."""
    return len(terms) > 1 or len(terms[0]) > 2


_ACRONYMS = [a for a in COUNTRY_ALIASES if a.isupper() and a.isalpha()]  # UAE, DRC, ROK, UK
# Two letters only in capitals ("us" is a pronoun); longer ones however typed ("the uae").
_COUNTRY_ACRONYM = re.compile(
    r"(?<![\w.-])(?:"
    + "|".join(a if len(a) == 2 else f"(?i:{a})" for a in sorted(_ACRONYMS, key=len, reverse=True))
    + r")(?![\w-])"
)


def country_acronyms(text: str) -> dict[str, tuple[str, ...]]:
    """The countries `text` names by an acronym ("UAE", "the DRC", a lower-case "us" where it
    is not the pronoun), each (by its analysed acronym) with the analysed terms of the
    country's name: a sentence saying "the United Arab Emirates" names the UAE."""
    gaz = gazetteer()
    out = {}
    for m in _COUNTRY_ACRONYM.finditer(text):
        code = COUNTRY_ALIASES[m.group(0).upper()]
        terms = analyze(m.group(0))
        if terms:
            out[terms[0]] = tuple(analyze(gaz.country_name(code)))
    if "us" not in out and _lower_case_us(text):  # "how many us troops", "the us-india 2+2"
        out["us"] = tuple(analyze(gaz.country_name("US")))
    return out


_WORDS = re.compile(r"[\w'’+]+|-")


def _lower_case_us(text: str) -> bool:
    """Whether `text` types the United States as "us" in lower case: after "the", joined to
    another name, or before a word that is not a stop word, unless a verb taking two objects
    comes first ("tell us more": the pronoun; index/text/lexicon/grammar.py)."""
    tokens = _WORDS.findall(text)
    for i, word in enumerate(tokens):
        if word != "us":
            continue
        before = tokens[i - 1].lower() if i else ""
        after = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if before == "the" or after == "-":
            return True
        if after and after not in STOPWORDS and before not in US_PRONOUN_VERBS:
            return True
    return False


def formal_terms(formal: str) -> tuple[str, ...]:
    """The analysed terms of an institution's formal name."""
    return tuple(analyze(formal))


_BY_AGENT = re.compile(r"\b([A-Za-z]+)\s+by\s+(?:the\s+)?[A-Z]")


def by_agent(text: str, verb: str) -> bool:
    """Whether `text` names who did `verb` in the passive: "designed by Davis Brody Bond" for
    "designed", "led by Roger Carstens" for "leads" (any form of its family)."""
    forms = word_family(verb) | {verb.lower(), stem(verb.lower())}
    return any(
        m.group(1).lower() in forms or stem(m.group(1).lower()) in forms
        for m in _BY_AGENT.finditer(text)
    )
