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


class DocumentError(PennaError):
    """A file that cannot be read as a document: missing, empty, too large, binary, encrypted, damaged or scanned."""


class UnsupportedLanguageError(PennaError):
    """A language name or code that Penna does not offer."""


class StoreError(PennaError):
    """The history database cannot do what was asked."""


class DatabaseCorruptError(StoreError):
    """The file at the history path is not an SQLite database, or is damaged."""


class DatabaseBusyError(StoreError):
    """Another process held the history database for longer than Penna waits."""


class DatabaseReadOnlyError(StoreError):
    """The history database, or its folder, cannot be written."""


class DatabaseFullError(StoreError, DiskFullError):
    """The disk holding the history database is full."""


class SchemaTooNewError(StoreError):
    """The history database was made by a newer version of Penna."""


class RecordNotFoundError(StoreError):
    """A conversation, message, document or other record id that does not exist."""


class ImportFormatError(StoreError):
    """A file given to import that is not a Penna conversation export."""


class ServerSetupError(PennaError):
    """``penna serve`` options that would be unsafe or cannot work (an exposed address without a key, a busy port)."""


class RemoteError(PennaError):
    """A remote OpenAI-compatible server that cannot be used."""


class RemoteUnreachableError(RemoteError):
    """The remote server does not answer at its address."""


class RemoteAuthError(RemoteError):
    """The remote server refuses the API key (or wants one)."""


class RemoteAnswerError(RemoteError):
    """The remote server failed or went away in the middle of an answer; the text so far is kept."""


class ExportUnavailableError(PennaError):
    """Converting a model needs the export extra (torch, transformers, optimum), which is not installed."""
