"""Chunks read beyond the best retrieved: the chunk after one naming the stop asked about, for
"Where will she go after X?", and further candidates a question's reading asks for; and the
sentence after a sentence, into the next chunk when needed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

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


def with_wanted_chunks(
    picked: list[Candidate],
    cands: list[Candidate],
    pool: int,
    limit: int,
    wanted: Callable[[Candidate], bool],
) -> list[Candidate]:
    """`picked`, and up to `limit` more of the best `pool` candidates that are `wanted`, each
    read as the last chunk picked (at least its score)."""
    have = {c.chunk_id for c in picked}
    floor = min((c.score for c in picked), default=0.0)
    extra: list[Candidate] = []
    for c in cands[:pool]:
        if len(extra) == limit:
            break
        if c.chunk_id not in have and wanted(c):
            extra.append(replace(c, score=max(c.score, floor)))
    return picked + extra


INSTANCE_POOL = 30  # "what unit are they in?": candidates read for a chunk naming one
INSTANCE_CHUNKS = 2  # ... and how many such chunks are added


def with_instance_chunks(
    snap: Snapshot,
    names: Callable[[str], bool],
    cands: list[Candidate],
    picked: list[Candidate],
) -> list[Candidate]:
    """`picked`, and the best candidates of the picked documents whose text `names` a thing
    of the asked kind ("Unit 74455" for "The six GRU officers RFJ wants info on - what unit
    are they in?"): the question's words are in the release's opening chunk, the unit in a
    later one, which retrieval ranks below other documents' chunks."""
    docs = {c.doc_id for c in picked}
    return with_wanted_chunks(
        picked,
        cands,
        INSTANCE_POOL,
        INSTANCE_CHUNKS,
        lambda c: c.doc_id in docs and names(snap.chunk_text(c.chunk_id)),
    )


def next_sentence(snap: Snapshot, chunk_id: int, end: int) -> tuple[int, int, int] | None:
    """The sentence right after the one ending at `end` in chunk `chunk_id`'s document:
    (chunk_id, start, end), looking into the following chunk when needed."""
    rec = snap.chunks[chunk_id]
    for s, e in rec.sentences:
        if s >= end:
            return chunk_id, s, e
    chunks = snap.chunks_of(rec.doc_id)
    i = chunks.index(chunk_id) if chunk_id in chunks else -1
    if 0 <= i < len(chunks) - 1:
        nxt = snap.chunks[chunks[i + 1]]
        for s, e in nxt.sentences:
            if s >= end:
                return nxt.chunk_id, s, e
    return None
