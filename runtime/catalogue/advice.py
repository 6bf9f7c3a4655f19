"""Is the model in use good enough to translate? The rule, and the model to recommend instead.

A model of the catalogue is judged by what the catalogue says it is good for. Any other model by its size:
below MIN_TRANSLATION_PARAMETERS (one billion) models are English-centric or too weak to translate reliably
(the built-in SmolLM2-135M is the example: wrong languages, labels, inventions).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from runtime.catalogue.entries import CatalogueModel, filter_models, load_catalogue, system_memory_gb
from runtime.catalogue.speed import engine_parameters

if TYPE_CHECKING:  # runtime.engine loads onnxruntime: imported where it is used
    from runtime.engine import EngineProtocol

MIN_TRANSLATION_PARAMETERS = 1_000_000_000


@dataclass(frozen=True)
class TranslationAdvice:
    model_name: str
    parameters: int | None
    recommended: CatalogueModel | None  # the catalogue's pick for translation that fits this machine's memory


def translates_poorly(model_name: str, parameters: int | None) -> bool:
    """The rule: the catalogue's word for its own models, else fewer than MIN_TRANSLATION_PARAMETERS."""
    catalogue = load_catalogue()
    known = {model.id: model for model in catalogue.models}
    if model_name in known:
        return "translation" not in known[model_name].good_for
    return parameters is not None and parameters < MIN_TRANSLATION_PARAMETERS


def translation_advice(engine: EngineProtocol) -> TranslationAdvice | None:
    """Advice when ``engine``'s model is too small to translate well; None when it is fine (or cannot be told)."""
    parameters = engine_parameters(engine)
    if not translates_poorly(engine.model_name, parameters):
        return None
    return TranslationAdvice(engine.model_name, parameters, recommended_model("translation"))


def recommended_model(task: str) -> CatalogueModel | None:
    """The catalogue's pick for ``task`` when it fits in memory, else the smallest model for ``task`` that fits."""
    catalogue = load_catalogue()
    fitting = filter_models(catalogue.models, task, system_memory_gb())
    pick = catalogue.recommended_for(task)
    if pick is not None and pick in fitting:
        return pick
    return fitting[0] if fitting else None
