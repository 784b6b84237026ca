"""What answering reads of the candidate chunks' text, analysed once per snapshot and kept.

Every question reads the sentences of its best chunks (their text and terms, and whether one can
answer at all), the entities of the best sentences, and the terms of the best chunk and of the
answer's whole document. Questions on the same subject read the same chunks and documents again
(in `docbot eval`'s 200 different questions a third to a half of these reads repeat one made
before; in a chat about one trip, most do), while the questions themselves rarely repeat. So
each analysis is made the first time a question needs it and kept for the snapshot's later
questions, in bounded least-recently-used tables.

The tables belong to one snapshot: a reindex makes a new snapshot with empty tables, so nothing
analysed from a changed or deleted document outlives it, and nothing is persisted. Each value
is exactly what the uncached code computes from the same text (tests/compose/test_analysed.py).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple, TypeVar, cast

from index.lru import Lru
from index.storage.snapshot import Snapshot
from index.text.abbreviations import defined_abbreviations, name_initials, with_abbreviations
from index.text.entities import Entity, find_entities
from index.text.tokens import term_set

CHUNKS_KEPT = 2048  # chunks' sentences (about 10 KB each), and as many best-chunk term sets
DOCS_KEPT = 256  # documents' term sets (a few hundred terms each), titles' and sentences
ENTITIES_KEPT = 4096  # sentences' entities

V = TypeVar("V")


class SentenceText(NamedTuple):
    """One sentence of a chunk: its document offsets and text, and its terms (None when it
    can never answer: the `skip` test given to `Analysed.sentences`)."""

    start: int
    end: int
    text: str
    terms: frozenset[str] | None


class Analysed:
    """The analysis tables of one snapshot (see the module docstring)."""

    def __init__(self, snap: Snapshot) -> None:
        self._snap = weakref.ref(snap)  # the tables hang off the snapshot, not the reverse
        self._sentences: Lru[tuple[SentenceText, ...]] = Lru(CHUNKS_KEPT)
        self._chunk_terms: Lru[frozenset[str]] = Lru(CHUNKS_KEPT)
        self._doc_terms: Lru[frozenset[str]] = Lru(DOCS_KEPT)
        self._titles: Lru[frozenset[str]] = Lru(DOCS_KEPT)
        self._entities: Lru[tuple[Entity, ...]] = Lru(ENTITIES_KEPT)
        self._per_doc: Lru[Any] = Lru(DOCS_KEPT)

    @property
    def snap(self) -> Snapshot:
        snap = self._snap()
        assert snap is not None, "a snapshot's tables outlived it"
        return snap

    def sentences(self, chunk_id: int, skip: Callable[[str], bool]) -> tuple[SentenceText, ...]:
        """Every sentence of the chunk, in order, with `set(analyze(text))` as its terms (and
        those of the abbreviations its document defines: `index/text/abbreviations.py`), or None
        when `skip(text)` (the one test a caller gives, such as "a question never answers")."""

        def make() -> tuple[SentenceText, ...]:
            snap = self.snap
            rec = snap.chunks[chunk_id]
            text = snap.text(rec.doc_id)
            defined = self.abbreviations(rec.doc_id)
            out = []
            for s, e in rec.sentences:
                body = text[s:e]
                terms = None if skip(body) else with_abbreviations(body, term_set(body), defined)
                out.append(SentenceText(s, e, body, terms))
            return tuple(out)

        return self._sentences.get((chunk_id, skip), make)

    def abbreviations(self, doc_id: str) -> dict[str, str]:
        """The abbreviations a document defines, with their long forms."""
        return self.per_document(
            "abbreviations", doc_id, lambda: defined_abbreviations(self.snap.text(doc_id))
        )

    def title_terms(self, doc_id: str) -> frozenset[str]:
        """`set(analyze(title))` of a document, with the initials of the names it spells out
        ("nsa" of "National Security Advisor Jake Sullivan's Travel to India")."""

        def make() -> frozenset[str]:
            title = self.snap.docs[doc_id].title
            return term_set(title) | name_initials(title)

        return self._titles.get(doc_id, make)

    def chunk_terms(self, chunk_id: int) -> frozenset[str]:
        """`set(analyze(title + "\\n" + chunk text))`: the chunk's words and its title's (and
        the long or short forms of the abbreviations its document defines)."""

        def make() -> frozenset[str]:
            snap = self.snap
            doc_id = snap.chunks[chunk_id].doc_id
            text = snap.chunk_text(chunk_id)
            terms = term_set(snap.docs[doc_id].title + "\n" + text)
            return with_abbreviations(text, terms, self.abbreviations(doc_id))

        return self._chunk_terms.get(chunk_id, make)

    def doc_terms(self, doc_id: str) -> frozenset[str]:
        """`set(analyze(title + "\\n" + text))`: every term of a document."""

        def make() -> frozenset[str]:
            snap = self.snap
            return term_set(snap.docs[doc_id].title + "\n" + snap.text(doc_id))

        return self._doc_terms.get(doc_id, make)

    def entities(self, text: str, reference: date | None) -> tuple[Entity, ...]:
        """`find_entities(text, reference)` of a sentence (entities are immutable)."""
        return self._entities.get((text, reference), lambda: tuple(find_entities(text, reference)))

    def per_document(self, what: str, doc_id: str, make: Callable[[], V]) -> V:
        """`make()`, an immutable reading of the document `doc_id` (such as its sentences with
        their entities: `itinerary.doc_sentences`), made once; `what` names the reading."""
        return cast(V, self._per_doc.get((what, doc_id), make))

    def sizes(self) -> dict[str, int]:
        """How many entries each table holds (for tests and benches)."""
        return {
            "sentences": len(self._sentences),
            "chunk_terms": len(self._chunk_terms),
            "doc_terms": len(self._doc_terms),
            "titles": len(self._titles),
            "entities": len(self._entities),
            "per_document": len(self._per_doc),
        }


_TABLES: weakref.WeakKeyDictionary[Snapshot, Analysed] = weakref.WeakKeyDictionary()
_TABLES_LOCK = threading.Lock()


def analysed(snap: Snapshot) -> Analysed:
    """The analysis tables of `snap` (made on first use; dropped with the snapshot)."""
    tables = _TABLES.get(snap)
    if tables is None:
        with _TABLES_LOCK:
            tables = _TABLES.get(snap)
            if tables is None:
                tables = _TABLES[snap] = Analysed(snap)
    return tables
