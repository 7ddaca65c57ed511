# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app partnership

.PHONY: run test lint install install-dev translations extract-messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed translations
install-dev: $(VENV)/.installed-dev translations

translations: $(VENV)/.installed
	$(BIN)/pybabel -q compile -d partnership/translations

extract-messages: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k _ln:1,2 --ignore-dirs='.* __pycache__' --no-location --sort-output -o partnership/translations/messages.pot .
	$(BIN)/pybabel -q update -N --ignore-obsolete -i partnership/translations/messages.pot -d partnership/translations

run: install
	$(FLASK) db upgrade
	$(FLASK) demo load --if-empty
	@echo
	@echo "Partnership is at http://127.0.0.1:$(PORT)"
	@$(FLASK) demo accounts
	@echo
	@if [ -z "$$MAIL_SERVER" ]; then echo "Mail: no MAIL_SERVER set, so e-mails go to the worker's console below and to /admin/outbox."; \
	else echo "Mail: through $$MAIL_SERVER; every message is also on /admin/outbox."; fi
	@echo
	@# The worker and its scheduler (beat) on the folder queue in instance/queue/, stopped with the server;
	@# links in its mails lead to this server.
	BASE_URL=$${BASE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/celery -A partnership.worker worker -B --pool solo --loglevel INFO \
		--schedule instance/celerybeat-schedule & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null; wait $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

# One pytest-xdist worker per core, each with its own database (tests/conftest.py);
# the browser tests stay together on one worker. PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto
test: install-dev
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# Style, types, security and the sub-domain layering; settings in pyproject.toml.
# `$(BIN)/ruff format partnership tests scripts bench` fixes what the format check finds.
lint: install-dev
	$(BIN)/ruff check partnership tests scripts bench
	$(BIN)/ruff format --check partnership tests scripts bench
	$(BIN)/mypy
	$(BIN)/bandit -q -c pyproject.toml -r partnership
	$(BIN)/lint-imports
