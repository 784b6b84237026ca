"""Speech in a transcript: whose words a sentence is, and how surely it answers.

A press availability or a briefing is a transcript: its lines open with the speaker's name in
capitals ("FOREIGN MINISTER RINKĒVIČS:", "QUESTION:"), and each label starts a turn that runs
to the next one. Its sentences are spoken, in the first and second person ("When we met last
time in December ..."), and share the question's names without saying who did what: "Which
Latvian officials did Blinken meet in Riga?" is answered by the announcement "... to meet with
President Egils Levits, Prime Minister ...", not by the foreign minister welcoming "my American
colleague". A sentence of a transcript that opens with a speaker's name or speaks in the first
or second person counts as speech, a weaker answer than a written report.

But speech is its speaker's (`read_turns`): "I" in a turn of "SECRETARY BLINKEN:" is Blinken,
and "What did Maas say about ...?" (index/query/quoted.py) is answered by Maas's own turns,
not by a reporter's question in the same words. A reporter's statement that matches a
question leads to the next speaker's turn, which answers it (`answered_in_turn`). An answer or
a summary shows a sentence after its turn's label when the speaker changes (`speaker_prefix`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from index.compose.analysed import analysed
from index.compose.next_chunks import with_wanted_chunks
from index.query.demonyms import country_forms
from index.query.plan import QueryPlan
from index.query.retrieve import Candidate
from index.storage.snapshot import Snapshot
from index.text.lexicon import (
    PORTFOLIO_WORDS,
    REPORTER_LABELS,
    TITLE_MODIFIERS,
    TITLES_BEFORE_NAME,
)
from index.text.lexicon.travel import STATEMENT_TITLE_WORDS
from index.text.patterns import QUOTE_ATTRIBUTION, STATEMENT_TITLE, alternation
from index.text.tokens import analyze

if TYPE_CHECKING:
    from index.compose.sentences import Sentence

# A speaker's label: a line opening with up to 60 characters before a colon, all in capitals.
_LABEL = re.compile(r"^[ \t]*([^\n:]{2,60}):", re.M)
# First and second person pronouns, as words ("US" in capitals is the country).
_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Ww]e|[Uu]s|[Oo]ur|[Yy]ou|[Yy]our)\b")
# A first name written before a label's surname in the document ("Rajnath Singh" for "MINISTER
# SINGH:"): a question may name the speaker by it.
_FIRST_NAME = re.compile(r"\b([A-Z][a-z]+)\s+$")
FIRST_NAME_CHARS = 30  # read back this far from a surname for the first name before it
_TITLE_TERMS = frozenset(
    t for w in (*TITLES_BEFORE_NAME, *TITLE_MODIFIERS, *PORTFOLIO_WORDS) for t in analyze(w)
)
TITLE_NAME_REACH = 5  # words after a speaker's description in a title that may name them
MIN_LABELS = 2  # speaker labels that make a document a transcript
RHETORICAL_WORDS = 6  # "What does that mean in practice?": a speaker's question this long
HEAD_CHARS = 5000  # a transcript's first speakers come early: only its head is read
SPEAKER_CHUNKS = 3  # further chunks read that lie in a turn of the speaker asked about
SPEAKER_POOL = 30  # ... from the candidates ranked this high
V = TypeVar("V")


class Turn(NamedTuple):
    """A speaker's turn in a transcript: where its label starts, the label as written, and the
    label's terms."""

    start: int
    label: str
    terms: frozenset[str]


class Turns(NamedTuple):
    """A transcript's speaker turns, in order, and where each starts (for lookups)."""

    turns: tuple[Turn, ...]
    starts: tuple[int, ...]

    def at(self, offset: int) -> int:
        """The index of the turn a document offset lies in; -1 before the first label."""
        return bisect.bisect_right(self.starts, offset) - 1


def is_transcript_document(snap: Snapshot, doc_id: str) -> bool:
    """Whether the document `doc_id` is a transcript (`has_speakers`), read once per
    snapshot."""
    return analysed(snap).per_document(
        "transcript", doc_id, lambda: has_speakers(snap.text(doc_id))
    )


def has_speakers(text: str) -> bool:
    """Whether a document's text is a transcript or a speech: at least MIN_LABELS speaker
    labels, or one that names a speaker in two words or more ("SECRETARY BLINKEN:"; a lone
    "NOTE:" is not one)."""
    n = 0
    for m in _LABEL.finditer(text[:HEAD_CHARS]):
        label = m.group(1).strip()
        if label.isupper() and any(c.isalpha() for c in label):
            n += 1
            if n >= MIN_LABELS or len(label.split()) >= 2:
                return True
    return False


def is_spoken(sentence: str) -> bool:
    """Whether a sentence of a transcript is speech: it opens with a speaker's label, or speaks
    in the first or second person."""
    return opens_with_label(sentence) or bool(_PERSON.search(sentence))


def opens_with_label(sentence: str) -> bool:
    """Whether a sentence of a transcript opens with a speaker's label ("SECRETARY BLINKEN:")."""
    m = _LABEL.match(sentence)
    return m is not None and m.group(1).isupper()


def is_rhetorical(sentence: str) -> bool:
    """A speaker's short question that the next sentence answers ("What is it?", "Why does
    this matter?"), not a reporter's (which opens with its speaker's label)."""
    t = sentence.strip()
    return t.endswith("?") and len(t.split()) <= RHETORICAL_WORDS and not opens_with_label(t)


def speaker_turns(snap: Snapshot, doc_id: str) -> Turns:
    """The speaker turns of the transcript `doc_id` (`turns`), read once per snapshot."""
    return analysed(snap).per_document("turns", doc_id, lambda: turns(snap.text(doc_id)))


def turns(text: str) -> Turns:
    """The speaker turns of a transcript's `text`: each label's offset, text and terms. A turn
    runs to the next label, over lines that have none."""
    found = [
        (m.start(), label)
        for m in _LABEL.finditer(text)
        if (label := m.group(1).strip()).isupper() and any(c.isalpha() for c in label)
    ]
    terms = {label: frozenset(analyze(label)) for label in {label for _, label in found}}
    out = tuple(Turn(at, label, terms[label]) for at, label in found)
    return Turns(out, tuple(t.start for t in out))


def first_names(text: str, labels: set[str]) -> dict[str, frozenset[str]]:
    """The terms of the first names `text` writes before each label's surname ("Rajnath" of
    "Rajnath Singh" for "MINISTER SINGH"): a question may name the speaker by them."""
    surnames = {label: label.split()[-1].title() for label in labels}
    firsts: dict[str, set[str]] = {name: set() for name in surnames.values()}
    if firsts:
        for m in re.finditer(rf"\b{alternation(firsts)}\b", text):  # rarer than capitals
            before = _FIRST_NAME.search(text, max(0, m.start() - FIRST_NAME_CHARS), m.start())
            if before is not None:
                found = analyze(before.group(1))
                firsts[m.group(0)].update(t for t in found if t not in _TITLE_TERMS)
    return {label: frozenset(firsts[name]) for label, name in surnames.items()}


def said_by(snap: Snapshot, doc_id: str, speaker: frozenset[str]) -> Callable[[int], bool] | None:
    """Whether the sentence at a document offset of the transcript `doc_id` is in a turn of
    `speaker` (a question's terms for whose words it asks: index/query/quoted.py); None when
    `speaker` has no turn in it.

    A label is the speaker's when it holds one of the speaker's name terms ("maas" of "Heiko
    Maas" in "FOREIGN MINISTER MAAS"), or the document writes one before its surname
    (`first_names`); a speaker named by title alone ("the foreign minister") must have all its
    terms in the label."""
    found = speaker_turns(snap, doc_id)
    names = speaker - _TITLE_TERMS
    if names:
        firsts = analysed(snap).per_document(
            "first names",
            doc_id,
            lambda: first_names(snap.text(doc_id), {t.label for t in found.turns}),
        )
        theirs = [bool(names & (t.terms | firsts[t.label])) for t in found.turns]
        if not any(theirs):  # "the Swedish foreign minister": the title names them
            # ... also by the country's name: "Congolese" of "Democratic Republic of Congo"
            forms = frozenset(country_forms(names, snap.has_term).values())
            titled = named_in_title(snap.docs[doc_id].title, names | forms, speaker - names)
            theirs = [bool(titled & t.terms) for t in found.turns]
    else:
        theirs = [speaker <= t.terms for t in found.turns]
    return _per_turn(found, theirs, False) if any(theirs) else None


def quoted_by(text: str, speaker: frozenset[str]) -> bool:
    """Whether a sentence of a written release closes a quotation it attributes to `speaker`
    ("... our energy security,” said Latvian Minister of Economics Janis Vitenbergs" for "what
    did the Latvian economy minister say?"): the attribution after the closing mark holds one
    of the speaker's name terms, or all its terms if it is named by title alone."""
    closing = QUOTE_ATTRIBUTION.search(text)
    if closing is None:
        return False
    said = frozenset(analyze(text[closing.start() :]))
    names = speaker - _TITLE_TERMS
    return bool(names & said) if names else speaker <= said


def named_in_title(
    title: str, words: frozenset[str], described: frozenset[str] = frozenset()
) -> frozenset[str]:
    """The name terms of whom a transcript's title describes by `words` and the title terms
    `described` ("swedish", and "foreign", "minist", in "... and Swedish Foreign Minister Ann
    Linde Before Their Meeting": "ann", "lind"): the terms of the TITLE_NAME_REACH words after
    one of `words`, titles left out, when those words hold all of `described`."""
    terms = analyze(title)
    out: set[str] = set()
    for i, term in enumerate(terms):
        after = terms[i + 1 : i + 1 + TITLE_NAME_REACH]
        if term in words and described <= set(after):
            out.update(t for t in after if t not in _TITLE_TERMS)
    return frozenset(out - words)


def read_turns(
    snap: Snapshot, doc_id: str, plan: QueryPlan
) -> Callable[[int], tuple[frozenset[str], bool | None]] | None:
    """How `plan` reads the sentence at a document offset of the transcript `doc_id`: the
    question's terms it counts as naming, and whether it is the asked speaker's own words
    (None: another speaker's, which do not answer); None when no turn concerns the question.

    - "What did Maas say ...?" (`QueryPlan.speaker`): where Maas has a turn, his sentences
      name him and are what is asked for, and the others' ("You've said that ...", a
      reporter's question) are not read.
    - Any other question: a sentence is named by whoever of the question's people speaks it
      ("I shared letters from President Biden" by "SECRETARY BLINKEN:" is about Blinken).
    """
    if plan.speaker:
        said = said_by(snap, doc_id, plan.speaker)
        if said is not None:
            own = plan.in_own_words
            return lambda at: (own, True) if said(at) else (frozenset(), None)
    people = plan.names - plan.places
    if not people:
        return None
    found = speaker_turns(snap, doc_id)
    named = [people & t.terms for t in found.turns]
    if not any(named):
        return None
    voice = _per_turn(found, named, frozenset())
    return lambda at: (voice(at), False)


def speaker_at(snap: Snapshot, doc_id: str, offset: int) -> str | None:
    """The label of the turn the document offset of the transcript `doc_id` lies in
    ("FOREIGN MINISTER DE MAIO"), or None before the first label or in no transcript."""
    if not is_transcript_document(snap, doc_id):
        return None
    found = speaker_turns(snap, doc_id)
    i = found.at(offset)
    return found.turns[i].label if i >= 0 else None


def speaker_prefix(
    snap: Snapshot, doc_id: str, start: int, text: str, speaker: str | None
) -> tuple[str, str | None]:
    """What a shown sentence of `doc_id` (at document offset `start`) opens with, and its
    speaker: the label of its turn ("FOREIGN MINISTER DE MAIO: "), when it is a transcript's
    and its speaker is not `speaker`, the speaker of the sentence shown before it; nothing when
    the sentence opens with its label itself."""
    label = speaker_at(snap, doc_id, start)
    if label is None or label == speaker or opens_with_label(text):
        return "", label
    return f"{label}: ", label


def answered_in_turn(snap: Snapshot, sentences: list[Sentence]) -> list[Sentence]:
    """`sentences` (best first) with each one of a reporter's turn ("QUESTION: And on
    coronavirus, Pope Francis has assessed that ...") replaced by the best read sentence of
    the turn after it, at the better of their scores: the reporter's words say what was asked,
    the next speaker's the answer. A sentence already listed is not listed twice; a reporter's
    sentence whose answer was not read stays."""
    out: list[Sentence] = []
    shown: set[tuple[str, int]] = set()
    for sent in sentences:
        answer = _answer_to(snap, sent, sentences)
        if answer is not None:
            sent = replace(answer, score=max(answer.score, sent.score))
        if (sent.doc_id, sent.start) not in shown:
            out.append(sent)
            shown.add((sent.doc_id, sent.start))
    return out


def _answer_to(snap: Snapshot, sent: Sentence, sentences: list[Sentence]) -> Sentence | None:
    """The best of `sentences` in the turn right after `sent`'s, when `sent` is a reporter's
    and the next speaker is not; None otherwise, or when no sentence of that turn was read."""
    if not is_transcript_document(snap, sent.doc_id):
        return None
    found = speaker_turns(snap, sent.doc_id)
    i = found.at(sent.start)
    if i < 0 or found.turns[i].label not in REPORTER_LABELS or i + 1 >= len(found.turns):
        return None
    if found.turns[i + 1].label in REPORTER_LABELS:
        return None
    lo = found.starts[i + 1]
    hi = found.starts[i + 2] if i + 2 < len(found.starts) else len(snap.text(sent.doc_id))
    return next((s for s in sentences if s.doc_id == sent.doc_id and lo <= s.start < hi), None)


def _per_turn(found: Turns, values: list[V], default: V) -> Callable[[int], V]:
    """A document offset's turn's value (`default` before the first label)."""

    def at(offset: int) -> V:
        i = found.at(offset)
        return values[i] if i >= 0 else default

    return at


def with_speaker_chunks(
    snap: Snapshot, speaker: frozenset[str], cands: list[Candidate], picked: list[Candidate]
) -> list[Candidate]:
    """`picked`, and up to SPEAKER_CHUNKS more of the best candidates that lie in a transcript
    turn of `speaker`. "How big is U.S.-India trade according to Jaishankar?" is answered in
    his turn of a press conference; the other speakers' chunks of it and of its copies fill the
    chunks read before it, since its words never name him."""

    def theirs(c: Candidate) -> bool:
        if not is_transcript_document(snap, c.doc_id):
            return False
        said = said_by(snap, c.doc_id, speaker)
        return said is not None and any(said(at) for at, _ in snap.chunks[c.chunk_id].sentences)

    return with_wanted_chunks(picked, cands, SPEAKER_POOL, SPEAKER_CHUNKS, theirs)


# "The following is the text of a joint statement by the Governments of the United States of
# America and France, ...", "The text of the following statement was released by ...", "Joint
# Statement of the U.S.-India Working Group": who says the statement's "we", up to the end of
# the line or sentence (a period only after a run of initials: "U.S."), or its topic ("on").
_WHO = r"(?P<who>(?:(?:[A-Z]\.)+|[^.\n])+?)"
_STATEMENT_BY = re.compile(
    rf"\b{alternation(STATEMENT_TITLE_WORDS)}\s+(?:was\s+)?(?:issued\s+|released\s+)?"
    rf"(?:by|of|from)\s+{_WHO}(?=\s+(?:on|regarding|concerning|following)\b|[.\n]|$)",
    re.I,
)
# "G7 Foreign Ministers’ Statement on Belarus": the authors before the title's statement word.
_AUTHORS_STATEMENT = re.compile(
    rf"^{_WHO}(?:['’]s?)?\s+(?:{alternation(STATEMENT_TITLE_WORDS)})\s+(?:on|regarding)\b", re.I
)
VOICE_HEAD_CHARS = 1200  # the statement's authors are named in its title or its first lines
# A first-person plural word, as a statement's voice: "We note ...", "our partners".
_WE = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Oo]urs|us)\b")


def statement_voice(snap: Snapshot, doc_id: str) -> frozenset[str]:
    """The terms of who says a statement's "we" (its authors: "France, Germany, Italy, the
    United Kingdom and the United States"), when the document is a statement (its title says
    so) naming them; a sentence of it in the first person plural is theirs ("it is with great
    disappointment that we take note ..." answers "Why were France and Germany
    disappointed?"). Empty otherwise."""

    title = snap.docs[doc_id].title
    if not STATEMENT_TITLE.search(title):
        return frozenset()  # not a statement: nothing read, nothing kept

    def make() -> frozenset[str]:
        head = title + "\n" + snap.text(doc_id)[:VOICE_HEAD_CHARS]
        found = [*_STATEMENT_BY.finditer(head), *_AUTHORS_STATEMENT.finditer(head)]
        return frozenset(t for m in found for t in analyze(m["who"]))

    return analysed(snap).per_document("statement voice", doc_id, make)


def in_voice(text: str) -> bool:
    """Whether a sentence speaks in the first person plural (a statement's authors)."""
    return bool(_WE.search(text))
