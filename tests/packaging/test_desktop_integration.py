"""The Linux desktop files validate, and ``penna --install-desktop`` / ``--uninstall-desktop`` and the login
autostart entry write (and remove) exactly their files under temporary XDG folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import xdg
from assets import APP_ID

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"

needs_desktop_file_validate = pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                                                 reason="desktop-file-validate is not installed (Debian: desktop-file-utils)")
needs_appstreamcli = pytest.mark.skipif(shutil.which("appstreamcli") is None,
                                        reason="appstreamcli is not installed (Debian: appstream)")


def validate_desktop_file(path: Path) -> None:
    result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower(), result.stdout


@needs_desktop_file_validate
def test_the_desktop_entry_validates_and_names_the_window_class() -> None:
    entry = LINUX / f"{APP_ID}.desktop"
    validate_desktop_file(entry)
    keys = dict(line.split("=", 1) for line in entry.read_text().splitlines() if "=" in line)
    assert keys["Categories"] == "Office;Utility;"
    assert keys["StartupWMClass"] == "Penna"  # Qt's WM_CLASS class is the application name (desktop/app.py)
    assert keys["Icon"] == APP_ID


@needs_appstreamcli
def test_the_appstream_metainfo_validates() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_metainfo_names_no_web_address_penna_does_not_have() -> None:
    """Penna has no public home page, bug tracker or screenshot address yet: a made-up one sends users elsewhere."""
    metainfo = (LINUX / f"{APP_ID}.metainfo.xml").read_text()
    assert "http" not in metainfo and "<url" not in metainfo


def test_the_hicolor_icons_have_their_sizes() -> None:
    from PySide6.QtGui import QImage

    for size in (48, 128, 256):
        image = QImage(str(LINUX / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)
    assert (LINUX / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").read_text().startswith("<svg")


def run_penna(*arguments: str, data_home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run([sys.executable, "-m", "desktop.launcher", *arguments], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def files_under(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*") if path.is_file()}


def test_install_desktop_writes_into_xdg_data_home_and_uninstall_removes_exactly_that(tmp_path: Path) -> None:
    data_home = tmp_path / "share"
    unrelated = data_home / "applications" / "someone-else.desktop"
    unrelated.parent.mkdir(parents=True)
    unrelated.write_text("[Desktop Entry]\n")

    installed = run_penna("--install-desktop", data_home=data_home)
    assert installed.returncode == 0, installed.stderr
    assert files_under(data_home) == {
        Path("applications/someone-else.desktop"),
        Path(f"applications/{APP_ID}.desktop"),
        Path(f"metainfo/{APP_ID}.metainfo.xml"),
        Path(f"icons/hicolor/scalable/apps/{APP_ID}.svg"),
        *(Path(f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png") for size in (48, 128, 256)),
    }
    png = f"icons/hicolor/256x256/apps/{APP_ID}.png"
    assert (data_home / png).read_bytes() == (LINUX / png).read_bytes()
    entry = (data_home / "applications" / f"{APP_ID}.desktop").read_text()
    assert f"Exec={sys.executable} -m desktop.launcher\n" in entry  # this installation, not whatever `penna` is on PATH
    if shutil.which("desktop-file-validate"):
        validate_desktop_file(data_home / "applications" / f"{APP_ID}.desktop")

    removed = run_penna("--uninstall-desktop", data_home=data_home)
    assert removed.returncode == 0, removed.stderr
    assert files_under(data_home) == {Path("applications/someone-else.desktop")}
    assert unrelated.read_text() == "[Desktop Entry]\n"


def test_the_exec_line_quotes_a_path_with_spaces(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "my apps" / "100% penna" / "penna")])
    entry = xdg.desktop_entry()
    assert f'Exec="{tmp_path}/my apps/100%% penna/penna"\n' in entry
    if shutil.which("desktop-file-validate"):
        path = tmp_path / f"{APP_ID}.desktop"
        path.write_text(entry)
        validate_desktop_file(path)


def test_the_autostart_entry_starts_penna_in_the_tray_and_is_removed_when_turned_off(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(sys, "argv", ["/opt/penna/bin/penna"])
    assert not xdg.autostart_enabled()
    xdg.set_autostart(True)
    path = tmp_path / "config" / "autostart" / f"{APP_ID}.desktop"
    assert xdg.autostart_enabled() and path.exists()
    assert "Exec=/opt/penna/bin/penna --in-tray\n" in path.read_text()
    assert "StartupWMClass=Penna" in path.read_text()  # the same entry as the menu's
    xdg.set_autostart(False)
    assert not path.exists() and not xdg.autostart_enabled()
