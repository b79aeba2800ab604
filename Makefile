# The two commands a newcomer needs are `make demo` and `make test`; both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck unit docs bench mutate fuzz clean

# Re-installs whenever pyproject.toml changes. pip learnt --group (PEP 735) in 25.1.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[hypothesis,dask]" --group test --group docs --group bench
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/orderpack demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples tools
	$(BIN)/ruff format --check src tests benchmarks examples tools

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -n auto --cov --cov-report=term-missing --durations=5

# The documentation site, warnings as errors; its examples are doctested by `make unit`.
docs: $(STAMP)
	$(BIN)/sphinx-build --fail-on-warning --keep-going --quiet -b html docs docs/_build/html

test: lint typecheck unit docs

# Speed against baselines measured in the same run; by hand, never part of make test.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_split.py
	$(BIN)/python benchmarks/bench_ops.py
	$(BIN)/python benchmarks/bench_json.py
	$(BIN)/python benchmarks/bench_batch.py
	$(BIN)/python benchmarks/bench_ledger.py

MUTATE_STAMP := $(VENV)/.mutate-stamp

$(MUTATE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --group mutate
	touch $(MUTATE_STAMP)

# Mutation testing of the rules' code (docs/quality.md): by hand, not part of make test.
# Starts afresh each time, so the score is of the code and tests as they are now.
mutate: $(MUTATE_STAMP)
	rm -rf mutants
	HYPOTHESIS_PROFILE=mutate $(BIN)/mutmut run --max-children 2 > /dev/null
	$(BIN)/python tools/mutation_report.py

FUZZ_STAMP := $(VENV)/.fuzz-stamp
FUZZ_RUNS ?= 1000000
FUZZ_EXAMPLES ?= 20000

$(FUZZ_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --group fuzz
	touch $(FUZZ_STAMP)

# Hostile input against the JSON reader (docs/quality.md): by hand, not part of make test.
# A coverage-guided byte fuzzer from PRO-style seeds, then the structure-aware Hypothesis
# fuzz test with many more examples than make test runs.
fuzz: $(FUZZ_STAMP)
	$(BIN)/python tools/fuzz_contract.py -atheris_runs=$(FUZZ_RUNS)
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest --no-cov -p no:randomly \
		-q tests/test_contract_fuzz.py -k only_contract_errors --hypothesis-show-statistics

clean:
	rm -rf $(VENV) mutants fuzz-corpus .pytest_cache .mypy_cache .ruff_cache .coverage .coverage.* .hypothesis build dist
