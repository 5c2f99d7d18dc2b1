# Two commands set up everything on a fresh machine: `make run` and `make test`.
# Both build a virtual environment in .venv (rebuilt when pyproject.toml changes).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
PORT   ?= 8501
# Only this machine can reach the app; `make run ADDRESS=0.0.0.0` serves the local network.
# (Naming an address also stops Streamlit looking up the public IP address on start.)
ADDRESS ?= localhost

.PHONY: run test lint bench schema docs clean

run: $(STAMP)
	$(BIN)/streamlit run app.py --server.headless=true --browser.gatherUsageStats=false --server.port=$(PORT) --server.address=$(ADDRESS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

# One table of every figure against its budget (bench/README.md), also in bench/results.json;
# PostgreSQL figures under pg_virtualenv when it is installed. `make bench BENCH_ARGS=--quick`
# leaves out the browser benchmarks. The `bench` extra (kaleido, for bench_radar) is
# installed here only, never by `make test`.
bench: $(STAMP)
	@test $(VENV)/.bench -nt pyproject.toml || { $(BIN)/python -m pip install --quiet -e '.[test,bench]' && touch $(VENV)/.bench; }
	@if command -v pg_virtualenv >/dev/null; then pg_virtualenv $(BIN)/python bench/run.py $(BENCH_ARGS); else echo "pg_virtualenv not found: PostgreSQL figures will say skipped"; $(BIN)/python bench/run.py $(BENCH_ARGS); fi

docs: $(STAMP)
	$(BIN)/maturity docs -o docs/policing-model.md

schema: $(STAMP)
	$(BIN)/maturity schema > questionnaire/schema/model.schema.json

$(STAMP): pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { echo "cannot create a virtual environment; on Debian or Ubuntu: apt-get install python3-venv"; rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info
