# Two commands on a fresh machine (Python 3.11+ and make):  `make run`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
HOST   ?= 127.0.0.1

.PHONY: run test test-fast lint fmt sample lock clean bench

# runtime dependencies, exactly as locked in requirements.lock
$(BIN)/.run-deps: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	touch $@

# development and browser-test dependencies (requirements-dev.lock includes the runtime ones)
$(BIN)/.dev-deps: requirements-dev.lock $(BIN)/.run-deps
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	touch $@

run: $(BIN)/.run-deps  ## install, then serve the dashboard on the embedded data at http://localhost:8501
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address $(HOST)

test: $(BIN)/.dev-deps  ## install, then lint, type-check and run every test (unit, queries, AppTest, browser)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -n 2

test-fast: $(BIN)/.dev-deps  ## the app's tests not marked `browser` or `slow` (no chromium, no processes): unit, queries, AppTest
	$(BIN)/pytest -n 2 --dist loadscope -m "not browser and not slow" tests

lint: $(BIN)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

fmt: $(BIN)/.dev-deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

sample: $(BIN)/.run-deps  ## rebuild the embedded default data in data/
	$(BIN)/mhhs-dashboard sample

bench: $(BIN)/.dev-deps  ## benchmark every page at 100x the pack's data; writes bench/RESULTS.md (about 7 min)
	$(BIN)/python -m bench

lock:  ## re-resolve the lock files (needs uv: pip install uv); the runtime lock keeps the dev lock's versions
	uv pip compile pyproject.toml --group dev --python-version 3.11 --no-header -o requirements-dev.lock
	uv pip compile pyproject.toml -c requirements-dev.lock --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
