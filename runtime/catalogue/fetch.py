"""Downloading a catalogue model file by file (progress, pause and resume come from runtime.download),
then registering it with runtime.models.add_model: the publisher's GGUF file for the precision the model gets on
this machine where the catalogue names one, else its safetensors folder.

Files come from ``{repo}/resolve/main/{file}`` on the hub by default. ``PENNA_HUB_URL`` or the ``source``
argument points elsewhere: a URL template with ``{repo}`` and ``{file}``, or a base URL or local folder under
which the files lie as ``<repo>/<file>`` (how the tests run without a network).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from runtime import paths
from runtime.catalogue.entries import CatalogueModel, Download
from runtime.download import DownloadRefusedError, download, part_path
from runtime.errors import CorruptModelError, ModelNotFoundError, PennaError
from runtime.export.precision import default_precision, uses_cuda
from runtime.models import ModelInfo, add_model, list_models

log = logging.getLogger(__name__)

HUB_URL = "https://huggingface.co/{repo}/resolve/main/{file}"
SHARD_INDEX = "model.safetensors.index.json"


class GatedModelError(PennaError):
    """The hub serves this model only to signed-in users who accepted its licence."""


@dataclass(frozen=True)
class FetchProgress:
    file: str  # the file being fetched
    index: int  # its position in the model's files, from 0
    files: int  # how many files the model has
    done: int  # bytes of all files so far
    total: int  # bytes expected in all (the catalogue's approximate size until the server tells)


FetchCallback = Callable[[FetchProgress], None]


def file_url(source: str, repo: str, file: str) -> str:
    """The URL of ``file`` of ``repo`` under ``source`` (a template, a base URL or a local folder)."""
    if "{file}" in source:
        return source.format(repo=repo, file=file)
    if "://" not in source:
        return (Path(source).expanduser().resolve() / repo / file).as_uri()
    return f"{source.rstrip('/')}/{repo}/{file}"


def auto_precision(model: CatalogueModel) -> str:
    """The precision "auto" gives ``model`` on this machine (fp16 on CUDA; on the CPU by its size)."""
    return default_precision(model.parameters, "cuda" if uses_cuda("auto") else "cpu")


# Bytes a weight takes at each precision: int8/int4 are blocks of 32 with a float32 scale each.
_BYTES_PER_WEIGHT = {"fp32": 4.0, "fp16": 2.0, "int8": 1 + 4 / 32, "int4": 0.5 + 4 / 32}


def run_memory_gb(model: CatalogueModel, precision: str | None = None) -> float:
    """Memory to run ``model`` at ``precision`` (default: what "auto" gives it here). The catalogue's ``ram_gb`` is
    for fp32: its weights are scaled to the precision, the rest (cache, activations, tokenizer) kept."""
    weights_fp32 = model.parameters * 4 / 1e9
    overhead = max(model.ram_gb - weights_fp32, 0.0)
    return model.parameters * _BYTES_PER_WEIGHT[precision or auto_precision(model)] / 1e9 + overhead


def chosen_download(model: CatalogueModel, precision: str | None = None) -> Download:
    """What is fetched for ``model``: for ``precision``, or for the one it gets by default on this machine."""
    return model.download(precision or auto_precision(model))


def download_folder(model: CatalogueModel, precision: str | None = None) -> Path:
    """Where the model's files are kept (under the data folder: a downloaded model is not a cache)."""
    return _folder(chosen_download(model, precision))


def _folder(chosen: Download) -> Path:
    return paths.data_dir() / "downloads" / chosen.folder_name


def _auth_headers() -> dict[str, str]:
    token = os.environ.get("HF_TOKEN")
    if token is None:
        from huggingface_hub import get_token

        token = get_token()
    return {"Authorization": f"Bearer {token}"} if token else {}


def fetch_model(model: CatalogueModel, progress: FetchCallback | None = None, pause: threading.Event | None = None,
                source: str | None = None, precision: str | None = None) -> ModelInfo:
    """Fetch the model's files for ``precision`` (None: its default here), skipping files already whole and resuming
    partial ones, and register them under the model's id: the publisher's GGUF file where there is one for that
    precision, else the safetensors folder.

    A sharded model's index is fetched first and names the shards, so a catalogue entry whose shard list has
    gone stale still downloads what the hub has. Raises DownloadPausedError when ``pause`` is set (call again to
    resume), OfflineError without a network, GatedModelError when the hub wants a licence accepted,
    ModelNotFoundError when a file is missing there (a GGUF file that is missing falls back to the safetensors).
    """
    source = source or os.environ.get("PENNA_HUB_URL") or HUB_URL
    chosen = chosen_download(model, precision)
    try:
        return _fetch(model, chosen, source, progress, pause)
    except ModelNotFoundError:
        if not chosen.gguf:
            raise
        # The publisher moved or renamed its GGUF file: the safetensors are the model all the same.
        log.warning("%s is not on the hub any more; downloading the safetensors of %s", chosen.gguf, model.repo)
        discard_download(model, precision)
        return _fetch(model, model.download("fp32"), source, progress, pause)


def _fetch(model: CatalogueModel, chosen: Download, source: str, progress: FetchCallback | None,
           pause: threading.Event | None) -> ModelInfo:
    folder = _folder(chosen)
    headers = _auth_headers() if source == HUB_URL else {}
    total = round(chosen.download_gb * 1e9)
    files = sorted(chosen.files, key=lambda file: file != SHARD_INDEX)  # the index first: it stays at 0
    finished = index = 0
    while index < len(files):
        file = files[index]
        target = folder / file
        if not target.exists():
            def on_bytes(done: int, _size: int | None, file: str = file, index: int = index) -> None:
                if progress:
                    progress(FetchProgress(file, index, len(files), finished + done, max(total, finished + done)))

            try:
                download(file_url(source, chosen.repo, file), target, progress=on_bytes, pause=pause, headers=headers)
            except DownloadRefusedError as error:
                raise _refusal(model, chosen.repo, file, error) from error
        finished += target.stat().st_size
        if file == SHARD_INDEX:
            files = _with_indexed_shards(files, target)
        index += 1
    if progress:
        progress(FetchProgress(files[-1], len(files) - 1, len(files), finished, finished))  # the true total, at last
    log.info("downloaded %s into %s", chosen.repo, folder)
    return add_model(str(folder / chosen.gguf if chosen.gguf else folder), name=model.id)


def _with_indexed_shards(files: list[str], index: Path) -> list[str]:
    """``files`` with the weight files replaced by the shards the downloaded index names."""
    try:
        shards = sorted(set(json.loads(index.read_text(encoding="utf-8"))["weight_map"].values()))
    except (ValueError, KeyError, AttributeError) as error:
        index.unlink()
        raise CorruptModelError(f"The downloaded {index.name} is damaged ({error}). It was deleted; download again.") from error
    return [file for file in files if not file.endswith(".safetensors")] + shards


def _refusal(model: CatalogueModel, repo: str, file: str, error: DownloadRefusedError) -> PennaError:
    if error.status in (401, 403) and model.gated:
        return GatedModelError(
            f"{model.name} is gated: accept its licence ({model.license}) at https://huggingface.co/{model.repo} "
            "while signed in, then set HF_TOKEN to an access token of that account (or run `hf auth login`) "
            "and download again.")
    if error.status == 404:
        return ModelNotFoundError(f"The file {file} of {repo} is not where it was expected ({error}). "
                                  "The model may have moved on the hub; add it by its folder instead.")
    return error


def discard_download(model: CatalogueModel, precision: str | None = None) -> None:
    """Delete what was fetched of ``model`` (a cancelled download); a registered model's files are left alone."""
    folder = download_folder(model, precision)
    registered = {Path(info.source).resolve() for info in list_models()}
    if folder.exists() and not {folder.resolve(), *folder.resolve().iterdir()} & registered:
        shutil.rmtree(folder)


def fetched_bytes(model: CatalogueModel, precision: str | None = None) -> int:
    """Bytes already on disk for ``model``, whole files and partial ones: what a resume does not fetch again."""
    folder = download_folder(model, precision)
    return sum(path.stat().st_size for file in chosen_download(model, precision).files
               for path in (folder / file, part_path(folder / file)) if path.exists())
