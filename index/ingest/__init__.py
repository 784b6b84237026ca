"""ingest/: file -> Document -> Chunk[]. Scan, one module per format, metadata, chunks, uploads."""
