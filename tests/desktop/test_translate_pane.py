"""The Translate pane: streaming into the pane with the real model, history and its search, swap."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

ANSWER_TIMEOUT_MS = 120_000
SENTENCE = "The weather is nice today.\n\nWe are going to the park with our friends."  # two pieces: streamed in turn


@pytest.mark.slow
def test_translation_streams_into_the_pane_and_lands_in_history(model_window, qtbot, store):
    pane = model_window.translate_pane
    model_window.rail.setCurrentRow(1)
    pane.target_box.set_code("fr")
    shown: list[str] = []
    pane.runner.text_changed.connect(shown.append)
    pane.source.setPlainText(SENTENCE)
    with qtbot.waitSignal(pane.runner.finished, timeout=ANSWER_TIMEOUT_MS):
        qtbot.mouseClick(pane.translate_button, Qt.MouseButton.LeftButton)
        assert pane.translate_button.text() == "Stop"

    assert pane.source_box.itemText(0) == "Auto: English"
    partial = [text for text in shown if text]
    assert len(partial) >= 2 and all(later.startswith(earlier) for earlier, later in zip(partial, partial[1:]))
    [record] = store.list_translations()
    assert (record.source_text, record.source_language, record.target_language) == (SENTENCE, "en", "fr")
    assert record.result == pane.result.toPlainText() == partial[-1]
    assert pane.translate_button.text() == "Translate"

    assert pane.history.list.count() == 1 and "Français" in pane.history.list.item(0).text()
    pane.history.search.setText("weather PARK")
    assert pane.history.list.count() == 1
    pane.history.search.setText("weather zebra")
    assert pane.history.list.count() == 0
    pane.history.search.clear()
    pane.source.clear()
    pane.result.clear()
    pane.history.list.itemClicked.emit(pane.history.list.item(0))
    assert (pane.source.toPlainText(), pane.result.toPlainText()) == (SENTENCE, record.result)
    assert (pane.source_box.code(), pane.target_box.code()) == ("auto", "fr")
    assert pane.source_box.itemText(0) == "Auto: English"

    qtbot.mouseClick(pane.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == record.result
    assert pane.copy_button.text() == "Copied"


def test_swap_exchanges_languages_and_texts(window):
    pane = window.translate_pane
    pane.source_box.set_code("en")
    pane.target_box.set_code("de")
    pane.source.setPlainText("Good morning")
    pane.result.setPlainText("Guten Morgen")
    pane.swap()
    assert (pane.source_box.code(), pane.target_box.code()) == ("de", "en")
    assert (pane.source.toPlainText(), pane.result.toPlainText()) == ("Guten Morgen", "")


def test_auto_without_a_detection_cannot_swap(window):
    pane = window.translate_pane
    pane.source_box.set_code("auto")
    pane.target_box.set_code("de")
    pane.swap()
    assert (pane.source_box.code(), pane.target_box.code()) == ("auto", "de")
    assert pane.source_box.itemText(0) == "Detect language"


def test_history_lists_translations_newest_first(store, qtbot):
    from desktop.app import application, create_window
    from desktop.settings import Settings

    store.add_translation("Hello", "fr", "Bonjour", source_language="en")
    store.add_translation("Thank you", "ja", "ありがとう", source_language="en")
    shown = create_window(application([]), Settings(), store)
    qtbot.addWidget(shown)
    titles = [shown.translate_pane.history.list.item(row).text() for row in range(2)]
    assert titles == ["Thank you  →  日本語", "Hello  →  Français"]
    shown.close()


def test_the_target_language_is_remembered_across_restarts(window, qtbot, store):
    from desktop.app import application, create_window
    from desktop.settings import Settings

    assert window.translate_pane.target_box.code() == window.settings.primary_language != "ja"
    window.translate_pane.target_box.set_code("ja")
    window.close()

    restarted = create_window(application([]), Settings(), store)  # a new Settings over the same INI file
    qtbot.addWidget(restarted)
    assert restarted.settings.translate_target == "ja"
    assert restarted.translate_pane.target_box.code() == "ja"
    restarted.close()


def test_a_stored_target_penna_does_not_offer_falls_back_to_the_selections(window, qtbot, store):
    from desktop.app import application, create_window
    from desktop.settings import Settings

    window.settings.qsettings.setValue("translate/target", "klingon")
    window.close()
    restarted = create_window(application([]), Settings(), store)
    qtbot.addWidget(restarted)
    assert restarted.translate_pane.target_box.code() == restarted.settings.primary_language
    restarted.close()
