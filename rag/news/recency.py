"""Questions that ask for the latest state of something ("how many so far?", "kiek dabar?"): their
answer is the newest report, named with its date, not whichever sentence scores best."""

from __future__ import annotations

import re

# words that ask for the state as of the newest article, per language (matched as whole words, any case)
LATEST_WORDS = {
    "en": r"latest|newest|most recent|now|currently|current|so far|to date|as of today|up to now|still",
    "lt": r"dabar|naujausi\w*|paskutini\w*|iki šiol|šiuo metu|jau|vis dar|kol kas",
    "de": r"aktuell\w*|jetzt|bisher|neueste\w*|derzeit|zurzeit|bislang",
}
_LATEST = re.compile(r"\b(?:" + "|".join(LATEST_WORDS.values()) + r")\b", re.IGNORECASE)


def asks_for_latest(question: str) -> bool:
    """Whether the question asks for the latest state (in English, Lithuanian or German)."""
    return bool(_LATEST.search(question))
