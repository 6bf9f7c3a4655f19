"""Downloading a catalogue model file by file (progress, pause and resume come from runtime.download),
then registering its folder with runtime.models.add_model.

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
from runtime.catalogue.entries import CatalogueModel
from runtime.download import DownloadRefusedError, download, part_path
from runtime.errors import CorruptModelError, ModelNotFoundError, PennaError
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


def download_folder(model: CatalogueModel) -> Path:
    """Where the model's files are kept (under the data folder: a downloaded model is not a cache)."""
    return paths.data_dir() / "downloads" / model.folder_name


def _auth_headers() -> dict[str, str]:
    token = os.environ.get("HF_TOKEN")
    if token is None:
        from huggingface_hub import get_token

        token = get_token()
    return {"Authorization": f"Bearer {token}"} if token else {}


def fetch_model(model: CatalogueModel, progress: FetchCallback | None = None, pause: threading.Event | None = None,
                source: str | None = None) -> ModelInfo:
    """Fetch the model's files (files already whole are skipped, partial ones resumed) and register the folder.

    A sharded model's index is fetched first and names the shards, so a catalogue entry whose shard list has
    gone stale still downloads what the hub has. Raises DownloadPausedError when ``pause`` is set (call again to
    resume), OfflineError without a network, GatedModelError when the hub wants a licence accepted,
    ModelNotFoundError when a file is missing there.
    """
    source = source or os.environ.get("PENNA_HUB_URL") or HUB_URL
    folder = download_folder(model)
    headers = _auth_headers() if source == HUB_URL else {}
    total = round(model.download_gb * 1e9)
    files = sorted(model.files, key=lambda file: file != SHARD_INDEX)  # the index first: it stays at 0
    finished = index = 0
    while index < len(files):
        file = files[index]
        target = folder / file
        if not target.exists():
            def on_bytes(done: int, _size: int | None, file: str = file, index: int = index) -> None:
                if progress:
                    progress(FetchProgress(file, index, len(files), finished + done, max(total, finished + done)))

            try:
                download(file_url(source, model.repo, file), target, progress=on_bytes, pause=pause, headers=headers)
            except DownloadRefusedError as error:
                raise _refusal(model, file, error) from error
        finished += target.stat().st_size
        if file == SHARD_INDEX:
            files = _with_indexed_shards(files, target)
        index += 1
    if progress:
        progress(FetchProgress(files[-1], len(files) - 1, len(files), finished, finished))  # the true total, at last
    log.info("downloaded %s into %s", model.repo, folder)
    return add_model(str(folder))


def _with_indexed_shards(files: list[str], index: Path) -> list[str]:
    """``files`` with the weight files replaced by the shards the downloaded index names."""
    try:
        shards = sorted(set(json.loads(index.read_text(encoding="utf-8"))["weight_map"].values()))
    except (ValueError, KeyError, AttributeError) as error:
        index.unlink()
        raise CorruptModelError(f"The downloaded {index.name} is damaged ({error}). It was deleted; download again.") from error
    return [file for file in files if not file.endswith(".safetensors")] + shards


def _refusal(model: CatalogueModel, file: str, error: DownloadRefusedError) -> PennaError:
    if error.status in (401, 403) and model.gated:
        return GatedModelError(
            f"{model.name} is gated: accept its licence ({model.license}) at https://huggingface.co/{model.repo} "
            "while signed in, then set HF_TOKEN to an access token of that account (or run `hf auth login`) "
            "and download again.")
    if error.status == 404:
        return ModelNotFoundError(f"The file {file} of {model.repo} is not where it was expected ({error}). "
                                  "The model may have moved on the hub; add it by its folder instead.")
    return error


def discard_download(model: CatalogueModel) -> None:
    """Delete what was fetched of ``model`` (a cancelled download); a registered model's folder is left alone."""
    folder = download_folder(model)
    if folder.exists() and str(folder.resolve()) not in {info.source for info in list_models()}:
        shutil.rmtree(folder)


def fetched_bytes(model: CatalogueModel) -> int:
    """Bytes already on disk for ``model``, whole files and partial ones: what a resume does not fetch again."""
    folder = download_folder(model)
    return sum(path.stat().st_size for file in model.files
               for path in (folder / file, part_path(folder / file)) if path.exists())
