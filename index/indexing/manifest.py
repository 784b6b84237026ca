"""What the stored vectors depend on. If any of it changes, a full rebuild is needed."""

from __future__ import annotations

from index.config import LEGACY_RUNTIME
from index.embed.base import Embedder
from index.ingest.chunking import CHUNKER_VERSION
from index.storage.sqlite import SCHEMA_VERSION


def manifest_for(embedder: Embedder) -> dict[str, str]:
    """The manifest an index built now with `embedder` gets."""
    return {
        "model": embedder.name,
        "runtime": embedder.runtime,
        "dim": str(embedder.dim),
        "chunker_version": CHUNKER_VERSION,
        "schema_version": SCHEMA_VERSION,
    }


def check_manifest(stored: dict[str, str], wanted: dict[str, str]) -> list[str]:
    """Human-readable differences between the index's manifest and the current settings."""
    if "model" not in stored:
        return []
    # Indexes made before the runtime was recorded were all made by sentence-transformers.
    stored = {"runtime": LEGACY_RUNTIME, **stored}
    return [
        f"{key} is {stored.get(key)!r} in the index but {value!r} now"
        for key, value in wanted.items()
        if stored.get(key) != value
    ]


def cache_namespace(manifest: dict[str, str]) -> str:
    """What salts the embedding-cache keys: vectors of one model and runtime never serve another.

    The torch runtime keeps the salt it had before runtimes were recorded, so an existing
    cache stays valid; any other runtime adds its name.
    """
    model = manifest["model"]
    if manifest["runtime"] != LEGACY_RUNTIME:
        model = f"{manifest['runtime']}:{model}"
    return f"{model}|{manifest['chunker_version']}|"
