"""The user's cache folder, and small derived tables kept there between processes.

A cold `rag ask` would otherwise rebuild the same tables on every run (word-list indexes, CLDR month
names, unpacked language and lemma models). Each cached file is named by what it was derived from, so a
changed source starts afresh; a cache that cannot be written only costs time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cache_home() -> Path:
    """`$XDG_CACHE_HOME/rag` (default `~/.cache/rag`)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rag"


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file beside it; silently skipped if the folder is read-only."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.partial-{os.getpid()}")
        partial.write_bytes(data)
        partial.replace(path)
    except OSError:
        pass


def json_cached(path: Path | None, compute: Callable[[], Any]) -> Any:
    """The JSON value stored at `path`, or `compute()` stored there (no path: just `compute()`)."""
    if path is not None:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    value = compute()
    if path is not None:
        write_atomically(path, json.dumps(value, ensure_ascii=False).encode("utf-8"))
    return value
