# ECP Live. `make run` starts the app with a demo meeting; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench audit lock translations catalogue clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# requirements.lock pins every package at the version that was audited (`make lock`, `make audit`).
$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]' -c requirements.lock
	touch $(STAMP)

# Welsh and English: compile the catalogues (.po -> .mo, not committed) before running or testing.
translations: $(STAMP)
	$(BIN)/pybabel -q compile -d meeting/translations

# After changing any string a person sees: extract, merge into the Welsh catalogue, list what lacks Welsh.
catalogue: $(STAMP)
	$(BIN)/python -m meeting.catalogue

run: $(STAMP) translations
	$(BIN)/python app.py

# The suite in two parts: what runs in one process, spread over the cores a file per worker; then
# the real-process tests (live servers, Chromium, the scale-out cluster) one at a time, because they
# measure timing and would slow each other down.
REAL_PROCESSES := live or browser or scaleout
test: $(STAMP) translations
	$(BIN)/ruff check meeting tests bench app.py
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not ($(REAL_PROCESSES))"
	$(BIN)/python -m pytest -m "$(REAL_PROCESSES)"

lint: $(STAMP)
	$(BIN)/ruff check meeting tests bench app.py

# Known vulnerabilities in the locked packages: fails on one with a fix available, and on packages
# that could not be audited (ECP_AUDIT_ALLOW_UNAUDITED=1 to only warn). See .ci/audit_dependencies.py.
audit: $(STAMP)
	$(BIN)/python .ci/audit_dependencies.py requirements.lock

# After adding or upgrading a dependency: pin what is installed, then `make audit`.
lock: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	{ echo "# Every installed runtime and test dependency, pinned (pip freeze --exclude-editable)."; \
	  echo "# Regenerate with \`make lock\`; \`make audit\` checks it against the vulnerability database."; \
	  $(BIN)/pip freeze --exclude-editable; } > requirements.lock
	touch $(STAMP)

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) instance
