"""One system's figures on one model, measured in the process that runs this module (see bench_peers.py).

    python -m bench.peer_systems JOB_JSON     (Penna with .venv's python; the peers with .venv-bench's)

Each system is driven through its own step: Penna's Decoder (its KV-cache loop over the exported graph),
llama.cpp's ``Llama.eval``, onnxruntime-genai's Generator. Decoding is greedy and runs exactly the asked
number of tokens (end-of-text does not stop it); genai decodes with its own ``generate_next_token``.
Only the standard library is imported at the top: each system imports its own packages.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_engine import forced_agreement, median_timings  # noqa: E402

Forward = Callable[[list[int]], "object"]  # new ids in, the last position's logits out; keeps its own cache


def greedy_decode(forward: Forward, prompt_ids: list[int], tokens: int) -> tuple[list[int], list[float], float]:
    """``tokens`` argmax tokens from a fresh ``forward``: the ids, the time each was known, and the start time."""
    import numpy as np

    started = time.perf_counter()
    logits = forward(prompt_ids)
    ids, times = [], []
    for step in range(tokens):
        ids.append(int(np.argmax(logits)))
        times.append(time.perf_counter())
        if step + 1 < tokens:
            logits = forward([ids[-1]])
    return ids, times, started


class Penna:
    """Penna's exported graph (any precision) through its Decoder, on the CPU."""

    def __init__(self, path: str, context: int):
        from runtime.engine.session import open_session

        self._session = open_session(Path(path) / "model.onnx", "cpu").session
        self.version = "Penna"

    def forward(self) -> Forward:
        from runtime.engine.decoder import Decoder

        return Decoder(self._session, "CPU").forward

    def decode(self, prompt_ids: list[int], tokens: int) -> tuple[list[int], list[float], float]:
        return greedy_decode(self.forward(), prompt_ids, tokens)


class LlamaCpp:
    """llama-cpp-python on a GGUF file, every core for both decoding and prompt processing."""

    def __init__(self, path: str, context: int):
        import llama_cpp

        threads = os.cpu_count()
        # n_batch = the context: the prefill document is evaluated as one batch, as the other systems do.
        self._llama = llama_cpp.Llama(model_path=path, n_ctx=context, n_batch=context, n_threads=threads,
                                      n_threads_batch=threads, verbose=False)
        self.version = f"llama.cpp (llama-cpp-python {llama_cpp.__version__})"
        self._logits_of_last = lambda: np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(self._llama.ctx, -1),
                                                            shape=(self._llama.n_vocab(),))

    def forward(self) -> Forward:
        llama = self._llama
        llama.reset()

        def forward(ids: list[int]):
            llama.eval(ids)  # without logits_all, Llama.scores stays zero: read the last logits from the context
            return self._logits_of_last()

        return forward

    def decode(self, prompt_ids: list[int], tokens: int) -> tuple[list[int], list[float], float]:
        return greedy_decode(self.forward(), prompt_ids, tokens)


class Genai:
    """onnxruntime-genai on its model builder's folder, greedy search."""

    def __init__(self, path: str, context: int):
        import onnxruntime_genai

        self._og = onnxruntime_genai
        self._model = onnxruntime_genai.Model(path)
        self._context = context
        self.version = f"onnxruntime-genai {onnxruntime_genai.__version__}"

    def _generator(self, min_length: int = 0):
        params = self._og.GeneratorParams(self._model)
        params.set_search_options(max_length=self._context, min_length=min_length, do_sample=False)
        return self._og.Generator(self._model, params)

    def forward(self) -> Forward:
        generator = self._generator()

        def forward(ids: list[int]):
            generator.append_tokens(ids)
            return generator.get_logits()[0, -1]

        return forward

    def decode(self, prompt_ids: list[int], tokens: int) -> tuple[list[int], list[float], float]:
        generator = self._generator(min_length=len(prompt_ids) + tokens)
        started = time.perf_counter()
        generator.append_tokens(prompt_ids)
        ids, times = [], []
        while len(ids) < tokens:
            generator.generate_next_token()
            ids.append(int(generator.get_next_tokens()[0]))
            times.append(time.perf_counter())
        return ids, times, started


SYSTEMS = {"penna": Penna, "llama.cpp": LlamaCpp, "genai": Genai}


def prefill_speed(system, ids: list[int], runs: int) -> float:
    """Median tokens per second to run ``ids`` on a fresh cache up to the last position's logits."""
    speeds = []
    for _ in range(runs + 1):  # the first warms up
        forward = system.forward()
        started = time.perf_counter()
        forward(ids)
        speeds.append(len(ids) / (time.perf_counter() - started))
    return statistics.median(speeds[1:])


def measure(job: dict) -> dict:
    system = SYSTEMS[job["system"]](job["path"], job["context"])
    result = median_timings(lambda: system.decode(job["prompt_ids"], job["tokens"]), job["runs"], job["tokens"])
    result["prefill_tokens_per_s"] = prefill_speed(system, job["prefill_ids"], job["runs"])
    if job.get("reference"):
        result["agreement"] = forced_agreement(system.forward(), job["prompt_ids"], job["reference"])
    result["version"] = system.version
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


if __name__ == "__main__":
    print(json.dumps(measure(json.loads(sys.argv[1]))))
