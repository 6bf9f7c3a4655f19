"""What the window says about translation quality: the doubt mark in the pane and the popup, the advice to use a
bigger model (with its one-click download), Settings' catalogue button, and Translate's own model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.catalogue_dialog import CatalogueDialog
from desktop.settings_dialog import SettingsDialog
from runtime.catalogue import chosen_download
from tests.runtime.scripted_engine import ScriptedEngine

ANSWER_TIMEOUT_MS = 120_000


def _english_whatever_asked(messages):  # noqa: ANN001, ANN202
    """A model that answers in English with a label, whatever language it is asked for."""
    return "French: The weather is very nice today, my friend."


def test_a_doubtful_translation_is_marked_in_the_pane_and_kept_clean_in_history(window, qtbot, store):
    window.translate_engine.session.use(ScriptedEngine(_english_whatever_asked))
    pane = window.translate_pane
    window.rail.setCurrentRow(1)
    pane.source_box.set_code("en")
    pane.target_box.set_code("fr")
    with qtbot.waitSignal(pane.runner.finished, timeout=ANSWER_TIMEOUT_MS):
        pane.translate("The weather is really lovely today, my dear friend.")
    assert pane.doubt.isVisible() and "may be wrong" in pane.doubt.text()
    assert pane.doubt.toolTip() == "the result looks like English, not French"
    [record] = store.list_translations()
    assert record.result == pane.result.toPlainText() == "The weather is very nice today, my friend."  # no label

    pane.show_record(record)  # a past translation is shown as it was stored, without a stale mark
    assert not pane.doubt.isVisible()


def test_a_good_translation_has_no_mark(window, qtbot):
    window.translate_engine.session.use(ScriptedEngine(lambda messages: "Il fait très beau aujourd'hui, mon ami."))
    pane = window.translate_pane
    window.rail.setCurrentRow(1)
    pane.target_box.set_code("fr")
    with qtbot.waitSignal(pane.runner.finished, timeout=ANSWER_TIMEOUT_MS):
        pane.translate("The weather is very nice today, my friend.")
    assert not pane.doubt.isVisible()
    assert pane.result.toPlainText() == "Il fait très beau aujourd'hui, mon ami."


def test_the_popup_marks_a_doubtful_translation(window, qtbot):
    window.translate_engine.session.use(ScriptedEngine(_english_whatever_asked))
    window.settings.primary_language = "fr"
    with qtbot.waitSignal(window.selection.finished, timeout=ANSWER_TIMEOUT_MS):
        window.selection.translate("The weather is very nice today, my friend.")
    popup = window.selection.popup
    assert popup.doubt.isVisible() and "may be wrong" in popup.doubt.text()
    assert popup.text.text() == "The weather is very nice today, my friend."
    popup.close()


@pytest.mark.slow
def test_the_default_model_brings_advice_with_a_one_click_download(model_window, qtbot, monkeypatch, tmp_path):
    """SmolLM2-135M is too small to translate well: the pane and the popup say so and offer the recommended model;
    the button opens the catalogue on it and starts the download of what this machine runs best (here from an empty
    folder: a clear error naming the file)."""
    monkeypatch.setenv("PENNA_HUB_URL", str(tmp_path / "empty-hub"))
    pane = model_window.translate_pane
    model_window.rail.setCurrentRow(1)
    assert pane.advice.isVisible()
    assert "smollm2-135m-instruct (134M parameters), is too small to translate well" in pane.advice.label.text()
    assert pane.advice.action_button.text() == "Download Qwen2.5 1.5B Instruct"

    model_window.selection.translate("")  # the popup opens with the advice even before a translation
    popup = model_window.selection.popup
    assert popup.advice.isVisible() and popup.advice_button.text() == "Download Qwen2.5 1.5B Instruct"
    model_window.selection.run("", "proofread")  # advice on translating is not about proofreading
    assert popup.isVisible() and not popup.advice.isVisible()
    popup.close()

    qtbot.mouseClick(pane.advice.action_button, Qt.MouseButton.LeftButton)
    [dialog] = [child for child in model_window.findChildren(CatalogueDialog) if child.isVisible()]
    assert dialog.selected().id == "qwen2.5-1.5b-instruct"
    qtbot.waitUntil(lambda: not dialog.is_downloading(), timeout=ANSWER_TIMEOUT_MS)
    first_file = sorted(chosen_download(dialog.selected()).files)[0]  # the GGUF on the CPU, config.json on CUDA
    assert "Cannot download" in dialog.status.text() and first_file in dialog.status.text()
    dialog.close()
    assert pane.advice.isVisible()  # the download failed: the way out is still there


@pytest.mark.slow
def test_the_default_model_brings_advice_to_summarize_too(model_window, monkeypatch, tmp_path):
    pane = model_window.summarize_pane
    model_window.rail.setCurrentRow(2)
    assert pane.advice.isVisible()
    assert "smollm2-135m-instruct (134M parameters), is too small to summarise well" in pane.advice.label.text()
    assert pane.advice.action_button.text() == "Download Qwen2.5 1.5B Instruct"
    assert pane.advice.action_button.accessibleName() == "Download Qwen2.5 1.5B Instruct"


@pytest.mark.slow
def test_a_translation_by_a_model_too_small_says_so_beside_done(model_window, qtbot):
    pane = model_window.translate_pane
    model_window.rail.setCurrentRow(1)
    pane.advice.close_button.click()  # dismissed: the result must still say it
    pane.source_box.set_code("en")
    pane.target_box.set_code("fr")
    with qtbot.waitSignal(pane.runner.finished, timeout=ANSWER_TIMEOUT_MS):
        pane.translate("The weather is nice today.")
    assert pane.status.text() == ("Done, by a model too small to translate well: check the result before you use it.")


@pytest.mark.parametrize("task", ["translate", "summarize"])
def test_a_task_gets_its_own_engine_only_for_a_different_model(window, task):
    chat_engine = ScriptedEngine(lambda messages: "Bonjour.")
    engine = {"translate": window.translate_engine, "summarize": window.summarize_engine}[task]
    pane = {"translate": window.translate_pane, "summarize": window.summarize_pane}[task]
    window.settings.set_task_model(task, "another-model")
    assert engine.own_model
    window.session.use(chat_engine)
    assert engine.session is not window.session
    assert engine.session.engine is None  # the task waits for its own model, not the chat's
    assert pane.runner._model_session is engine.session

    window.settings.set_task_model(task, "smollm2-135m-instruct")  # the default, which the chat uses too
    assert not engine.own_model
    engine.start()
    assert engine.session.engine is chat_engine
    window.session.use(second := ScriptedEngine(lambda messages: "Salut."))
    assert engine.session.engine is second  # follows the chat's engine when they share the model


def test_settings_offer_the_catalogue_and_a_model_per_task(window, qtbot):
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    texts = [button.text() for button in (dialog.catalogue_button, dialog.add_folder_button, dialog.add_gguf_button)]
    assert texts == ["Browse models to download…", "Add folder…", "Add .gguf file…"]
    for task, box in dialog.task_model_boxes.items():
        assert box.itemText(0) == "The chat's model" and box.currentIndex() == 0
        assert box.findData("smollm2-135m-instruct") > 0, task
    translate_box = dialog.task_model_boxes["translate"]
    translate_box.setCurrentIndex(translate_box.findData("smollm2-135m-instruct"))
    with qtbot.waitSignal(window.settings.changed, check_params_cb=lambda name: name == "translate_model"):
        dialog.apply()
    assert window.settings.task_model("translate") == "smollm2-135m-instruct"
    assert window.settings.task_model("summarize") is None
