"""Code the tests share (not tests themselves): the fake Telegram server, harnesses, helpers."""
