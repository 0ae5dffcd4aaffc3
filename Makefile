# Two commands for a fresh Debian/Ubuntu machine: `make run` and `make test`.
# Both bootstrap themselves: system speech packages (when root), .venv, the package.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ARGS ?=
# pip's progress, version notice and root-user warning are not ours to show:
# the set-up writes them to .venv/setup.log and prints only a failure's tail.
PIP := PIP_ROOT_USER_ACTION=ignore $(BIN)/python -m pip --disable-pip-version-check --no-input

.PHONY: run test lint bench screenshot golden system-packages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] < (3, 13))' || { \
	  echo "commboard needs Python 3.11 or 3.12 (mediapipe 0.10.21 has no wheel for $$($(PYTHON) --version))."; \
	  echo "Install python3.11 or python3.12, or run: make PYTHON=/path/to/python3.12 run"; exit 1; }
	@echo "commboard: setting up $(VENV) (first run, or pyproject.toml changed; a few minutes)"
	@test -x $(BIN)/pip || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	@$(PIP) install --upgrade pip >$(VENV)/setup.log 2>&1 && $(PIP) install -e '.[test]' >>$(VENV)/setup.log 2>&1 \
	  || { tail -n 20 $(VENV)/setup.log; echo "commboard: set-up failed; the whole log is $(VENV)/setup.log"; exit 1; }
	@touch $(STAMP)

system-packages:
	@bash scripts/system-packages.sh $(PYTHON)

# Bytecode compiled ahead (as pip does for an installed package): the editable
# install leaves it to the first import, which a PYTHONDONTWRITEBYTECODE
# machine repeats at every start (0.2-0.5 s of CPU).
run: system-packages $(STAMP)
	@$(BIN)/python -m compileall -q commboard >/dev/null || true
	@$(BIN)/commboard run $(ARGS)

test: system-packages $(STAMP)
	$(BIN)/ruff check commboard tests benchmarks
	$(BIN)/ruff format --check commboard tests benchmarks
	$(BIN)/mypy
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest

bench: $(STAMP)
	@for b in benchmarks/*.py; do echo "== $$b"; SDL_VIDEODRIVER=dummy $(BIN)/python $$b || exit 1; done

screenshot: $(STAMP)
	SDL_VIDEODRIVER=dummy $(BIN)/commboard screenshot docs/board.png

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Re-record the golden event logs (tests/golden/): only when a change is meant
# to alter behaviour -- say why in the commit.
golden: $(STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python tests/golden/record.py $(NAMES)
