"""The index settings read without pydantic (bot/quick_settings.py) are exactly `Settings`'s.

A no-op `docbot index` runs as a user runs it and reports which libraries it imported: none
of pydantic, numpy, FAISS or the model's. Changed files are still indexed, and an invalid
setting still fails with pydantic's own message.
"""

from __future__ import annotations

import json
import os
import subprocess
import typing
from pathlib import Path

import pytest
from conftest import copy_seed_corpus
from pydantic import SecretStr, ValidationError
from support.import_report import run_reporting

from bot.quick_settings import (
    BOT_SETTINGS,
    ENV_SETTINGS,
    INDEX_SETTINGS,
    NOT_SETTINGS,
    SETTINGS_PREFIX,
    quick_settings,
)
from bot.settings import Settings

PREFIXES = ("DOCBOT_", "TELEGRAM_")


def _ours(key: str) -> bool:
    """A docbot setting, or a name that looks like one (the model cache is kept)."""
    return key.upper().startswith(PREFIXES) and key not in NOT_SETTINGS


@pytest.fixture
def clean_env(monkeypatch) -> pytest.MonkeyPatch:
    """No docbot variable from the test run's own environment."""
    for key in list(os.environ):
        if _ours(key):
            monkeypatch.delenv(key)
    return monkeypatch


def _both(monkeypatch, env: dict[str, str], tmp_path: Path):  # type: ignore[no-untyped-def]
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    quick = quick_settings(env_file=tmp_path / ".env")
    full = Settings(_env_file=None)  # type: ignore[call-arg]
    return quick, full


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"DOCBOT_CORPUS": "/data/releases", "DOCBOT_INDEX_DIR": "~/ix"},
        {"DOCBOT_CORPUS": "relative/corpus/", "DOCBOT_INDEX_DIR": " spaced dir "},
        {"DOCBOT_CORPUS": "", "DOCBOT_MODEL": "", "DOCBOT_RUNTIME": "onnx"},
        {"DOCBOT_MODEL": "/models/minilm", "DOCBOT_RUNTIME": "no-such-runtime"},
        {"DOCBOT_STORE": "milvus", "DOCBOT_MILVUS_URI": "http://h:19530"},
        {"DOCBOT_MILVUS_TOKEN": "user:pw", "DOCBOT_MILVUS_COLLECTION": "c1"},
        {"DOCBOT_MILVUS_TOKEN": ""},  # an empty secret is none, as before
        {"TELEGRAM_BOT_TOKEN": "123:abc", "DOCBOT_MODEL_CACHE": "/tmp/m"},
    ],
)
def test_read_without_pydantic_as_settings_reads_them(clean_env, tmp_path, env) -> None:
    quick, full = _both(clean_env, env, tmp_path)
    assert quick is not None
    assert quick.index_config() == full.index_config()
    assert quick.index_config(runtime="onnx") == full.index_config(runtime="onnx")


@pytest.mark.parametrize(
    "env",
    [
        {"DOCBOT_EMBED_THREADS": "2"},  # needs validation
        {"DOCBOT_EMBED_THREADS": "0"},  # invalid: pydantic's error
        {"DOCBOT_CORPUS": "/c", "DOCBOT_RATE_LIMIT_PER_MINUTE": "5"},  # another setting
        {"DOCBOT_ADMIN_IDS": "1,2"},
        {"docbot_corpus": "/lower/case"},  # pydantic-settings ignores case
        {"Telegram_Bot_Token": "123:abc"},
        {"DOCBOT_NOT_A_SETTING": "x"},
    ],
)
def test_anything_else_goes_to_settings(clean_env, tmp_path, env) -> None:
    for key, value in env.items():
        clean_env.setenv(key, value)
    assert quick_settings(env_file=tmp_path / ".env") is None


def test_lower_case_names_are_settings_too(clean_env, tmp_path) -> None:
    # Why a name not in capitals goes to Settings: it reads it.
    clean_env.setenv("docbot_corpus", "/lower/case")
    assert Settings(_env_file=None).corpus == Path("/lower/case")  # type: ignore[call-arg]


def test_an_env_file_goes_to_settings(clean_env, tmp_path) -> None:
    (tmp_path / ".env").write_text("DOCBOT_CORPUS=/from/dotenv\n")
    assert quick_settings(env_file=tmp_path / ".env") is None
    full = Settings(_env_file=tmp_path / ".env")  # type: ignore[call-arg]
    assert full.corpus == Path("/from/dotenv")


def test_the_table_is_settings_own() -> None:
    fields = Settings.model_fields
    for name, setting in ENV_SETTINGS.items():
        assert fields[name].alias == setting.env
        assert fields[name].default == setting.default
        # Read without validation only where every string is a valid value.
        args = set(typing.get_args(fields[name].annotation)) or {fields[name].annotation}
        plain = args <= {str, Path, SecretStr, type(None)} and not fields[name].metadata
        assert setting.any_string == plain, name
    # quick_settings tells a setting by its name: every variable of Settings starts with the
    # prefix or is one of BOT_SETTINGS, and NOT_SETTINGS are none of them.
    bot_names = {s.env for s in BOT_SETTINGS.values()}
    aliases = {f.alias for f in fields.values()}
    assert all(a and (a.startswith(SETTINGS_PREFIX) or a in bot_names) for a in aliases)
    assert not NOT_SETTINGS & aliases
    assert set(INDEX_SETTINGS) >= {"corpus", "index_dir", "runtime", "model", "store"}


# -- the command, as a whole process -----------------------------------------------------------

LIGHT = ("pydantic", "pydantic_settings", "numpy", "faiss", "tokenizers", "onnxruntime", "torch")


def _docbot(env: dict[str, str], *args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    return run_reporting(LIGHT, env, *args)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("quick_index")
    env = {k: v for k, v in os.environ.items() if not _ours(k)}
    env.update(
        DOCBOT_CORPUS=str(copy_seed_corpus(base / "corpus")),
        DOCBOT_INDEX_DIR=str(base / "index"),
        HF_HUB_OFFLINE="1",
    )
    proc, _ = _docbot(env, "index")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return env


def _report(proc: subprocess.CompletedProcess[str]) -> dict[str, int]:
    assert proc.returncode == 0, proc.stderr[-2000:]
    report: dict[str, int] = json.loads(proc.stdout)
    return report


def test_a_no_op_index_imports_neither_pydantic_nor_numpy(indexed) -> None:
    proc, loaded = _docbot(indexed, "index", "--json")
    report = _report(proc)
    assert report["unchanged"] == report["documents"] > 0
    assert report["added"] == report["updated"] == report["removed"] == 0
    assert loaded == []


def test_changed_and_new_files_are_still_indexed(indexed) -> None:
    corpus = Path(indexed["DOCBOT_CORPUS"])
    doc = sorted(corpus.glob("*.txt"))[0]
    doc.write_text(doc.read_text() + "\n\nThe delegation also visited Ulaanbaatar in May.\n")
    (corpus / "new-note.txt").write_text(
        "Trip note\n\nThe Secretary met the Mongolian foreign minister in Ulaanbaatar.\n"
    )
    proc, loaded = _docbot(indexed, "index", "--json")
    report = _report(proc)
    assert (report["updated"], report["added"]) == (1, 1)
    assert "pydantic" not in loaded  # the settings were still read without it
    proc, _ = _docbot(indexed, "search", "Ulaanbaatar Mongolian foreign minister", "--json")
    assert proc.returncode == 0, proc.stderr[-2000:]
    paths = {hit["path"] for hit in json.loads(proc.stdout)}
    assert {"new-note.txt", doc.name} <= paths
    proc, loaded = _docbot(indexed, "index", "--json")
    assert _report(proc)["unchanged"] == _report(proc)["documents"]
    assert loaded == []


def test_an_answer_reads_the_settings_without_pydantic(indexed) -> None:
    proc, loaded = _docbot(indexed, "ask", "Who did Blinken meet in Seoul?")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "pydantic" not in loaded and "torch" not in loaded


def test_an_invalid_setting_still_gets_pydantics_message(indexed, clean_env) -> None:
    env = {**indexed, "DOCBOT_EMBED_THREADS": "0"}
    proc, loaded = _docbot(env, "index")
    assert proc.returncode != 0
    assert "pydantic" in loaded  # the full Settings decided
    clean_env.setenv("DOCBOT_EMBED_THREADS", "0")
    with pytest.raises(ValidationError) as expected:
        Settings(_env_file=None)  # type: ignore[call-arg]
    assert str(expected.value) in proc.stderr
    assert "DOCBOT_EMBED_THREADS" in proc.stderr and "greater than or equal to 1" in proc.stderr


def test_a_missing_corpus_is_still_a_clear_message(indexed, tmp_path) -> None:
    env = {**indexed, "DOCBOT_CORPUS": str(tmp_path / "no-such-folder")}
    proc, loaded = _docbot(env, "index")
    assert proc.returncode == 1
    assert proc.stderr.startswith("docbot: ") and "no-such-folder" in proc.stderr
    assert "Traceback" not in proc.stderr and loaded == []
