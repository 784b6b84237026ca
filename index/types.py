"""Core value types shared by every layer. All are frozen dataclasses."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

Span = tuple[int, int]


def doc_id_for(path: str) -> str:
    """Stable id of the document at corpus-relative `path` (posix)."""
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Document:
    """A loaded, cleaned document. Every offset in docbot points into `text`."""

    path: str  # relative to the corpus root, posix separators
    title: str
    date: str | None  # ISO YYYY-MM-DD
    source: str | None
    url: str | None
    text: str  # cleaned body: headers, front matter and boilerplate removed

    @property
    def doc_id(self) -> str:
        return doc_id_for(self.path)


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
class DocInfo:
    """A document as the index knows it."""

    doc_id: str
    path: str
    title: str
    date: str | None
    source: str | None
    url: str | None
    n_chunks: int
    text_hash: str  # hash of the cleaned text: equal texts are duplicates


@dataclass(frozen=True)
class Hit:
    """One ranked chunk from a search."""

    chunk_id: int
    doc_id: str
    path: str
    title: str
    date: str | None
    source: str | None
    url: str | None
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
class SourceInfo:
    doc_id: str
    path: str
    title: str
    date: str | None
    source: str | None
    url: str | None
    chunks: int


@dataclass(frozen=True)
class Citation:
    """Marker [n] of an answer: the document and span the sentence came from."""

    n: int
    doc_id: str
    path: str
    title: str
    date: str | None
    source: str | None
    url: str | None
    passage: str  # the surrounding passage (chunk) text
    start: int  # span of the cited sentence(s) in the document text
    end: int
    score: float
    passage_start: int = 0  # span of `passage` in the document text
    passage_end: int = 0


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str  # plain text with [n] markers
    found: bool
    citations: list[Citation]
    highlights: list[Span]  # offsets into `answer` of the words that answer
    latency_ms: float
    suggestions: list[str] = field(default_factory=list)  # "you might look at" titles


@dataclass(frozen=True)
class Summary:
    topic: str
    summary: str  # plain text, one cited line per point, with [n] markers
    found: bool
    citations: list[Citation]
    highlights: list[Span]
    latency_ms: float
    kind: str = "document"  # "trip" or "document"


@dataclass(frozen=True)
class IndexStats:
    documents: int
    chunks: int
    generation: int
    last_indexed: str | None  # ISO timestamp of the last run that changed the index
    model: str
