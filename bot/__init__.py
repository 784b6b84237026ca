"""docbot's front ends: the `docbot` command line and the Telegram bot.

This package never imports `faiss`, `numpy` or `sentence_transformers`.
"""
