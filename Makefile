# The two set-up commands (see README.md):
#   make run   install everything into .venv and start the app on the shipped default checkpoint
#   make test  install everything (Debian packages included) and run the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-all lint models translations bench bench-quick soak wheel

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	bash scripts/install-system-deps.sh run
	$(VENV)/bin/cnn-explainer $(ARGS)

test: $(STAMP)
	bash scripts/install-system-deps.sh test
	$(PY) -m ruff check explainer tests scripts bench
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

# Everything, the slow tests too (a quick run of every benchmark figure: ~3 min more).
test-all: $(STAMP)
	bash scripts/install-system-deps.sh test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check explainer tests scripts bench
	$(PY) -m ruff format --check explainer tests scripts bench

# Benchmark suite (bench/README.md): a full run writes bench/results/<date>-<machine>.json;
# bench-quick finishes in under a minute and writes the same keys under bench/results/tmp/.
bench: $(STAMP)
	$(PY) -m bench $(ARGS)

bench-quick: $(STAMP)
	$(PY) -m bench --quick $(ARGS)

# Ten minutes of everything at once through the real window (bench/soak.py): drawing at 60 Hz,
# model switches, evaluations, language switches, stepping; no exception, < 50 MB growth.
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.soak --minutes 10 --out bench/results/soak-latest.json

# The wheel a student installs (README, "On your own laptop"): dist/cnn_explainer-*.whl, with
# models/, assets/ and data/ inside it (setup.py); build/ goes first so that nothing stale ships.
wheel: $(STAMP)
	rm -rf build
	$(PY) -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation -w dist .

# Re-train every shipped model (see models/README.md).
models: $(STAMP)
	bash scripts/train_models.sh

# Re-extract and compile the Portuguese translation.
translations: $(STAMP)
	bash scripts/update_translations.sh
