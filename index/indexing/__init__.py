"""indexing/: the write path. Manifest, writer lock, embedding cache, and sync."""
