# The two commands a newcomer needs are `make demo` and `make test`; both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-stamp
STAMP := $(VENV)/.installed-stamp
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: demo test deep lint typecheck unit docs docs-check package diagrams bench mutate fuzz clean

# orderpack and its runtime dependencies only (attrs, cattrs, msgspec): all the demo needs.
# Re-installs whenever pyproject.toml changes. pip learnt --group (PEP 735) in 25.1.
$(RUNTIME_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade "pip>=25.1"
	$(PIP) -e .
	touch $(RUNTIME_STAMP)

# Everything the gate needs besides: the extras, the test, docs and bench groups.
$(STAMP): $(RUNTIME_STAMP)
	$(PIP) -e ".[hypothesis,dask]" --group test --group docs --group bench
	touch $(STAMP)

demo: $(RUNTIME_STAMP)
	$(BIN)/orderpack demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples tools
	$(BIN)/ruff format --check src tests benchmarks examples tools

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -n auto --cov --cov-report=term-missing --durations=10

# The documentation site, warnings as errors; its examples are doctested by `make unit`.
docs: $(STAMP)
	$(BIN)/sphinx-build --fail-on-warning --keep-going --quiet -b html docs docs/_build/html

# The package as a user gets it: build the wheel and sdist, install the wheel into a fresh
# environment, import it and run its command there.
package: $(STAMP)
	rm -rf dist build/package-check
	$(BIN)/python -m build --quiet --outdir dist . > /dev/null
	$(PYTHON) -m venv build/package-check
	build/package-check/bin/python -m pip install --quiet --disable-pip-version-check dist/*.whl
	cd build && package-check/bin/python -c "import orderpack, sys; print('orderpack', orderpack.__version__, 'from', orderpack.__file__)"
	cd build && package-check/bin/orderpack demo > /dev/null && echo "orderpack demo ran from the installed wheel"
	cd build && ! package-check/bin/python -c "import orderpack.strategies" 2> strategies.err \
		&& grep -q "install orderpack\[hypothesis\]" strategies.err \
		&& echo "without the extra, orderpack.strategies says to install orderpack[hypothesis]"
	$(BIN)/python tools/check_sdist.py dist

test: lint typecheck unit docs package

# Every property with ten times the examples of the CI profile, no coverage: by hand,
# not part of make test.
deep: $(STAMP)
	HYPOTHESIS_PROFILE=deep $(BIN)/pytest -n auto --no-cov -q

# The built site in a real headless browser, offline: screenshots of the front page, the pages
# with a diagram, long output or wide tables, at a desktop's width (1280 px) and a phone's
# (420 px), in docs/_build/screens, to look at. By hand (needs Chromium); make test checks the SVGs.
CHROMIUM ?= chromium
docs-check: docs
	mkdir -p docs/_build/screens
	for page in index concepts lifecycle planning rules; do \
		for width in 1280 420; do \
			$(CHROMIUM) --headless --no-sandbox --disable-gpu --hide-scrollbars \
				--window-size=$$width,2200 --screenshot=docs/_build/screens/$$page-$$width.png \
				docs/_build/html/$$page.html 2>/dev/null; \
		done; \
	done
	@ls docs/_build/screens/*.png

# Draw docs/diagrams/*.mmd as SVGs (Node's mermaid-cli and the system's Chromium); by hand.
diagrams:
	PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --prefix build/diagrams @mermaid-js/mermaid-cli@11
	MMDC=build/diagrams/node_modules/.bin/mmdc $(PYTHON) tools/render_diagrams.py

# Speed against baselines measured in the same run; by hand, never part of make test.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_split.py
	$(BIN)/python benchmarks/bench_ops.py
	$(BIN)/python benchmarks/bench_service.py
	$(BIN)/python benchmarks/bench_json.py
	$(BIN)/python benchmarks/bench_batch.py
	$(BIN)/python benchmarks/bench_startup.py
	$(BIN)/python benchmarks/bench_ledger.py
	$(BIN)/python benchmarks/bench_plan.py
	$(BIN)/python benchmarks/bench_instructions.py

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
		-q tests/contract/test_contract_fuzz.py -k only_contract_errors --hypothesis-show-statistics
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest --no-cov -p no:randomly \
		-q tests/test_csv_fuzz.py tests/test_arguments.py

clean:
	rm -rf $(VENV) mutants fuzz-corpus .pytest_cache .mypy_cache .ruff_cache .coverage .coverage.* .hypothesis build dist
