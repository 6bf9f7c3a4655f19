#!/usr/bin/env bash
# Issue 9's GPU checks in one command, on a machine with an NVIDIA GPU, from the checkout's root:
#
#     bash bench/gpu_check.sh
#
# after `make setup` (which installs the CUDA 13 wheels where a GPU is found), or on an offline machine with what
# ../shared/gpu-offline/ carries (its run.sh steps 1-5: then PY=python3 and PYTHONPATH=/tmp/site:/tmp/penna).
# It prints what the runtime sees (GPU, CUDA provider), runs the CUDA tests (they skip without a GPU), then
# bench/bench_gpu.py --device cuda. Everything goes to $OUT/gpu-check.log, the bench table to $OUT/bench-gpu.md.
# Knobs: PY, OUT (/tmp/out), PENNA_GPU_HOME (exports, /tmp/penna-gpu-home), TEST_TIMEOUT (900 s), BENCH_TIMEOUT (1800 s).
set -u -o pipefail
PY=${PY:-.venv/bin/python}
OUT=${OUT:-/tmp/out}
GPU_HOME=${PENNA_GPU_HOME:-/tmp/penna-gpu-home}
TESTS="tests/runtime/test_session.py tests/runtime/test_placement.py tests/runtime/test_static_cache.py tests/runtime/test_parity.py tests/runtime/test_engine.py"
mkdir -p "$OUT" "$GPU_HOME"
{
  echo "== the machine"
  nvidia-smi -L || echo "nvidia-smi: none"
  "$PY" -c 'from runtime.devices import cuda_unavailable_reason, driver_gpu_count, nvidia_gpu_present
print("nvidia_gpu_present:", nvidia_gpu_present(), "| libcuda devices:", driver_gpu_count(),
      "| CUDA provider:", cuda_unavailable_reason() or "usable")'
  echo "== the tests: $TESTS"
  QT_QPA_PLATFORM=offscreen PENNA_TEST_HOME="$GPU_HOME" timeout "${TEST_TIMEOUT:-900}" "$PY" -m pytest -q -rs -p no:cacheprovider $TESTS
  echo "pytest exit $?"
  echo "== bench/bench_gpu.py --device cuda"
  PENNA_HOME="$GPU_HOME" timeout "${BENCH_TIMEOUT:-1800}" "$PY" bench/bench_gpu.py --device cuda | tee "$OUT/bench-gpu.md"
  echo "bench exit $?"
} 2>&1 | tee "$OUT/gpu-check.log"
