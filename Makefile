# gamsa — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
GAMSA  := $(BIN)/gamsa
VAR    := var
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

# The local demo: plain HTTP on 127.0.0.1, a generated secret key, 2FA offered but not forced.
RUN_ENV = GAMSA_SECRET_KEY="$$(cat $(VAR)/secret_key)" GAMSA_HOTLINE_PEPPER="$$(cat $(VAR)/hotline_pepper)" GAMSA_HTTPS=false GAMSA_OTP_REQUIRED=$${GAMSA_OTP_REQUIRED:-false}
TEST_ENV = GAMSA_DB_CONN_MAX_AGE=0 GAMSA_SECRET_KEY=test-secret-key-for-the-test-suite-only-0123456789 GAMSA_HOTLINE_PEPPER=test-hotline-pepper-for-the-test-suite-only-0123456789 GAMSA_HTTPS=false GAMSA_TASKS_BACKEND=immediate GAMSA_STATIC_ROOT=$(VAR)/test-static GAMSA_MEDIA_ROOT=$(VAR)/test-media

.PHONY: install run test test-pg test-api lint vendor clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

$(VAR)/secret_key:
	mkdir -p $(VAR)
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

# The hotline's pepper (ADR 0023): kept beside the secret key, outside the database and its backups.
$(VAR)/hotline_pepper:
	mkdir -p $(VAR)
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(48))" > $@
	chmod 600 $@

run: install $(VAR)/secret_key $(VAR)/hotline_pepper
	$(RUN_ENV) $(GAMSA) migrate --noinput
	$(RUN_ENV) $(GAMSA) collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(GAMSA) demo
	$(RUN_ENV) $(GAMSA) serve --host 127.0.0.1 --port 8000

# Two steps: the suite in parallel, then the browser tests (Chromium against the live server) one at a time on a
# SQLite file, so that each page they drive has the machine and the database to itself.
test: install
	mkdir -p $(VAR)/test-static
	$(TEST_ENV) $(BIN)/pytest -n auto -q -m "not browser" $(PYTEST_ARGS)
	rm -f $(VAR)/test-browser.sqlite3*
	$(TEST_ENV) GAMSA_TEST_DB_FILE=$(VAR)/test-browser.sqlite3 $(BIN)/pytest -p no:xdist -q -m browser $(PYTEST_ARGS)

# The suite again on PostgreSQL (DATABASE_URL, default $(PG_URL)); the browser tests drive the same views and
# services and ran in `make test`.
test-pg: install
	mkdir -p $(VAR)/test-static
	$(TEST_ENV) DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(BIN)/pytest -n auto -q -m "not browser" $(PYTEST_ARGS)

# Schemathesis over every API operation against a real server with the demo data (scripts/api-fuzz.py): SQLite in
# var/api-fuzz/ by default, or the database at DATABASE_URL (it must hold the demo; the fuzz writes into it).
test-api: install
	$(TEST_ENV) $(BIN)/python scripts/api-fuzz.py

lint: install
	$(BIN)/ruff check gamsa bench
	$(BIN)/ruff format --check gamsa bench

vendor:
	scripts/vendor-assets.sh

clean:
	rm -rf $(VENV) $(VAR)/static
