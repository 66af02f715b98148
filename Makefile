# Two entry points for a fresh Debian machine: `make run` and `make test`.
# Every system package and Python dependency the project needs is installed here.

PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
HOST    ?= 127.0.0.1
PORT    ?= 8000
APT_RUN  := ffmpeg espeak-ng fonts-dejavu-core tesseract-ocr tesseract-ocr-vie poppler-utils hunspell-vi
APT_TEST := $(APT_RUN) postgresql poppler-utils chromium
SUDO    := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test check sysdeps-run sysdeps-test venv venv-test bench lock clean

run: sysdeps-run venv
	$(BIN)/broadcast db upgrade
	$(BIN)/broadcast demo
	$(BIN)/broadcast serve --host $(HOST) --port $(PORT)

test: sysdeps-test venv-test check
	$(BIN)/pytest

# The habits CI holds us to: lint and format, types, and the layer contract (tests/architecture).
check: venv-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Install only the Debian packages that are missing (apt-get needs root or sudo).
sysdeps-run:
	@missing=$$(for p in $(APT_RUN); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Cài gói hệ thống: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

sysdeps-test:
	@missing=$$(for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Cài gói hệ thống: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(BIN)/python:
	$(PY) -m venv $(VENV)

# Installs exactly the versions in the lock files (with their hashes), then the project
# itself without resolving anything again. The stamp files make re-runs fast; they are
# rebuilt whenever a lock file changes.
$(VENV)/.stamp-run: requirements/run.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements/run.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.stamp-test: requirements/test.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements/test.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@ $(VENV)/.stamp-run

# After changing dependencies in pyproject.toml: pin them again (needs the package registry).
lock: | $(BIN)/python
	$(BIN)/pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --universal --generate-hashes -q -o requirements/run.lock
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --universal --generate-hashes --extra test -q -o requirements/test.lock

venv: $(VENV)/.stamp-run
venv-test: $(VENV)/.stamp-test

bench: sysdeps-run venv
	$(BIN)/python bench/production_bench.py

clean:
	rm -rf $(VENV) build *.egg-info
