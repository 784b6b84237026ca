"""Names typed in lower case: whom a chat's question is about, and the name a detail gives.

Chat is typed in lower case: "who did wendy sherman meet in china" names Wendy Sherman with no
capital. A word is read as a name when the corpus writes it capitalised (`written_as_names`)
and it is no place, month or weekday; the words right after it that the corpus writes as names
too belong to the same name ("sung kim" is Sung Kim, though "Kim" is also a place). A follow-up
("what did he want beijing to do?") is then asked about the whole name.
"""

from __future__ import annotations

import re

from index.query.demonyms import is_country_adjective
from index.query.followup import is_calendar, subject
from index.query.plan import NAME_CHUNKS, NAME_SHARE, written_as_names
from index.storage.snapshot import Snapshot
from index.text.places import Gazetteer, gazetteer
from index.text.tokens import analyze, query_words, stem

_TOKEN = re.compile(r"[\w'’]+(?:-[\w'’]+)*")


def question_subject(snap: Snapshot, question: str) -> str | None:
    """The person `question` is about: its first capitalised name, else (a name typed in lower
    case: "what is blinken doing in New Delhi") the first word the corpus writes as a name
    that is no place, with the name words typed right after it."""
    named = subject(question)
    if named is not None:
        return named
    # "Who did the US designate for corruption in Guatemala?": whoever capitalises a place
    # mostly capitalises names too, so a lower-case word there names someone only when the
    # corpus nearly always writes it as a name ("corruption" is not one, though the corpus
    # writes "Anti-Corruption")
    tokens = _TOKEN.findall(question)
    strict = _typed_with_capitals(tokens)
    at = _name_tokens(snap, tokens, *((NAME_CHUNKS, NAME_SHARE) if strict else ()))
    if not at:
        return None
    first = _capitalised(tokens[at[0]])
    if is_country_adjective(stem(first.lower())):
        return first  # "which japanese defense official ...": no name goes on from it
    names = {_capitalised(tokens[i]) for i in at}
    gaz = gazetteer()
    run = [first]
    for token in tokens[at[0] + 1 :]:  # each word read only until the name ends
        if _capitalised(token) not in names and not _place_written_as_name(snap, token, gaz):
            break
        run.append(_capitalised(token))
    return " ".join(run)


def _typed_with_capitals(tokens: list[str]) -> bool:
    """Whether a question's `tokens` capitalise a word after the first (a phone capitalises the
    first word of anything typed), other than an acronym ("US", "UN")."""
    return any(w[:1].isupper() and not w.isupper() for w in tokens[1:])


def _place_written_as_name(snap: Snapshot, token: str, gaz: Gazetteer) -> bool:
    """A word `typed_names` leaves out as a place that the corpus writes as a name all the
    same: "kim" of "sung kim"."""
    terms = analyze(token)
    if not terms or is_calendar(token) or not gaz.lookup(token):
        return False
    written = written_as_names(snap, query_words(token))
    return all(t in written for t in terms)


def typed_name(snap: Snapshot, detail: str) -> str | None:
    """The name a detail typed in lower case gives ("his call with joly" -> "Joly"): its last
    word that is no place and that the corpus nearly always writes as a name."""
    names = typed_names(snap, detail, NAME_CHUNKS, NAME_SHARE)
    return names[-1] if names else None


def typed_names(snap: Snapshot, text: str, chunks: int = 1, share: float = 0.0) -> list[str]:
    """The words of `text` that are no place, month or weekday and that the corpus writes as
    names (see `written_as_names` for `chunks` and `share`), capitalised, in text order."""
    tokens = _TOKEN.findall(text)
    return [_capitalised(tokens[i]) for i in _name_tokens(snap, tokens, chunks, share)]


def _name_tokens(
    snap: Snapshot, tokens: list[str], chunks: int = 1, share: float = 0.0
) -> list[int]:
    """The positions of the `tokens` that `typed_names` reads as names."""
    gaz = gazetteer()
    kept = [i for i, t in enumerate(tokens) if not gaz.lookup(t) and not is_calendar(t)]
    words = [w for i in kept for w in query_words(tokens[i])]
    names = written_as_names(snap, words, chunks, share)
    return [i for i in kept if (terms := analyze(tokens[i])) and all(t in names for t in terms)]


def _capitalised(token: str) -> str:
    """ "sherwood-randall" -> "Sherwood-Randall"."""
    return "-".join(part.capitalize() for part in token.split("-"))
