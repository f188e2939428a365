"""One writer per embedded store: an OS file lock beside the Chroma files.

Two processes writing one persistent Chroma path corrupt it, and a process that did not write
keeps stale in-memory indexes, so the process that writes owns the store: `rag serve` for its
whole life, `rag ingest`/`rag delete` while they run. A second writer waits `lock_wait`
seconds (saying so) and then fails with one line naming the owner. Readers take no lock. A
Chroma server (`--chroma-url`) serialises writers itself and needs none of this.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

LOCK_NAME = "writer.lock"
OWNER_NAME = "writer.owner"


class StoreBusy(RuntimeError):
    """Another process owns the store for writing."""


class WriterLock:
    """Re-entrant across this process's threads; released when the owning process dies (even by kill -9)."""

    def __init__(self, folder: Path, wait_seconds: float, say=lambda line: print(line, file=sys.stderr)):
        from filelock import FileLock

        self.folder, self.wait_seconds, self.say = Path(folder), wait_seconds, say
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(str(self.folder / LOCK_NAME), thread_local=False)
        self._guard = threading.RLock()  # one write at a time inside the process too

    def owner(self) -> str:
        """Who holds the lock, as recorded by the holder ("pid 123 (rag serve)"), or "another process"."""
        try:
            record = json.loads((self.folder / OWNER_NAME).read_text(encoding="utf-8"))
            return f"pid {record['pid']} ({record['purpose']})"
        except (OSError, ValueError, KeyError):
            return "another process"

    def hold(self, purpose: str) -> None:
        """Own the store until the process ends (`rag serve`); writes still go one at a time."""
        self._take(purpose)

    def _take(self, purpose: str) -> None:
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            self.say(f"{self.folder}: waiting up to {self.wait_seconds:g} s for the store ({self.owner()})")
            try:
                self._lock.acquire(timeout=self.wait_seconds)
            except Timeout:
                raise StoreBusy(
                    f"{self.folder}: the store is in use by {self.owner()}; stop it, or add articles through it, "
                    "or share a Chroma server (--chroma-url) between processes"
                ) from None
        if self._lock.lock_counter == 1:
            (self.folder / OWNER_NAME).write_text(json.dumps({"pid": os.getpid(), "purpose": purpose}), encoding="utf-8")

    def __enter__(self) -> WriterLock:
        self._guard.acquire()
        try:
            self._take("rag ingest/delete")
        except BaseException:
            self._guard.release()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()
        self._guard.release()


class NoWriterLock:
    """For a Chroma server: it serialises writers itself, so any number of processes may write."""

    def hold(self, purpose: str) -> None:
        pass

    def __enter__(self) -> NoWriterLock:
        return self

    def __exit__(self, *exc) -> None:
        pass
