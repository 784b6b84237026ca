"""Concurrent questions share one embedding pass, and each gets its own vectors back."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from index.embed.batching import BatchingEmbedder


class _Slow:
    """The real embedder, slowed down so that concurrent calls pile up behind the first."""

    def __init__(self, inner, release: threading.Event) -> None:
        self.inner, self.release, self.calls = inner, release, []
        self.name = inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    def embed_queries(self, texts):
        self.calls.append(list(texts))
        assert self.release.wait(60)
        if "boom" in texts:
            raise ValueError("boom")
        return self.inner.embed_queries(texts)


def test_concurrent_queries_are_embedded_together_and_correctly(embedder) -> None:
    release = threading.Event()
    slow = _Slow(embedder, release)
    batching = BatchingEmbedder(slow)
    questions = [f"Who did the minister meet in city number {i}?" for i in range(9)]
    results: dict[int, np.ndarray] = {}

    def ask(i: int) -> None:
        results[i] = batching.embed_queries([questions[i]])

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(9)]
    threads[0].start()
    while not slow.calls:  # the first question is being embedded on its own
        threading.Event().wait(0.01)
    for t in threads[1:]:
        t.start()
    while len(batching._pending) < 8:  # the other eight queue up meanwhile
        threading.Event().wait(0.01)
    release.set()
    for t in threads:
        t.join(60)
    assert [len(c) for c in slow.calls] == [1, 8]  # two forward passes for nine questions
    assert (batching.queries, batching.batches) == (9, 2)
    direct = embedder.embed_queries(questions)
    for i in range(9):
        assert results[i].shape == (1, embedder.dim)
        assert np.allclose(results[i][0], direct[i], atol=1e-5)  # nobody got another's vector
    assert batching.dim == embedder.dim and batching.name == embedder.name


def test_an_error_reaches_the_caller_and_the_worker_survives(embedder) -> None:
    release = threading.Event()
    release.set()
    batching = BatchingEmbedder(_Slow(embedder, release))
    with pytest.raises(ValueError, match="boom"):
        batching.embed_queries(["boom"])
    assert batching.embed_queries(["still working?"]).shape == (1, embedder.dim)
