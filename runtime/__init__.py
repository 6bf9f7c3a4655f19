"""Penna's headless core: models, export, engine, tasks and history. Never imports Qt."""

from runtime.errors import PennaError

__all__ = ["PennaError"]
