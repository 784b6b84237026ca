"""Telegram's text rules: strict parsing of HTML parse mode, UTF-16 lengths, entities of user text.

The fake Bot API server validates what the bot sends with these, and tests/bot/test_bot_render.py
checks the bot's renderer against them directly.
"""

from __future__ import annotations

import re
from typing import Any

_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre"}
_TAGS |= {"tg-spoiler", "span", "blockquote", "tg-emoji"}
_TOKEN_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*)?)>|&(#x[0-9a-fA-F]+|#\d+|\w+);")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_BOLD = {"b", "strong"}


class BadRequest(Exception):
    """What Telegram answers with 400."""


def parse_html(text: str) -> tuple[str, list[str], list[str]]:
    """Parse Telegram HTML strictly; return (plain text, bold fragments, link hrefs)."""
    plain: list[str] = []
    stack: list[str] = []
    bold_parts: list[str] = []
    bold_start: int | None = None
    hrefs: list[str] = []
    pos = 0
    for m in _TOKEN_RE.finditer(text):
        _append_plain(plain, text[pos : m.start()])
        pos = m.end()
        if m.group(4) is not None:
            plain.append(_entity(m.group(4)))
            continue
        closing, tag, attrs = m.group(1) == "/", m.group(2).lower(), m.group(3) or ""
        if tag not in _TAGS:
            raise BadRequest(f'can\'t parse entities: Unsupported start tag "{tag}"')
        if closing:
            if not stack or stack[-1] != tag:
                raise BadRequest(f'can\'t parse entities: Unmatched end tag "{tag}"')
            stack.pop()
            if tag in _BOLD and not any(t in _BOLD for t in stack) and bold_start is not None:
                bold_parts.append("".join(plain)[bold_start:])
                bold_start = None
            continue
        if tag == "a":
            href = re.fullmatch(r'\s+href\s*=\s*"([^"]*)"\s*', attrs)
            if not href:
                raise BadRequest("can't parse entities: a tag needs a quoted href")
            hrefs.append(_unescape(href.group(1)))
        elif attrs.strip() and tag not in {"span", "tg-emoji", "pre", "code", "blockquote"}:
            raise BadRequest(f'can\'t parse entities: unexpected attributes on "{tag}"')
        if tag in _BOLD and not any(t in _BOLD for t in stack):
            bold_start = len("".join(plain))
        stack.append(tag)
    _append_plain(plain, text[pos:])
    if stack:
        raise BadRequest(
            f"can't parse entities: Can't find end tag corresponding to \"{stack[-1]}\""
        )
    return "".join(plain), bold_parts, hrefs


def _append_plain(out: list[str], chunk: str) -> None:
    """Raw text between tags: `<`, `>` and `&` must have been escaped."""
    for ch in "<>&":
        if ch in chunk:
            raise BadRequest(f"can't parse entities: unescaped {ch!r} in {chunk[:40]!r}")
    out.append(chunk)


def _entity(name: str) -> str:
    """The character an HTML entity (`amp`, `#38`, `#x26`) stands for."""
    if name.startswith("#x"):
        return chr(int(name[2:], 16))
    if name.startswith("#"):
        return chr(int(name[1:]))
    if name not in _ENTITIES:
        raise BadRequest(f"can't parse entities: Unsupported HTML entity &{name};")
    return _ENTITIES[name]


def _unescape(value: str) -> str:
    """An attribute value with its HTML entities replaced."""
    return re.sub(r"&(#x[0-9a-fA-F]+|#\d+|\w+);", lambda m: _entity(m.group(1)), value)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's limits and entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def entities_for(text: str) -> list[dict[str, Any]]:
    """bot_command at the start and @mentions anywhere, with UTF-16 offsets like Telegram."""
    entities = []
    for m in re.finditer(r"(?<![\w/])/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?|@[A-Za-z0-9_]{5,32}", text):
        kind = "bot_command" if m.group().startswith("/") else "mention"
        if kind == "bot_command" and m.start() != 0:
            continue
        entities.append(
            {
                "type": kind,
                "offset": utf16_len(text[: m.start()]),
                "length": utf16_len(m.group()),
            }
        )
    return entities
