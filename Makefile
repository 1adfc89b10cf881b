# Development tasks. Everything runs in .venv, which is created (or rebuilt) from pyproject.toml when needed.
#
#   make demo       run the OneID emulator and the demo app on 127.0.0.1; Ctrl-C stops both
#   make test       lint, type-check (mypy and pyright), check the generated code, run the tests
#   make generate   regenerate oneid_sdk/_generated/ from spec/oneid.yaml
#   make bench      run the benchmarks (speed and memory, printed side by side; not part of make test)
#   make lint       ruff, mypy and pyright only
#   make format     format the code with ruff

PYTHON3 ?= python3
VENV ?= .venv
PYTHON := $(VENV)/bin/python
EMULATOR_PORT ?= 8765
APP_PORT ?= 8000
PYTEST_ARGS ?=
MYPY_PACKAGES ?= oneid_sdk fastapi_oneid demo

# The stamps record which extras are installed; they are older than pyproject.toml after it changes.
DEV_STAMP := $(VENV)/.installed-dev
DEMO_STAMP := $(VENV)/.installed-demo

.DEFAULT_GOAL := help
.PHONY: help install demo test bench lint ruff-check format-check mypy mypy-examples pyright check-generated pytest generate \
	format clean

help:
	@echo "make demo      run the OneID emulator (port $(EMULATOR_PORT)) and the demo app (port $(APP_PORT)); Ctrl-C stops both"
	@echo "make test      ruff, mypy --strict, pyright, generator --check and pytest"
	@echo "make generate  regenerate oneid_sdk/_generated/ from spec/oneid.yaml"
	@echo "make bench     run the benchmarks (BENCH_REDIS=redis://... adds the Redis store)"
	@echo "make lint      ruff check, ruff format --check, mypy --strict and pyright"
	@echo "make format    ruff format and ruff check --fix"
	@echo "make install   create .venv with the development extras"
	@echo "Variables: PYTHON3=$(PYTHON3) EMULATOR_PORT=$(EMULATOR_PORT) APP_PORT=$(APP_PORT) PYTEST_ARGS=..."

# (Re)create .venv when it is missing, or when its interpreter no longer runs (the Python it came from is gone).
VENV_CONFIG := $(VENV)/pyvenv.cfg
ifneq ($(shell $(PYTHON) -c 'print("ok")' 2>/dev/null),ok)
.PHONY: $(VENV_CONFIG)
endif

$(VENV_CONFIG):
	@$(PYTHON3) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed: run make with PYTHON3=/path/to/python3.11" >&2; exit 1; }
	rm -rf $(VENV)
	$(PYTHON3) -m venv $(VENV)

$(DEV_STAMP): pyproject.toml $(VENV_CONFIG)
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	@touch $(DEV_STAMP) $(DEMO_STAMP)

# The demo needs only the emulator extra (FastAPI and uvicorn), not the development tools.
$(DEMO_STAMP): pyproject.toml $(VENV_CONFIG)
	$(PYTHON) -m pip install --quiet -e '.[emulator]'
	@touch $(DEMO_STAMP)

install: $(DEV_STAMP)

demo: $(DEMO_STAMP)
	$(PYTHON) -m demo.run --emulator-port $(EMULATOR_PORT) --app-port $(APP_PORT)

test: lint check-generated pytest

# Separate targets, so that `make -k test` (as CI runs it) reports every failing check, not only the first.
# The typing tests of the public API (tests/typing/, assert_type and checked misuse) run inside pytest:
# tests/test_typing.py.
lint: ruff-check format-check mypy mypy-examples pyright

ruff-check: $(DEV_STAMP)
	$(PYTHON) -m ruff check .

format-check: $(DEV_STAMP)
	$(PYTHON) -m ruff format --check .

mypy: $(DEV_STAMP)
	$(PYTHON) -m mypy --strict $(MYPY_PACKAGES)

# The integrations in examples/ are what users copy: they must pass mypy --strict as they are.
mypy-examples: $(DEV_STAMP)
	$(PYTHON) -m mypy --strict examples

# pyright (basic, pyrightconfig.json) on the package, the examples and the typing tests. It runs on the system's
# Node.js; PYRIGHT_PYTHON_IGNORE_WARNINGS skips its check for a newer release (a request to PyPI).
pyright: $(DEV_STAMP)
	PYRIGHT_PYTHON_IGNORE_WARNINGS=1 $(PYTHON) -m pyright --pythonpath $(PYTHON)

check-generated: $(DEV_STAMP)
	$(PYTHON) -m generator --check

pytest: $(DEV_STAMP)
	$(PYTHON) -m pytest $(PYTEST_ARGS)

BENCH_REDIS ?=
bench: $(DEV_STAMP)
	$(PYTHON) -m bench.bench_state_store $(if $(BENCH_REDIS),--redis $(BENCH_REDIS))
	$(PYTHON) -m bench.bench_user_info

generate: $(DEV_STAMP)
	$(PYTHON) -m generator

format: $(DEV_STAMP)
	$(PYTHON) -m ruff format .
	$(PYTHON) -m ruff check --fix .

clean:
	rm -rf .mypy_cache .ruff_cache .pytest_cache build dist
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
