"""Load text templates from the project's `prompts/` folder."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"


@lru_cache(maxsize=None)
def load_prompt(name: str, lang: str = "en") -> str:
    """`prompts/<name>.<lang>.txt`, falling back to English."""
    for candidate in (f"{name}.{lang}.txt", f"{name}.en.txt", f"{name}.txt"):
        path = PROMPTS_DIR / candidate
        if path.exists():
            return path.read_text(encoding="utf-8").strip()
    raise FileNotFoundError(f"no prompt '{name}' in {PROMPTS_DIR}")


@lru_cache(maxsize=None)
def spoken_languages() -> frozenset[str]:
    """The languages the assistant answers in: those its refusal text is written in (`abstain.<lang>.txt`)."""
    return frozenset(path.name.split(".")[1] for path in PROMPTS_DIR.glob("abstain.*.txt"))
