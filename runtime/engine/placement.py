"""Which execution provider ran each node: read from an ONNX Runtime profiling run, not from the provider list.

A CUDA session lists CUDAExecutionProvider first even when some nodes have no CUDA kernel for their type and
run on the CPU (fp32 GroupQueryAttention does), with Memcpy nodes moving tensors between them at every step.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import onnxruntime as ort

# The nodes that carry a decode step's weight reads and its attention: any of them on the CPU dominates the step.
HEAVY_OPS = frozenset({
    "MatMul", "MatMulNBits", "MatMulInteger", "DynamicQuantizeMatMul", "FusedMatMul", "Gemm",
    "GroupQueryAttention", "MultiHeadAttention", "Attention",
})
CUDA = "CUDAExecutionProvider"


@dataclass(frozen=True)
class PlacedNode:
    name: str
    op_type: str
    provider: str


@dataclass(frozen=True)
class Placement:
    nodes: tuple[PlacedNode, ...]

    def counts(self) -> dict[str, Counter]:
        """{provider: Counter of op types} over the nodes the run executed."""
        counts: dict[str, Counter] = {}
        for node in self.nodes:
            counts.setdefault(node.provider, Counter())[node.op_type] += 1
        return counts

    def heavy_nodes_off(self, provider: str) -> list[PlacedNode]:
        """The heavy nodes that did not run on ``provider``."""
        return [node for node in self.nodes if node.op_type in HEAVY_OPS and node.provider != provider]

    def summary(self) -> str:
        """One line per provider, e.g. ``CUDAExecutionProvider: 92 nodes (MatMul 61, GroupQueryAttention 30, ...)``."""
        lines = []
        for provider, ops in sorted(self.counts().items()):
            detail = ", ".join(f"{op} {count}" for op, count in ops.most_common())
            lines.append(f"{provider}: {sum(ops.values())} nodes ({detail})")
        return "\n".join(lines)


def read_profile(path: Path) -> Placement:
    """The nodes of an ONNX Runtime profile file (each executed node once, in order of first run)."""
    events = json.loads(Path(path).read_text())
    seen: dict[str, PlacedNode] = {}
    for event in events:
        args = event.get("args", {})
        if event.get("cat") == "Node" and "provider" in args and event["name"].endswith("_kernel_time"):
            name = event["name"].removesuffix("_kernel_time")
            seen.setdefault(name, PlacedNode(name, args["op_name"], args["provider"]))
    return Placement(tuple(seen.values()))


def finish_profiling(session: ort.InferenceSession) -> Placement:
    """Stop ``session``'s profiling (opened with a profile prefix) and read the placement of the runs so far."""
    path = Path(session.end_profiling())
    try:
        return read_profile(path)
    finally:
        path.unlink(missing_ok=True)
