"""The ONNX files of the `onnx` runtimes: where they live, and the one-time export from torch.

The `onnx` and `onnx-int8` runtimes read a model exported once from the local
sentence-transformers folder (the packaged all-MiniLM-L6-v2 by default) and cached under
`model_cache_dir()`. Nothing is downloaded. The export runs in a child process
(`python -m index.embed.ort_export --export-only ...`) so that a process embedding with ONNX
Runtime never loads torch, not even the first time. torch and transformers are imported only
inside `export`, which runs in that child.

    python -m index.embed.ort_export            # make both files for the packaged model ahead
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock

from index.caches import atomic_path, cache_root
from index.embed.base import DEFAULT_MODEL, resolve_model_path
from index.errors import ModelLoadError

CACHE_ENV = "DOCBOT_MODEL_CACHE"
FP32_FILE = "model.onnx"
INT8_FILE = "model.int8.onnx"
# Part of every cache key: bump it when the export or the quantisation changes, so that files
# made the old way are made again rather than reused.
EXPORT_VERSION = 1
OPSET = 18
_EXPORT_TIMEOUT_S = 1800

log = logging.getLogger(__name__)


def model_cache_dir() -> Path:
    """Where exported models are kept: `$DOCBOT_MODEL_CACHE`, else `.docbot/models` of this
    checkout (git-ignored; a fresh clone makes its own), else `~/.cache/docbot/models`."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    return cache_root() / "models"


def export_dir(model_path: Path, cache_dir: Path | None = None) -> Path:
    """The folder holding one model's ONNX files, named by the model and a digest of its files.

    The digest covers the folder's path and each top-level file's name, size and modification
    time (hashing the weights themselves would cost a second per load for a larger model), so a
    changed or different model never reuses another's export.
    """
    digest = hashlib.sha256(f"v{EXPORT_VERSION} opset{OPSET}\n{model_path.resolve()}\n".encode())
    for item in sorted(model_path.iterdir()):
        if item.is_file():
            st = item.stat()
            digest.update(f"{item.name} {st.st_size} {st.st_mtime_ns}\n".encode())
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", model_path.resolve().name).strip("-") or "model"
    if model_path.resolve() == resolve_model_path(None).resolve():
        slug = DEFAULT_MODEL
    return (cache_dir or model_cache_dir()) / f"{slug}-{digest.hexdigest()[:12]}"


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the folder's lock: one process at a time makes its files (others wait, then reuse)."""
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder / ".lock")):
        yield


def ensure_exported(model_path: Path, cache_dir: Path | None = None) -> Path:
    """The fp32 ONNX file of `model_path`, exported in a child process when it is missing.

    Raises:
        ModelLoadError: the export failed (the child's last lines of output say why).
    """
    dest = export_dir(model_path, cache_dir) / FP32_FILE
    if dest.is_file():
        return dest
    log.info("Exporting %s to ONNX (once; about 20 s)", model_path)
    cmd = [sys.executable, "-m", "index.embed.ort_export", "--export-only"]
    cmd += ["--model", str(model_path), "--cache-dir", str(dest.parent.parent)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    try:
        done = subprocess.run(
            cmd, env=env, capture_output=True, text=True, timeout=_EXPORT_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise ModelLoadError(f"Exporting {model_path} to ONNX took over 30 minutes.") from exc
    if done.returncode != 0 or not dest.is_file():
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-8:])
        raise ModelLoadError(f"Could not export {model_path} to ONNX:\n{tail}")
    return dest


def export(model_path: Path, dest: Path) -> None:
    """Export the transformer of a sentence-transformers folder to `dest` with torch's exporter.

    The graph takes the tokenizer's tensors (`input_ids`, `attention_mask` and, when the model
    has them, `token_type_ids`), batch and length dynamic, and returns `token_embeddings`
    (batch, tokens, dim): the contextual token vectors that the runtime pools itself, as
    sentence-transformers does.
    """
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    model = AutoModel.from_pretrained(str(model_path)).eval()
    names = ["input_ids", "attention_mask"]
    if getattr(model.config, "type_vocab_size", 0):
        names.append("token_type_ids")

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
            return self.inner(**dict(zip(names, tensors, strict=True))).last_hidden_state

    # Two rows of different lengths, so padding and masking are traced as they will run.
    ids = torch.full((2, 16), 1000, dtype=torch.long)
    mask = torch.ones_like(ids)
    mask[1, 9:] = 0
    example = (ids, mask, torch.zeros_like(ids))[: len(names)]
    batch, length = torch.export.Dim("batch"), torch.export.Dim("tokens", max=4096)
    shapes = (tuple({0: batch, 1: length} for _ in names),)  # one entry: the *tensors
    with warnings.catch_warnings():
        # The exporter's own deprecation and tracing notices, not ours to fix.
        warnings.simplefilter("ignore")
        logging.getLogger("torch.onnx").setLevel(logging.ERROR)
        program = torch.onnx.export(
            TokenEmbeddings(model).eval(),
            example,
            dynamo=True,
            input_names=names,
            output_names=["token_embeddings"],
            dynamic_shapes=shapes,
            opset_version=OPSET,
            optimize=True,
        )
    assert program is not None  # the dynamo exporter always returns its program
    dest.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(dest) as tmp:
        program.save(str(tmp), external_data=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Make the `onnx` and `onnx-int8` files of a model, unless they are there already."""
    parser = argparse.ArgumentParser(prog="python -m index.embed.ort_export", description=__doc__)
    parser.add_argument("--model", help="a local model folder (default: the packaged one)")
    parser.add_argument("--cache-dir", type=Path, help=f"default: ${CACHE_ENV} or .docbot/models")
    parser.add_argument("--export-only", action="store_true", help="fp32 only, in this process")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        model_path = resolve_model_path(args.model)
        if args.export_only:
            folder = export_dir(model_path, args.cache_dir)
            with locked(folder):
                if not (folder / FP32_FILE).is_file():
                    export(model_path, folder / FP32_FILE)
            return 0
        from index.embed.ort import prepare_model_file

        for quantized in (False, True):
            print(prepare_model_file(model_path, quantized, args.cache_dir))
    except ModelLoadError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
