"""The default prompts of the writing tasks, read from assets/prompts/ (one TOML file per task).

Each prompt is a ``str.format`` template: the text and languages are filled in as values, so braces in a user's
text stay text.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from assets import asset


@cache
def task_prompts(task: str) -> dict[str, Any]:
    """The prompts of ``task`` ("summarize", "translate"), as the TOML file lays them out."""
    return tomllib.loads(asset("prompts", f"{task}.toml").read_text(encoding="utf-8"))
