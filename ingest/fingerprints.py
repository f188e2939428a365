"""Fingerprints that recognise copies: a MinHash signature of an article's words (datasketch), so
syndicated copies and updated versions of one story can be grouped, and a key of a sentence's
normalised text, so the same sentence in several articles is evidence once.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

SIGNATURE_PERMUTATIONS = 64  # MinHash size: Jaccard estimated to about ±0.06, stored as 64 numbers
SHINGLE_WORDS = 3  # an article is the set of its 3-word runs
SIGNATURE_SCHEME = "affine32"  # datasketch's permutation scheme, named: stored hash values do not record it
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def plain_words(text: str) -> list[str]:
    """Casefolded words without diacritics or punctuation: what two copies share however they were typeset."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return _WORD.findall("".join(ch for ch in folded if not unicodedata.combining(ch)))


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The article's runs of `size` consecutive words (its words, when it has fewer)."""
    words = plain_words(text)
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def article_signature(text: str) -> str:
    """The MinHash signature of the article's shingles, as a compact string to store with it."""
    from datasketch import MinHash

    signature = MinHash(num_perm=SIGNATURE_PERMUTATIONS, seed=1, scheme=SIGNATURE_SCHEME)
    signature.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return " ".join(str(int(v)) for v in signature.hashvalues)


def load_signature(stored: str):
    """The datasketch MinHash of a stored signature string (None when it is missing or malformed)."""
    import numpy as np
    from datasketch import MinHash

    try:
        values = np.array([int(v) for v in stored.split()], dtype=np.uint64)
    except ValueError:
        return None
    if len(values) != SIGNATURE_PERMUTATIONS:
        return None
    return MinHash(num_perm=SIGNATURE_PERMUTATIONS, seed=1, hashvalues=values, scheme=SIGNATURE_SCHEME)


@lru_cache(maxsize=100_000)  # the same candidate sentences recur from question to question
def sentence_key(text: str) -> str:
    """Equal for two sentences with the same words in the same order (case, accents, quotes and spacing aside)."""
    return hashlib.sha1(" ".join(plain_words(text)).encode("utf-8")).hexdigest()[:16]
