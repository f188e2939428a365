"""Language detection (py3langid: small, bundled model, no network)."""

from __future__ import annotations

def detect_language(text: str, default: str = "und") -> str:
    """ISO 639-1 code of `text` ('lt', 'en', ...), or `default` when there is no text to judge."""
    sample = text[:5000].strip()
    if not any(ch.isalpha() for ch in sample):
        return default
    import py3langid

    lang, _score = py3langid.classify(sample)
    return lang
