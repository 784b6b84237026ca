"""The Milvus side of the milvus store: connection, collections, and the calls made on them.

The only module that imports `pymilvus`. One *set* of five collections holds a whole index:

- `<set>` the chunks: vector, BM25 sparse vector over docbot's analysed terms, offsets;
- `<set>_docs` document metadata; `<set>_texts` the cleaned texts, in parts;
- `<set>_sents` one row per sentence vector, keyed by chunk; `<set>_meta` manifests.

The alias (`docbot` by default) names the live set, so a full rebuild fills a new set and is
switched in with one alias change. Every row carries the generation that added it and the one
that removed it (0: still there); a reader of generation G sees `added <= G < removed`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from index.errors import DocbotError

# Milvus caps a VARCHAR at 65,535 bytes and a query or search at 16,384 results.
MAX_VARCHAR = 65_535
TEXT_PART_CHARS = 16_000  # 4 bytes a character at most: a part always fits
MAX_LIMIT = 16_384
BATCH = 512  # rows per insert
SUFFIXES = ("", "_docs", "_texts", "_sents", "_meta")
# The chunk collection's integer columns: position in the document, publication day (-1:
# undated), and the generations that added and removed the row.
CHUNK_INTS = ("ordinal", "start", "end", "published", "added", "removed")

_clients: dict[tuple[str, str], Any] = {}
_clients_lock = threading.Lock()


def connect(uri: str, token: str | None) -> Any:
    """One client per engine and process: milvus-lite allows one process per data file, and
    every store and reader of this process shares its connection.

    Raises:
        DocbotError: pymilvus is not installed, or the engine can't be reached.
    """
    try:
        from pymilvus import MilvusClient

        # milvus-lite answers a query iterator's timestamp request with "not implemented", and
        # pymilvus then logs a warning for every page: noise, not faults. (Set after the
        # import, which configures pymilvus' loggers.)
        logging.getLogger("pymilvus.client.iterator.query_iterator").setLevel(logging.ERROR)
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise DocbotError(
            "DOCBOT_STORE=milvus needs the milvus extra: pip install 'docbot[milvus]'."
        ) from exc
    key = (uri, token or "")
    with _clients_lock:
        client = _clients.get(key)
        if client is None:
            try:
                client = MilvusClient(uri=uri, token=token or "")
            except Exception as exc:
                raise DocbotError(f"Can't reach Milvus at {uri}: {exc}") from exc
            _clients[key] = client
        return client


def visible(gen: int) -> str:
    """The filter of rows generation `gen` holds."""
    return f"added <= {gen} and (removed == 0 or removed > {gen})"


def quoted(values: Sequence[str]) -> str:
    return (
        "["
        + ", ".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values)
        + "]"
    )


class Engine:
    """The collections of one alias on one Milvus."""

    def __init__(self, uri: str, token: str | None, alias: str) -> None:
        self.uri = uri
        self.alias = alias
        self.client = connect(uri, token)
        self._loaded: set[str] = set()

    # -- sets and the alias -----------------------------------------------------------------
    def live_set(self) -> str | None:
        """The collection the alias points at (None before the first build)."""
        if self.alias not in self.client.list_aliases().get("aliases", []):
            return None
        name = self.client.describe_alias(alias=self.alias).get("collection_name")
        if not name:
            return None
        self._load(str(name))
        return str(name)

    def _load(self, name: str) -> None:
        """Load a set's collections for reading, once per process: a milvus-lite file opened
        anew, or a restarted server, has them released."""
        if name in self._loaded:
            return
        for suffix in SUFFIXES:
            state = self.client.get_load_state(collection_name=name + suffix)
            if "NotLoad" in str(state.get("state")):
                self.client.load_collection(collection_name=name + suffix)
        self._loaded.add(name)

    def sets(self) -> list[str]:
        """Every chunk collection of this alias's sets, oldest first."""
        prefix = self.alias + "_s"
        names = [n for n in self.client.list_collections() if n.startswith(prefix)]
        return sorted(n for n in names if n[len(prefix) :].isdigit())

    def new_set(self, dim: int) -> str:
        """Create the next set's five collections, empty, and return its name."""
        numbers = [int(n[len(self.alias) + 2 :]) for n in self.sets()]
        name = f"{self.alias}_s{max(numbers, default=0) + 1:06d}"
        self.drop_set(name)  # left half-created by a run killed while creating it
        self._create_chunks(name, dim)
        self._create(name + "_docs", _docs_fields(), "doc_key")
        self._create(name + "_texts", _text_fields(), "key")
        self._create(name + "_sents", [("chunk_id", "INT64", {})], "id", dim=dim)
        self._create(name + "_meta", [("value", "VARCHAR", {"max_length": MAX_VARCHAR})], "key")
        return name

    def switch(self, name: str) -> None:
        """Point the alias at set `name`: the one step that publishes a rebuild."""
        if self.live_set() is None:
            self.client.create_alias(collection_name=name, alias=self.alias)
        else:
            self.client.alter_alias(collection_name=name, alias=self.alias)

    def drop_set(self, name: str) -> None:
        existing = set(self.client.list_collections())
        for suffix in SUFFIXES:
            if name + suffix in existing:
                self.client.drop_collection(collection_name=name + suffix)

    def _create_chunks(self, name: str, dim: int) -> None:
        from pymilvus import DataType, Function, FunctionType

        schema = self.client.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("chunk_id", DataType.INT64, is_primary=True)
        for field in ("doc_id", "doc_key"):
            schema.add_field(field, DataType.VARCHAR, max_length=1024)
        for field in CHUNK_INTS:
            schema.add_field(field, DataType.INT64)
        schema.add_field("sentences", DataType.VARCHAR, max_length=MAX_VARCHAR)
        # docbot's own analysed terms behind the standard tokenizer: lite and a server then
        # split them alike (a stemmer filter is ignored by lite).
        schema.add_field(
            "terms",
            DataType.VARCHAR,
            max_length=MAX_VARCHAR,
            enable_analyzer=True,
            analyzer_params={"tokenizer": "standard"},
        )
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
        schema.add_function(
            Function(
                name="bm25",
                function_type=FunctionType.BM25,
                input_field_names=["terms"],
                output_field_names=["sparse"],
            )
        )
        index = self.client.prepare_index_params()
        # Exact inner product on normalised vectors, as the local store's FAISS index ranks.
        index.add_index(field_name="dense", index_type="FLAT", metric_type="IP")
        index.add_index(
            field_name="sparse",
            index_type="SPARSE_INVERTED_INDEX",
            metric_type="BM25",
            params={"bm25_k1": 1.5, "bm25_b": 0.75},
        )
        for field in ("doc_id", "published", "added", "removed"):
            index.add_index(field_name=field, index_type="INVERTED")
        self.client.create_collection(
            collection_name=name, schema=schema, index_params=index, consistency_level="Strong"
        )

    def _create(
        self,
        name: str,
        fields: list[tuple[str, str, dict[str, Any]]],
        key: str,
        dim: int = 2,
    ) -> None:
        """A collection keyed by `key`. Milvus wants a vector in every collection; where
        docbot has none, a two-dimensional placeholder is that vector."""
        from pymilvus import DataType

        schema = self.client.create_schema(auto_id=False, enable_dynamic_field=False)
        if key == "id":
            schema.add_field("id", DataType.INT64, is_primary=True)
        else:
            schema.add_field(key, DataType.VARCHAR, is_primary=True, max_length=2048)
        for field, kind, params in fields:
            schema.add_field(field, getattr(DataType, kind), **params)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
        index = self.client.prepare_index_params()
        index.add_index(field_name="vector", index_type="FLAT", metric_type="IP")
        self.client.create_collection(
            collection_name=name, schema=schema, index_params=index, consistency_level="Strong"
        )

    # -- rows -------------------------------------------------------------------------------
    def upsert(self, collection: str, rows: list[dict[str, Any]], partial: bool = False) -> None:
        """Insert or replace rows (`partial`: change only the fields given, by primary key)."""
        for i in range(0, len(rows), BATCH):
            self.client.upsert(
                collection_name=collection, data=rows[i : i + BATCH], partial_update=partial
            )

    def delete(self, collection: str, where: str) -> None:
        self.client.delete(collection_name=collection, filter=where)

    def flush(self, name: str) -> None:
        """Seal what was written: a search over unflushed rows is about ten times slower."""
        for suffix in SUFFIXES:
            self.client.flush(collection_name=name + suffix)

    def query(
        self, collection: str, where: str, fields: Sequence[str], limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Rows matching `where` (all of them unless `limit`), `fields` of each."""
        if limit is not None and limit <= MAX_LIMIT:
            return list(
                self.client.query(
                    collection_name=collection,
                    filter=where,
                    output_fields=list(fields),
                    limit=limit,
                )
            )
        return list(self._iterate(collection, where, fields))

    def _iterate(
        self, collection: str, where: str, fields: Sequence[str]
    ) -> Iterator[dict[str, Any]]:
        it = self.client.query_iterator(
            collection_name=collection, filter=where, output_fields=list(fields), batch_size=4096
        )
        try:
            while batch := it.next():
                yield from batch
        finally:
            it.close()

    def search(
        self,
        collection: str,
        data: np.ndarray | str,
        field: str,
        metric: str,
        k: int,
        where: str,
    ) -> list[tuple[int, float]]:
        """Up to `k` (chunk_id, score) pairs, best first."""
        query = [data] if isinstance(data, str) else [np.asarray(data, dtype=np.float32).tolist()]
        found = self.client.search(
            collection_name=collection,
            data=query,
            anns_field=field,
            search_params={"metric_type": metric},
            limit=min(k, MAX_LIMIT),
            filter=where,
            output_fields=["chunk_id"],
        )
        return [(int(h["chunk_id"]), float(h["distance"])) for h in found[0]]


def _docs_fields() -> list[tuple[str, str, dict[str, Any]]]:
    text = {"max_length": 4096}
    return [
        ("doc_id", "VARCHAR", {"max_length": 1024}),
        ("path", "VARCHAR", text),
        ("title", "VARCHAR", text),
        ("date", "VARCHAR", {"max_length": 64}),
        ("source", "VARCHAR", text),
        ("url", "VARCHAR", text),
        ("file_hash", "VARCHAR", {"max_length": 128}),
        ("text_hash", "VARCHAR", {"max_length": 128}),
        ("chunks", "INT64", {}),
        ("parts", "INT64", {}),
        ("added", "INT64", {}),
        ("removed", "INT64", {}),
    ]


def _text_fields() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        ("doc_key", "VARCHAR", {"max_length": 2048}),
        ("part", "INT64", {}),
        ("text", "VARCHAR", {"max_length": MAX_VARCHAR}),
    ]
