"""Models worth using: the curated list, downloading one, its expected speed here, and advice for the tasks."""

from runtime.catalogue.advice import MIN_PARAMETERS, ModelAdvice, poor_at, recommended_model, task_advice
from runtime.catalogue.entries import (
    TASKS, Catalogue, CatalogueModel, filter_models, load_catalogue, parse_catalogue, system_memory_gb,
)
from runtime.catalogue.fetch import (
    FetchProgress, GatedModelError, auto_precision, chosen_download, discard_download, fetch_model, fetched_bytes,
    run_memory_gb,
)
from runtime.catalogue.speed import SpeedReference, expected_tokens_per_s, parameter_count, reference_from_engine

__all__ = [
    "MIN_PARAMETERS", "TASKS", "Catalogue", "CatalogueModel", "FetchProgress", "GatedModelError", "ModelAdvice", "SpeedReference",
    "auto_precision", "chosen_download", "discard_download", "expected_tokens_per_s", "fetch_model", "fetched_bytes", "filter_models", "load_catalogue",
    "parameter_count", "parse_catalogue", "poor_at", "recommended_model", "reference_from_engine", "run_memory_gb", "system_memory_gb",
    "task_advice",
]
