"""docbot's knowledge base: files -> documents -> chunks -> vectors -> store -> hits -> replies.

The stages, each a subpackage, data flowing one way:

    ingest/    file -> Document -> Chunk[]          (scan, one module per format, chunking)
    embed/     Chunk[] -> vectors                   (one module per runtime)
    storage/   rows, vectors, BM25; Snapshot        (one module per backend)
    indexing/  the write path: manifest, lock, sync
    query/     question -> QueryPlan -> Hit[]       (parsed once; fusion)
    compose/   Hit[] -> Reply                       (answers, refusals, summaries)
    text/      the shared word and date work        (lexicon, tokens, dates, places)
    evaluation/ the measurements

`KnowledgeBase` (kb.py) is the facade. This package never imports `telegram`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from index.config import IndexConfig
from index.errors import DocbotError
from index.types import (
    Chunk,
    Citation,
    DocRef,
    Document,
    Hit,
    IndexStats,
    Reply,
    ReplyKind,
    SkippedFile,
    SourceInfo,
    SyncReport,
)

if TYPE_CHECKING:
    from index.kb import KnowledgeBase

__all__ = [
    "Chunk",
    "Citation",
    "DocRef",
    "DocbotError",
    "Document",
    "Hit",
    "IndexConfig",
    "IndexStats",
    "KnowledgeBase",
    "Reply",
    "ReplyKind",
    "SkippedFile",
    "SourceInfo",
    "SyncReport",
]


def __getattr__(name: str) -> Any:
    # The facade pulls in numpy and the stores; `from index import Reply` should not.
    if name == "KnowledgeBase":
        from index.kb import KnowledgeBase

        return KnowledgeBase
    raise AttributeError(name)
