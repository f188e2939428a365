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


@lru_cache(maxsize=16)
def _identifier_among(langs: tuple[str, ...]):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([lang for lang in langs if lang in identifier.nb_classes])
    return identifier


def detect_among(text: str, langs: set[str]) -> str:
    """Which of `langs` the text is written in: sure on short lines, where open detection guesses wildly
    ("42 ships, Putin said" -> Nigerian Pidgin)."""
    known = tuple(sorted(lang for lang in langs if lang))
    if len(known) == 1:
        return known[0]
    return _identifier_among(known).classify(text[:5000])[0]
