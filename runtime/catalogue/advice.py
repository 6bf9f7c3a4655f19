"""Is the model in use good enough for a task? The rule, and the model to recommend instead.

A model of the catalogue is judged by what the catalogue says it is good for. Any other model by its size:
below ``MIN_PARAMETERS[task]`` models are too weak to do the task reliably (the built-in SmolLM2-135M is the
example: it translates into the wrong languages, and summarises the GPL as "Same text reformatted to English.").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from runtime.catalogue.entries import CatalogueModel, filter_models, load_catalogue, system_memory_gb
from runtime.catalogue.speed import engine_parameters

if TYPE_CHECKING:  # runtime.engine loads onnxruntime: imported where it is used
    from runtime.engine import EngineProtocol

# Below these sizes a model outside the catalogue is called too small: translating needs a multilingual model of a
# billion parameters or more; the smallest models that summarise reliably have about half a billion.
MIN_PARAMETERS = {"translation": 1_000_000_000, "summaries": 450_000_000}


@dataclass(frozen=True)
class ModelAdvice:
    task: str  # "translation" or "summaries" (runtime.catalogue.TASKS)
    model_name: str
    parameters: int | None
    recommended: CatalogueModel | None  # the catalogue's pick for the task that fits this machine's memory


def poor_at(task: str, model_name: str, parameters: int | None) -> bool:
    """The rule: the catalogue's word for its own models, else fewer than ``MIN_PARAMETERS[task]``."""
    known = {model.id: model for model in load_catalogue().models}
    if model_name in known:
        return task not in known[model_name].good_for
    return parameters is not None and parameters < MIN_PARAMETERS[task]


def task_advice(engine: EngineProtocol, task: str) -> ModelAdvice | None:
    """Advice when ``engine``'s model is too small for ``task``; None when it is fine (or cannot be told)."""
    parameters = engine_parameters(engine)
    if not poor_at(task, engine.model_name, parameters):
        return None
    return ModelAdvice(task, engine.model_name, parameters, recommended_model(task))


def recommended_model(task: str) -> CatalogueModel | None:
    """The catalogue's pick for ``task`` when it fits in memory, else the smallest model for ``task`` that fits."""
    catalogue = load_catalogue()
    fitting = filter_models(catalogue.models, task, system_memory_gb())
    pick = catalogue.recommended_for(task)
    if pick is not None and pick in fitting:
        return pick
    return fitting[0] if fitting else None
