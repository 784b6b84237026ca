"""A question that names a place asks about that place.

"What did Haines discuss in Uganda?" is not answered by a readout of her trip to Rwanda and
the Congo, however well its sentences match "Haines" and "discuss". A sentence answers a
question naming a place only if its document speaks of that place: it holds the place's rarest
word (or that word's other form: "Nigerien" for Niger, "San José" for San Jose), or it names
a place in the same country ("Kampala" for Uganda). When no candidate's document does, the
documents do not answer the question.
"""

from __future__ import annotations

import re

from index.compose.analysed import analysed
from index.query.plan import QueryPlan, place_mentions
from index.storage.snapshot import Snapshot
from index.text.lexicon import LOCATIVE_WORDS
from index.text.paraphrase import aliases_in
from index.text.patterns import alternation
from index.text.places import gazetteer
from index.text.tokens import analyze

_LOCATIVE = re.compile(rf"\b{alternation(LOCATIVE_WORDS)}\s+(?:the\s+)?$", re.I)


def asked_places(plan: QueryPlan) -> tuple[frozenset[str], frozenset[str]]:
    """The terms and the countries of the places a question asks about: those it names with a
    capital (but not as its first word: "Name a common ..."), or after "in", "to", "visit" ...
    ("who did he meet in seul" repaired to Seoul); a common word that is also somewhere's name
    ("the name of ...") is not one, nor is an institution's nickname ("Foggy Bottom")."""
    nicknames = [(a.start, a.end) for a in aliases_in(plan.text)]  # "Foggy Bottom", "the UN"
    mentions = [
        m
        for m in place_mentions(plan.text)
        if (
            (m.text[:1].isupper() and plan.text[: m.start].strip())  # not the first word
            or _LOCATIVE.search(plan.text[: m.start])
        )
        and not any(s < m.end and m.start < e for s, e in nicknames)
    ]
    terms = {t for m in mentions for t in analyze(m.text)}
    terms |= {t for t in plan.places if t in plan.corrections.values()}
    return frozenset(terms), frozenset(m.place.country for m in mentions)


def speaks_of_asked_place(
    snap: Snapshot, plan: QueryPlan, doc_id: str, asked: tuple[frozenset[str], frozenset[str]]
) -> bool:
    """Whether document `doc_id` speaks of a place the question asks about (`asked`: from
    `asked_places`; always true when there is none)."""
    terms, countries = asked
    if not terms:
        return True
    tables = analysed(snap)
    held = tables.doc_terms(doc_id)
    rarest = max(terms, key=lambda t: (plan.weights.get(t, 0.0), t))
    if rarest in held or plan.forms.get(rarest) in held:
        return True
    if not countries:
        return False
    named = tables.per_document("countries", doc_id, lambda: _countries(snap, doc_id))
    return bool(countries & named)


def _countries(snap: Snapshot, doc_id: str) -> frozenset[str]:
    """The countries of the places a document (with its title) names."""
    text = snap.docs[doc_id].title + "\n" + snap.text(doc_id)
    return frozenset(m.place.country for m in gazetteer().find(text))
