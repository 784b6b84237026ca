"""`docbot feeds`, `docbot follow` and `docbot trips` on the command line's parser.

Kept apart from bot/feeds.py so that building the parser imports nothing of the feed machinery
(HTTP client, feed parser, page extraction): every command, `docbot ask` included, builds the
parser, and each command here imports what it runs only when it runs.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.settings import Settings


def _feeds(settings: Settings, args: argparse.Namespace) -> int:
    from bot.feeds import cmd_feeds

    return cmd_feeds(settings, args)


def _follow(settings: Settings, args: argparse.Namespace) -> int:
    from bot.feeds import cmd_follow

    return cmd_follow(settings, args)


def add_feed_commands(sub: Any) -> None:
    """Register `docbot feeds` and `docbot follow` on the CLI's subparsers."""
    p = sub.add_parser("feeds", help="poll and manage RSS/Atom feeds (see README)")
    actions = p.add_subparsers(dest="action", required=True)
    poll = actions.add_parser("poll", help="poll every feed once, save and index what is new")
    poll.add_argument("--json", action="store_true", help="print one JSON object")
    actions.add_parser("list", help="the feeds polled")
    for name in ("add", "remove"):
        action = actions.add_parser(name, help=f"{name} a feed URL")
        action.add_argument("url")
    p.set_defaults(func=_feeds)

    p = sub.add_parser("follow", help="what a followed topic would have matched lately")
    p.add_argument("topic")
    p.add_argument("--latest", type=int, default=50, help="how many newest documents (50)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_follow)
