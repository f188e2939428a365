"""Dictionary forms of words (simplemma), with its dictionaries kept decoded in the cache folder.

simplemma unpacks a language's LZMA-compressed dictionary on first use: ~0.26 s for Lithuanian, 0.12 s for
English, paid by every cold `rag ask`. Each unpacked table is kept as a marshal file in the cache folder
(named by simplemma's version) and loads in about a third of that; lemmas are the same.
"""

from __future__ import annotations

import marshal
from functools import lru_cache
from pathlib import Path


def _cache_file(lang: str) -> Path:
    from importlib.metadata import version

    from rag.cache import cache_home

    return cache_home() / "simplemma" / f"{version('simplemma')}-{lang}.bytes.marshal"


@lru_cache(maxsize=1)
def _factory():
    from rag.cache import write_atomically
    from simplemma.strategies.dictionaries.dictionary_factory import (
        CachingDictionaryFactory,
        DefaultDictionaryFactory,
        MappingStrToByteString,
    )

    class CachedDictionaries(CachingDictionaryFactory):
        """simplemma's own dictionaries, read as UTF-8 bytes tables from (on a miss written to) the cache folder."""

        def _get_dictionary_uncached(self, lang: str):
            return MappingStrToByteString(self._table(lang))

        def _table(self, lang: str) -> dict[bytes, bytes]:
            path = _cache_file(lang)
            try:
                return marshal.loads(path.read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                pass
            shipped = DefaultDictionaryFactory().get_dictionary(lang)  # ValueError: no such language
            table = {word.encode(): lemma.encode() for word, lemma in shipped.items()}
            write_atomically(path, marshal.dumps(table))
            return table

    return CachedDictionaries()


@lru_cache(maxsize=1)
def _lemmatizer():
    import simplemma
    from simplemma.strategies import DefaultStrategy

    return simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_factory()))


@lru_cache(maxsize=1)
def _lookup():
    from simplemma.strategies import DictionaryLookupStrategy

    return DictionaryLookupStrategy(dictionary_factory=_factory())


def lemmatize(word: str, lang: str) -> str:
    """The dictionary form of `word` ('nusiuntė' -> 'nusiųsti'); raises ValueError for a language simplemma lacks."""
    return _lemmatizer().lemmatize(word, lang=lang)


def is_known(word: str, lang: str) -> bool:
    """Whether `word` is in the language's dictionary; raises ValueError for a language simplemma lacks."""
    from simplemma.utils import normalize_token

    return _lookup().get_lemma(normalize_token(word), lang) is not None
