"""Files uploaded through the UI: kept under the store's `uploads/` folder, never anywhere else."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

UPLOADS_FOLDER = "uploads"


def safe_name(name: str) -> str:
    """A plain file name from whatever the client sent: no folders, no `..`, no leading dot, no control characters."""
    base = re.split(r"[\\/]", name)[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip().lstrip(".")
    return base or "upload.txt"


def save_upload(source: Path, original_name: str, folder: Path) -> Path:
    """Copy an uploaded file to `folder/<safe name>` (readable, not executable); returns where it went."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder.resolve() / safe_name(original_name)
    if target.is_symlink() or target.exists() and not target.is_file():
        target.unlink()  # a planted link or special file is replaced, never written through
    if target.resolve().parent != folder.resolve():  # cannot happen after safe_name; refuse rather than trust it
        raise ValueError(f"{original_name}: not a plain file name")
    shutil.copyfile(source, target)
    target.chmod(0o644)
    return target
