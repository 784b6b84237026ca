"""A scanned file made ready to store: loaded, chunked, and each chunk keyed for the cache."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from index.embed.base import Embedder
from index.errors import DocumentError
from index.indexing.cache import local_spans
from index.ingest.chunking import chunk_document
from index.ingest.documents import load_document
from index.ingest.scan import ScannedFile
from index.storage.base import IndexedDocument
from index.text.sentences import split_sentences
from index.types import Document


def prepare(file: ScannedFile, embedder: Embedder, namespace: str) -> IndexedDocument:
    """Load and chunk one changed file.

    Args:
        file: a scanned file whose bytes were read.
        embedder: counts tokens for the chunker (no model is loaded for that).
        namespace: the embedding-cache salt (see `manifest.cache_namespace`).

    Returns:
        The document, its chunks and their cache keys.

    Raises:
        DocumentError: the file can't be read as a document, or has no text.
    """
    assert file.data is not None
    doc = load_document(file.rel, file.data, file.sidecar)
    if not doc.text.strip():
        raise DocumentError("no text")
    chunks = chunk_document(doc, _token_counter(doc, embedder), max_tokens=embedder.max_tokens)
    text_hash = hashlib.blake2b(doc.text.encode("utf-8"), digest_size=16).hexdigest()
    hashes = [
        hashlib.blake2b(
            (namespace + c.embed_text + "|" + repr(local_spans(c))).encode("utf-8"),
            digest_size=20,
        ).hexdigest()
        for c in chunks
    ]
    return IndexedDocument(doc, file.file_hash, text_hash, chunks, hashes)


def _token_counter(doc: Document, embedder: Embedder) -> Callable[[str], int]:
    """`embedder.count_tokens`, with every sentence of `doc` counted up front in one batch.

    The chunker asks for each sentence's count; one batched call is several times faster
    than a call per sentence.
    """
    sentences = [doc.text[s:e] for s, e in split_sentences(doc.text)]
    known = dict(zip(sentences, embedder.count_tokens_many(sentences), strict=True))

    def count(text: str) -> int:
        n = known.get(text)
        return embedder.count_tokens(text) if n is None else n

    return count
