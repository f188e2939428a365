"""Language detection (py3langid: small, bundled model, no network).

py3langid unpacks its LZMA-compressed model (68 MB of arrays) on every load, ~0.6 s. The arrays are
kept unpacked once in the cache folder and memory-mapped from there, so a cold `rag ask` pays ~0.05 s.
"""

from __future__ import annotations

import json
import os
import shutil
from functools import lru_cache
from pathlib import Path

ARRAYS = ("ptc", "pc", "nextmove", "nextmove_row", "out_feat")


def _cache_folder() -> Path:
    """Where the unpacked model lives, named by the packaged model file's size and age."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    packaged = MODEL_DIR / MODEL_FILE
    stat = packaged.stat()
    from rag.cache import cache_home

    return cache_home() / "langid" / f"model-{stat.st_size}-{stat.st_mtime_ns}"


def _unpack(folder: Path) -> None:
    """Write the packaged model's arrays as .npy files into `folder` (atomically: a partial folder is renamed)."""
    import io
    import lzma

    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    partial = folder.with_name(folder.name + f".partial-{os.getpid()}")
    partial.mkdir(parents=True, exist_ok=True)
    with lzma.open(MODEL_DIR / MODEL_FILE) as packed, np.load(io.BytesIO(packed.read()), allow_pickle=False) as data:
        for name in ARRAYS:
            np.save(partial / f"{name}.npy", data[name])
        (partial / "classes.json").write_text(json.dumps(data["classes"].tolist()))
    try:
        partial.rename(folder)
    except OSError:  # another process unpacked it first
        shutil.rmtree(partial, ignore_errors=True)


@lru_cache(maxsize=1)
def _model():
    """(nb_ptc, nb_pc, classes, nextmove, nextmove_row, out_feat), from the unpacked cache (made on first use);
    straight from the package when the cache folder cannot be written."""
    from array import array

    import numpy as np

    folder = _cache_folder()
    try:
        if not (folder / "classes.json").exists():
            _unpack(folder)
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in ARRAYS}
        classes = json.loads((folder / "classes.json").read_text())
    except (OSError, ValueError):
        from py3langid.langid import MODEL_DIR, MODEL_FILE
        from py3langid.modelio import load_model

        return load_model(MODEL_DIR / MODEL_FILE)

    def stdlib(values) -> array:  # the identifier walks its automaton over stdlib arrays, as py3langid loads them
        out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
        out.frombytes(np.ascontiguousarray(values).tobytes())
        return out

    return (arrays["ptc"], arrays["pc"], classes, stdlib(arrays["nextmove"]), stdlib(arrays["nextmove_row"]),
            arrays["out_feat"].tolist())


def _new_identifier():
    """A py3langid identifier with normalised probabilities, over all its languages."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    ptc, pc, classes, nextmove, row, output = _model()
    return LanguageIdentifier(np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row)


@lru_cache(maxsize=1)
def _identifier():
    return _new_identifier()


def detect_language(text: str, default: str = "und") -> str:
    """ISO 639-1 code of `text` ('lt', 'en', ...), or `default` when there is no text to judge."""
    sample = text[:5000].strip()
    if not any(ch.isalpha() for ch in sample):
        return default
    return _identifier().classify(sample)[0]


def language_confidence(text: str) -> float:
    """How sure the identifier is of the text's language (0..1): mis-decoded text scores lower."""
    return float(_identifier().classify(text[:5000])[1])


@lru_cache(maxsize=16)
def _identifier_among(langs: tuple[str, ...]):
    identifier = _new_identifier()
    identifier.set_languages([lang for lang in langs if lang in identifier.nb_classes])
    return identifier


def detect_among(text: str, langs: set[str]) -> str:
    """Which of `langs` the text is written in: sure on short lines, where open detection guesses wildly
    ("42 ships, Putin said" -> Nigerian Pidgin)."""
    known = tuple(sorted(lang for lang in langs if lang))
    if len(known) == 1:
        return known[0]
    return _identifier_among(known).classify(text[:5000])[0]


SURE_OF_QUESTION = 0.5  # below this open-detection probability, a question is read in a language the assistant speaks


def question_language(question: str, spoken: set[str]) -> str:
    """The language a question is asked in: open detection when it is sure, else the likeliest of the
    languages the assistant answers in (`spoken`): "Did Belousov meet Kim Jong Un?" is 0.23 Luxembourgish
    to open detection, and English among English and Lithuanian."""
    sample = question[:5000].strip()
    if not any(ch.isalpha() for ch in sample):
        return "en"
    lang, probability = _identifier().classify(sample)
    if probability >= SURE_OF_QUESTION or lang in spoken or not spoken:
        return lang
    return detect_among(sample, spoken)
