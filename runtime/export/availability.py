"""Whether this installation has the generic exporter (torch, optimum: the optional ``export`` extra, which the Linux
bundle leaves out). Only models of a family without a fused graph need it; the others are streamed without torch.
Checked from package metadata; nothing is imported."""

from __future__ import annotations

import importlib.metadata
import sys

from runtime.errors import ExportUnavailableError

EXPORTER_DISTRIBUTIONS = ("torch", "optimum", "optimum-onnx")


def missing_exporter() -> str | None:
    """Why models of a generic family cannot be converted here (a message saying how to fix it), or None when they can."""
    if getattr(sys, "frozen", False):
        return ("This model's architecture has no fused graph in Penna, and converting it needs PyTorch, which the "
                "bundle leaves out to stay small. Install Penna with pip for it: "
                "`pipx install 'penna[export]'` (or `pip install 'penna[export]'` in a virtual environment).")
    missing = []
    for distribution in EXPORTER_DISTRIBUTIONS:
        try:
            importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            missing.append(distribution)
    if not missing:
        return None
    return (f"This model's architecture has no fused graph in Penna; converting it needs Penna's export extra "
            f"({', '.join(missing)} not installed). Install it with "
            "`pip install 'penna[export]'` in Penna's environment, or `pipx install --force 'penna[export]'` "
            "if you installed Penna with pipx, then try again.")


def require_exporter() -> None:
    """Raise ExportUnavailableError, saying how to get the exporter, when generic models cannot be converted here."""
    reason = missing_exporter()
    if reason is not None:
        raise ExportUnavailableError(reason)
