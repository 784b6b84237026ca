"""Complete answers: the next sentence when it carries on the answer, and lines that are never
answers (a dateline: a place and a date alone).

A sentence carries on its predecessor when it opens with a discourse signal: a pronoun or
demonstrative subject ("He will also ...", "These talks ..."), "There, ...", "Together, ...",
"During the visit, ...", or a first-person subject after a sentence in the first person ("We've
made progress toward our goal. We set out to raise $670 million."). It does too when its
subject is the same as its predecessor's ("Arriving in Tokyo, the Secretary will ... . Beyond
..., Secretary Blinken will engage with ...") and it names no country its predecessor does not
(it goes on about the same place). Such a sentence often holds the names the question asks for
("Lastly, he will travel to New Delhi. Together, the delegation will engage with ...
Jaishankar").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from index.compose.next_chunks import next_sentence
from index.compose.speech import is_rhetorical
from index.query.plan import QueryPlan
from index.query.question import (
    ANSWER_KINDS,
    asks_companions,
    asks_travelling_with,
)
from index.storage.snapshot import Snapshot
from index.text.entities import NAME, PERSON, Entity, EntityKind, find_entities
from index.text.lexicon import AUXILIARY_VERBS
from index.text.lexicon.continuation import (
    CONTINUATION_OPENERS,
    FIRST_PERSON_OPENERS,
    FIRST_PERSON_WORDS,
    OCCASION_DETERMINERS,
    OCCASION_NOUNS,
)
from index.text.lexicon.people import OFFICE_TITLES, RANK_TITLES
from index.text.lexicon.travel import COMPANION_VERBS
from index.text.patterns import (
    COMPANION,
    MEETING,
    TITLED_GROUP,
    WHITESPACE,
    after_locative,
    alternation,
)
from index.text.places import gazetteer
from index.text.tokens import stem, term_set

if TYPE_CHECKING:
    from index.compose.sentences import Sentence

# A sentence's subject: after an opening phrase ending in a comma, the words before its verb.
_SUBJECT = re.compile(
    rf"^\W*(?:[^,]{{0,120}},\s+)?(?P<subject>(?:[\w.’'-]+\s+){{1,10}}?)"
    rf"(?:{alternation(AUXILIARY_VERBS)}|also)\b"
)
_OPENS = re.compile(rf"^\W*(?:{alternation(CONTINUATION_OPENERS, space=WHITESPACE)})\b", re.I)
# "During this trip to engage with ...", "In those talks, ...": the occasion set up before
_OCCASION = re.compile(
    rf"^\W*(?:during|in|at|on)\s+(?:{alternation(OCCASION_DETERMINERS)})\s+(?:[\w-]+\s+)?"
    rf"(?:{alternation(OCCASION_NOUNS)})\b",
    re.I,
)
_OPENS_FIRST_PERSON = re.compile(rf"^\W*(?:{alternation(FIRST_PERSON_OPENERS)})\b", re.I)
_FIRST_PERSON = re.compile(rf"\b(?:{alternation(FIRST_PERSON_WORDS)})\b", re.I)
# "The delegation" also as "The U.S. delegation", "the American delegation"; and any office
# named by its title alone: "The Deputy will also meet ...", "The Ambassador ...".
_THE_NOUNS = tuple(o.split()[-1] for o in CONTINUATION_OPENERS if o.startswith("the ")) + tuple(
    t.lower() for t in (*OFFICE_TITLES, *RANK_TITLES, "Deputy")
)
_THE_NOUN = re.compile(rf"^\W*the\s+(?:[\w.-]+\s+){{0,2}}?{alternation(_THE_NOUNS)}\b", re.I)
LOOK_AHEAD = 2  # sentences after an answer sentence read for its continuation
KEEP_RATIO = 0.9  # a chosen sentence scoring this share of the best one is never displaced
MIN_CLIP = 160  # characters a clipped continuation keeps at least
LEAD_IN_WORDS = 10  # a line ending in a colon with at most this many words only leads in
# A companion phrase after a name, in the same clause: the name is whom it joins with.
_JOINS = re.compile(rf"[^.;:]{{0,80}}?\b{alternation(COMPANION_VERBS)}\b")
# Words listing a delegation's members ("The delegation is comprised of ...").
_MEMBERS = re.compile(r"\b(?:delegation|includ\w*|comprised|consist\w*)\b", re.I)
# A name joined by "and" to the one before or after it, as one subject: "Blinken and Austin".
_AND_BEFORE = re.compile(
    r"(?P<name>[A-Z][\w’'-]+)\s+and\s+(?:(?:[A-Z][\w’'.-]*|of|the|for)\s+){0,5}$"
)  # "Blinken and Secretary of Defense Lloyd Austin"
_AND_AFTER = re.compile(r"\s+and\s+(?P<name>[A-Z][\w’'-]+)\b")
_OPENING = re.compile(r"[^,.;:]{1,80}(?=,)")  # a sentence's opening phrase, up to its comma
_SET_IN = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.I)  # where a sentence is set
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")
_ANY_WORD = re.compile(r"\b\w+\b")
_LINK = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")  # or an email
_WORD = re.compile(r"[^\W\d_]{2,}")


__all__ = [
    "carries_on",
    "complete",
    "is_dateline",
    "is_lead_in",
    "same_subject",
]


def carries_on(text: str, previous: str = "") -> bool:
    """Whether a sentence opens with a signal that it continues the one before: "We ..."
    only after a sentence in the first person (`previous`), the same speaker going on."""
    if _OPENS.match(text) or _THE_NOUN.match(text) or _OCCASION.match(text):
        return True
    return bool(_OPENS_FIRST_PERSON.match(text) and _FIRST_PERSON.search(previous))


def same_subject(previous: str, text: str) -> bool:
    """Whether `text` goes on about its predecessor's subject: both subjects share a capitalised
    word ("the Secretary" / "Secretary Blinken"), and `text` names no country `previous` does
    not."""
    a, b = _SUBJECT.match(previous), _SUBJECT.match(text)
    if a is None or b is None:
        return False
    words_a = {w for w in a.group("subject").split() if w[:1].isupper() and w.lower() != "the"}
    words_b = {w for w in b.group("subject").split() if w[:1].isupper() and w.lower() != "the"}
    if not words_a & words_b:
        return False
    gaz = gazetteer()
    before = {p.place.country for p in gaz.find(previous)}
    # Only a place it goes to or is in counts ("travel to X", "in X"), not one it merely names
    # ("the United States' commitment to the U.S.-Canada partnership").
    gone = {p.place.country for p in gaz.find(text) if after_locative(text, p.start)}
    return gone <= before


def goes_elsewhere(text: str, plan: QueryPlan) -> bool:
    """Whether `text` is set somewhere the question does not ask about: its opening phrase
    names a place after "in" or "at" ("During his time in Israel, ..." for a question about
    Amman; not "..., including instability in Haiti"), every place so named is outside the
    countries the question names, and it names none of the question's places."""
    if not plan.places or not plan.countries or plan.places & term_set(text):
        return False
    opening = _OPENING.match(text)  # where a sentence is set comes first: "In Seoul, ..."
    if opening is None:
        return False
    head = opening.group(0)
    located = [m for m in gazetteer().find(head) if _SET_IN.search(head[: m.start])]
    return bool(located) and all(m.place.country not in plan.countries for m in located)


def is_dateline(text: str) -> bool:
    """A line that is only a place and/or a date ("WASHINGTON", "Tokyo, Japan, May 3, 2022"):
    no run of ordinary lower-case words, so no statement to offer as an answer."""
    words = _ANY_WORD.findall(text)
    return len(words) <= 10 and len(_LOWER_WORD.findall(text)) < 3


def is_lead_in(text: str) -> bool:
    """A short line that ends in a colon ("The below is attributable to Spokesperson Ned
    Price:", "During her trip, Under Secretary Nuland:"): it introduces what follows and
    answers nothing. A longer one may hold the answer itself ('in his article, "A Machine to
    End War", published in 1937, Tesla stated:')."""
    return text.rstrip().endswith(":") and len(_ANY_WORD.findall(text)) <= LEAD_IN_WORDS


def never_answers(body: str) -> bool:
    """A question (an FAQ heading, a reporter's), a reference line, a dateline, or a line that
    leads in to a statement ("The below is attributable to Spokesperson Ned Price:")."""
    return (
        body.rstrip().endswith("?")
        or is_reference_line(body)
        or is_dateline(body)
        or is_lead_in(body)
    )


def is_reference_line(body: str) -> bool:
    """A link or an email address with a few words ("- G7 Summit: https://...", "Contact
    ECA-Press@state.gov for press queries."): a reference, never an answer."""
    if not _LINK.search(body):
        return False
    return len(_WORD.findall(_LINK.sub(" ", body))) < 6


def complete(
    snap: Snapshot,
    chosen: list[Sentence],
    plan: QueryPlan,
    fit: Callable[[list[Sentence]], list[Sentence]],
    max_chars: int = 700,
) -> list[Sentence]:
    """The chosen answer sentences, each followed by the next sentence of its document when
    that one carries it on and adds what was asked for.

    Args:
        snap: the snapshot the sentences come from.
        chosen: the answer's sentences, best first.
        plan: the question (its type says what a continuation must add).
        fit: trims a list of sentences to the answer's length limit, keeping the first ones.
        max_chars: that limit: a continuation holding the answer that does not fit beside the
            best sentence is clipped to its first words (the names come first: "The
            delegation is comprised of ... Eric Green, ...").

    Returns:
        The sentences with continuations right after the sentence they continue; weaker
        sentences make room for a continuation, never the best one.
    """
    kinds = ANSWER_KINDS.get(plan.qtype, {})
    taken = {(s.doc_id, s.start) for s in chosen}
    starts = _starts(chosen)
    companions = asks_companions(plan.text)
    out: list[Sentence] = []
    for i, sent in enumerate(chosen):
        out.append(sent)
        if not kinds and i > 0:
            continue  # untyped: the best sentence's continuation only
        found = _continuation(snap, sent, kinds, taken, plan, companions)
        if found is None and companions and i == 0:
            found = _companion_sentence(snap, sent, taken, plan.given)
        if found is not None:
            out.append(found)
            taken.add((found.doc_id, found.start))
    if len(out) == len(chosen):
        return chosen
    # Room for a continuation comes from the weakest sentences, never from the best one's, nor
    # from another sentence that answers nearly as well as the best one (a second document's
    # answer is worth more than a sentence that only carries the first one on).
    first = out[:2] if len(out) > 1 and (out[1].doc_id, out[1].start) not in starts else out[:1]
    if kinds and len(first) == 2 and len(fit(first)) == 1:
        clipped = _clip_to(first[1], max_chars - len(first[0].text) - 2 * 24, kinds)
        if clipped is not None:
            out[out.index(first[1])] = clipped
            first = [first[0], clipped]
    strong = [s for s in chosen[1:] if s not in first and s.score >= KEEP_RATIO * chosen[0].score]
    if strong and companions and len(first) == 2 and COMPANION.search(first[1].text):
        # "Who went with Perez?": the sentence carrying the best one on names the companion
        # ("Senior Advisor Perez was joined by ..."); the others name whom he met.
        first = first + strong
    elif strong:
        first = first[:1] + strong + first[1:]
    trimmed = fit(first + [s for s in out if s not in first])
    if not kinds and any(s not in trimmed for s in chosen):
        return chosen  # untyped: a continuation only where it fits beside the chosen sentences
    return [s for s in out if s in trimmed]


def _clip_to(sent: Sentence, room: int, kinds: dict[EntityKind, float]) -> Sentence | None:
    """The first words of `sent` up to `room` characters, cut at a comma or a space, when
    they still hold what was asked for (a person for "who"); else None."""
    if room < MIN_CLIP:
        return None
    head = sent.text[:room]
    cut = head.rfind(", ")
    cut = cut if cut > room // 2 else head.rfind(" ")
    head = head[:cut].rstrip(" ,;:–-")
    ents = tuple(e for e in sent.entities if e.end <= len(head))
    if max((kinds.get(e.kind, 0.0) for e in ents), default=0.0) < 1.0:
        return None
    return replace(sent, end=sent.start + len(head), text=head, entities=ents)


def _companion_sentence(
    snap: Snapshot, sent: Sentence, taken: set[tuple[str, int]], given: frozenset[str]
) -> Sentence | None:
    """For "Who will accompany ...?": the sentence of the best one's document that names
    someone travelling along ("Second Gentleman Douglas Emhoff will accompany the Vice
    President on the trip"), wherever it stands; an announcement says it once."""
    text = snap.text(sent.doc_id)
    ref = snap.published(sent.doc_id)
    for chunk_id in snap.chunks_of(sent.doc_id):
        for start, end in snap.chunks[chunk_id].sentences:
            body = text[start:end]
            if (sent.doc_id, start) in taken or not COMPANION.search(body):
                continue
            ents = tuple(find_entities(body, ref))
            kept = tuple(e for e in ents if not named_in(e, given))
            if any(e.kind == PERSON for e in kept):
                return _moved(sent, chunk_id, start, end, body, 1.0, kept)
    return None


def named_in(ent: Entity, given: frozenset[str]) -> bool:
    """Whether the question already names `ent`: its last word's stem is among `given`
    (`QueryPlan.given`)."""
    return stem(ent.text.split()[-1].lower()) in given


def _moved(
    sent: Sentence,
    chunk_id: int,
    start: int,
    end: int,
    text: str,
    fit: float,
    ents: tuple[Entity, ...],
) -> Sentence:
    """Another sentence of `sent`'s document, carrying `sent`'s scores."""
    return replace(
        sent, chunk_id=chunk_id, start=start, end=end, text=text, type_fit=fit, entities=ents
    )


def _continuation(
    snap: Snapshot,
    sent: Sentence,
    kinds: dict[EntityKind, float],
    taken: set[tuple[str, int]],
    plan: QueryPlan,
    companions: bool = False,
) -> Sentence | None:
    """The sentence that carries `sent` on and adds what was asked, within LOOK_AHEAD
    sentences: one that carries on without adding it ("She will be joined by ...") is read
    past, to the next one that carries on ("The U.S. delegation will meet with ..."). One that
    goes on somewhere the question does not ask about ends it (`goes_elsewhere`)."""
    given = plan.given
    with_verb = asks_travelling_with(plan.text)
    prev_text, end, chunk_id = sent.text, sent.end, sent.chunk_id
    for _ in range(LOOK_AHEAD):
        nxt = next_sentence(snap, chunk_id, end)
        if nxt is None:
            return None
        chunk_id, start, end = nxt
        body = snap.text(sent.doc_id)[start:end]
        if is_rhetorical(body):  # "What is it? It effectively opens up ...": read on
            prev_text = body
            continue
        goes_on = carries_on(body, prev_text) or same_subject(prev_text, body)
        if not goes_on:
            return None
        if (sent.doc_id, start) in taken:
            if not kinds:
                return None  # untyped: the answer already goes on; what follows adds nothing
            # Already in the answer ("Phee will be joined by ..."): read past it to the one
            # that carries on ("The U.S. delegation will meet with ...").
            prev_text = body
            continue
        if is_dateline(body) or body.rstrip().endswith("?") or goes_elsewhere(body, plan):
            return None
        ents = tuple(find_entities(body, snap.published(sent.doc_id)))
        if not companions:
            found = _answers(body, ents)
        else:  # with a verb ("who went with"), only those travelling along; else all named
            found = companions_named(body, ents, plan) if with_verb else list(ents)
        new = [e for e in found if not named_in(e, given)]
        adds = max((kinds.get(e.kind, 0.0) for e in new), default=0.0)
        if TITLED_GROUP.search(body):  # "they met with the Governors of Hadhramaut, Mahra, ..."
            adds = max(adds, kinds.get(PERSON, 0.0))
        if not kinds or adds >= 1.0:  # typed: only a continuation holding more of the answer
            kept = tuple(e for e in ents if not named_in(e, given))  # not those the question names
            return _moved(sent, chunk_id, start, end, body, adds, kept)
        prev_text = body
    return None


def _answers(body: str, ents: tuple[Entity, ...]) -> list[Entity]:
    """The entities that may answer: not the people travelling with the subject ("will be
    joined by Special Advisor ... and Major General ..."), named after a companion phrase with
    no meeting word in between."""
    return [e for e in ents if e.kind != PERSON or not _named_after(body, e, COMPANION)]


def _named_after(body: str, ent: Entity, *cues: re.Pattern[str]) -> bool:
    """Whether `ent` comes after one of `cues` ("joined by", "The delegation includes") with
    no meeting word between the last such cue and it: a person travelling along, not met."""
    last = max((m.end() for cue in cues for m in cue.finditer(body[: ent.start])), default=-1)
    return last >= 0 and not MEETING.search(body[last : ent.start])


def companions_named(body: str, ents: tuple[Entity, ...], plan: QueryPlan) -> list[Entity]:
    """The people `body` names as travelling with someone: after a companion phrase or a
    delegation's list with no meeting word in between ("alongside Secretary of Defense Lloyd
    J. Austin III", "joined by ...", "The delegation includes ..."), or joined by "and" to a
    name the question gives, not a place ("Blinken and Austin will be in Tokyo", not "Sri
    Lanka and Foreign Office Consultations")."""
    given = plan.given
    names = given - plan.places
    out = []
    for e in ents:
        if e.kind not in (PERSON, NAME) or named_in(e, given):
            continue
        if e.kind == PERSON and _named_after(body, e, COMPANION, _MEMBERS):
            out.append(e)
            continue
        joins = _JOINS.match(body, e.end)  # "Molly Phee and ... Dana Banks will join ..."
        if e.kind == PERSON and joins and not MEETING.search(joins.group(0)):
            out.append(e)
            continue
        before = _AND_BEFORE.search(body[: e.start])
        after = _AND_AFTER.match(body, e.end)
        if any(m and stem(m.group("name").lower()) in names for m in (before, after)):
            out.append(e)
    return out


def _starts(sentences: list[Sentence]) -> set[tuple[str, int]]:
    return {(s.doc_id, s.start) for s in sentences}
