"""storage/: rows, vectors and BM25. One module per backend behind the `Store` protocol.

A new backend is one module here plus one line in `STORES`. The registry names modules as
strings so that choosing a backend imports only that backend's libraries.
"""

from __future__ import annotations

import importlib

from index.config import IndexConfig
from index.errors import DocbotError
from index.storage.base import Store

# store name -> "module:class"; the class takes the IndexConfig.
STORES: dict[str, str] = {
    "faiss": "index.storage.local:LocalStore",
    "milvus": "index.storage.milvus:MilvusStore",
}

__all__ = ["STORES", "Store", "open_store"]


def open_store(config: IndexConfig) -> Store:
    """The store `config.store` names (for a server store: a connection, nothing read yet).

    Raises:
        DocbotError: the store name is unknown.
    """
    target = STORES.get(config.store)
    if target is None:
        known = ", ".join(sorted(STORES))
        raise DocbotError(f"Unknown store {config.store!r}; choose one of {known}.")
    module, _, cls = target.partition(":")
    store: Store = getattr(importlib.import_module(module), cls)(config)
    return store
