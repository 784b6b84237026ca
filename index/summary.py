"""Trip and document summaries, every line cited.

`summarize` finds the document a topic refers to ("the November 2023 trip", "Blinken's trip to
Panama"). A trip announcement becomes a headline with the date range, the stops in order with
their dates and whom the traveller meets there, and a few key points; any other document an
extractive summary. Places come from the GeoNames gazetteer (index/places.py), people and dates
from index/qtypes.py and index/dates.py.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

import numpy as np

from index.answer import NOT_FOUND
from index.dates import DateRange, find_dates, format_range, parse_iso
from index.embedding import Embedder
from index.places import gazetteer
from index.qtypes import PERSON, PLACE, Entity, find_entities
from index.retrieval import plan_query, query_terms, retrieve, snap_info
from index.snapshot import Snapshot
from index.types import Citation, DocInfo, Span, Summary

_TRIP_TOPIC = re.compile(r"\b(trip|travel|travels|visit|visits|journey|tour|itinerary)\b", re.I)
_TRAVEL = re.compile(
    r"\b(travel\w*|visit\w*|trip|journey\w*|voyage|tour\w*|stop\w*|arriv\w*|depart\w*|head\w* to|"
    r"fly|flies|conclud\w*|begin\w*|embark\w*|proceed\w*|will be in|while in)\b",
    re.I,
)
# How a stop is introduced: right after a travel word ("travel to", "visits to", "journey in"),
# at the head of a sentence ("In Fiji on February 12, ..."), or continuing a list of stops.
_AFTER_TRAVEL = re.compile(
    r"\b(?:travel\w*|visit\w*|trip|journey\w*|voyage|tour\w*|stop\w*|arriv\w*|depart\w*|"
    r"head\w*|fly|flies|conclud\w*|begin\w*|embark\w*|proceed\w*|be|while)"
    r"(?:\s+(?:\w+\s+){0,2}?(?:to|in|at|for)|\s+(?:on|with)\s+\w+\s+(?:to|in)|)\s+(?:the\s+)?$",
    re.I,
)
_SENTENCE_HEAD = re.compile(
    r"^\W*(?:(?:Then|Next|Finally|Lastly|Also|Subsequently),?\s+)?(?:(?:While|Once|When)\s+)?"
    r"(?:In|From|At|Arriving\s+in|After\s+\w+\s+in)\s+(?:the\s+)?$",
    re.I,
)
_LIST_GAP = re.compile(r"^(?:\s*\([A-Z]{2,5}\))?\s*(?:,|,?\s+and|,?\s+then)\s+(?:the\s+)?$")
_RETURN = re.compile(r"\breturn\w*\s+(?:home\s+)?to\s+$", re.I)
_MEETING = re.compile(
    r"\b(meet\w*|met|confer\w*|talks?|engage\w*|host\w*|discuss\w*|dialogue|bilateral|"
    r"consultations?|call|greet\w*|see|sees)\b",
    re.I,
)
_COMPANION = re.compile(
    r"\b(alongside|accompanied by|joined by|together with|will join|join(?:s|ed)?)\b", re.I
)
_PURPOSE = re.compile(
    r"\b(discuss\w*|emphasi[sz]\w*|reaffirm\w*|highlight\w*|underscor\w*|aim\w*|focus\w*|"
    r"priorit\w*|commit\w*|support\w*|advance\w*|strengthen\w*|cooperat\w*|promot\w*)\b",
    re.I,
)
MIN_TOPIC_COVERAGE = 0.5
_GENERIC_TOPIC = frozenset(
    query_terms("summary summarize summarise article document trip travel visit")
)


@dataclass
class _Stop:
    key: str  # city name, or the country code while only the country is known
    country: str
    name: str  # as written in the text ("New Delhi")
    first: int  # position of the first mention
    sentences: list[int] = field(default_factory=list)  # indexes into the sentence list
    dates: list[DateRange] = field(default_factory=list)
    date_sentence: int | None = None


@dataclass(frozen=True)
class _Sent:
    start: int
    end: int
    text: str
    chunk_id: int
    entities: tuple[Entity, ...]


def summarize(snap: Snapshot, embedder: Embedder, topic: str) -> Summary:
    """Summarise the trip or document `topic` refers to.

    Args:
        snap: the index snapshot.
        embedder: embeds the topic to find the document.
        topic: free text such as "the November 2023 trip" or "Blinken's trip to Panama".

    Returns:
        A Summary whose `summary` has one cited line per point (`kind` "trip" or "document"),
        or `found=False` when no document matches.
    """
    t0 = time.perf_counter()
    doc_id = find_document(snap, embedder, topic)
    if doc_id is None:
        return Summary(topic, NOT_FOUND, False, [], [], (time.perf_counter() - t0) * 1000)
    sentences = _sentences(snap, doc_id)
    if not sentences:
        return Summary(topic, NOT_FOUND, False, [], [], (time.perf_counter() - t0) * 1000)
    trip = (
        _itinerary(snap, doc_id, sentences)
        if _TRIP_TOPIC.search(topic) or _is_trip(snap.docs[doc_id])
        else None
    )
    if trip:
        lines, kind = _trip_lines(snap, doc_id, sentences, trip), "trip"
    else:
        lines, kind = _document_lines(snap, doc_id, sentences), "document"
    if not lines:
        return Summary(topic, NOT_FOUND, False, [], [], (time.perf_counter() - t0) * 1000)
    text, citations, highlights = _render(snap, doc_id, sentences, lines)
    return Summary(
        topic=topic,
        summary=text,
        found=True,
        citations=citations,
        highlights=highlights,
        latency_ms=(time.perf_counter() - t0) * 1000,
        kind=kind,
    )


def find_document(snap: Snapshot, embedder: Embedder, topic: str) -> str | None:
    """The document a topic refers to: best retrieved, preferring trip documents for trips."""
    plan = plan_query(snap, embedder, topic)
    cands = retrieve(snap, plan)
    if not cands:
        return None
    wants_trip = bool(_TRIP_TOPIC.search(topic))
    places = {p.place.country for p in gazetteer().find_lower(topic)}
    places |= {p.place.country for p in gazetteer().find(topic)}
    topic_terms = set(plan.terms) - _GENERIC_TOPIC
    score: dict[str, float] = {}
    for c in cands[:30]:
        doc = snap.docs[c.doc_id]
        s = c.score
        if wants_trip and _is_trip(doc):
            s += 0.5
        if topic_terms:
            meta = set(query_terms(f"{doc.title} {doc.source or ''} {doc.path}"))
            s += len(topic_terms & meta) / len(topic_terms)  # it names the title or source
        if places:
            title_places = {p.place.country for p in gazetteer().find(doc.title)}
            s += 0.3 * len(places & title_places) / len(places)
        score[c.doc_id] = max(score.get(c.doc_id, -1e9), s)
    wanted = (topic_terms | set(plan.unknown)) - _GENERIC_TOPIC
    for doc_id in sorted(score, key=lambda d: -score[d])[:5]:
        doc = snap.docs[doc_id]
        have = set(query_terms(f"{doc.title} {doc.source or ''} {snap.text(doc_id)}"))
        # The topic's own words must mostly be in the document: a summary of the nearest
        # unrelated document would be a confident wrong answer.
        if not wanted or len(wanted & have) >= MIN_TOPIC_COVERAGE * len(wanted):
            return doc_id
    return None


def _is_trip(doc: DocInfo) -> bool:
    return bool(_TRIP_TOPIC.search(doc.title)) or "travel" in doc.path.lower()


def _sentences(snap: Snapshot, doc_id: str) -> list[_Sent]:
    """Every sentence of a document once, in order, with its entities."""
    text = snap.text(doc_id)
    ref = snap_info(snap).dates.get(doc_id)
    seen: set[tuple[int, int]] = set()
    out: list[_Sent] = []
    for cid in snap.chunks_of(doc_id):
        for s, e in snap.chunks[cid].sentences:
            if (s, e) in seen:
                continue
            seen.add((s, e))
            body = text[s:e]
            out.append(_Sent(s, e, body, cid, tuple(find_entities(body, ref))))
    out.sort(key=lambda x: x.start)
    return out


def _itinerary(snap: Snapshot, doc_id: str, sents: list[_Sent]) -> list[_Stop]:
    """The stops of a trip in order of first mention, with their sentences and dates."""
    stops: dict[str, _Stop] = {}
    order: list[str] = []
    ref = snap_info(snap).dates.get(doc_id)
    current: str | None = None
    for i, sent in enumerate(sents):
        if sent.text.rstrip().endswith("?") or not _TRAVEL.search(sent.text):
            here = [k for k in _mentioned(sent, stops)]
            current = here[0] if len(here) == 1 else current if not here else None
            if current is not None:
                stops[current].sentences.append(i)
            continue
        found: list[str] = []
        last_end: int | None = None
        for ent in sent.entities:
            if ent.kind != PLACE:
                continue
            before = sent.text[max(0, ent.start - 40) : ent.start]
            continues = last_end is not None and _LIST_GAP.match(sent.text[last_end : ent.start])
            introduced = _AFTER_TRAVEL.search(before) or _SENTENCE_HEAD.match(
                sent.text[: ent.start]
            )
            if _RETURN.search(before) or not (continues or introduced):
                continue
            last_end = ent.end
            place = gazetteer().lookup(ent.text)
            if place is None or (place.country == "US" and place.kind != "city"):
                continue
            key = _stop_key(stops, place.kind, place.country, ent.text)
            if key not in stops:
                stops[key] = _Stop(key, place.country, ent.text, sent.start + ent.start)
                order.append(key)
            elif place.kind == "city" and stops[key].key == place.country:
                stops[key].name = ent.text  # a city names the stop better than its country
            found.append(key)
        found = list(dict.fromkeys(found + _mentioned(sent, stops)))
        for key in found:
            stops[key].sentences.append(i)
        current = found[0] if len(found) == 1 else None
        if len(found) == 1:
            _add_dates(stops[found[0]], sent, ref, i)
    listed = [stops[k] for k in order]
    if sum(1 for st in listed if st.dates) >= 2:
        # Stops with dates go in date order; an undated one keeps its place after its predecessor.
        keyed, last = [], None
        for n, st in enumerate(listed):
            last = st.dates[0].start if st.dates else last
            keyed.append(((last.toordinal() if last else 0), n, st))
        listed = [st for _, _, st in sorted(keyed, key=lambda x: (x[0], x[1]))]
    return listed


def _stop_key(stops: dict[str, _Stop], kind: str, country: str, name: str) -> str:
    """Merge a country with a city of it already listed, and vice versa."""
    for key, stop in stops.items():
        if stop.country == country and (kind == "country" or stop.key == country):
            return key
    return country if kind == "country" else name


def _mentioned(sent: _Sent, stops: dict[str, _Stop]) -> list[str]:
    """Stops a sentence names, by city or by country."""
    out = []
    for ent in sent.entities:
        if ent.kind != PLACE:
            continue
        place = gazetteer().lookup(ent.text)
        for key, stop in stops.items():
            if ent.text == stop.name or (place is not None and place.country == stop.country):
                out.append(key)
    return list(dict.fromkeys(out))


def _add_dates(stop: _Stop, sent: _Sent, ref, index: int) -> None:
    for m in find_dates(sent.text, ref):
        if m.exact_day and not stop.dates:
            stop.dates.append(m.range)
            stop.date_sentence = index


def _trip_range(sents: list[_Sent], ref) -> tuple[DateRange | None, int | None]:
    """The trip's overall dates: the longest day range a travel sentence gives."""
    best: tuple[int, DateRange, int] | None = None
    for i, sent in enumerate(sents):
        if not _TRAVEL.search(sent.text):
            continue
        for m in find_dates(sent.text, ref):
            if not m.exact_day:
                continue
            days = (m.range.end - m.range.start).days
            if best is None or days > best[0]:
                best = (days, m.range, i)
    return (best[1], best[2]) if best else (None, None)


@dataclass(frozen=True)
class _Line:
    text: str
    cite: tuple[int, ...]  # sentence indexes cited, in order
    emphasis: tuple[str, ...] = ()  # words in `text` to highlight


def _trip_lines(snap: Snapshot, doc_id: str, sents: list[_Sent], stops: list[_Stop]) -> list[_Line]:
    doc = snap.docs[doc_id]
    ref = snap_info(snap).dates.get(doc_id)
    rng, rng_sent = _trip_range(sents, ref)
    for stop in stops:  # the headline spans every dated stop too
        for d in stop.dates:
            rng = d if rng is None else DateRange(min(rng.start, d.start), max(rng.end, d.end))
    when = format_range(rng) if rng else (doc.date or "undated")
    route = " → ".join(s.name for s in stops)
    first_cite = rng_sent if rng_sent is not None else (stops[0].sentences or [0])[0]
    lines = [_Line(f"{doc.title}: {route}, {when}", (first_cite,), (when,))]
    used = {first_cite}
    travellers = _travellers(doc.title, sents)
    for n, stop in enumerate(stops, 1):
        stop_when = format_range(stop.dates[0]) if stop.dates else (f"during {when}" if rng else "")
        people, people_sents = _people_met(sents, stop, travellers)
        country = gazetteer().country_name(stop.country)
        label = stop.name if stop.name == country else f"{stop.name}, {country}"
        text = f"{n}. {label}" + (f" ({stop_when})" if stop_when else "")
        text += f": meets {', '.join(people)}" if people else ""
        cites = list(
            dict.fromkeys(
                ([stop.date_sentence] if stop.date_sentence is not None else []) + people_sents
            )
        )
        if not cites:
            cites = stop.sentences[:1]
        used.update(cites)
        emph = tuple(people) + ((stop.name,) if stop.name else ())
        lines.append(_Line(text, tuple(sorted(cites)) or (first_cite,), emph))
    for i in _key_points(snap, doc_id, sents, used, 2, 3):
        lines.append(_Line("Key point: " + sents[i].text, (i,)))
    return lines


def _travellers(title: str, sents: list[_Sent]) -> set[str]:
    """Names of whoever travels: in the title ("Secretary Blinken’s Travel to ...") and before
    the travel verb of the first travel sentence ("Secretary ... Blinken will travel to")."""
    names = {
        m.group(1)
        for m in re.finditer(r"\b([A-Z][a-z]+)(?:’s|'s)?\s+(?:travel|trip|visit)", title, re.I)
    }
    for sent in sents:
        verb = _TRAVEL.search(sent.text)
        if verb is None:
            continue
        for ent in sent.entities:
            if ent.kind == PERSON and ent.end <= verb.start():
                names.update(ent.text.split())
        break
    return {n for n in names if n[:1].isupper() and len(n) > 2}


def _people_met(
    sents: list[_Sent], stop: _Stop, travellers: set[str]
) -> tuple[list[str], list[int]]:
    people: list[str] = []
    where: list[int] = []
    for i in stop.sentences:
        sent = sents[i]
        if not _MEETING.search(sent.text):
            continue
        found = False
        for ent in sent.entities:
            if ent.kind != PERSON or any(t in ent.text.split() for t in travellers):
                continue
            if _COMPANION.search(sent.text[max(0, ent.start - 60) : ent.start]):
                continue
            name = _with_title(sent.text, ent)
            if name not in people and not any(ent.text in p for p in people):
                people.append(name)
                found = True
        if found:
            where.append(i)
    return people, where


_TITLE_BEFORE = re.compile(
    r"((?:[A-Z][\w’'-]*\s+){0,4}?(?:President|Minister|Secretary|Advis[oe]r|Ambassador|King|Queen|"
    r"Prince|Emir|Chancellor|Premier|Governor|Mayor|Chairman|Director|Commander|Leader)"
    r"(?:\s+(?:of|for)\s+(?:[A-Z][\w-]*\s*){1,3})?)\s+$"
)


def _with_title(text: str, ent: Entity) -> str:
    """'Foreign Minister Park Jin' rather than 'Park Jin' when the title is right before it."""
    m = _TITLE_BEFORE.search(text[max(0, ent.start - 80) : ent.start])
    if m:
        title = m.group(1).strip()
        title = re.sub(r"^(?:and|with|the|by)\s+", "", title, flags=re.I)
        return f"{title} {ent.text}"
    return ent.text


def _key_points(
    snap: Snapshot, doc_id: str, sents: list[_Sent], used: set[int], low: int, high: int
) -> list[int]:
    """Central sentences not used yet, preferring ones that state a purpose; document order."""
    scores = _centrality(snap, doc_id, sents)
    ranked = []
    for i, sent in enumerate(sents):
        if i in used or not _usable(sent.text):
            continue
        bonus = 0.1 if _PURPOSE.search(sent.text) else 0.0
        ranked.append((scores[i] + bonus, i))
    ranked.sort(reverse=True)
    take = [i for _, i in ranked[:high]]
    return sorted(take[: max(low, len(take))])


def _usable(text: str) -> bool:
    t = text.strip()
    return len(t) > 40 and not t.endswith("?") and "http" not in t and not t.startswith("–")


def _centrality(snap: Snapshot, doc_id: str, sents: list[_Sent]) -> np.ndarray:
    """Cosine of each sentence with the document's mean sentence vector (no embedding needed)."""
    vecs: dict[tuple[int, int], np.ndarray] = {}
    for cid in snap.chunks_of(doc_id):
        mat = snap.sentence_vectors(cid)
        for span, v in zip(snap.chunks[cid].sentences, mat, strict=True):
            vecs.setdefault(span, v)
    dim = snap.dim
    m = np.vstack([vecs.get((s.start, s.end), np.zeros(dim, np.float32)) for s in sents])
    centroid = m.mean(axis=0)
    norm = float(np.linalg.norm(centroid)) or 1.0
    return m @ (centroid / norm)


def document_sentences(snap: Snapshot, doc_id: str, count: int) -> list[int]:
    """Indexes (document order) of the `count` sentences an extractive summary keeps.

    Each sentence scores its cosine with the document centroid plus a lead bonus that fades
    over the first sentences: news and press releases put their substance first.
    """
    sents = _sentences(snap, doc_id)
    scores = _centrality(snap, doc_id, sents)
    ranked = []
    for i, sent in enumerate(sents):
        if not _usable(sent.text):
            continue
        ranked.append((float(scores[i]) + LEAD_BONUS / (1 + i), i))
    ranked.sort(reverse=True)
    return sorted(i for _, i in ranked[:count])


LEAD_BONUS = 0.3
SUMMARY_SENTENCES = 4


def _document_lines(snap: Snapshot, doc_id: str, sents: list[_Sent]) -> list[_Line]:
    doc = snap.docs[doc_id]
    published = parse_iso(doc.date)
    when = f" ({format_range(DateRange(published, published))})" if published else ""
    picks = document_sentences(snap, doc_id, SUMMARY_SENTENCES)
    if not picks:
        return []
    lines = [_Line(f"{doc.title}{when}", (picks[0],), ())]
    lines.extend(_Line("- " + sents[i].text, (i,)) for i in picks)
    return lines


def _render(
    snap: Snapshot, doc_id: str, sents: list[_Sent], lines: list[_Line]
) -> tuple[str, list[Citation], list[Span]]:
    doc = snap.docs[doc_id]
    out: list[str] = []
    citations: list[Citation] = []
    number: dict[int, int] = {}
    highlights: list[Span] = []
    pos = 0
    for line in lines:
        markers = []
        for i in line.cite:
            if i not in number:
                number[i] = len(citations) + 1
                sent = sents[i]
                rec = snap.chunks[sent.chunk_id]
                citations.append(
                    Citation(
                        n=number[i],
                        doc_id=doc.doc_id,
                        path=doc.path,
                        title=doc.title,
                        date=doc.date,
                        source=doc.source,
                        url=doc.url,
                        passage=snap.chunk_text(sent.chunk_id),
                        start=sent.start,
                        end=sent.end,
                        score=1.0,
                        passage_start=rec.start,
                        passage_end=rec.end,
                    )
                )
            markers.append(f"[{number[i]}]")
        text = line.text + " " + "".join(markers)
        for word in line.emphasis:
            k = text.find(word)
            if word and k >= 0:
                highlights.append((pos + k, pos + k + len(word)))
        out.append(text)
        pos += len(text) + 1
    return "\n".join(out), citations, sorted(highlights)
