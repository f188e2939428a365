"""Language detection (py3langid: small, bundled model, no network)."""

from __future__ import annotations

from functools import lru_cache

def detect_language(text: str, default: str = "und") -> str:
    """ISO 639-1 code of `text` ('lt', 'en', ...), or `default` when there is no text to judge."""
    sample = text[:5000].strip()
    if not any(ch.isalpha() for ch in sample):
        return default
    import py3langid

    lang, _score = py3langid.classify(sample)
    return lang


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_confidence(text: str) -> float:
    """How sure the identifier is of the text's language (0..1): mis-decoded text scores lower."""
    return float(_identifier().classify(text[:5000])[1])
