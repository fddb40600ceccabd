# humaskit: the two commands are `make report` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test lint format bench clean setup

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Menyiapkan lingkungan Python di $(VENV) (sekali saja, beberapa menit)..."
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e ".[test]"
	@$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $(STAMP)

setup: $(STAMP)

report: $(STAMP)
	@MPLBACKEND=Agg $(BIN)/humaskit run evaluasi-bulanan -p data contoh --out reports

test: $(STAMP)
	@MPLBACKEND=Agg $(BIN)/python -m pytest -n 2 --dist loadscope -q --nbval-lax --nbval-current-env tests src/humaskit $(wildcard notebooks/*.ipynb)

lint: $(STAMP)
	@$(BIN)/ruff check src tests bench && $(BIN)/ruff format --check src tests bench

format: $(STAMP)
	@$(BIN)/ruff format src tests bench && $(BIN)/ruff check --fix src tests bench

bench: $(STAMP)
	@for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) reports .pytest_cache
