"""Where the knowledge base lives and which embedder and store it uses: one picklable object.

`bot/settings.py` builds it from the environment; tests build it directly. The registries in
`index.embed` and `index.storage` turn its `runtime` and `store` names into objects, so a new
runtime or store is one module plus one registry line, chosen here by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# int8 ONNX Runtime: within 0.005 of torch on every `docbot eval` figure, 1.7x faster to index,
# 4-5x faster per question, and a command line that never imports torch (README, "The ONNX
# runtimes"). `sentence-transformers` (torch) and `onnx` (fp32) stay available by name.
DEFAULT_RUNTIME = "onnx-int8"
# What every index made before the manifest recorded its runtime was embedded with.
LEGACY_RUNTIME = "sentence-transformers"
DEFAULT_STORE = "faiss"
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class IndexConfig:
    """Everything that decides what the index holds and how it is read.

    Attributes:
        corpus: the documents folder.
        index_dir: where the index (database, vector and BM25 files) lives.
        runtime: the embedding runtime, a key of `index.embed.RUNTIMES`.
        model: a local model folder; None means the packaged all-MiniLM-L6-v2.
        store: the store backend, a key of `index.storage.STORES`.
        max_file_bytes: files larger than this are skipped.
        embed_threads: intra-op threads of the embedding runtime (None: the runtime's default).
            The bot answers questions on several threads at once, so it asks for one.
        milvus_uri: the `milvus` store's engine: a file path (embedded milvus-lite) or
            http(s)://host:19530 (a server or cluster); None means `index_dir`/milvus.db.
        milvus_token: the `milvus` store's credentials ("user:password" or an API key).
        milvus_collection: the `milvus` store's alias; its collections are named after it.
    """

    corpus: Path
    index_dir: Path
    runtime: str = DEFAULT_RUNTIME
    model: str | None = None
    store: str = DEFAULT_STORE
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    embed_threads: int | None = None
    milvus_uri: str | None = None
    milvus_token: str | None = None
    milvus_collection: str = "docbot"

    def __post_init__(self) -> None:
        object.__setattr__(self, "corpus", Path(self.corpus))
        object.__setattr__(self, "index_dir", Path(self.index_dir))
