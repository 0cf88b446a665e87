# Two commands set everything up on a fresh machine:
#   make demo  - virtualenv, install, migrate, seed the demo data, serve http://127.0.0.1:8000/graphql/
#   make test  - virtualenv, install, check the services and run the whole suite on PostgreSQL
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install services check-schema schema lint bench worker clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py populatedb
	@echo "GraphQL API and GraphiQL: http://$(HOST):$(PORT)/graphql/"
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# The real services the suite needs; start them if they are down, fail loudly otherwise.
services:
	@$(PY) scripts/services.py

check-schema: $(STAMP)
	DJANGO_SETTINGS_MODULE=marketplace.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=marketplace.settings.test $(PY) manage.py api_schema --check
	$(PY) scripts/contract.py

schema: $(STAMP)
	DJANGO_SETTINGS_MODULE=marketplace.settings.test $(PY) manage.py api_schema --write

lint: $(STAMP)
	$(VENV)/bin/ruff check .

test: $(STAMP) services check-schema lint
	$(VENV)/bin/pytest -q

worker: $(STAMP)
	$(VENV)/bin/celery -A marketplace worker -B --loglevel=INFO

# Query counts, search plan, latency/throughput (Locust against gunicorn) and the checkout
# race, on 1,000 and 100,000 products (BENCH_PRODUCTS="1000" for the small one only).
BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(PIP) install --quiet -e ".[test,bench]"
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP) services
	$(PY) benchmarks/run.py --products $${BENCH_PRODUCTS:-1000 100000}

clean:
	rm -rf $(VENV) db.sqlite3 media .test-media
