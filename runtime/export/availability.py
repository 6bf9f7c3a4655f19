"""Whether this installation can convert models: the exporter (torch, transformers, optimum) is the optional
``export`` extra, and the Linux bundle leaves it out. Checked from package metadata; nothing is imported."""

from __future__ import annotations

import importlib.metadata
import sys

from runtime.errors import ExportUnavailableError

EXPORTER_DISTRIBUTIONS = ("torch", "transformers", "optimum", "optimum-onnx", "onnx")


def missing_exporter() -> str | None:
    """Why models cannot be converted here (a message saying how to fix it), or None when they can."""
    if getattr(sys, "frozen", False):
        return ("This Penna bundle runs its built-in model but cannot convert other models: converting needs PyTorch, "
                "which the bundle leaves out to stay small. Install Penna with pip to add models: "
                "`pipx install 'penna[export]'` (or `pip install 'penna[export]'` in a virtual environment).")
    missing = []
    for distribution in EXPORTER_DISTRIBUTIONS:
        try:
            importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            missing.append(distribution)
    if not missing:
        return None
    return (f"Converting models to ONNX needs Penna's export extra ({', '.join(missing)} not installed). Install it with "
            "`pip install 'penna[export]'` in Penna's environment, or `pipx install --force 'penna[export]'` "
            "if you installed Penna with pipx, then try again.")


def require_exporter() -> None:
    """Raise ExportUnavailableError, saying how to get the exporter, when models cannot be converted here."""
    reason = missing_exporter()
    if reason is not None:
        raise ExportUnavailableError(reason)
