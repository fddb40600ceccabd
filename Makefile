# humaskit: the two commands are `make report` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Workshops without internet: `make wheels` on a laptop with internet fills wheels/;
# copy the whole folder to the other laptops (same OS and Python version) and the
# set-up below installs from wheels/ with no internet at all.
WHEELS := wheels
ifneq ($(wildcard $(WHEELS)/*.whl),)
PIP_SOURCE := --no-index --find-links $(WHEELS)
endif

.PHONY: report test lint format bench clean setup wheels notebook

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Menyiapkan lingkungan Python di $(VENV) (sekali saja, beberapa menit)..."
	@$(BIN)/python -m pip install --quiet --upgrade $(PIP_SOURCE) pip
	@$(BIN)/python -m pip install --quiet $(PIP_SOURCE) -e ".[test]"
	@$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $(STAMP)

setup: $(STAMP)

report: $(STAMP)
	@MPLBACKEND=Agg $(BIN)/humaskit run evaluasi-bulanan -p data contoh --out reports

notebook: $(STAMP)
	@$(BIN)/jupyter lab notebooks/00-pengantar.ipynb

test: $(STAMP)
	@MPLBACKEND=Agg $(BIN)/python -m pytest -n 2 --dist loadscope -q --nbval-lax --nbval-current-env tests src/humaskit $(wildcard notebooks/*.ipynb)

lint: $(STAMP)
	@$(BIN)/ruff check src tests bench && $(BIN)/ruff format --check src tests bench

format: $(STAMP)
	@$(BIN)/ruff format src tests bench && $(BIN)/ruff check --fix src tests bench

bench: $(STAMP)
	@for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

wheels:
	@echo "Mengunduh semua paket ke $(WHEELS)/ untuk pemasangan tanpa internet..."
	@$(PYTHON) -m pip wheel --quiet --wheel-dir $(WHEELS) ".[test]" pip "setuptools>=77" wheel
	@rm -f $(WHEELS)/humaskit-*.whl
	@echo "Selesai: salin folder ini (termasuk $(WHEELS)/) ke laptop peserta, lalu 'make report'."

clean:
	rm -rf $(VENV) reports .pytest_cache
