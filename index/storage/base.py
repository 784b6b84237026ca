"""The store contract: what the write path gives a backend and what readers ask of it.

A backend holds one committed *generation* at a time for readers: documents, chunks, chunk
vectors, per-sentence vectors and BM25 terms. The write path hands it the changes of one run,
and it publishes them as the next generation in one atomic step; a reader keeps the generation
it opened until it asks for a newer one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from index.types import Chunk, Document, SourceInfo, Span

if TYPE_CHECKING:
    import numpy as np

    from index.text.dates import DateRange


@dataclass(frozen=True)
class ChunkRecord:
    """A stored chunk: where it sits in its document, and its sentences."""

    chunk_id: int
    doc_id: str
    ordinal: int
    start: int
    end: int
    sentences: tuple[Span, ...]


@dataclass(frozen=True)
class StoredDoc:
    """What the write path needs to know of a stored document: which file version it is."""

    doc_id: str
    path: str
    file_hash: str


@dataclass(frozen=True)
class SearchFilter:
    """Which chunks a search may return. The store applies it inside the search.

    Attributes:
        doc_ids: only chunks of these documents (None: any document).
        published: only documents published in this range; undated documents always pass,
            since they cannot be ruled out by date.
    """

    doc_ids: frozenset[str] | None = None
    published: DateRange | None = None


@dataclass(frozen=True)
class IndexedDocument:
    """A document ready to be stored: its chunks and their embedding-cache keys."""

    doc: Document
    file_hash: str
    text_hash: str
    chunks: list[Chunk]
    chunk_hashes: list[str]


@dataclass(frozen=True)
class Changes:
    """One run's changes: documents to add or replace, and documents to remove."""

    upserts: list[IndexedDocument] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)  # doc ids
    fresh: bool = False  # a rebuild: the new generation holds exactly `upserts`


class EmbeddingLookup(Protocol):
    """The embedding cache, as a store reads it when it publishes."""

    def vectors(self, chunk_hashes: Sequence[str]) -> np.ndarray: ...

    def sentence_vectors(self, chunk_hashes: Sequence[str]) -> list[np.ndarray]: ...


class StoreReader(Protocol):
    """One committed generation, read-only and consistent for as long as it is held."""

    generation: int
    meta: dict[str, str]
    docs: dict[str, SourceInfo]
    chunks: Mapping[int, ChunkRecord]
    dim: int

    def text(self, doc_id: str) -> str: ...

    def published(self, doc_id: str) -> date | None: ...

    def dense_search(
        self, qvec: np.ndarray, k: int, where: SearchFilter | None = None
    ) -> list[tuple[int, float]]: ...

    def lexical_search(
        self, terms: Sequence[str], k: int, where: SearchFilter | None = None
    ) -> list[tuple[int, float]]: ...

    def lexical_scores(self, terms: Sequence[str], chunk_ids: Sequence[int]) -> list[float]: ...

    def sentence_vectors(self, chunk_id: int) -> np.ndarray: ...

    # The BM25 vocabulary, for spelling repair and for how much of a question the corpus knows.
    def has_term(self, term: str) -> bool: ...

    def doc_freq(self, term: str) -> int: ...

    def idf(self, term: str) -> float: ...

    def max_idf(self) -> float: ...

    def correct(self, term: str) -> str | None: ...

    def variants(self, term: str) -> tuple[str, ...]: ...

    def close(self) -> None: ...


class Store(Protocol):
    """A backend: publishes generations and opens readers on the newest one."""

    def committed_generation(self) -> int:
        """The newest published generation; raises NoIndexError when there is none."""
        ...

    def manifest(self) -> dict[str, str]:
        """The published generation's manifest, with "generation" ({} before the first)."""
        ...

    def stored_documents(self) -> dict[str, StoredDoc]:
        """The published documents by path, with the file hash each was made from."""
        ...

    def counts(self) -> tuple[int, int]:
        """How many documents and chunks are published."""
        ...

    def open_reader(self) -> StoreReader: ...

    def generation_ok(self, gen: int) -> bool:
        """Generation `gen` can be read (a no-op run republishes it otherwise)."""
        ...

    def tidy(self, gen: int) -> None:
        """Clear what a run killed after publishing `gen` left behind."""
        ...

    def commit(self, changes: Changes, manifest: dict[str, str], cache: EmbeddingLookup) -> int:
        """Publish `changes` as the next generation, atomically; returns its number."""
        ...

    def close(self) -> None: ...
