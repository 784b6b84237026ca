"""The settings that open the knowledge base, read without pydantic when nothing needs it.

Importing pydantic and pydantic-settings takes ~160 ms, a third of a no-op `docbot index`. The
commands that only open the knowledge base (`index`, `ask`, `search`, `summary`, `trips`,
`sources`) read nothing but the settings in `INDEX_SETTINGS`. Most of them are plain strings
and paths, which any value satisfies, so reading them needs no validation. `quick_settings`
reads them so when the environment holds nothing else: any other docbot setting, a value
that needs checking (`DOCBOT_EMBED_THREADS`), a name not in capitals or a `.env` file sends
the command to the full `Settings` (bot/settings.py), with pydantic's validation, defaults and
error messages. This table is where `Settings` takes these fields' names and defaults from.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from index.config import DEFAULT_RUNTIME, DEFAULT_STORE, IndexConfig
from index.embed.ort_export import CACHE_ENV

DEFAULT_INDEX_DIR = Path(".docbot/index")
ENV_FILE = ".env"  # read by `Settings`, relative to the working folder


@dataclass(frozen=True)
class EnvSetting:
    """One setting: its environment variable and default. `any_string`: every value is valid
    (a str, path or secret), so it can be read without validation."""

    env: str
    default: Any
    any_string: bool = True


# field of `Settings` -> its variable and default: what `Settings.index_config` reads.
INDEX_SETTINGS: dict[str, EnvSetting] = {
    "corpus": EnvSetting("DOCBOT_CORPUS", Path("docs_corpus")),
    "index_dir": EnvSetting("DOCBOT_INDEX_DIR", DEFAULT_INDEX_DIR),
    "model": EnvSetting("DOCBOT_MODEL", None),
    "runtime": EnvSetting("DOCBOT_RUNTIME", DEFAULT_RUNTIME),
    "store": EnvSetting("DOCBOT_STORE", DEFAULT_STORE),
    "embed_threads": EnvSetting("DOCBOT_EMBED_THREADS", None, any_string=False),
    "milvus_uri": EnvSetting("DOCBOT_MILVUS_URI", None),
    "milvus_token": EnvSetting("DOCBOT_MILVUS_TOKEN", None),
    "milvus_collection": EnvSetting("DOCBOT_MILVUS_COLLECTION", "docbot"),
}
# Read by the bot, not by the index, but set wherever the bot runs; any value is valid.
BOT_SETTINGS: dict[str, EnvSetting] = {
    "telegram_bot_token": EnvSetting("TELEGRAM_BOT_TOKEN", None),
}
ENV_SETTINGS = {**INDEX_SETTINGS, **BOT_SETTINGS}
# Every variable of `Settings` starts so or is in BOT_SETTINGS (tests/bot/test_quick_settings.py);
# the model cache is read by the ONNX runtimes themselves, not a setting.
SETTINGS_PREFIX = "DOCBOT_"
NOT_SETTINGS = frozenset({CACHE_ENV})


class IndexSettings(Protocol):
    """What the commands that only open the knowledge base need: `Settings` or `QuickSettings`."""

    def index_config(self, **overrides: Any) -> IndexConfig: ...


def index_config_from(values: Mapping[str, Any], **overrides: Any) -> IndexConfig:
    """The knowledge base that `values` (one per `INDEX_SETTINGS` field) describe."""
    fields = {name: _revealed(values[name]) for name in INDEX_SETTINGS}
    fields["milvus_token"] = fields["milvus_token"] or None  # an empty secret is none
    return IndexConfig(**{**fields, **overrides})


def _revealed(value: Any) -> Any:
    """A secret's text (pydantic's SecretStr), any other value as it is."""
    reveal = getattr(value, "get_secret_value", None)
    return reveal() if reveal is not None else value


class QuickSettings:
    """The index settings as read from the environment, every other setting at its default."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = dict(values)

    def index_config(self, **overrides: Any) -> IndexConfig:
        return index_config_from(self._values, **overrides)


def quick_settings(
    environ: Mapping[str, str] | None = None, env_file: Path = Path(ENV_FILE)
) -> QuickSettings | None:
    """The index settings without pydantic, or None when `Settings` must read them.

    The values are those `Settings()` would give: every variable read is one any string
    satisfies, taken as it is (the knowledge base's `IndexConfig` makes the folders paths).
    """
    environ = os.environ if environ is None else environ
    if os.path.lexists(env_file):
        return None  # `Settings` reads it, with python-dotenv's rules
    by_env = {s.env: name for name, s in ENV_SETTINGS.items() if s.any_string}
    others = {s.env for s in BOT_SETTINGS.values()}
    values = {name: s.default for name, s in ENV_SETTINGS.items()}
    for key, value in environ.items():
        upper = key.upper()
        if key in NOT_SETTINGS or not (upper.startswith(SETTINGS_PREFIX) or upper in others):
            continue
        name = by_env.get(key)  # pydantic-settings ignores case: only capitals are read here
        if name is None:
            return None
        values[name] = value
    return QuickSettings(values)
