"""Where a model comes from: the embedded default, a local HF folder, a local .gguf or a hub id.

Installed models are kept in a small registry (``models.json`` in the data folder); the embedded
default is always there. Nothing here imports torch or transformers.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from runtime import default_model, paths
from runtime.download import file_sha256
from runtime.errors import CorruptModelError, ModelNotFoundError, OfflineError, UnsupportedModelError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "smollm2-135m-instruct"

# Architectures whose export and decode loop are verified (config.json model_type / GGUF general.architecture).
SUPPORTED_ARCHITECTURES = ("gpt2", "llama", "mistral", "qwen2", "qwen3", "gemma3_text", "phi3")
_GGUF_ARCHITECTURES = {"llama": "llama", "mistral": "mistral", "qwen2": "qwen2", "qwen3": "qwen3",
                       "gemma3": "gemma3_text", "phi3": "phi3", "gpt2": "gpt2"}
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_HUB_FILES = ["*.json", "*.safetensors", "tokenizer.model", "*.txt"]


@dataclass(frozen=True)
class ModelInfo:
    name: str
    source: str  # a path, or a hub id for kind "hub" (its downloaded folder is in ``local_path``)
    kind: str  # "embedded" | "folder" | "gguf" | "hub"
    architecture: str
    fingerprint: str  # sha256 over the weights: part of the export cache key
    local_path: str = ""

    @property
    def path(self) -> Path:
        """The local file or folder holding the weights."""
        return Path(self.local_path or self.source)


ProgressCallback = Callable[[str, float | None], None]


def _registry_path() -> Path:
    return paths.data_dir() / "models.json"


def _load_registry() -> dict[str, dict]:
    path = _registry_path()
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CorruptModelError(f"The model list {path} cannot be read ({error}). Delete it and add your models again.") from error


def _save_registry(registry: dict[str, dict]) -> None:
    path = _registry_path()
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(registry, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def default_gguf_path() -> Path:
    """The default model's GGUF file, fetched first (once) when it is not on this computer."""
    path = default_model.gguf_path()
    return path if path.exists() else default_model.fetch()


def _default_model() -> ModelInfo:
    """Always listed: its GGUF is fetched when it is first converted (the Linux bundle carries it)."""
    return ModelInfo(DEFAULT_MODEL, str(default_model.gguf_path()), "embedded", "llama", default_model.GGUF_SHA256)


def list_models() -> list[ModelInfo]:
    """The embedded default first, then the models the user added, by name."""
    models = [_default_model()]
    models += [ModelInfo(**entry) for _, entry in sorted(_load_registry().items())]
    return models


def get_model(name: str | None = None) -> ModelInfo:
    """The installed model called ``name`` (the default when None)."""
    if name is None or name == DEFAULT_MODEL:
        return _default_model()
    entry = _load_registry().get(name)
    if entry is None:
        known = ", ".join(model.name for model in list_models()) or "none"
        raise ModelNotFoundError(f"No model called '{name}' is installed (installed: {known}). Add it with `penna models add PATH_OR_HUB_ID`.")
    return ModelInfo(**entry)


def add_model(path_or_hub_id: str, progress: ProgressCallback | None = None, name: str | None = None) -> ModelInfo:
    """Inspect a folder, a .gguf file or a hub id, check it can run here, and register it (as ``name``, or under a
    name made from the folder's or file's)."""
    path = Path(path_or_hub_id).expanduser()
    if path.is_dir():
        model = _inspect_folder(path.resolve(), kind="folder", source=str(path.resolve()))
    elif path.is_file():
        if path.suffix.lower() != ".gguf":
            raise UnsupportedModelError(f"{path} is not a model: give a Hugging Face model folder, a .gguf file or a hub id like 'HuggingFaceTB/SmolLM2-360M-Instruct'.")
        model = _inspect_gguf(path.resolve())
    elif _HUB_ID.match(path_or_hub_id) and not path_or_hub_id.startswith((".", "/", "~")):
        model = _inspect_folder(download_hub_model(path_or_hub_id, progress), kind="hub", source=path_or_hub_id)
    else:
        raise ModelNotFoundError(f"'{path_or_hub_id}' is neither an existing folder or .gguf file nor a hub id of the form 'owner/name'.")
    if name is not None:
        model = replace(model, name=name)
    registry = _load_registry()
    registry[model.name] = asdict(model)
    _save_registry(registry)
    log.info("added model %s (%s, %s)", model.name, model.kind, model.architecture)
    return model


def remove_model(name: str) -> None:
    """Forget an added model (its files and the user's own folders are left alone)."""
    if name == DEFAULT_MODEL:
        raise ModelNotFoundError("The embedded default model cannot be removed.")
    registry = _load_registry()
    if registry.pop(name, None) is None:
        raise ModelNotFoundError(f"No model called '{name}' is installed; `penna models list` shows the installed ones.")
    _save_registry(registry)


def _model_name(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-")


def check_architecture(config: dict, where: str) -> str:
    """The architecture of a config.json, refusing remote code and unsupported architectures."""
    if "auto_map" in config:
        raise UnsupportedModelError(
            f"{where} needs code that comes with the model (auto_map in config.json). "
            "Penna never runs model-provided code; choose a model with a standard architecture."
        )
    architecture = config.get("model_type", "")
    if architecture not in SUPPORTED_ARCHITECTURES:
        raise UnsupportedModelError(
            f"{where} has architecture '{architecture or 'unknown'}', which Penna cannot run yet. "
            f"Supported: {', '.join(SUPPORTED_ARCHITECTURES)}."
        )
    return architecture


def _inspect_folder(folder: Path, kind: str, source: str) -> ModelInfo:
    config_path = folder / "config.json"
    if not config_path.exists():
        raise ModelNotFoundError(f"{folder} has no config.json: it is not a Hugging Face model folder.")
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise CorruptModelError(f"{config_path} is not valid JSON ({error}). Download the model again.") from error
    architecture = check_architecture(config, str(folder))
    weights = sorted(folder.glob("*.safetensors"))
    if not weights:
        raise UnsupportedModelError(f"{folder} has no .safetensors weights. Penna loads safetensors only (pickled .bin files can run code).")
    if not (folder / "tokenizer.json").exists() and not (folder / "tokenizer_config.json").exists():
        raise ModelNotFoundError(f"{folder} has no tokenizer (tokenizer.json). Copy the model's tokenizer files into the folder.")
    for weight in weights:
        check_safetensors(weight)
    name = _model_name(source.split("/")[-1] if kind == "hub" else folder.name)
    return ModelInfo(name, source, kind, architecture, file_sha256(*weights), str(folder) if kind == "hub" else "")


def _inspect_gguf(path: Path) -> ModelInfo:
    found = gguf_architecture(path)
    architecture = _GGUF_ARCHITECTURES.get(found)
    if architecture is None:
        raise UnsupportedModelError(
            f"{path.name} has architecture '{found}', which Penna cannot run yet. "
            f"Supported: {', '.join(SUPPORTED_ARCHITECTURES)}."
        )
    return ModelInfo(_model_name(path.stem), str(path), "gguf", architecture, file_sha256(path))


def gguf_architecture(path: Path) -> str:
    """``general.architecture`` of a GGUF file, after checking that its header and tensors are all there."""
    from gguf import GGUFReader

    with path.open("rb") as file:
        if file.read(4) != b"GGUF":
            raise CorruptModelError(f"{path} is not a GGUF file (bad header). Download it again.")
    try:
        field = GGUFReader(path).fields["general.architecture"]
    except (ValueError, KeyError, IndexError, OSError) as error:
        raise CorruptModelError(f"{path} is truncated or damaged ({error}). Download it again.") from error
    return bytes(field.parts[field.data[0]]).decode("utf-8")


def check_safetensors(path: Path) -> None:
    """Raise CorruptModelError when a safetensors file is shorter than its header says."""
    size = path.stat().st_size
    with path.open("rb") as file:
        raw = file.read(8)
        header_length = int.from_bytes(raw, "little") if len(raw) == 8 else -1
        if header_length <= 0 or header_length + 8 > size:
            raise CorruptModelError(f"{path} is damaged (its header is cut off). Download the model again.")
        try:
            header = json.loads(file.read(header_length))
        except ValueError as error:
            raise CorruptModelError(f"{path} is damaged (unreadable header). Download the model again.") from error
    end = max((entry["data_offsets"][1] for key, entry in header.items() if key != "__metadata__"), default=0)
    if 8 + header_length + end > size:
        raise CorruptModelError(f"{path} is truncated ({size} bytes, {8 + header_length + end} expected). Download the model again.")


def _hub_reachable(host: str = "huggingface.co", timeout: float = 3.0) -> bool:
    try:
        with socket.create_connection((host, 443), timeout=timeout):
            return True
    except OSError:
        return False


def download_hub_model(hub_id: str, progress: ProgressCallback | None = None) -> Path:
    """Download a hub model's safetensors, config and tokenizer into the cache, with progress."""
    if os.environ.get("HF_HUB_OFFLINE") == "1" or not _hub_reachable():
        raise OfflineError(f"Cannot download '{hub_id}': the Hugging Face hub cannot be reached. Connect to the internet, or add a local model folder or .gguf file.")
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError

    if progress:
        progress(f"downloading {hub_id}", None)
    try:
        folder = snapshot_download(hub_id, allow_patterns=_HUB_FILES, cache_dir=paths.cache_dir() / "hub")
    except RepositoryNotFoundError as error:
        raise ModelNotFoundError(f"The hub has no model '{hub_id}' (or it is private). Check the name.") from error
    except (HfHubHTTPError, OSError) as error:
        raise OfflineError(f"Downloading '{hub_id}' failed ({error}). Check the connection and try again.") from error
    return Path(folder)
