"""Pooling of token vectors into passage and sentence vectors, in numpy, for every runtime."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from index.types import Span


def mean_pool(tokens: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Normalised mean of each row's real tokens: what `SentenceTransformer.encode` returns.

    Args:
        tokens: (batch, tokens, dim) contextual token vectors.
        mask: (batch, tokens) attention mask, 1 for real tokens.

    Returns:
        (batch, dim) float32 unit vectors.
    """
    m = mask[..., None].astype(tokens.dtype)
    pooled = (tokens * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def pool_spans(tokens: np.ndarray, offsets: np.ndarray, spans: Sequence[Span]) -> np.ndarray:
    """Mean of the token vectors whose characters fall in each span, normalised, as float16.

    Args:
        tokens: (tokens, dim) vectors of one passage.
        offsets: (tokens, 2) character offsets of each token in the passage text.
        spans: character spans of the passage's sentences.

    Returns:
        (len(spans), dim) float16 unit vectors (zeros for a span no token falls in).
    """
    starts = offsets[:, 0]
    ends = offsets[:, 1]
    real = ends > starts  # special and padding tokens have empty offsets
    out = np.zeros((len(spans), tokens.shape[1]), dtype=np.float32)
    for j, (s, e) in enumerate(spans):
        sel = real & (starts >= s) & (ends <= e)
        if not sel.any():
            sel = real & (starts < e) & (ends > s)
        if sel.any():
            v = tokens[sel].mean(axis=0)
            n = float(np.linalg.norm(v))
            if n > 0:
                out[j] = v / n
    return out.astype(np.float16)
