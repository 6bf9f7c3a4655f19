"""Models worth using: the curated list, downloading one, its expected speed here, and translation advice."""

from runtime.catalogue.advice import TranslationAdvice, recommended_model, translates_poorly, translation_advice
from runtime.catalogue.entries import (
    TASKS, Catalogue, CatalogueModel, filter_models, load_catalogue, parse_catalogue, system_memory_gb,
)
from runtime.catalogue.fetch import (
    FetchProgress, GatedModelError, chosen_download, discard_download, fetch_model, fetched_bytes,
)
from runtime.catalogue.speed import SpeedReference, expected_tokens_per_s, parameter_count, reference_from_engine

__all__ = [
    "TASKS", "Catalogue", "CatalogueModel", "FetchProgress", "GatedModelError", "SpeedReference", "TranslationAdvice",
    "chosen_download", "discard_download", "expected_tokens_per_s", "fetch_model", "fetched_bytes", "filter_models", "load_catalogue",
    "parameter_count", "parse_catalogue", "recommended_model", "reference_from_engine", "system_memory_gb",
    "translates_poorly", "translation_advice",
]
