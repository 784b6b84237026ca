"""The shape of the house: which package may import what, and how big a module may grow."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_MODULE_LINES = 400


def _imports(package: str) -> dict[str, set[str]]:
    """Top-level names each module of `package` imports, by module path."""
    out: dict[str, set[str]] = defaultdict(set)
    for path in sorted((ROOT / package).rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                out[rel].update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                out[rel].add(node.module.split(".")[0])
    return out


def test_the_knowledge_base_never_imports_telegram() -> None:
    offenders = [m for m, names in _imports("index").items() if "telegram" in names]
    assert offenders == []


@pytest.mark.parametrize(
    ("library", "owners"),
    [
        ("faiss", ["index/storage/faiss_index.py"]),
        # BM25 is our own postings (index/storage/bm25*.py); bm25s stays only for a test that
        # checks our scores against it.
        ("bm25s", []),
        ("pymilvus", ["index/storage/milvus/engine.py"]),
        ("sentence_transformers", ["index/embed/sbert.py"]),
        ("onnxruntime", ["index/embed/ort.py"]),
        # The torch runtime, and the one-time ONNX export (run in a child process, so a process
        # embedding with ONNX Runtime never loads torch).
        ("torch", ["index/embed/ort_export.py", "index/embed/sbert.py"]),
        # Feeds, web pages and Word documents (issue 10).
        ("feedparser", ["index/ingest/feeds.py"]),
        ("trafilatura", ["index/ingest/article.py"]),
        ("docx", ["index/ingest/formats/docx.py"]),
    ],
)
def test_each_library_has_one_owner(library: str, owners: list[str]) -> None:
    importers = [m for m, names in _imports("index").items() if library in names]
    assert importers == owners
    assert all(library not in names for names in _imports("bot").values())


@pytest.mark.parametrize("folder", ["index"])
def test_no_module_takes_on_a_second_job(folder: str) -> None:
    sizes = {
        p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
        for p in (ROOT / folder).rglob("*.py")
    }
    assert {m: n for m, n in sizes.items() if n > MAX_MODULE_LINES} == {}


def test_stages_depend_only_on_earlier_stages() -> None:
    """Data flows one way: a stage imports from stages before it, never after."""
    order = ["text", "ingest", "embed", "storage", "indexing", "query", "compose"]
    rank = {name: i for i, name in enumerate(order)}
    wrong = []
    for path in (ROOT / "index").rglob("*.py"):
        parts = path.relative_to(ROOT / "index").parts
        if len(parts) < 2 or parts[0] not in rank:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("index."):
                target = node.module.split(".")[1]  # type: ignore[union-attr]
                if target in rank and rank[target] > rank[parts[0]]:
                    wrong.append(f"{'/'.join(parts)} imports {node.module}")
    assert wrong == []
