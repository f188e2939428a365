"""Cold start: how long a whole `rag` process takes, from launch to its last line, as a user runs it.

Each run is a fresh Python process (imports, model and store loading included), against a store that
`rag bench` has just filled. The file caches `rag` keeps in the user's cache folder are warm after the
first run, as they are for any user after their first question.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path


class ColdStartError(RuntimeError):
    """A timed `rag` process did not end as it should (its timing would mean nothing)."""


def _seconds(args: list[str], expect: int = 0) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "rag.cli", *args], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != expect:
        raise ColdStartError(f"`rag {' '.join(args)}` exited {done.returncode}: {done.stderr.strip()[-300:]}")
    return seconds


def cold_start(settings, store: Path, questions: list[str], answerer: str = "extractive") -> dict:
    """Whole-process seconds of `rag --help`, of a refused question ("   ?") and of `rag ask` for each question
    (one process each, after one untimed run that fills the caches); medians and every ask run."""
    base = ["--store", str(store), "--model-dir", str(settings.model_dir), "--collection", settings.collection]
    ask = [*base, "ask", "--json", "--answerer", answerer]
    _seconds([*ask, questions[0]])  # the first process after an install also builds the caches
    asks = [round(_seconds([*ask, q]), 2) for q in questions]
    helps = [_seconds(["--help"]) for _ in range(3)]
    refusals = [_seconds([*ask, "   ?"], expect=2) for _ in range(3)]
    return {
        "answerer": answerer,
        "ask_p50_s": round(statistics.median(asks), 2),
        "ask_max_s": max(asks),
        "ask_runs_s": asks,
        "help_p50_s": round(statistics.median(helps), 2),
        "refusal_p50_s": round(statistics.median(refusals), 2),
    }
