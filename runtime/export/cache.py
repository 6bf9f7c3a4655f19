"""The per-user cache of exported models: keys, atomic installation, manifests, free space."""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import importlib.metadata
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from runtime import paths
from runtime.errors import DiskFullError
from runtime.export.quantize import BLOCK_SCHEMES, BLOCKS_FORMAT
from runtime.models import ModelInfo

FORMAT_VERSION = 3  # bump when the graph layout or the manifest changes (3: streamed graphs, external data)
MANIFEST = "manifest.json"
_EXPORTER_PACKAGES = ("torch", "transformers", "optimum", "optimum-onnx", "onnx", "onnxruntime-gpu")


def exporter_versions() -> dict[str, str]:
    """Versions of the packages that shape an exported graph (read from metadata, nothing imported)."""
    versions = {}
    for package in _EXPORTER_PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = "none"
    return versions


def cache_key(model: ModelInfo, precision: str) -> str:
    """What an export depends on; a derived precision's block scheme and format too, so that changing them re-derives
    that file only (not the fp32 export it comes from)."""
    identity = {"fingerprint": model.fingerprint, "precision": precision, "versions": exporter_versions(), "format": FORMAT_VERSION}
    if precision in BLOCK_SCHEMES:
        identity["scheme"] = {**dataclasses.asdict(BLOCK_SCHEMES[precision]), "format": BLOCKS_FORMAT}
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:16]


def models_root() -> Path:
    return paths.cache_dir() / "models"


def export_folder(model: ModelInfo, precision: str) -> Path:
    return models_root() / f"{model.name}-{precision}-{cache_key(model, precision)}"


def read_manifest(folder: Path) -> dict:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def ensure_free_space(folder: Path, needed_bytes: int) -> None:
    free = shutil.disk_usage(folder).free
    if free < needed_bytes:
        raise DiskFullError(
            f"Not enough disk space in {folder}: {needed_bytes / 1e9:.1f} GB needed, {free / 1e9:.1f} GB free. "
            "Free some space (or set PENNA_HOME to a bigger disk) and try again."
        )


def raise_if_disk_full(error: OSError, where: Path) -> None:
    if error.errno == errno.ENOSPC:
        raise DiskFullError(f"The disk holding {where} is full. Free some space and try again.") from error


@contextmanager
def staging_folder(final: Path) -> Iterator[Path]:
    """A temporary folder beside ``final`` that is renamed into place only when the block succeeds.

    A killed or failed export leaves at most a ``tmp-*`` folder, never a half-written model at ``final``.
    """
    root = final.parent
    root.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_staging(root)
    staging = Path(tempfile.mkdtemp(prefix="tmp-", dir=root))
    (staging / ".pid").write_text(str(os.getpid()))
    try:
        yield staging
        (staging / ".pid").unlink()
        if final.exists():  # another process finished the same export first
            shutil.rmtree(staging)
        else:
            os.replace(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _remove_abandoned_staging(root: Path) -> None:
    for staging in root.glob("tmp-*"):
        try:
            pid = int((staging / ".pid").read_text())
            os.kill(pid, 0)
        except (OSError, ValueError):
            shutil.rmtree(staging, ignore_errors=True)
