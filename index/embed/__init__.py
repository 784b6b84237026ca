"""embed/: text -> vectors. One module per runtime behind the `Embedder` protocol.

A new runtime is one module here plus one line in `RUNTIMES`. The registry names modules as
strings so that choosing a runtime imports only that runtime's libraries.
"""

from __future__ import annotations

import importlib

from index.config import IndexConfig
from index.embed.base import DEFAULT_MODEL, Embedder
from index.errors import ModelLoadError

# runtime name -> "module:class"; the class takes (model, threads=...).
RUNTIMES: dict[str, str] = {
    "sentence-transformers": "index.embed.sbert:SentenceTransformerEmbedder",
    "onnx": "index.embed.ort:OnnxEmbedder",
    "onnx-int8": "index.embed.ort:OnnxInt8Embedder",
}

__all__ = ["DEFAULT_MODEL", "RUNTIMES", "Embedder", "build_embedder"]


def build_embedder(config: IndexConfig) -> Embedder:
    """The embedder `config.runtime` names, for `config.model` (nothing is loaded yet).

    Raises:
        ModelLoadError: the runtime is unknown, or the model folder is not one.
    """
    target = RUNTIMES.get(config.runtime)
    if target is None:
        known = ", ".join(sorted(RUNTIMES))
        raise ModelLoadError(
            f"Unknown embedding runtime {config.runtime!r}; choose one of {known}."
        )
    module, _, cls = target.partition(":")
    factory = getattr(importlib.import_module(module), cls)
    embedder: Embedder = factory(config.model, threads=config.embed_threads)
    return embedder
