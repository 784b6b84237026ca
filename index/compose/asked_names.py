"""A question that names someone or something is answered by a document that names it too.

"Who did Witkowsky meet in Nairobi?" is not answered by a release about the Nairobi Process
that never mentions Witkowsky, however well its sentences match "Nairobi" and "meet". The
names a question uses (runs of capitalised words after its first; not places, which
compose/asked_place.py reads, nor titles such as "Secretary", institutions such as "the
Summit", or words repaired as misspellings, unless the corpus nearly always writes the repair
as a name: "kritenbrnk" is Kritenbrink) must each be in the answer's document, its title
included, as written or in another form the corpus uses (all but one, when there are
several). When no document read holds them, the documents do not answer the question; nor
do they when the corpus never mentions a name a yes/no question uses (`unknown_name`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from index.compose.analysed import analysed
from index.query.demonyms import is_country_adjective
from index.query.plan import NAME_CHUNKS, NAME_SHARE, QueryPlan, written_as_names
from index.query.question import asks_yes_no
from index.query.spelling import words_one_edit_with_stem
from index.storage.snapshot import Snapshot
from index.text.lexicon.paraphrase import INSTITUTION_ALIASES
from index.text.lexicon.people import (
    HONORIFICS,
    NOT_NAME_WORDS,
    ORG_WORDS,
    PORTFOLIO_WORDS,
    TITLE_MODIFIERS,
    TITLES_BEFORE_NAME,
)
from index.text.tokens import analyze, query_words, stem


def _generic_terms() -> frozenset[str]:
    words = (
        *TITLES_BEFORE_NAME,
        *HONORIFICS,
        *TITLE_MODIFIERS,
        *ORG_WORDS,
        *PORTFOLIO_WORDS,
        *NOT_NAME_WORDS,
    )
    return frozenset(t for w in words for t in analyze(w))


# Capitalised words that are no one's name, and the words of nicknames however typed ("potus").
GENERIC = _generic_terms() | {t for a in INSTITUTION_ALIASES for t in analyze(a)}
_POSSESSIVE = re.compile(r"['’]s?$")
COMMON_SHARE = 20  # a name word in more than one chunk in this many is not required ...
COMMON_CHUNKS = 50  # ... when that is also more than this many chunks
_CAPITALISED = re.compile(r"(?<![.?!]\s)(?<!^)\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")


def asked_names(snap: Snapshot, plan: QueryPlan) -> tuple[tuple[str, ...], ...]:
    """The names `plan`'s question uses that its answer's document must hold, each as the
    terms of one name ("Chris Dodd": the document may say "Christopher Dodd", so any of them
    will do). A name is a run of capitalised words after the first, or a word of a question
    typed in lower case that the corpus writes capitalised. Left out: a run naming an
    institution, event or law ("the Civil Rights Act", by ORG_WORDS), places, titles and
    institution words, acronyms ("NSA", "DNSA": often for an office the documents spell out),
    a country's adjective, nicknames ("the Pentagon", read as its formal name), words taken
    for misspellings (the repair may be wrong: "Sison" is not "bison") unless the corpus
    nearly always writes the repair as a name ("kritenbrnk": Kritenbrink), and words in more than
    one chunk in COMMON_SHARE, and in more than COMMON_CHUNKS ("American" in a corpus of US
    releases: it tells little, and a document may well not use it)."""
    repaired = set(plan.corrections.values())
    # A repair to a word the corpus nearly always writes as a name is that name ("kritenbrnk"
    # is Kritenbrink); one to a common word may be wrong ("Sison" is not "bison").
    repairs = _repaired_words(plan)
    named = written_as_names(snap, repairs, NAME_CHUNKS, NAME_SHARE) if repairs else set()
    excluded = GENERIC | (repaired - named)
    n = len(snap.chunks)
    # The idf of a term in the most chunks a name may be in (see LexicalIndex.idf).
    common = math.log(1 + (n + 1) / (max(n / COMMON_SHARE, COMMON_CHUNKS) + 0.5) - 1)

    def kept(word: str) -> list[str]:
        if len(word) > 1 and word.isupper():
            return []  # an acronym
        terms = [
            t
            for t in analyze(word)
            if t in plan.weights and t not in excluded and snap.idf(t) >= common
        ]
        # a demonym no ending derives ("swedes", "turkish") stays, as a name the document
        # may hold in its country's form ("Sweden": `naming_documents` reads plan.forms)
        return [t for t in terms if not is_country_adjective(t, irregular=False)]

    runs: list[tuple[str, ...]] = []
    for _, words in _name_runs(plan.text):
        run = tuple(t for w in words for t in kept(w))
        if any(t not in plan.places for t in run):  # a place is one only on its own: a
            runs.append(run)  # person's name may hold one ("William Trent")
    if not any(c.isupper() for c in plan.text):  # typed in lower case: a word the corpus
        # nearly always writes as a name ("zeya", not "city", which names "Mexico City")
        typed = [*query_words(plan.text), *repairs]
        words = [w for w in typed if stem(w) in plan.names - plan.places]
        nearly = written_as_names(snap, words, NAME_CHUNKS, NAME_SHARE)
        runs += [(t,) for t in sorted(plan.names - plan.places) if t in nearly and kept(t)]
    return tuple(dict.fromkeys(runs))


def unknown_name(plan: QueryPlan) -> str | None:
    """A name a yes/no question uses that the corpus never mentions, not even as a
    misspelling it repairs: a run of capitalised words after the first whose every term the
    corpus lacks ("Netanyahu" in "Is Blinken meeting Netanyahu?" over the seed corpus). No
    document can say yes about it. None when there is none, or for another kind of question
    (it may name something its answer calls otherwise); a run with one word the corpus has
    ("Tony Blinken") is no such name."""
    if not asks_yes_no(plan.text):
        return None
    unknown = set(plan.unknown)
    for run, words in _name_runs(plan.text):
        if any(len(w) > 1 and w.isupper() for w in words):
            continue  # an acronym: the documents may spell it out
        terms = [t for w in words for t in analyze(w) if t not in GENERIC]
        if terms and all(t in unknown for t in terms):
            return run
    return None


def _name_runs(question: str) -> Iterator[tuple[str, list[str]]]:
    """The runs of capitalised words after a question's first word, each with its words (a
    possessive's "'s" cut off), but those naming an institution, event or law ("the Civil
    Rights Act", by ORG_WORDS): they are no names."""
    for m in _CAPITALISED.finditer(question.strip()):
        words = [_POSSESSIVE.sub("", w) for w in m.group(0).split()]
        if not any(w in ORG_WORDS for w in words):
            yield m.group(0), words


def _repaired_words(plan: QueryPlan) -> list[str]:
    """The words the question's misspellings may have been repaired to: those one edit from
    the misspelt word that have the term taken ("wilke" and "wilkes" for "wilkse", the term
    being "wilk"), and the term itself when it is a whole word ("kritenbrink")."""
    words = []
    for typed, term in plan.corrections.items():
        words += words_one_edit_with_stem(typed, term)
        if stem(term) == term:
            words.append(term)
    return list(dict.fromkeys(words))


def naming_documents(
    snap: Snapshot, plan: QueryPlan, names: tuple[tuple[str, ...], ...], doc_ids: set[str]
) -> set[str]:
    """Those of `doc_ids` whose title and text hold a term of each of `names` (or a form of it
    the corpus uses: "José" for "Jose"), or of all but one when there are several and the
    question asks no yes/no: a question may call a thing by another name ("Earth's
    rainforests") or misquote it ("The Mark of Anarchy" for "The Mask of Anarchy") and still
    be about the document. A document's text holds a term when the lexical index scores one
    of its chunks for it (no text is read)."""
    tables = analysed(snap)
    docs = sorted(doc_ids)
    chunks = [(d, c) for d in docs for c in snap.chunks_of(d)]
    ids = [c for _, c in chunks]
    held: dict[str, set[str]] = {}  # term -> the documents whose text holds it or its form
    for term in {t for name in names for t in name}:
        forms = [term] + ([plan.forms[term]] if term in plan.forms else [])
        held[term] = {
            d
            for form in forms
            for (d, _), score in zip(chunks, snap.lexical_scores([form], ids), strict=True)
            if score > 0
        }
    # A yes/no question asks about just these names together ("Is Zeya meeting President
    # Boric?"): a document missing one of them cannot say yes.
    allowed = 1 if len(names) > 1 and not asks_yes_no(plan.text) else 0
    out = set()
    for doc_id in docs:
        title = tables.title_terms(doc_id)
        missing = sum(
            not any(doc_id in held[t] or _holds(plan, t, title) for t in name) for name in names
        )
        if missing <= allowed:
            out.add(doc_id)
    return out


def _holds(plan: QueryPlan, term: str, terms: frozenset[str]) -> bool:
    form = plan.forms.get(term)
    return plan.found_in(term, terms) or (form is not None and form in terms)
