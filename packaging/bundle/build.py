"""``make package``: the self-contained Linux bundle.

Exports the default model at int8 (with this venv's exporter, into a build-local PENNA_HOME), freezes Penna
with PyInstaller (packaging/bundle/penna.spec: one folder, CPU-only ONNX Runtime, Qt, no torch) and packs the
folder into ``dist/penna-VERSION-linux-x86_64.tar.gz``. Prints the sizes.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "package"
DIST = ROOT / "dist"


def archive_path() -> Path:
    return DIST / f"penna-{importlib.metadata.version('penna')}-linux-x86_64.tar.gz"


def export_default_model() -> Path:
    """The default model's int8 export, copied into the folder the bundle carries as runtime/bundled_models."""
    os.environ["PENNA_HOME"] = str(BUILD / "home")  # a cache of the build's own: the user's is left alone
    from runtime.commands.progress import ExportProgressBar
    from runtime.export import ensure_exported
    from runtime.models import DEFAULT_MODEL

    exported = ensure_exported(None, "int8", progress=ExportProgressBar())
    models = BUILD / "bundled_models"
    shutil.rmtree(models, ignore_errors=True)
    shutil.copytree(exported.path, models / f"{DEFAULT_MODEL}-int8")
    return models


def freeze(models: Path) -> Path:
    env = {**os.environ, "PENNA_BUNDLED_MODELS": str(models)}
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"),
                    str(ROOT / "packaging" / "bundle" / "penna.spec")], check=True, env=env, cwd=ROOT)
    return DIST / "penna"


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main() -> int:
    bundle = freeze(export_default_model())
    archive = archive_path()
    subprocess.run(["tar", "-czf", str(archive), "-C", str(bundle.parent), bundle.name], check=True)
    model = next((bundle / "_internal" / "runtime" / "bundled_models").iterdir())
    print(f"bundle folder {bundle}: {folder_size(bundle) / 2**20:.0f} MiB "
          f"(of which the int8 default model {folder_size(model) / 2**20:.0f} MiB)")
    print(f"archive {archive}: {archive.stat().st_size / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
