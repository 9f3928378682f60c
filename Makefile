# ECP Live. `make run` starts the app with a demo meeting; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench audit translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

translations: $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -d meeting/translations -f -q 2>/dev/null || $(BIN)/pybabel compile -d meeting/translations -q

run: $(STAMP) translations
	$(BIN)/python app.py

test: $(STAMP) translations
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check meeting tests bench app.py

audit: $(STAMP)
	$(BIN)/pip-audit --strict -r requirements.lock

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) instance
