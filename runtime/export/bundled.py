"""Exports shipped read-only with the app: the Linux bundle carries the default model's int8 export here.

They are matched by the model's fingerprint and the precision in their manifest, not by the cache key: the
bundle has no exporter, so the exporter versions that make up that key cannot be read there.
"""

from __future__ import annotations

from pathlib import Path

from runtime.export.cache import read_manifest
from runtime.models import ModelInfo

BUNDLED_MODELS = Path(__file__).resolve().parents[1] / "bundled_models"  # runtime/bundled_models, absent in a checkout


def bundled_export(model: ModelInfo, precision: str, any_precision: bool = False) -> Path | None:
    """The bundled export of ``model`` at ``precision`` (or, with ``any_precision``, at any precision) if there is one."""
    if not BUNDLED_MODELS.is_dir():
        return None
    matches = []
    for folder in sorted(BUNDLED_MODELS.iterdir()):
        if (folder / "model.onnx").exists():
            manifest = read_manifest(folder)
            if manifest.get("fingerprint") == model.fingerprint:
                matches.append((manifest.get("precision") != precision, folder))
    matches = [match for match in matches if any_precision or not match[0]]
    return min(matches)[1] if matches else None
