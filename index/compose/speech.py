"""Speech in a transcript: a weaker answer than a written report of the same thing.

A press availability or a briefing is a transcript: its lines open with the speaker's name in
capitals ("FOREIGN MINISTER RINKĒVIČS:", "QUESTION:"). Its sentences are spoken, in the first
and second person ("When we met last time in December ..."), and share the question's names
without saying who did what: "Which Latvian officials did Blinken meet in Riga?" is answered
by the announcement "... to meet with President Egils Levits, Prime Minister ...", not by the
foreign minister welcoming "my American colleague". A sentence of a transcript that opens with
a speaker's name or speaks in the first or second person counts as speech.
"""

from __future__ import annotations

import re

from index.compose.analysed import analysed
from index.storage.snapshot import Snapshot

# A speaker's label: a line opening with up to 60 characters before a colon, all in capitals.
_LABEL = re.compile(r"^[ \t]*([^\n:]{2,60}):", re.M)
# First and second person pronouns, as words ("US" in capitals is the country).
_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Ww]e|[Uu]s|[Oo]ur|[Yy]ou|[Yy]our)\b")
MIN_LABELS = 2  # speaker labels that make a document a transcript
HEAD_CHARS = 5000  # a transcript's first speakers come early: only its head is read


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
    m = _LABEL.match(sentence)
    if m is not None and m.group(1).isupper():
        return True
    return bool(_PERSON.search(sentence))
