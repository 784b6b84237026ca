"""The milvus store: docbot's knowledge base on Milvus, for an indexer and many bot workers.

`engine.py` talks to Milvus (the one importer of pymilvus), `store.py` publishes generations,
`reader.py` reads one. Choose it with DOCBOT_STORE=milvus and DOCBOT_MILVUS_URI.
"""

from index.storage.milvus.store import MilvusStore

__all__ = ["MilvusStore"]
