"""The catalogue dialog on real widgets: columns, filters, download with progress from a local folder and from a
real HTTP server on 127.0.0.1 (pause, resume, cancel), clear errors, and the speed column from the real engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.catalogue_dialog import CatalogueDialog
from runtime.catalogue import Catalogue, CatalogueModel, SpeedReference, auto_precision, fetched_bytes
from runtime.catalogue.speed import BYTES_PER_PARAMETER as BYTES
from runtime.models import get_model
from tests.runtime.tiny_hub import make_tiny_hub, serve_hub

DOWNLOAD_TIMEOUT_MS = 30_000


@pytest.fixture
def tiny(tmp_path: Path) -> tuple[CatalogueModel, Path]:
    return make_tiny_hub(tmp_path / "hub")


def _dialog(qtbot, source: str | None = None, extra: CatalogueModel | None = None) -> CatalogueDialog:  # noqa: ANN001
    dialog = CatalogueDialog(source=source)
    qtbot.addWidget(dialog)
    if extra is not None:  # the tiny model joins the real list, so the dialog downloads something small
        dialog.catalogue = Catalogue(dialog.catalogue.models + (extra,), dialog.catalogue.recommended)
        dialog.refresh()
    dialog.show()
    return dialog


def _column(dialog: CatalogueDialog, column: int) -> list[str]:
    return [dialog.table.item(row, column).text() for row in range(dialog.table.rowCount())]


def test_the_table_shows_size_memory_licence_and_what_each_is_good_at(qtbot, desktop_home):
    dialog = _dialog(qtbot)
    dialog.fits_box.setChecked(False)
    headers = [dialog.table.horizontalHeaderItem(column).text() for column in range(dialog.table.columnCount())]
    assert headers == ["Model", "Good at", "Download", "Memory", "Speed here", "Licence"]
    names = _column(dialog, 0)
    assert "Qwen2.5 1.5B Instruct" in names and "Llama 3.2 1B Instruct" in names
    row = names.index("Llama 3.2 1B Instruct")
    assert dialog.table.item(row, 2).text() == "~2.5 GB"  # marked approximate
    assert "needs a token" in dialog.table.item(row, 5).text()
    assert all(speed == "—" for speed in _column(dialog, 4))  # no engine given: nothing to scale from


def test_the_speed_column_names_the_precision_auto_picks_here(qtbot, desktop_home):
    """It said "(fp32)" for every model; on the CPU a 1.5B model runs at int4 and a 0.5B one at int8."""
    dialog = _dialog(qtbot)
    dialog.fits_box.setChecked(False)
    dialog._on_speed(SpeedReference(134_500_000, "fp32", 40.0))
    speeds = dict(zip((model.id for model in dialog.shown), _column(dialog, 4)))
    for model in dialog.shown:
        assert speeds[model.id].endswith(f"({auto_precision(model)})")
    if auto_precision(dialog.catalogue.get("qwen2.5-1.5b-instruct")) == "int4":  # the CPU (fp16 on CUDA)
        assert speeds["qwen2.5-1.5b-instruct"] == "~28 tok/s (int4)"  # 40 x 134.5M x 4 B / (1.54B x 0.5 B)
        assert speeds["qwen3-0.6b"] == "~29 tok/s (int8)"
        assert speeds["smollm2-360m-instruct"] == "~15 tok/s (fp32)"


def test_the_download_is_said_in_words_not_as_a_file_list(qtbot, desktop_home):
    dialog = _dialog(qtbot)
    dialog.fits_box.setChecked(False)
    for row in range(len(dialog.shown)):
        tooltip = dialog.table.item(row, 0).toolTip()
        assert "config.json" not in tooltip and "Files:" not in tooltip
        assert " GB " in tooltip and ("GGUF file" in tooltip or "safetensors weights" in tooltip)
    dialog.select("llama-3.2-1b-instruct")  # no GGUF of its publisher: the safetensors
    assert dialog.details.text().startswith("2.5 GB of safetensors weights (1 file(s)) from meta-llama/")


def test_filters_by_task_and_memory(qtbot, desktop_home):
    dialog = _dialog(qtbot)
    dialog.fits_box.setChecked(False)
    everything = dialog.table.rowCount()
    dialog.task_box.setCurrentIndex(dialog.task_box.findData("translation"))
    assert 0 < dialog.table.rowCount() < everything
    assert all("translation" in text for text in _column(dialog, 1))
    dialog.task_box.setCurrentIndex(0)
    dialog.memory_gb = 4.0
    dialog.fits_box.setChecked(True)
    assert 0 < dialog.table.rowCount() < everything
    assert all(float(text.split()[0]) <= 4 for text in _column(dialog, 3))


def test_download_from_a_local_folder_adds_the_model(qtbot, desktop_home, tiny):
    entry, root = tiny
    dialog = _dialog(qtbot, source=str(root), extra=entry)
    dialog.select(entry.id)
    with qtbot.waitSignal(dialog.model_added, timeout=DOWNLOAD_TIMEOUT_MS) as added:
        qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    assert added.args[0].name == entry.id == get_model(entry.id).name
    assert dialog.progress.value() == 1000 and "ready to use" in dialog.status.text()
    assert dialog.download_button.isEnabled() and not dialog.cancel_button.isEnabled()


@pytest.fixture
def hub(tiny) -> Iterator[str]:
    with serve_hub(tiny[1]) as url:
        yield url


def _paused_download(qtbot, dialog: CatalogueDialog, entry: CatalogueModel) -> None:  # noqa: ANN001
    """Start downloading ``entry`` and pause at once: the worker stops after its first chunk."""
    dialog.select(entry.id)
    dialog.download()
    assert dialog.pause_button.text() == "Pause" and dialog.pause_button.isEnabled()
    dialog.pause()
    qtbot.waitUntil(lambda: not dialog.is_downloading(), timeout=DOWNLOAD_TIMEOUT_MS)


def test_pause_then_resume_over_http_finishes_the_download(qtbot, desktop_home, tiny, hub):
    entry, _root = tiny
    dialog = _dialog(qtbot, source=hub, extra=entry)
    _paused_download(qtbot, dialog, entry)
    assert dialog.pause_button.text() == "Resume" and "Paused" in dialog.status.text()
    kept = fetched_bytes(entry)
    assert kept > 0
    with qtbot.waitSignal(dialog.model_added, timeout=DOWNLOAD_TIMEOUT_MS):
        qtbot.mouseClick(dialog.pause_button, Qt.MouseButton.LeftButton)
    assert fetched_bytes(entry) > kept and get_model(entry.id).name == entry.id


def test_cancel_deletes_a_paused_download(qtbot, desktop_home, tiny, hub):
    entry, _root = tiny
    dialog = _dialog(qtbot, source=hub, extra=entry)
    _paused_download(qtbot, dialog, entry)
    assert fetched_bytes(entry) > 0 and dialog.cancel_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert fetched_bytes(entry) == 0
    assert "deleted" in dialog.status.text() and not dialog.cancel_button.isEnabled()
    assert dialog.pause_button.text() == "Pause" and not dialog.pause_button.isEnabled()


def test_offline_shows_a_clear_error_in_the_dialog(qtbot, desktop_home, tiny):
    entry, _root = tiny
    dialog = _dialog(qtbot, source="http://127.0.0.1:9/{repo}/{file}", extra=entry)  # port 9: nobody listens
    dialog.select(entry.id)
    dialog.download()
    qtbot.waitUntil(lambda: not dialog.is_downloading(), timeout=DOWNLOAD_TIMEOUT_MS)
    assert "Check the internet connection" in dialog.status.text()
    assert dialog.download_button.isEnabled()


@pytest.mark.slow
def test_the_speed_column_scales_the_speed_measured_on_the_model_in_use(qtbot, default_engine):
    dialog = CatalogueDialog(engine=default_engine)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.reference is not None, timeout=60_000)
    assert dialog.reference.parameters == pytest.approx(134.5e6, rel=0.005) and dialog.reference.tokens_per_s > 0
    dialog.fits_box.setChecked(False)
    reference = dialog.reference
    for model, shown in zip(dialog.shown, _column(dialog, 4)):
        # The rule: speed inversely proportional to the weights' size, at the precision "auto" gives the model here.
        precision = auto_precision(model)
        expected = reference.tokens_per_s * reference.parameters * 4 / (model.parameters * BYTES[precision])
        assert shown.endswith(f"tok/s ({precision})")
        rounding = 0.051 if expected < 10 else 0.51  # one decimal below 10 tok/s, whole numbers above
        assert float(shown.lstrip("~").split()[0]) == pytest.approx(expected, abs=rounding)
