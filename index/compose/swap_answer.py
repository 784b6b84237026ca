""" "What about X?": the previous question with X, answered from the whole index.

The rewritten question ("Who did Blinken meet in Tripoli?") is a fresh question: it is retrieved
over every document, not read against the documents just cited, which need not mention X. When
X is a city and the answer does not mention it, the city may simply not be where the thing
happened, only the country it is in ("met with the Libyan Prime Minister in Berlin"): the
question is then asked for the country, and that answer is taken when it names the country or
its adjective. The reply says it was read for the country.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from index.compose.answer import answer_question
from index.embed.base import Embedder
from index.query.demonyms import country_forms
from index.storage.snapshot import Snapshot
from index.text.places import PlaceMention, gazetteer
from index.text.tokens import analyze, stem
from index.types import Reply


@dataclass(frozen=True)
class Swapped:
    reply: Reply
    country: str | None = None  # the country it was answered for, instead of the city asked


def answer_swap(snap: Snapshot, embedder: Embedder, question: str, previous: str) -> Swapped:
    """Answer the rewritten follow-up `question` over the whole index (see the module doc).

    Args:
        snap: the snapshot.
        embedder: embeds questions.
        question: the previous question with the new detail ("... in Tripoli?").
        previous: the previous question ("... in Moldova?"): its places are not the new one.
    """
    reply = answer_question(snap, embedder, question)
    city = _new_city(question, previous)
    if city is None or (reply.found and _names(reply.text, city.text)):
        return Swapped(reply)
    country = gazetteer().country_name(city.place.country)
    if not country or country.lower() == city.text.lower():
        return Swapped(reply)
    asked = f"{question[: city.start]}{country}{question[city.end :]}"
    wider = answer_question(snap, embedder, asked)
    if wider.found and _names(wider.text, country):
        return Swapped(replace(wider, query=question), country)
    return Swapped(reply)


def _new_city(question: str, previous: str) -> PlaceMention | None:
    """The city `question` names that `previous` does not."""
    gaz = gazetteer()
    before = {p.place.name for p in gaz.find(previous) + gaz.find_lower(previous)}
    for pm in gaz.find(question) + gaz.find_lower(question):
        if pm.place.kind == "city" and pm.place.name not in before:
            return pm
    return None


def _names(text: str, place: str) -> bool:
    """Whether `text` names `place`, or a country `place` by its adjective ("Libyan")."""
    terms = set(analyze(text))
    wanted = set(analyze(place))
    if wanted and wanted <= terms:
        return True
    forms = country_forms([stem(place.lower())], terms.__contains__)
    return bool(forms)
