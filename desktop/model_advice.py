"""What the window says when the model in use is too small for a task (runtime.catalogue's ModelAdvice): a line
naming the catalogue's better model with its download size, and a one-click download."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.notice import Notice
from desktop.task_engine import TaskEngine


def advice_text(advice: Any) -> tuple[str, str | None]:
    """What to tell about a runtime ModelAdvice, and the download button's text (None: nothing to offer)."""
    from runtime.catalogue import chosen_download, run_memory_gb

    translate = QCoreApplication.translate  # literal arguments, so that lupdate finds the texts
    size = (translate("ModelAdvice", " ({size:.0f}M parameters)").format(size=advice.parameters / 1e6)
            if advice.parameters else "")
    summaries = advice.task == "summaries"
    text = (translate("ModelAdvice", "The model in use, {model}{size}, is too small to summarise well: check its "
                                     "summaries against the text.") if summaries
            else translate("ModelAdvice", "The model in use, {model}{size}, is too small to translate well.")
            ).format(model=advice.model_name, size=size)
    model = advice.recommended
    if model is None:
        return text + " " + translate("ModelAdvice", "Add a model of 1.5B parameters or more in Settings."), None
    better = (translate("ModelAdvice", "{name} summarises much better ({download:.1f} GB download, {ram:.0f} GB of "
                                       "memory).") if summaries
              else translate("ModelAdvice", "{name} translates much better ({download:.1f} GB download, {ram:.0f} GB "
                                            "of memory)."))
    text += " " + better.format(name=model.name, download=chosen_download(model).download_gb,
                                ram=run_memory_gb(model))
    return text, translate("ModelAdvice", "Download {name}").format(name=model.name)


class AdviceNotice(Notice):
    """The advice of ``task_engine`` above a pane. It stays while a download it started runs, and after that
    download fails or is cancelled; it goes when the task's model is good enough."""

    def __init__(self, task_engine: TaskEngine, parent: QWidget | None = None) -> None:
        super().__init__(parent, hide_on_action=False)
        self.setObjectName("modelAdvice")
        self.task_engine = task_engine
        task_engine.advice_changed.connect(lambda _advice: self.refresh())

    def refresh(self) -> None:
        advice = self.task_engine.advice
        if advice is None:
            self.hide()
            return
        text, action = advice_text(advice)
        self.show_message(text, action, self.task_engine.download_recommended if action else None)
