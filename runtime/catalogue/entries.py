"""The curated list of models worth downloading: read from ``assets/catalogue/models.json``, and filtered.

The list is data in the assets package, so the CLI, the window and the tests all see the same entries.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from assets import asset
from runtime.models import SUPPORTED_ARCHITECTURES

TASKS = ("chat", "translation", "summaries")


@dataclass(frozen=True)
class Download:
    """What is fetched for a model: files of one hub repo, into a folder named after it."""

    repo: str
    files: tuple[str, ...]
    download_gb: float

    @property
    def folder_name(self) -> str:
        return self.repo.split("/")[-1]

    @property
    def gguf(self) -> str | None:
        """The GGUF file, where this download is one (it carries its config and tokenizer)."""
        return self.files[0] if self.files[0].endswith(".gguf") else None


@dataclass(frozen=True)
class CatalogueModel:
    id: str  # also the name it is registered under once downloaded
    repo: str  # the hub id
    name: str
    architecture: str  # config.json model_type; always one Penna runs
    parameters: int
    download_gb: float
    size_approximate: bool  # True while the size was not checked against the hub
    ram_gb: float  # memory to run it in fp32
    context_length: int
    license: str
    license_url: str
    gated: bool  # the hub serves it only after the licence is accepted, with an access token
    good_for: tuple[str, ...]  # some of TASKS
    files: tuple[str, ...]  # exactly what is fetched of ``repo`` (the safetensors weights)
    notes: str = ""
    # The publisher's own GGUF files, by the precision they serve: {"int8": {"repo", "file", "download_gb"}, ...}.
    # A Q8_0 / Q4_0 file is a third of the bf16 download or less, and its blocks run as they are.
    gguf: dict[str, dict] | None = None

    def download(self, precision: str) -> Download:
        """What to fetch for running at ``precision``: the GGUF file published for it, else the safetensors."""
        published = (self.gguf or {}).get(precision)
        if published:
            return Download(published["repo"], (published["file"],), published["download_gb"])
        return Download(self.repo, self.files, self.download_gb)


@dataclass(frozen=True)
class Catalogue:
    models: tuple[CatalogueModel, ...]
    recommended: dict[str, str]  # task -> model id

    def get(self, model_id: str) -> CatalogueModel:
        for model in self.models:
            if model.id == model_id:
                return model
        raise KeyError(model_id)

    def recommended_for(self, task: str) -> CatalogueModel | None:
        model_id = self.recommended.get(task)
        return self.get(model_id) if model_id else None


def parse_catalogue(text: str) -> Catalogue:
    """The catalogue in ``text`` (models.json's format); ValueError names what is wrong."""
    data = json.loads(text)
    if data.get("format") != 1:
        raise ValueError(f"unknown catalogue format {data.get('format')!r}")
    models = []
    for raw in data["models"]:
        entry = dict(raw, good_for=tuple(raw["good_for"]), files=tuple(raw["files"]))
        model = CatalogueModel(**entry)
        if model.architecture not in SUPPORTED_ARCHITECTURES:
            raise ValueError(f"{model.id}: architecture {model.architecture!r} is not one Penna runs")
        if not set(model.good_for) <= set(TASKS):
            raise ValueError(f"{model.id}: unknown tasks {sorted(set(model.good_for) - set(TASKS))}")
        if not any(file.endswith(".safetensors") for file in model.files) or "config.json" not in model.files:
            raise ValueError(f"{model.id}: the files must include config.json and safetensors weights")
        for precision, published in (model.gguf or {}).items():
            if precision not in ("fp32", "int8", "int4") or not published.get("file", "").endswith(".gguf"):
                raise ValueError(f"{model.id}: its GGUF for {precision!r} must be a .gguf file for fp32, int8 or int4")
        models.append(model)
    catalogue = Catalogue(tuple(models), dict(data.get("recommended", {})))
    for task, model_id in catalogue.recommended.items():
        if model_id not in {model.id for model in models} or task not in catalogue.get(model_id).good_for:
            raise ValueError(f"the recommended model for {task}, {model_id!r}, is not in the list for that task")
    return catalogue


def load_catalogue() -> Catalogue:
    """The catalogue shipped with Penna."""
    return parse_catalogue(asset("catalogue", "models.json").read_text(encoding="utf-8"))


def filter_models(models: tuple[CatalogueModel, ...] | list[CatalogueModel], task: str | None = None,
                  memory_gb: float | None = None) -> list[CatalogueModel]:
    """The models good for ``task`` (None: any) that fit in ``memory_gb`` (None: any), smallest first."""
    return sorted((model for model in models
                   if (task is None or task in model.good_for) and (memory_gb is None or model.ram_gb <= memory_gb)),
                  key=lambda model: model.parameters)


def system_memory_gb() -> float | None:
    """This machine's physical memory, or None where the OS does not say (then nothing is filtered out)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    except (AttributeError, ValueError, OSError):
        return None
