"""The sentence-transformers runtime (torch). The only module that imports `sentence_transformers`.

The model is loaded lazily, on the first call that needs it, so commands that embed nothing
(a no-op `docbot index`, `docbot sources`) never pay the ~5-10 s import.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from index.embed.base import DEFAULT_MODEL, LocalModelRuntime, ModelFolder, resolve_model_path
from index.embed.pooling import mean_pool, pool_spans
from index.errors import ModelLoadError
from index.types import Span

RUNTIME = "sentence-transformers"


class SentenceTransformerEmbedder(LocalModelRuntime):
    """all-MiniLM-L6-v2 (or another local sentence-transformers model), loaded by path, offline.

    Passages are embedded in one forward pass that yields both the passage vector (mean pooled,
    normalised: exactly what `SentenceTransformer.encode` returns) and one vector per sentence
    (the mean of that sentence's contextual token vectors). Sentence vectors let the answer layer
    score sentences against a question without embedding anything at question time.
    """

    runtime = RUNTIME

    def __init__(
        self, model: str | None = None, batch_size: int = 32, threads: int | None = None
    ) -> None:
        self.name = model or DEFAULT_MODEL
        self._folder = ModelFolder(resolve_model_path(model))
        self._batch_size = batch_size
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()
        self._dim = None

    def _loaded_dim(self) -> int:
        return int(self._load().get_sentence_embedding_dimension())

    # -- the model ---------------------------------------------------------------------------
    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                try:
                    import torch
                    from sentence_transformers import SentenceTransformer
                    from transformers.utils import logging as hf_logging

                    if self._threads:
                        torch.set_num_threads(self._threads)
                    hf_logging.disable_progress_bar()
                    hf_logging.set_verbosity_error()
                    self._model = SentenceTransformer(str(self._folder.path), device="cpu")
                except Exception as exc:
                    raise ModelLoadError(
                        f"Could not load the embedding model from {self._folder.path}: {exc}"
                    ) from exc
        return self._model

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text."""
        model = self._load()
        vecs = model.encode(
            list(texts),
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)

    def embed_passages(
        self,
        texts: Sequence[str],
        sentence_spans: Sequence[Sequence[Span]],
        progress: Callable[[int], None] | None = None,
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Embed passages and their sentences in one pass.

        Args:
            texts: the passages, as embedded (title context included).
            sentence_spans: for each passage, character spans of its sentences within the text.
            progress: called with the number of passages done after each batch.

        Returns:
            A (len(texts), dim) float32 array of normalised passage vectors, and for each
            passage a (len(spans), dim) float16 array of normalised sentence vectors.
        """
        import torch

        model = self._load()
        transformer = model[0]
        hf_tokenizer = model.tokenizer
        max_len = int(model.max_seq_length)
        # Sorting by length keeps padding, and so wasted compute, small.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out_p: dict[int, np.ndarray] = {}
        out_s: dict[int, np.ndarray] = {}
        with torch.inference_mode():
            for b in range(0, len(order), self._batch_size):
                idx = order[b : b + self._batch_size]
                enc = hf_tokenizer(
                    [texts[i] for i in idx],
                    padding=True,
                    truncation=True,
                    max_length=max_len,
                    return_offsets_mapping=True,
                    return_tensors="pt",
                )
                offsets = enc.pop("offset_mapping").numpy()
                features = transformer({k: v for k, v in enc.items()})
                tokens = features["token_embeddings"].float().numpy()  # (B, T, D)
                pooled = mean_pool(tokens, enc["attention_mask"].numpy())
                for row, i in enumerate(idx):
                    out_p[i] = pooled[row]
                    out_s[i] = pool_spans(tokens[row], offsets[row], sentence_spans[i])
                if progress is not None:
                    progress(len(idx))
        if not texts:
            return np.zeros((0, self.dim), np.float32), []
        mat = np.vstack([out_p[i] for i in range(len(texts))]).astype(np.float32)
        return mat, [out_s[i] for i in range(len(texts))]
