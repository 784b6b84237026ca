"""One typed settings object, read from the environment or `.env`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.quick_settings import DEFAULT_INDEX_DIR, ENV_SETTINGS, INDEX_SETTINGS, index_config_from
from index.config import IndexConfig

__all__ = ["DEFAULT_INDEX_DIR", "Settings"]


def _index_field(name: str, **constraints: Any) -> Any:
    """A field whose variable and default `ENV_SETTINGS` (bot/quick_settings.py) holds."""
    setting = ENV_SETTINGS[name]
    return Field(default=setting.default, alias=setting.env, **constraints)


def _id_set(value: object) -> frozenset[int]:
    if value is None or value == "":
        return frozenset()
    if isinstance(value, int):
        return frozenset({value})
    if isinstance(value, str):
        parts = [p.strip() for p in value.replace(";", ",").split(",")]
        return frozenset(int(p) for p in parts if p)
    return frozenset(int(v) for v in value)  # type: ignore[attr-defined]


class Settings(BaseSettings):
    """Everything docbot can be configured with. Built once in `main()` and passed in."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = _index_field("telegram_bot_token")
    telegram_base_url: str | None = Field(default=None, alias="DOCBOT_TELEGRAM_BASE_URL")
    telegram_base_file_url: str | None = Field(default=None, alias="DOCBOT_TELEGRAM_BASE_FILE_URL")
    corpus: Path = _index_field("corpus")
    index_dir: Path = _index_field("index_dir")
    model: str | None = _index_field("model")
    runtime: str = _index_field("runtime")
    store: str = _index_field("store")
    # DOCBOT_STORE=milvus: a file path (embedded milvus-lite) or http(s)://host:19530.
    milvus_uri: str | None = _index_field("milvus_uri")
    milvus_token: SecretStr | None = _index_field("milvus_token")
    milvus_collection: str = _index_field("milvus_collection")
    # A bot worker that only reads a shared index (N webhook workers on one Milvus): `serve`
    # neither indexes at start nor rescans, and /reindex and uploads are left to the indexer.
    read_only: bool = Field(default=False, alias="DOCBOT_READ_ONLY")
    # Threads per embedding call; unset means the runtime's default. `docbot serve` uses 1:
    # questions already run on their own threads, and a reindex must leave a core for them.
    embed_threads: int | None = _index_field("embed_threads", ge=1)
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), alias="DOCBOT_ADMIN_IDS"
    )
    allowed_user_ids: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), alias="DOCBOT_ALLOWED_USER_IDS"
    )
    rescan_seconds: float = Field(default=60.0, alias="DOCBOT_RESCAN_SECONDS", ge=0)
    rate_limit_per_minute: int = Field(default=10, alias="DOCBOT_RATE_LIMIT_PER_MINUTE", ge=1)
    max_upload_bytes: int = Field(default=10 * 1024 * 1024, alias="DOCBOT_MAX_UPLOAD_BYTES")
    webhook_url: str | None = Field(default=None, alias="DOCBOT_WEBHOOK_URL")
    webhook_listen: str = Field(default="127.0.0.1", alias="DOCBOT_WEBHOOK_LISTEN")
    webhook_port: int = Field(default=8443, alias="DOCBOT_WEBHOOK_PORT")
    webhook_secret: SecretStr | None = Field(default=None, alias="DOCBOT_WEBHOOK_SECRET")
    # Telegram connection: per-request timeout, and how long a reply is retried while Telegram
    # is unreachable or answering 5xx before giving up on it.
    telegram_timeout: float = Field(default=10.0, alias="DOCBOT_TELEGRAM_TIMEOUT", gt=0)
    telegram_retry_seconds: float = Field(
        default=300.0, alias="DOCBOT_TELEGRAM_RETRY_SECONDS", ge=0
    )
    max_question_chars: int = Field(default=1000, alias="DOCBOT_MAX_QUESTION_CHARS", ge=10)
    # Worker threads answering questions in the bot (the GIL makes many more counterproductive;
    # two or more keep one slow question from holding up the rest).
    query_threads: int = Field(default=4, alias="DOCBOT_QUERY_THREADS", ge=2, le=64)
    # Worker processes answering questions in `docbot serve` (unset: one per core). Each holds
    # its own read-only copy of the index; 1 answers in the bot's own process, on threads.
    answer_processes: int | None = Field(default=None, alias="DOCBOT_ANSWER_PROCESSES", ge=1)
    log_file: Path | None = Field(default=None, alias="DOCBOT_LOG_FILE")
    # Feeds, links and follow alerts (issue 10; see bot/feeds.py and bot/alerts.py).
    feeds: Annotated[tuple[str, ...], NoDecode] = Field(default=(), alias="DOCBOT_FEEDS")
    feed_seconds: float = Field(default=600.0, alias="DOCBOT_FEED_SECONDS", ge=0)
    allow_private_urls: bool = Field(default=False, alias="DOCBOT_ALLOW_PRIVATE_URLS")
    fetch_max_bytes: int = Field(default=10 * 1024 * 1024, alias="DOCBOT_FETCH_MAX_BYTES", ge=1)
    fetch_timeout: float = Field(default=10.0, alias="DOCBOT_FETCH_TIMEOUT", gt=0)
    feeds_db: Path | None = Field(default=None, alias="DOCBOT_FEEDS_DB")
    broadcast_per_second: float = Field(
        default=25.0, alias="DOCBOT_BROADCAST_PER_SECOND", gt=0, le=30
    )
    # How long a chat remembers its last answer for follow-ups ("What about Tokyo?").
    context_minutes: float = Field(default=30.0, alias="DOCBOT_CONTEXT_MINUTES", gt=0)

    @field_validator("admin_ids", "allowed_user_ids", mode="before")
    @classmethod
    def _parse_ids(cls, value: object) -> frozenset[int]:
        return _id_set(value)

    @field_validator("feeds", mode="before")
    @classmethod
    def _parse_urls(cls, value: object) -> tuple[str, ...]:
        if value is None or value == "":
            return ()
        if isinstance(value, str):
            value = value.replace(";", ",").replace("\n", ",").split(",")
        return tuple(u.strip() for u in value if u and u.strip())  # type: ignore[attr-defined]

    def feeds_db_path(self) -> Path:
        """The feed reader's and the alerts' own SQLite file (next to the index by default)."""
        if self.feeds_db is not None:
            return self.feeds_db
        return self.index_dir.with_name(self.index_dir.name + "-feeds.sqlite")

    def index_config(self, **overrides: Any) -> IndexConfig:
        """The knowledge base these settings describe (fields can be overridden)."""
        return index_config_from(
            {name: getattr(self, name) for name in INDEX_SETTINGS}, **overrides
        )

    def answer_workers(self) -> int:
        """How many processes answer questions: the setting, else one per core. An embedded
        milvus-lite file can be open in one process only, so that store answers in this one."""
        uri = self.milvus_uri or ""
        if self.store == "milvus" and not uri.startswith(("http://", "https://")):
            return 1
        return self.answer_processes or os.cpu_count() or 1

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admin_ids

    def is_allowed(self, user_id: int | None) -> bool:
        if not self.allowed_user_ids:
            return True
        return user_id is not None and (
            user_id in self.allowed_user_ids or user_id in self.admin_ids
        )
