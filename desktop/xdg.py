"""The menu entry, icons and AppStream metainfo under the user's XDG folders, and the login autostart entry.

``penna --install-desktop`` copies the packaged files of assets/linux/ (also at packaging/linux/) into
``$XDG_DATA_HOME`` with the Exec line pointing at this installation; ``--uninstall-desktop`` removes exactly
those files. "Start in the tray when I log in" writes the same entry, starting hidden, into the autostart folder.
No Qt here: the launcher runs these without opening a window.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from assets import APP_ID, asset

ICON_SIZES = ("scalable", "48x48", "128x128", "256x256")
IN_TRAY_OPTION = "--in-tray"
_RESERVED = re.compile(r"[\s\"'\\><~|&;$*?#()`%]")


def _xdg_folder(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable, "")
    return Path(value) if os.path.isabs(value) else Path.home() / fallback  # the spec ignores relative values


def data_home() -> Path:
    return _xdg_folder("XDG_DATA_HOME", ".local/share")


def autostart_path() -> Path:
    return _xdg_folder("XDG_CONFIG_HOME", ".config") / "autostart" / f"{APP_ID}.desktop"


def launch_command() -> list[str]:
    """The command that starts this installation of Penna (the bundle, a pip/pipx script, or a module run)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.argv[0])
    if script.name == "penna":
        return [str(script.absolute())]
    return [sys.executable, "-m", "desktop.launcher"]


def _exec_argument(argument: str) -> str:
    """One argument quoted as the Desktop Entry spec wants (``%`` doubled in any case)."""
    if _RESERVED.search(argument):
        argument = '"' + re.sub(r'(["`$\\])', r"\\\1", argument) + '"'
    return argument.replace("%", "%%")


def desktop_entry(*options: str) -> str:
    """The packaged .desktop file with its Exec line running this installation (plus ``options``)."""
    command = " ".join(_exec_argument(argument) for argument in [*launch_command(), *options])
    template = asset("linux", f"{APP_ID}.desktop").read_text(encoding="utf-8")
    return re.sub(r"^Exec=.*$", lambda _: f"Exec={command}", template, count=1, flags=re.MULTILINE)


def _copies(root: Path) -> dict[Path, Path]:
    """Where each packaged icon and the metainfo go under ``root`` (the XDG data folder)."""
    copies = {}
    for size in ICON_SIZES:
        relative = Path("icons", "hicolor", size, "apps", f"{APP_ID}.{'svg' if size == 'scalable' else 'png'}")
        copies[root / relative] = asset("linux", *relative.parts)
    copies[root / "metainfo" / f"{APP_ID}.metainfo.xml"] = asset("linux", f"{APP_ID}.metainfo.xml")
    return copies


def installed_paths(root: Path | None = None) -> list[Path]:
    """Every file ``install_desktop`` writes under ``root`` (default: the XDG data folder)."""
    root = root or data_home()
    return [root / "applications" / f"{APP_ID}.desktop", *_copies(root)]


def install_desktop(root: Path | None = None) -> list[Path]:
    """Put the menu entry, its icons and the metainfo under ``root`` (default: the XDG data folder)."""
    root = root or data_home()
    entry = root / "applications" / f"{APP_ID}.desktop"
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text(desktop_entry(), encoding="utf-8")
    for target, source in _copies(root).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    return installed_paths(root)


def uninstall_desktop(root: Path | None = None) -> list[Path]:
    """Remove what ``install_desktop`` wrote (and nothing else); returns the files removed."""
    removed = [path for path in installed_paths(root) if path.exists()]
    for path in removed:
        path.unlink()
    return removed


def autostart_enabled() -> bool:
    return autostart_path().exists()


def set_autostart(enabled: bool) -> None:
    """Start Penna hidden in the tray when the user logs in (or stop doing so)."""
    path = autostart_path()
    if enabled:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(desktop_entry(IN_TRAY_OPTION), encoding="utf-8")
    else:
        path.unlink(missing_ok=True)
