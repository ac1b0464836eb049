# netzwerk – all set-up goes through these targets; see README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 5000
# The local Neo4j instance the tests use; a second checkout can run its own: make test TEST_INSTANCE=mine
TEST_INSTANCE ?= test

.PHONY: help install db db-stop run test test-slow lint format bench system browser directory axe office clean

help:
	@echo "make run        – installieren, Neo4j starten, Schema + Demodaten laden, App auf http://127.0.0.1:$(PORT)"
	@echo "make test       – installieren, Test-Neo4j starten, alle Tests ausführen"
	@echo "make test-slow  – zusätzlich die langsamen Suiten"
	@echo "make bench      – Benchmarks ausführen, Ergebnis in docs/PERFORMANCE.md"
	@echo "make lint       – ruff, mypy und die Schichtenregeln (import-linter)"
	@echo "make db-stop    – lokale Neo4j-Instanzen stoppen"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@echo "Installiere Python-Pakete (Protokoll: $(VENV)/install.log) …"
	@$(BIN)/pip install --upgrade pip > $(VENV)/install.log 2>&1 || (cat $(VENV)/install.log; exit 1)
	@$(BIN)/pip install -e '.[dev,notebook,bench]' >> $(VENV)/install.log 2>&1 || (cat $(VENV)/install.log; exit 1)
	@# compile the betweenness sampler once (numba keeps it on disk) instead of on a first page
	@$(BIN)/python -c 'from netzwerk.graph.analysis._paths import compile_now; compile_now()'
	touch $(STAMP)

install: $(STAMP)

# Debian packages the suites need: Chromium and its driver for the browser tests (a test
# tool's own browser download does not work), OpenLDAP's server and tools for the
# directory-login tests (the tests start slapd themselves on a loopback port with a throwaway
# configuration; no service is enabled), node and npm for axe-core, and LibreOffice without
# its GUI to render the report's DOCX and ODT to PDF pages as offices open them (about 90 MB).
# Whatever is missing is installed after one `apt-get update` (a fresh CI machine used to
# run four); nothing is fetched when all are present.
system:
	@missing=""; recommended=""; \
	if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then missing="$$missing chromium chromium-driver"; fi; \
	if ! command -v slapd >/dev/null && [ ! -x /usr/sbin/slapd ] || ! command -v ldapadd >/dev/null; then missing="$$missing slapd ldap-utils"; fi; \
	if ! command -v npm >/dev/null; then missing="$$missing nodejs npm"; fi; \
	if ! command -v soffice >/dev/null; then recommended="libreoffice-writer-nogui"; fi; \
	if [ -n "$$missing$$recommended" ]; then \
	  echo "Installiere Debian-Pakete:$$missing $$recommended …"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq || exit 1; \
	  if [ -n "$$missing" ]; then DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null || exit 1; fi; \
	  if [ -n "$$recommended" ]; then DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$recommended >/dev/null || exit 1; fi; \
	fi

browser directory office: system

# axe-core from npm for the accessibility check in the browser suite (never from a CDN);
# the package only when node_modules lacks it.
axe: system
	@if [ ! -f node_modules/axe-core/axe.min.js ]; then \
	  echo "Installiere axe-core (package-lock.json) …"; \
	  npm ci --omit=dev --no-audit --no-fund --loglevel=error; \
	fi

db: install
	$(BIN)/netzwerk db start

run: install
	$(BIN)/netzwerk db start
	$(BIN)/netzwerk init
	$(BIN)/netzwerk seed --if-empty
	$(BIN)/netzwerk user demo
	@$(BIN)/netzwerk db status | head -1
	$(BIN)/netzwerk serve --port $(PORT)

# The tests run in $(TEST_WORKERS) processes (pytest-xdist), each with its own local Neo4j
# instance: $(TEST_INSTANCE) for the first, $(TEST_INSTANCE)-gw1 … for the others (the
# tests empty their database after every test, so two processes never share one). They are
# started side by side and emptied first (a run that was killed may have left data); an
# external NEO4J_URI is never wiped – the tests refuse a non-empty database instead – and is
# tested by one process. TEST_WORKERS=1 runs everything in one process.
# NETZWERK_NEO4J_FOR_TESTS=1 keeps query plans although the tests empty the database after
# every test (netzwerk/localdb.py, TEST_SETTINGS); the slow suite's second instance too.
# An instance this run had to start (not an external NEO4J_URI) is warmed by tests/warm.py:
# a fresh JVM compiles and plans for minutes, which the suite paid otherwise. The Debian
# packages and axe-core are installed meanwhile (on a fresh machine the cores would mostly
# wait for downloads then).
TEST_WORKERS ?= 2
ifdef NEO4J_URI
TEST_WORKERS := 1
endif
WORKERS_AFTER_FIRST := $(wordlist 2,$(TEST_WORKERS),gw0 gw1 gw2 gw3 gw4 gw5 gw6 gw7)
TEST_INSTANCES := $(TEST_INSTANCE) $(addprefix $(TEST_INSTANCE)-,$(WORKERS_AFTER_FIRST))
FAULT_INSTANCES := faults $(addprefix faults-,$(WORKERS_AFTER_FIRST))
XDIST := $(if $(filter 1,$(TEST_WORKERS)),-n 0,-n $(TEST_WORKERS) --dist worksteal)

define start_test_db
	@pids=""; for inst in $(TEST_INSTANCES); do \
	  ( started=$$(NETZWERK_NEO4J_FOR_TESTS=1 NETZWERK_INSTANCE=$$inst $(BIN)/netzwerk db start) \
	      || { echo "$$started"; exit 1; }; echo "$$started"; \
	    if [ -z "$$NEO4J_URI" ]; then NETZWERK_INSTANCE=$$inst $(BIN)/netzwerk reset --yes || exit 1; fi; \
	    NETZWERK_INSTANCE=$$inst $(BIN)/netzwerk init || exit 1; \
	    case "$$started" in *"läuft bereits"*) ;; \
	      *) [ -n "$$NEO4J_URI" ] || NETZWERK_INSTANCE=$$inst $(BIN)/python -m tests.warm ;; esac \
	  ) & pids="$$pids $$!"; \
	done; \
	$(MAKE) --no-print-directory system axe || { kill $$pids 2>/dev/null; exit 1; }; \
	for p in $$pids; do wait $$p || exit 1; done
endef

test: install
	$(start_test_db)
	NETZWERK_INSTANCE=$(TEST_INSTANCE) $(BIN)/pytest -m "not slow" $(XDIST) $(PYTEST_ARGS)

test-slow: install
	$(start_test_db)
	NETZWERK_INSTANCE=$(TEST_INSTANCE) $(BIN)/pytest -m slow $(XDIST) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check netzwerk tests bench seed
	$(BIN)/ruff format --check netzwerk tests bench seed
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff format netzwerk tests bench seed
	$(BIN)/ruff check --fix netzwerk tests bench seed

bench: install
	NETZWERK_INSTANCE=bench $(BIN)/netzwerk db start
	NETZWERK_INSTANCE=bench $(BIN)/netzwerk init
	NETZWERK_INSTANCE=bench $(BIN)/python -m bench

translations: install  # extract UI strings, update and compile the English catalogue
	mkdir -p build && $(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k N_ -k tr --no-location --sort-output -o build/messages.pot .
	$(BIN)/pybabel update -i build/messages.pot -d netzwerk/web/translations --no-fuzzy-matching --ignore-pot-creation-date
	$(BIN)/pybabel compile -d netzwerk/web/translations

db-stop: install
	-$(BIN)/netzwerk db stop
	-NETZWERK_INSTANCE=test $(BIN)/netzwerk db stop
	-for inst in $(TEST_INSTANCES); do NETZWERK_INSTANCE=$$inst $(BIN)/netzwerk db stop; done
	-NETZWERK_INSTANCE=bench $(BIN)/netzwerk db stop
	-for inst in $(FAULT_INSTANCES); do NETZWERK_INSTANCE=$$inst $(BIN)/netzwerk db stop; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
