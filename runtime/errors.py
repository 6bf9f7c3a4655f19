"""Errors a user can cause. Each message says what happened and what to do."""


class PennaError(Exception):
    """Base class for errors caused by input, environment or settings, not by bugs."""


class ModelNotFoundError(PennaError):
    """A model name, path or hub id that does not lead to a model."""


class UnsupportedModelError(PennaError):
    """A model whose architecture Penna cannot run, or that needs model-provided code."""


class CorruptModelError(PennaError):
    """A model file that is truncated or damaged."""


class OfflineError(PennaError):
    """A download was needed but the network cannot be reached."""


class DiskFullError(PennaError):
    """Not enough disk space to write a file."""


class ContextOverflowError(PennaError):
    """A single message is too long for the model's context window."""


class ExportCancelledError(PennaError):
    """The user cancelled a model export."""


class DeviceError(PennaError):
    """The requested device cannot be used."""
