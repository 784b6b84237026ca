"""The manifest names model and runtime: vectors of one are never mixed with another's."""

from __future__ import annotations

import sqlite3

import pytest

from index.errors import RebuildRequiredError
from index.indexing.manifest import cache_namespace, check_manifest
from index.storage.layout import DB_NAME

DOCS = {"a.txt": "Talks in Seoul\n\nThe ministers met in Seoul.", "b.txt": "Notes\n\nA budget."}


class OtherRuntime:
    """The real model under another runtime's name, as a second runtime would present it."""

    runtime = "other-runtime"

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.id = f"{self.runtime}:{inner.name}"
        self.passages = 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def embed_passages(self, texts, spans, progress=None):
        self.passages += len(texts)
        return self.inner.embed_passages(texts, spans, progress)


def test_a_runtime_change_needs_a_rebuild_that_reuses_no_vector(make_kb, embedder) -> None:
    kb = make_kb(DOCS)
    built = kb.sync()
    assert kb.snapshot().meta["runtime"] == embedder.runtime == "onnx-int8"
    other = OtherRuntime(embedder)
    kb2 = make_kb(emb=other)
    with pytest.raises(RebuildRequiredError, match="runtime"):
        kb2.sync()
    rebuilt = kb2.sync(rebuild=True)
    assert other.passages == built.chunks_embedded == rebuilt.chunks_embedded
    assert kb2.snapshot().meta["runtime"] == "other-runtime"


def test_an_index_from_before_runtimes_were_recorded_needs_no_rebuild(
    make_kb, torch_embedder
) -> None:
    # Such indexes were all made by the torch runtime, the only one there was.
    kb = make_kb(DOCS, emb=torch_embedder)
    kb.sync()
    with sqlite3.connect(kb.index_dir / DB_NAME) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'runtime'")
    report = kb.sync()
    assert (report.chunks_embedded, report.added, report.updated) == (0, 0, 0)


def test_the_torch_runtime_keeps_its_cache_keys() -> None:
    manifest = {"model": "m", "runtime": "sentence-transformers", "chunker_version": "2"}
    assert cache_namespace(manifest) == "m|2|"  # as before runtimes were recorded
    assert cache_namespace({**manifest, "runtime": "onnx"}) == "onnx:m|2|"
    assert check_manifest({"model": "m", "chunker_version": "2"}, manifest) == []
