# Two entry points for a fresh Debian machine: `make run` and `make test`.
# Every system package and Python dependency the project needs is installed here.

PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
HOST    ?= 127.0.0.1
PORT    ?= 8000
APT_RUN  := ffmpeg espeak-ng fonts-dejavu-core tesseract-ocr tesseract-ocr-vie poppler-utils
APT_TEST := $(APT_RUN) postgresql poppler-utils chromium
SUDO    := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test sysdeps-run sysdeps-test venv venv-test bench clean

run: sysdeps-run venv
	$(BIN)/broadcast db upgrade
	$(BIN)/broadcast demo
	$(BIN)/broadcast serve --host $(HOST) --port $(PORT)

test: sysdeps-test venv-test
	$(BIN)/pytest

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

# The stamp files make re-runs fast; they are rebuilt whenever pyproject.toml changes.
$(VENV)/.stamp-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.stamp-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.stamp-run

venv: $(VENV)/.stamp-run
venv-test: $(VENV)/.stamp-test

bench: sysdeps-run venv
	$(BIN)/python bench/production_bench.py

clean:
	rm -rf $(VENV) build *.egg-info
