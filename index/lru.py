"""A bounded table of values made on first use, least recently used out first.

What a snapshot derives for its questions (sentence vectors, analysed sentences and documents;
index/storage/snapshot.py, index/compose/analysed.py) is kept in these, so memory stays the
same whatever the size of the index.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Lru(Generic[V]):
    """A bounded table, least recently used out first; safe for the reader threads of one
    snapshot (a value made twice by two threads at once is simply the same value twice)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            if len(self._items) > self._size:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)
