"""Downloading one file with progress, pause and resume, and a checksum.

The bytes go to ``<target>.part`` first; a paused or interrupted download keeps that file and the next call
asks the server for the rest (an HTTP Range request), so nothing already fetched is fetched again. Only a
complete file whose sha256 matches is renamed to ``target``. Works for http(s) and file URLs; stdlib only.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from runtime.errors import CorruptModelError, DiskFullError, OfflineError, PennaError

log = logging.getLogger(__name__)

DownloadProgress = Callable[[int, int | None], None]  # (bytes so far, total bytes or None when unknown)
_CHUNK = 1 << 20


class DownloadPausedError(PennaError):
    """The download was paused; what was fetched is kept and the next download of the same file resumes it."""


class DownloadRefusedError(PennaError):
    """The server answered with an HTTP error (``status``): missing file, or a login or licence is needed."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def part_path(target: Path) -> Path:
    return target.with_name(target.name + ".part")


def download(url: str, target: Path, sha256: str | None = None, progress: DownloadProgress | None = None,
             pause: threading.Event | None = None, timeout_s: float = 20.0, headers: dict[str, str] | None = None) -> Path:
    """Fetch ``url`` into ``target`` (resuming an earlier ``.part``); returns ``target``.

    Raises OfflineError when the host cannot be reached, DownloadRefusedError when it answers with an HTTP error,
    DownloadPausedError when ``pause`` is set, CorruptModelError when the checksum differs (the bad file is deleted), DiskFullError when the disk fills.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    part = part_path(target)
    done = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "penna", **(headers or {})})
    if done:
        request.add_header("Range", f"bytes={done}-")
    try:
        response = urllib.request.urlopen(request, timeout=timeout_s)
    except urllib.error.HTTPError as error:
        if error.code == 416 and done:  # the part is already whole
            return _finish(part, target, sha256)
        raise DownloadRefusedError(f"Downloading {url} failed: the server answered {error.code} {error.reason}.",
                                   error.code) from error
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise OfflineError(f"Cannot download {url}: {reason}. Check the internet connection and try again; "
                           "what was already fetched is kept.") from error
    with response:
        resumed = done and getattr(response, "status", 200) == 206
        if not resumed:
            done = 0  # the server (or a file URL) sends the whole file: start over
        length = response.headers.get("Content-Length")
        total = done + int(length) if length is not None else None
        try:
            with part.open("ab" if resumed else "wb") as out:
                while chunk := response.read(_CHUNK):
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
                    if pause is not None and pause.is_set():
                        raise DownloadPausedError(f"Download paused at {done // 2**20} MB; resume it to fetch the rest.")
        except OSError as error:
            if error.errno == 28:  # ENOSPC
                free = shutil.disk_usage(part.parent).free
                raise DiskFullError(f"The disk is full ({free // 2**20} MB free in {part.parent}). "
                                    "Free some space and resume the download.") from error
            raise OfflineError(f"The download of {url} was interrupted ({error}). Resume it to fetch the rest.") from error
    if total is not None and done < total:
        raise OfflineError(f"The download of {url} stopped at {done} of {total} bytes. Resume it to fetch the rest.")
    return _finish(part, target, sha256)


def _finish(part: Path, target: Path, sha256: str | None) -> Path:
    if sha256 is not None:
        digest = file_sha256(part)
        if digest != sha256.lower():
            part.unlink()
            raise CorruptModelError(f"The downloaded file {target.name} is damaged (sha256 {digest[:12]}…, expected "
                                    f"{sha256[:12]}…). It was deleted; download it again.")
    os.replace(part, target)
    log.info("downloaded %s", target)
    return target


def file_sha256(*paths: Path) -> str:
    """sha256 over the bytes of ``paths``, in order (one file, or a model's weight files as one fingerprint)."""
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as file:
            while chunk := file.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()
