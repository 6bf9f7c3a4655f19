"""The core never reaches up: nothing under runtime/ imports desktop or Qt, and the headless CLI runs without them;
the assets data package imports neither runtime nor desktop."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("desktop", "PySide6", "shiboken6")


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def test_no_runtime_module_imports_desktop_or_qt():
    offenders = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in sorted((ROOT / "runtime").rglob("*.py"))
        for module in _imported_modules(path)
        if module.split(".")[0] in FORBIDDEN
    }
    assert not offenders, f"runtime/ must not import desktop or Qt: {sorted(offenders)}"


def test_the_exporter_does_not_reach_back_into_the_engine():
    """The engine loads exports; device detection, which both need, lives in runtime.devices."""
    offenders = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in sorted((ROOT / "runtime" / "export").rglob("*.py"))
        for module in _imported_modules(path)
        if module == "runtime.engine" or module.startswith("runtime.engine.")
    }
    assert not offenders, f"runtime/export/ must not import runtime.engine: {sorted(offenders)}"


def test_assets_is_a_top_level_data_package_that_imports_neither_runtime_nor_desktop():
    offenders = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in sorted((ROOT / "assets").rglob("*.py"))
        for module in _imported_modules(path)
        if module.split(".")[0] in ("runtime", *FORBIDDEN)
    }
    assert not offenders, f"assets/ must import neither runtime nor desktop: {sorted(offenders)}"
    from assets import asset

    for parts in (("catalogue", "models.json"), ("prompts", "summarize.toml"), ("prompts", "translate.toml"),
                  ("styles", "penna.qss"), ("i18n", "penna_zh_CN.qm")):
        assert asset(*parts).is_file() and asset(*parts).is_relative_to(ROOT / "assets"), parts


def test_headless_cli_without_command_prints_help_and_loads_no_qt():
    probe = ("import sys; from runtime.cli import main; code = main([]); "
             "assert not any(name.split('.')[0] in ('desktop', 'PySide6') for name in sys.modules), 'Qt loaded'; "
             "sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "usage: penna" in result.stdout and "translate" in result.stdout
    assert "--selection" not in subprocess.run([sys.executable, "-m", "runtime.cli", "translate", "--help"], cwd=ROOT,
                                               capture_output=True, text=True, timeout=60).stdout


def test_the_console_script_adds_the_window_commands():
    from desktop.launcher import build_parser
    from runtime.cli import subcommand

    assert "--selection" in subcommand(build_parser(), "translate").format_help()
