"""The ONNX Runtime runtimes, `onnx` (fp32) and `onnx-int8`. The only module that imports
`onnxruntime`; it never imports torch, transformers or sentence_transformers.

The model is the local sentence-transformers folder exported once to ONNX (see `ort_export`,
which does it in a child process, the only place torch runs), and for `onnx-int8` quantised
from that file with `quantize_dynamic`: int8 weights, per output channel. Tokenisation is the
folder's own `tokenizer.json` through the `tokenizers` library, truncated to the model's window
and padded per batch, exactly as sentence-transformers' tokenizer does; pooling is the shared
numpy pooling, so the vectors are the ones the `sentence-transformers` runtime makes, to
rounding (fp32) or to quantisation error (int8). Nothing is loaded until the first embedding.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.caches import atomic_path
from index.embed.base import DEFAULT_MODEL, LocalModelRuntime, ModelFolder, resolve_model_path
from index.embed.ort_export import INT8_FILE, ensure_exported, locked, model_cache_dir
from index.errors import ModelLoadError
from index.types import Span

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)


def prepare_model_file(model_path: Path, quantized: bool, cache_dir: Path | None = None) -> Path:
    """The ONNX file a runtime reads, made (exported, then quantised) when it is missing.

    Args:
        model_path: a local sentence-transformers model folder.
        quantized: the int8 file rather than the fp32 one.
        cache_dir: where exports are kept (default: `ort_export.model_cache_dir()`).

    Returns:
        The path of the file, complete (files are written under a temporary name, then renamed).

    Raises:
        ModelLoadError: the export or the quantisation failed.
    """
    fp32 = ensure_exported(model_path, cache_dir)
    if not quantized:
        return fp32
    int8 = fp32.with_name(INT8_FILE)
    with locked(int8.parent):
        if not int8.is_file():
            try:
                _quantize(fp32, int8)
            except Exception as exc:
                raise ModelLoadError(f"Could not quantise {fp32} to int8: {exc}") from exc
    return int8


def _quantize(src: Path, dest: Path) -> None:
    """int8 weights, per output channel: per-tensor scales cost MiniLM ~0.05 of cosine (measured
    0.92 at worst against fp32), per-channel ones under 0.01."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    hint = _DropPreprocessingHint()
    root.addFilter(hint)  # it suggests a pre-processing step that changes nothing here
    try:
        with atomic_path(dest) as tmp:
            quantize_dynamic(src, tmp, weight_type=QuantType.QInt8, per_channel=True)
    finally:
        root.removeFilter(hint)


class _DropPreprocessingHint(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "pre-processing before quantization" not in record.getMessage()


class OnnxEmbedder(LocalModelRuntime):
    """all-MiniLM-L6-v2 (or another local sentence-transformers model) run by ONNX Runtime.

    The same contract as the `sentence-transformers` runtime: passages are embedded in one
    forward pass that yields both the normalised mean-pooled passage vector and one vector per
    sentence (the mean of that sentence's contextual token vectors).
    """

    runtime = "onnx"
    quantized = False
    default_batch_size = 32  # texts per forward pass unless the caller says otherwise

    def __init__(
        self,
        model: str | None = None,
        batch_size: int | None = None,
        threads: int | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.name = model or DEFAULT_MODEL
        self._folder = ModelFolder(resolve_model_path(model))
        self._batch_size = batch_size or self.default_batch_size
        self._threads = threads
        # Read once, here: the settings of the process that built the embedder decide.
        self._cache_dir = cache_dir or model_cache_dir()
        self._sessions: dict[int, Any] = {}  # by intra-op threads (0: ORT's default)
        self._tokenizer: Any = None
        self._inputs: list[str] = []
        self._lock = threading.Lock()
        self._dim = None

    def _loaded_dim(self) -> int:
        session = next(iter(self._sessions.values()), None) or self._load(self._query_threads)
        return int(session.get_outputs()[0].shape[-1])

    @property
    def _query_threads(self) -> int:
        """Threads for one question: one unless set. A question is a dozen tokens, too little
        work to share: a second thread, woken for each operator, made a question slower (3.7-4.2
        ms against 3.1-3.5 ms on one, 2 cores) and the vectors are bitwise the same."""
        return self._threads or 1

    # -- the model ---------------------------------------------------------------------------
    def _load(self, threads: int | None = None) -> Any:
        """The session running on `threads` intra-op threads (default: the embedder's setting,
        or ORT's default of one per core), loaded on first use."""
        threads = (self._threads or 0) if threads is None else threads
        with self._lock:
            if threads not in self._sessions:
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                path = prepare_model_file(self._folder.path, self.quantized, self._cache_dir)
                try:
                    import onnxruntime as ort

                    options = ort.SessionOptions()
                    options.intra_op_num_threads = threads  # 0: ORT's default
                    options.inter_op_num_threads = 1
                    options.log_severity_level = 3  # errors only
                    # ORT's idle workers otherwise spin for a while after each run, taking
                    # the cores from torch, FAISS and the bot's other threads on a small machine.
                    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                    session = ort.InferenceSession(
                        str(path), options, providers=["CPUExecutionProvider"]
                    )
                except Exception as exc:
                    raise ModelLoadError(f"Could not load the ONNX model {path}: {exc}") from exc
                self._inputs = [i.name for i in session.get_inputs()]
                if self._tokenizer is None:
                    self._tokenizer = self._window_tokenizer()
                self._sessions[threads] = session
            return self._sessions[threads]

    def _window_tokenizer(self) -> Any:
        """The folder's tokenizer, truncating to `max_tokens` (special tokens included) and
        padding to the longest text of a batch, as sentence-transformers calls its tokenizer.
        """
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(self._folder.path / "tokenizer.json"))
        padding = tok.padding or {}  # the file's own padding says which token pads
        pad_token = padding.get("pad_token", "[PAD]")
        pad_id = padding.get("pad_id", tok.token_to_id(pad_token) or 0)
        tok.enable_truncation(max_length=self.max_tokens)
        tok.enable_padding(
            pad_id=pad_id, pad_token=pad_token, pad_type_id=padding.get("pad_type_id", 0)
        )
        return tok

    @property
    def loaded(self) -> bool:
        return bool(self._sessions)

    def _forward(
        self, texts: Sequence[str], threads: int | None = None
    ) -> Iterator[tuple[list[int], np.ndarray, np.ndarray, np.ndarray]]:
        """Batches in order of length (keeping padding, and so wasted compute, small).

        Yields:
            (indices into `texts`, token vectors (B, T, D), attention mask (B, T),
            character offsets (B, T, 2)) for each batch.
        """
        import numpy as np

        session = self._load(threads)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for b in range(0, len(order), self._batch_size):
            idx = order[b : b + self._batch_size]
            encs = self._tokenizer.encode_batch([texts[i] for i in idx])
            columns = {
                "input_ids": [e.ids for e in encs],
                "attention_mask": [e.attention_mask for e in encs],
                "token_type_ids": [e.type_ids for e in encs],
            }
            feed = {name: np.asarray(columns[name], dtype=np.int64) for name in self._inputs}
            tokens = session.run(None, feed)[0]
            offsets = np.asarray([e.offsets for e in encs], dtype=np.int64)
            yield idx, tokens, feed["attention_mask"], offsets

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text."""
        import numpy as np

        from index.embed.pooling import mean_pool

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        threads = self._query_threads if len(texts) == 1 else None
        for idx, tokens, mask, _ in self._forward(texts, threads):
            out[idx] = mean_pool(tokens, mask)
        return out

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
        import numpy as np

        from index.embed.pooling import mean_pool, pool_spans

        passages = np.zeros((len(texts), self.dim), dtype=np.float32)
        sentences: list[np.ndarray] = [np.zeros((0, self.dim), np.float16)] * len(texts)
        for idx, tokens, mask, offsets in self._forward(texts):
            passages[idx] = mean_pool(tokens, mask)
            for row, i in enumerate(idx):
                sentences[i] = pool_spans(tokens[row], offsets[row], sentence_spans[i])
            if progress is not None:
                progress(len(idx))
        return passages, sentences


class OnnxInt8Embedder(OnnxEmbedder):
    """The same with int8 weights: a quarter of the file, faster on CPU, vectors ~0.99 cosine.

    Each text is its own forward pass. Dynamic quantisation scales a layer's activations by
    their range over the whole batch, padding included, so a text embedded beside others got a
    vector that depended on them (cosine 0.99 with itself embedded alone), and a question could
    be answered differently when other questions arrived with it. One text per pass makes a
    vector depend on its text alone, and costs nothing on CPU: no padding is computed (96
    State Department chunks: 4.3 s of CPU one by one, 5.6-7.5 s in batches of 32).
    """

    runtime = "onnx-int8"
    quantized = True
    default_batch_size = 1
