# Developer commands. `make help` lists them. Everything runs from this checkout with the virtualenv in .venv.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
DEV_ENV := PLATFORM_ENV=development

.DEFAULT_GOAL := help
.PHONY: help venv run test lint format check messages elasticsearch-start elasticsearch-stop elasticsearch-status \
	stack stack-stop

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-22s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

venv: ## Create .venv (if missing) and install the dependencies declared in pyproject.toml (with the dev extra)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m scripts.install_deps --extra dev

run: venv ## Start Elasticsearch, migrate, seed demo data and serve http://127.0.0.1:8000 (daphne)
	$(PY) -m scripts.dev run

test: venv ## Run the whole test suite against real PostgreSQL, Redis and Elasticsearch (PYTEST_ARGS=... to narrow)
	$(PY) -m scripts.dev test $(PYTEST_ARGS)

lint: venv ## ruff check and ruff format --check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: venv ## Apply ruff format and the safe ruff fixes
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

check: venv ## Django system checks and makemigrations --check
	$(DEV_ENV) $(PY) manage.py check
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run

messages: venv ## Refresh and compile Japanese catalogues (APPS="cpsplatform discussions marketplace events search matching")
	$(PY) -m scripts.messages $(or $(APPS),cpsplatform discussions marketplace events search matching)

elasticsearch-start: venv ## Start the managed Elasticsearch node (127.0.0.1:9200)
	$(DEV_ENV) $(PY) -m scripts.elasticsearch start

elasticsearch-stop: venv ## Stop the managed Elasticsearch node
	$(DEV_ENV) $(PY) -m scripts.elasticsearch stop

elasticsearch-status: venv ## Show whether the managed Elasticsearch node runs
	$(DEV_ENV) $(PY) -m scripts.elasticsearch status

stack: venv ## Start the production topology of platform/ on loopback: nginx :8080, workers, PG, Redis, 3-node ES
	$(PY) -m scripts.stack start $(if $(WORKERS),--workers $(WORKERS)) $(if $(SERVER),--server $(SERVER))

stack-stop: venv ## Stop everything `make stack` started and check that nothing is left running
	$(PY) -m scripts.stack stop
