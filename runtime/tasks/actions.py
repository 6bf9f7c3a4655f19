"""The writing actions: the built-in ones and the user's own, kept in ``actions.json`` beside the settings.

A built-in action's instruction is in assets/prompts/write.toml. A user action is a name and a prompt with
``{text}`` and, optionally, ``{language}`` (the language to write in: the target given, else the text's own),
with an optional global shortcut of its own (Qt key-sequence text, used by the desktop).
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from runtime.errors import PennaError
from runtime.paths import data_dir

log = logging.getLogger(__name__)


class ActionError(PennaError):
    """A writing action that does not exist, or a user action that cannot be saved as given."""


@dataclass(frozen=True)
class WritingAction:
    """``name``: how the CLI, D-Bus and the history call it. ``prompt``: a user action's template (None: built in)."""

    name: str
    prompt: str | None = None
    shortcut: str = ""

    @property
    def built_in(self) -> bool:
        return self.prompt is None

    @property
    def keeps_language(self) -> bool:
        """Whether the result is in the text's language (all but Translate and user prompts that name a language)."""
        return self.name != TRANSLATE and not (self.prompt is not None and "{language}" in self.prompt)


TRANSLATE = "translate"
PROOFREAD = "proofread"
REWRITES = ("shorter", "longer", "formal", "friendly", "simpler")
# In the order the popup shows them (keys 1-9).
BUILT_IN: tuple[WritingAction, ...] = tuple(
    WritingAction(name) for name in (TRANSLATE, PROOFREAD, *REWRITES, "explain", "summarize"))
_NAME = re.compile(r"^[\w][\w -]{0,39}$")


def actions_path() -> Path:
    return data_dir() / "actions.json"


def user_actions(path: Path | None = None) -> list[WritingAction]:
    """The user's actions, as saved; none when the file is missing or unreadable (which is logged)."""
    path = path or actions_path()
    if not path.exists():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        return [WritingAction(entry["name"], entry["prompt"], entry.get("shortcut", "")) for entry in entries]
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("cannot read the writing actions in %s (%s); using none", path, error)
        return []


def check_user_action(action: WritingAction) -> None:
    """Raise ActionError saying what to change when ``action`` cannot be saved."""
    if not _NAME.match(action.name):
        raise ActionError(f"{action.name!r} cannot name an action: use up to 40 letters, digits, spaces or dashes.")
    if action.name.casefold() in {built.name for built in BUILT_IN}:
        raise ActionError(f"{action.name!r} is the name of a built-in action; choose another name.")
    if not action.prompt or "{text}" not in action.prompt:
        raise ActionError(f"The prompt of {action.name!r} must contain {{text}}, where the selected text goes.")
    try:
        action.prompt.format(text="", language="")
    except (KeyError, IndexError, ValueError) as error:
        raise ActionError(f"The prompt of {action.name!r} can only use {{text}} and {{language}} "
                          f"(write {{{{ and }}}} for braces): {error}.") from error


def save_user_actions(actions: list[WritingAction], path: Path | None = None) -> None:
    """Replace the saved user actions (written to a temporary file and renamed: never half-written)."""
    path = path or actions_path()
    names = [action.name.casefold() for action in actions]
    for action in actions:
        check_user_action(action)
    if len(set(names)) != len(names):
        raise ActionError("Two actions have the same name; give each its own.")
    data = json.dumps([asdict(action) for action in actions], ensure_ascii=False, indent=2)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".actions.", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError as error:
        raise ActionError(f"Cannot save the writing actions to {path} ({error}). Check that the folder is writable "
                          "and the disk is not full.") from error


def all_actions(path: Path | None = None) -> list[WritingAction]:
    return [*BUILT_IN, *user_actions(path)]


def find_action(name: str, path: Path | None = None) -> WritingAction:
    """The built-in or user action called ``name`` (case-insensitive)."""
    for action in all_actions(path):
        if action.name.casefold() == name.strip().casefold():
            return action
    names = ", ".join(action.name for action in all_actions(path))
    raise ActionError(f"There is no writing action {name!r}; choose one of: {names} (`penna write --list`).")
