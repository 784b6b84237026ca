"""docbot's knowledge base: documents -> chunks -> embeddings -> store -> search -> answers.

This package never imports `telegram`.
"""
