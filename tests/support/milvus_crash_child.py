"""`docbot index` on the milvus store, stopped just before it publishes, for the crash tests.

Usage: milvus_crash_child.py MARKER SECONDS (the store and corpus come from the environment,
as for `docbot index`). With every new row written and nothing published yet, it writes MARKER
and sleeps SECONDS; the test SIGKILLs it there.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bot.settings import Settings
from index.kb import KnowledgeBase
from index.storage.milvus.store import MilvusStore

marker, seconds = sys.argv[1:3]
_publish = MilvusStore._publish


def publish(self: MilvusStore, target: str, gen: int) -> None:
    Path(marker).write_text(str(gen))
    time.sleep(float(seconds))
    _publish(self, target, gen)


MilvusStore._publish = publish  # type: ignore[method-assign]
report = KnowledgeBase(Settings().index_config()).sync()
print(report.documents, flush=True)
