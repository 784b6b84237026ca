# docbot: `make run` (set up, index, start the bot or the terminal chat) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup run index test lint bench quality clean

setup: $(STAMP)

# torch==2.13.0 first: it is the CPU wheel on this machine's disk. Anything that lets pip pick
# torch itself would download a multi-GB CUDA build. Then the one-time ONNX export of the
# packaged model, which the default runtime reads (about 20 s; nothing is downloaded). Then
# docbot's own bytecode: pip compiles what it installs, but an editable install's modules are
# compiled on import, and never cached where PYTHONDONTWRITEBYTECODE is set (as on this
# machine): every command would compile them again (0.07 s of a no-op `docbot index`).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev,milvus]'
	$(BIN)/python -m index.embed.ort_export
	$(BIN)/python -m compileall -q bot index
	touch $(STAMP)

index: setup
	$(BIN)/docbot index

run: index
	$(BIN)/docbot run

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check bot index tests bench
	$(BIN)/ruff format --check bot index tests bench

bench: setup
	$(BIN)/python bench/index_bench.py --corpus ../shared/data/statedept/text

quality: setup
	$(BIN)/docbot eval

clean:
	rm -rf .docbot
