# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)  ## Telegram bot if TELEGRAM_BOT_TOKEN is set, else the terminal chat
	@$(PY) -c "import sys; from bot.planmap import find_font; sys.exit(find_font() is None)" \
		|| echo "note: /map sends text until a Chinese font is installed" \
		"(sudo apt-get install fonts-wqy-microhei, or POLICYBOT_FONT=file.ttc)"
	$(PY) -m bot

test: $(STAMP)  ## lint, format, types, knowledge-base check and the whole test suite with branch coverage
	$(PY) -m ruff check bot tests bench
	$(PY) -m ruff format --check bot tests bench
	$(PY) -m mypy
	$(PY) -m bot kb check
	$(PY) -m pytest -n auto --maxprocesses 4 --cov --cov-report=term

lint: $(STAMP)
	$(PY) -m ruff check bot tests bench
	$(PY) -m ruff format --check bot tests bench
	$(PY) -m mypy

bench: $(STAMP)  ## the benchmark; writes bench/RESULTS.md
	$(PY) -m bot bench

check: $(STAMP)
	$(PY) -m bot kb check

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
