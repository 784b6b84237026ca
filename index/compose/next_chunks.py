"""The chunk after one naming the stop asked about, for "Where will she go after X?"."""

from __future__ import annotations

from index.compose.analysed import analysed
from index.query.retrieve import Candidate
from index.storage.snapshot import Snapshot

NEXT_CHUNK_ANCHORS = 3  # "after X": the best chunks naming X whose next chunk is read too
NEXT_DECAY = 0.7  # its score, as a share of theirs (as a document's second chunk)


def with_next_chunks(
    snap: Snapshot, anchor: frozenset[str], picked: list[Candidate]
) -> list[Candidate]:
    """`picked`, and the chunk after each picked one that names the stop asked about: "Where
    will she go after Maputo?" is answered where the text goes on from Maputo ("She will then
    travel to Windhoek"), which in a long paragraph is the next chunk, and that chunk does not
    name Maputo, so retrieval ranks it low. It is read at NEXT_DECAY times its anchor's score."""
    tables = analysed(snap)
    have = {c.chunk_id for c in picked}
    extra = []
    for c in picked[:NEXT_CHUNK_ANCHORS]:
        if not anchor & tables.chunk_terms(c.chunk_id):
            continue
        chunks = snap.chunks_of(c.doc_id)
        i = chunks.index(c.chunk_id)
        if i + 1 < len(chunks) and chunks[i + 1] not in have:
            have.add(chunks[i + 1])
            extra.append(Candidate(chunks[i + 1], c.doc_id, c.dense, 0.0, c.score * NEXT_DECAY))
    return picked + extra
