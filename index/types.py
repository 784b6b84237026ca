"""Core value types shared by every stage. All are frozen dataclasses.

A document's reference fields (id, path, title, date, source, url) live once, in `DocRef`;
`Document`, `SourceInfo`, `Hit` and `Citation` hold one and expose its fields as properties.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

Span = tuple[int, int]


def doc_id_for(path: str) -> str:
    """Stable id of the document at corpus-relative `path` (posix)."""
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class DocRef:
    """Which document, and how to cite it."""

    doc_id: str
    path: str  # relative to the corpus root, posix separators
    title: str
    date: str | None  # ISO YYYY-MM-DD
    source: str | None
    url: str | None

    @classmethod
    def at(
        cls, path: str, title: str, date: str | None, source: str | None, url: str | None
    ) -> DocRef:
        """The reference of the document at `path`; its id follows from the path."""
        return cls(doc_id_for(path), path, title, date, source, url)


class _Referenced:
    """Read access to the `ref` fields, for types that hold a DocRef."""

    ref: DocRef

    @property
    def doc_id(self) -> str:
        return self.ref.doc_id

    @property
    def path(self) -> str:
        return self.ref.path

    @property
    def title(self) -> str:
        return self.ref.title

    @property
    def date(self) -> str | None:
        return self.ref.date

    @property
    def source(self) -> str | None:
        return self.ref.source

    @property
    def url(self) -> str | None:
        return self.ref.url


@dataclass(frozen=True)
class Document(_Referenced):
    """A loaded, cleaned document. Every offset in docbot points into `text`."""

    ref: DocRef
    text: str  # cleaned body: headers, front matter and boilerplate removed

    @classmethod
    def of(
        cls,
        path: str,
        title: str,
        date: str | None,
        source: str | None,
        url: str | None,
        text: str,
    ) -> Document:
        return cls(DocRef.at(path, title, date, source, url), text)


@dataclass(frozen=True)
class Chunk:
    """A run of whole sentences of one document."""

    ordinal: int
    start: int  # character offsets into Document.text
    end: int
    text: str  # == document.text[start:end]
    embed_text: str  # what is embedded: title context + text
    sentences: tuple[Span, ...]  # sentence spans, document offsets, inside [start, end)


@dataclass(frozen=True)
class SourceInfo(_Referenced):
    """A document as the index knows it."""

    ref: DocRef
    chunks: int
    text_hash: str = ""  # hash of the cleaned text: equal texts are duplicates


@dataclass(frozen=True)
class Hit(_Referenced):
    """One ranked chunk from a search."""

    ref: DocRef
    chunk_id: int
    text: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


@dataclass(frozen=True)
class SyncReport:
    """What one `docbot index` run did."""

    documents: int
    chunks: int
    added: int
    updated: int
    removed: int
    unchanged: int
    chunks_embedded: int
    seconds: float
    skipped: list[SkippedFile] = field(default_factory=list)
    renamed: int = 0  # documents whose content moved to a new path: no re-embedding
    generation: int = 0


@dataclass(frozen=True)
class Citation(_Referenced):
    """Marker [n] of a reply: the document and span the sentence came from."""

    n: int
    ref: DocRef
    passage: str  # the surrounding passage (chunk) text
    start: int  # span of the cited sentence(s) in the document text
    end: int
    score: float
    passage_start: int = 0  # span of `passage` in the document text
    passage_end: int = 0


class ReplyKind(StrEnum):
    ANSWER = "answer"
    SUMMARY = "summary"
    TIMELINE = "timeline"  # dated trips of a person, a place or a period, one cited line each
    SOURCES = "sources"  # the list of documents (a request for them, not a question)
    REFUSAL = "refusal"  # the documents don't answer (or no document matches the topic)


@dataclass(frozen=True)
class Reply:
    """What docbot says to a question or a summary request."""

    kind: ReplyKind
    query: str  # the question or topic, as asked
    text: str  # plain text with [n] markers; one cited line per point for summaries
    citations: list[Citation]
    highlights: list[Span]  # offsets into `text` of the words that answer
    latency_ms: float
    suggestions: list[str] = field(default_factory=list)  # "you might look at" titles
    summary_of: str | None = None  # "trip" or "document", for summaries
    reading: str | None = None  # how a follow-up was read ("Who did Blinken meet in Tokyo?")

    @property
    def found(self) -> bool:
        return self.kind is not ReplyKind.REFUSAL


@dataclass(frozen=True)
class IndexStats:
    documents: int
    chunks: int
    generation: int
    last_indexed: str | None  # ISO timestamp of the last run that changed the index
    model: str
    runtime: str = ""  # the embedding runtime the index was built with
