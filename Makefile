# Two commands set everything up on a fresh machine:
#   make demo  - virtualenv, runtime packages, migrate, seed the demo data, serve http://127.0.0.1:8000/graphql/
#                and the back office at /studio/ (opened in a browser unless NO_BROWSER=1)
#                (PORT=8080 make demo for another port)
#   make test  - virtualenv, test packages, check the services, the schema and the message catalogues,
#                lint (ruff, mypy), and run the whole suite on PostgreSQL
#
# Packages come from the lock in requirements/ (exact versions and hashes, pip-compile):
#   build.txt  pip and setuptools; base.txt  what runs (demo, Docker image);
#   test.txt   base + the test tools; bench.txt  test + the load generator of `make bench`.
# After editing the dependencies in pyproject.toml: `make lock` (keeps every other pin),
# `make lock UPGRADE=1` (everything to the newest allowed), `make lock UPGRADE=django` (one
# package). Commit requirements/*.txt with the change.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PIP_INSTALL := $(PIP) install --quiet --disable-pip-version-check
HOST ?= 127.0.0.1
PORT ?= 8000
BASE_STAMP := $(VENV)/.installed-base
STAMP := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: demo test install install-base services browser tools gettext messages check-messages check-schema schema lint bench worker lock clean screenshots

$(VENV)/.installed-build: requirements/build.txt
	@echo "==> virtualenv $(VENV) with the locked pip and setuptools (requirements/build.txt)"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) --require-hashes -r requirements/build.txt
	touch $@

# Install one lock, then the project itself without dependencies; `pip check` fails when
# pyproject.toml asks for something the lock lacks (run `make lock`).
define install_lock
	@echo "==> packages of requirements/$(1) (exact versions, hashes checked)"
	$(PIP_INSTALL) --require-hashes -r requirements/$(1)
	$(PIP_INSTALL) --no-deps --no-build-isolation -e .
	$(PIP) check
endef

$(BASE_STAMP): $(VENV)/.installed-build requirements/base.txt pyproject.toml
	$(call install_lock,base.txt)
	touch $@

$(STAMP): $(VENV)/.installed-build requirements/test.txt pyproject.toml
	$(call install_lock,test.txt)
	touch $(BASE_STAMP) $@

$(BENCH_STAMP): $(VENV)/.installed-build requirements/bench.txt pyproject.toml
	$(call install_lock,bench.txt)
	touch $(BASE_STAMP) $(STAMP) $@

install-base: $(BASE_STAMP)
install: $(STAMP)

demo: $(BASE_STAMP)
	@echo "==> database: migrate (SQLite file db.sqlite3, DEBUG on)"
	DEBUG=1 $(PY) manage.py migrate --noinput
	@echo "==> demo data: populatedb (villages, routes, shops, 300+ products with images, demo accounts, orders)"
	DEBUG=1 $(PY) manage.py populatedb
	@echo "==> serving: GraphQL API and GraphiQL at http://$(HOST):$(PORT)/graphql/ (Ctrl-C stops)"
	@echo "==> seller centre (back office): http://$(HOST):$(PORT)/studio/"
	@echo "    artisan:  artisan@langnghe.vn / demo-artisan-2026   (the seller centre of a Bát Tràng shop)"
	@echo "    curator:  curator@langnghe.vn / demo-curator-2026   (the Design Centre console)"
	@echo "    staff:    admin@langnghe.vn / demo-admin-2026       (every area)"
	@if [ -z "$$NO_BROWSER" ]; then (sleep 4; $(PY) -m webbrowser -t "http://$(HOST):$(PORT)/studio/" >/dev/null 2>&1 || true) & fi
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# The real services the suite needs; start them if they are down, fail loudly otherwise.
services:
	@$(PY) scripts/services.py

# Debian's Chromium for the browser tests (tests/browser); Playwright drives it, it never
# downloads a browser of its own.
browser:
	@test -x /usr/bin/chromium || { echo "==> installing Debian's chromium for the browser tests (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@/usr/bin/chromium --version 2>/dev/null

# Debian's HAProxy (the load balancer in front of two API processes, tests/scale and the bench)
# and kubectl (Debian's kubernetes-client: renders the Kubernetes manifests with kustomize,
# tests/docker/test_kubernetes.py), installed with apt-get when missing.
tools:
	@command -v haproxy >/dev/null || { echo "==> installing Debian's haproxy for the load-balancer tests (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; }
	@command -v kubectl >/dev/null || { echo "==> installing Debian's kubernetes-client (kubectl kustomize) (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null; }
	@haproxy -v | head -n 1
	@kubectl version --client 2>/dev/null | head -n 1

# GNU gettext (xgettext, msgmerge, msgfmt) for Django's makemessages/compilemessages: the
# message catalogues in locale/ are extracted and checked with it. Running the project needs
# none of it (the compiled .mo files are committed).
gettext:
	@command -v xgettext >/dev/null && command -v msgmerge >/dev/null || { echo "==> installing GNU gettext for the message catalogues (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }

# After changing a translatable text: extract it into locale/{vi,en} (the domain, with GNU
# gettext) and backoffice/locale/{vi,en} (the back office, with Babel), new texts untranslated;
# translate the new Vietnamese entries, compile, commit (README "Languages").
messages: $(STAMP) gettext
	$(PY) scripts/messages.py
	$(PY) scripts/backoffice_messages.py update

# Fails on a text of the code missing from the Vietnamese catalogue, a stale, fuzzy or
# untranslated entry, or a .mo file that is not the compiled .po.
check-messages: $(STAMP) gettext
	$(PY) scripts/messages.py --check
	$(PY) scripts/backoffice_messages.py check

check-schema: $(STAMP)
	DJANGO_SETTINGS_MODULE=marketplace.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=marketplace.settings.test $(PY) manage.py api_schema --check
	$(PY) scripts/contract.py

# Screenshots of the back office's main screens at 360 px and 1280 px, taken by the browser
# journey (tests/backoffice/browser) in Debian's chromium, into SCREENSHOTS_DIR.
SCREENSHOTS_DIR ?= screenshots
screenshots: $(STAMP) services browser
	SCREENSHOTS_DIR=$(abspath $(SCREENSHOTS_DIR)) $(VENV)/bin/pytest -q tests/backoffice/browser
	@echo "==> screenshots in $(SCREENSHOTS_DIR)/"

schema: $(STAMP)
	DJANGO_SETTINGS_MODULE=marketplace.settings.test $(PY) manage.py api_schema --write

# ruff, then mypy with the Django plugin ([tool.mypy] in pyproject.toml: strict on marketplace/
# and vendors/); its cache in .mypy_cache/ makes a repeated run quick.
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: $(STAMP) services browser tools check-schema check-messages lint
	$(PY) scripts/run_tests.py -q

# Development: one worker consuming every queue, with beat in the same process.
worker: $(STAMP)
	$(VENV)/bin/celery -A marketplace worker -B --loglevel=INFO

# Query counts, search plan, latency/throughput (Locust against gunicorn) and the checkout
# race, on 1,000 and 100,000 products (BENCH_PRODUCTS="1000" for the small one only).
bench: $(BENCH_STAMP) services tools
	$(PY) benchmarks/run.py --products $${BENCH_PRODUCTS:-1000 100000}

# Regenerate the lock from pyproject.toml with pip-compile (pip-tools, in a virtualenv of
# its own). Existing pins are kept unless UPGRADE is given: UPGRADE=1 for every package,
# UPGRADE=name for one.
LOCK_VENV := .venv-lock
PIP_TOOLS_VERSION := 7.7.0
COMPILE = $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
	$(if $(UPGRADE),$(if $(filter 1,$(UPGRADE)),--upgrade,--upgrade-package $(UPGRADE)))
lock:
	test -x $(LOCK_VENV)/bin/python || $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet --disable-pip-version-check "pip==26.3" "pip-tools==$(PIP_TOOLS_VERSION)"
	$(COMPILE) -o requirements/build.txt requirements/build.in
	$(COMPILE) -o requirements/base.txt pyproject.toml
	$(COMPILE) --extra test -c requirements/base.txt -o requirements/test.txt pyproject.toml
	$(COMPILE) --extra test --extra bench -c requirements/test.txt -o requirements/bench.txt pyproject.toml
	@echo "==> lock written: requirements/*.txt (commit them)"

clean:
	rm -rf $(VENV) $(LOCK_VENV) db.sqlite3 media .test-media static
