"""Trip summaries at scale: how long a summary takes now that it reads the trip's other
documents (readouts, remarks, statements), against the same summary from the announcement alone.

    python -m bench.trip_bench --corpus ../shared/data/statedept/text --index-dir /tmp/sd-index

Each trip announcement of the index (titles naming travel, at most --trips of them) is
summarised --repeats times both ways after one warm-up; the table gives medians over trips of
each trip's median, and how many readout lines the merged summaries gained.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from unittest import mock

from bench.machine import print_table
from index.compose import summary
from index.compose.summary import is_transcript, is_trip, summarize
from index.config import IndexConfig
from index.kb import KnowledgeBase


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--corpus", type=Path, required=True)
    p.add_argument("--index-dir", type=Path, required=True)
    p.add_argument("--trips", type=int, default=20)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args()
    kb = KnowledgeBase(IndexConfig(args.corpus, args.index_dir))
    snap = kb.snapshot()
    trips = [d for d in snap.docs.values() if is_trip(d) and not is_transcript(d.title)]
    trips = sorted(trips, key=lambda d: d.doc_id)[: args.trips]
    merged, alone, gained = [], [], 0
    summarize(snap, kb.embedder, trips[0].title)  # warm-up: model, gazetteer, caches
    for doc in trips:
        times = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            reply = summarize(snap, kb.embedder, doc.title)
            times.append(time.perf_counter() - t0)
        merged.append(statistics.median(times))
        gained += sum(1 for line in reply.text.splitlines() if line.startswith("   met"))
        times = []
        with mock.patch.object(summary, "trip_documents", lambda *a, **k: []):
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                summarize(snap, kb.embedder, doc.title)
                times.append(time.perf_counter() - t0)
        alone.append(statistics.median(times))
    print_table(
        f"Trip summaries, {len(snap.docs)} documents, {len(trips)} trips x {args.repeats}",
        [
            (
                "median summary, announcement alone (ms)",
                f"{1000 * statistics.median(alone):.0f}",
                "",
            ),
            (
                "median summary, trip documents merged (ms)",
                f"{1000 * statistics.median(merged):.0f}",
                "",
            ),
            ("slowest merged summary (ms)", f"{1000 * max(merged):.0f}", ""),
            ("readout lines gained, all trips", str(gained), ""),
        ],
    )


if __name__ == "__main__":
    main()
