"""The local engine: an exported model on ONNX Runtime with its own KV-cache decode loop.

Imports onnxruntime, numpy, tokenizers and jinja2 — nothing heavier. The public names are here; behind
them: the session (device choice), the decoder (one step with the cache), sampling, stop strings, the
tokenizer and chat template, and context fitting. ``EngineProtocol`` is what every engine offers (this one,
RemoteEngine): callers take that.
"""

from runtime.engine.generation import Generation, GenerationStats
from runtime.engine.local import Engine
from runtime.engine.protocol import EngineProtocol
from runtime.engine.sampling import GenerationOptions

__all__ = ["Engine", "EngineProtocol", "Generation", "GenerationOptions", "GenerationStats"]
