"""Which sentence leads an answer, when the best-scored one does not hold what was asked.

The sentence sharing most of the question's words is often the one that sets the scene: for
"Where will she go after Maputo?" the one about Maputo, for "Why is she going?" the one that
says she is going, for "Who did he meet?" the one naming his companions. A sentence that holds
what was asked, scoring not much less, leads instead.
"""

from __future__ import annotations

from dataclasses import replace

from index.compose.aims import aim_check, asks_agenda_of
from index.compose.besides import set_aside, tells, tells_more
from index.compose.sentences import TYPED_SENTENCES, Sentence, asks_whom_met
from index.query.plan import QueryPlan
from index.query.question import asks_travelling_with
from index.text.entities import EntityKind
from index.text.patterns import FUTURE
from index.text.places import gazetteer
from index.text.tokens import term_set

MAX_GAP = 3  # characters between two sentences that follow each other (spaces, a newline)
AIM_RATIO = 0.75  # what was asked leads over a better-scored sentence without it at this share
ORDER_RATIO = 0.6  # the sentence telling the stop after (or before) the one asked, likewise
ORDER_OTHER_RATIO = 0.5  # ... from another document, when the best one's tells no order


def lead_first(plan: QueryPlan, sentences: list[Sentence]) -> list[Sentence]:
    """`sentences` (best first), with the one that holds what was asked moved first:
    - "Where will she go after Maputo?": the sentence telling the stop after (or before) the one
      asked ("She will then travel to Windhoek"), when it scores ORDER_RATIO of the best one in
      the same document;
    - "Who did X meet?": one naming a person after a meeting word, at AIM_RATIO of the best;
    - "Who went with X?": one naming someone travelling with X, likewise;
    - a purpose question whose best sentence states no aim ("This week, X traveled to ..."): the
      sentence right after it when it states one ("During her trip, she will advance ..."), else
      one of the same document stating one at AIM_RATIO of the best;
    - an agenda question ("What will they discuss?") likewise, else a sentence of another
      document giving the agenda, at AIM_RATIO of the best;
    - a question setting aside what the best sentence tells ("Besides the SERVIR-Mekong
      project, what else ...?", "who else is she seeing besides the foreign minister?"), and
      nothing else of a kind asked: the sentence right after it, when that one tells something
      else ("She will also meet ...").
    """
    best = sentences[0]
    known = set_aside(plan)
    if known and tells(plan, known, best.text) and not tells_more(plan, known, best):
        after = following(best, sentences)
        if after is not None and not tells(plan, known, after.text):
            # It leads as the best one would, so what joins it is judged as before.
            return [replace(after, score=best.score), *(s for s in sentences if s is not after)]
    if plan.order is not None and not best.order:
        # "Where will she go after Maputo?": the best sentence is often the one about Maputo.
        for s in sentences[1:TYPED_SENTENCES]:
            if s.order and s.group == best.group and s.score >= ORDER_RATIO * best.score:
                return moved_first(s, sentences)
        # ... or, when the best one's document tells no order (a day's schedule "in Berlin"),
        # another document's sentence that does ("On May 15, he will travel to Paris").
        if not any(s.order for s in sentences if s.group == best.group):
            for s in sentences[1:]:
                if s.order and s.score >= ORDER_OTHER_RATIO * best.score:
                    return moved_first(s, sentences)
        return sentences
    if asks_whom_met(plan) and not best.met:
        # "Who did X meet in El Salvador?": "X and Deputy Administrator Coleman traveled to El
        # Salvador and met with officials" names a companion; "In a meeting with President
        # Bukele, ..." names whom he met.
        future = FUTURE.search(plan.text) is not None
        for s in sentences[1:TYPED_SENTENCES]:
            if (
                s.met
                and s.score >= AIM_RATIO * best.score
                and same_tense(s, best, future)
                and not elsewhere(plan, s)
            ):
                return moved_first(s, sentences)
        return sentences
    if asks_travelling_with(plan.text) and not best.companion:
        # "Who went with Blinken?": "Blinken will engage in talks with Prime Minister Kishida"
        # names whom he met; "... alongside Secretary of Defense Lloyd J. Austin III" answers.
        for s in sentences[1:TYPED_SENTENCES]:
            if s.companion and s.score >= AIM_RATIO * best.score:
                return moved_first(s, sentences)
        # A sentence of the best one's own document that names the traveller asked about with
        # a companion tells of the same trip, however its other words score ("Blinken and
        # Secretary of Defense Lloyd Austin will visit Japan and South Korea" for "Who went
        # with Blinken to Seoul?", whose best sentence says "the US officials").
        travellers = plan.names - plan.places
        for s in sentences[1:TYPED_SENTENCES]:
            if s.companion and s.group == best.group and travellers & term_set(s.text):
                return moved_first(s, sentences)
        return sentences
    aim = aim_check(plan.text)
    if best.type_fit > 0 or aim is None:
        return sentences
    after = following(best, sentences)
    if after is not None and aim(after.text):  # "X will travel to A. During her
        return moved_first(after, sentences)  # trip, she will advance"
    fits = [
        s
        for s in sentences[1:TYPED_SENTENCES]
        if s.type_fit > 0 and s.score >= AIM_RATIO * best.score
    ]
    lead = next((s for s in fits if s.group == best.group), None)
    if lead is None and asks_agenda_of(aim):  # "What will they discuss?", and the best
        # sentence's document does not say ("The meetings follow their call in October"):
        # another one that does
        lead = next(iter(fits), None)
    return sentences if lead is None else moved_first(lead, sentences)


def near_first(best: Sentence, near: list[Sentence]) -> list[Sentence]:
    """`near` with the best document's sentences in the order chosen and each other
    document's sentence moved before the first of them holding less of what was asked, or
    scoring lower and holding no more (one taken for holding it stays: "Atul Keshap led the
    U.S. delegation")."""
    out = [s for s in near if s.group == best.group]
    for s in (s for s in near if s.group != best.group):
        at = next(
            (
                i
                for i, x in enumerate(out)
                if x.group == best.group
                and (x.score < s.score and x.type_fit <= s.type_fit or x.type_fit < s.type_fit)
            ),
            None,
        )
        out.insert(len(out) if at is None else at, s)
    return out


def moved_first(lead: Sentence, sentences: list[Sentence]) -> list[Sentence]:
    """`sentences` with `lead`, one of them, first and the others in their order."""
    return [lead, *(x for x in sentences if x is not lead)]


def elsewhere(plan: QueryPlan, sent: Sentence) -> bool:
    """Whether `sent` is about a city the question does not ask about, and names none it asks
    about: "In Seoul, he will meet with Foreign Minister Park" does not say whom he meets in
    Tokyo."""
    if not plan.places:
        return False
    terms = term_set(sent.text)
    if plan.places & terms:
        return False
    gaz = gazetteer()
    for ent in sent.entities:
        place = gaz.lookup(ent.text) if ent.kind == EntityKind.PLACE else None
        if place is not None and place.kind == "city":
            return True
    return False


def same_tense(sent: Sentence, best: Sentence, future: bool) -> bool:
    """Whether `sent` may lead over `best` for a question asked in the `future` or not: "Who
    will Chollet meet in Kyiv?" is answered by the announcement ("In Kyiv, he will meet ..."),
    not by another document's readout of the trip ("Chollet met with Prime Minister ...").
    A sentence of the best one's document, or one in the future itself, may."""
    return not future or sent.group == best.group or FUTURE.search(sent.text) is not None


def following(sent: Sentence, sentences: list[Sentence]) -> Sentence | None:
    """The scored sentence that comes right after `sent` in its document, if any."""
    after = [s for s in sentences if s.doc_id == sent.doc_id and s.start >= sent.end]
    nearest = min(after, key=lambda s: s.start, default=None)
    if nearest is None or nearest.start - sent.end > MAX_GAP:
        return None
    return nearest
