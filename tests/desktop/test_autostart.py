"""Settings' "Start in the tray when I log in" is the login autostart entry itself: ticking it writes the entry
(Penna's desktop entry, started with --in-tray) into the XDG autostart folder, unticking it removes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import xdg
from desktop.settings_dialog import SettingsDialog


def test_the_start_in_tray_box_writes_and_removes_the_autostart_entry(window, qtbot, tmp_path: Path,  # noqa: ANN001
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    entry = tmp_path / "config" / "autostart" / "io.github.penna.Penna.desktop"
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    assert not dialog.start_in_tray.isChecked()
    dialog.start_in_tray.setChecked(True)
    dialog.apply()
    assert entry.exists() and f"{xdg.IN_TRAY_OPTION}\n" in entry.read_text()

    reopened = SettingsDialog(window.settings, window)
    qtbot.addWidget(reopened)
    assert reopened.start_in_tray.isChecked()
    reopened.start_in_tray.setChecked(False)
    reopened.apply()
    assert not entry.exists()
