"""BM25 over the stored sentences (bm25s), with a tokenizer built for names and numbers across languages.

Tokens are lowercase words without diacritics, cut to their first `prefix` letters (a cheap
stemmer that copes with inflection: "Belousovo", "Belousovas" and "Belousov" share "belou"),
stop words dropped (stopwords-iso, for the text's language and English), and every number
also as its value ("10 tūkst." and "10,000" both give "#10000"). So an English question can
still match a Lithuanian sentence on the names and figures they share.
"""

from __future__ import annotations

import threading

from rag.text import facts


def tokens(text: str, lang: str, prefix: int) -> list[str]:
    """The BM25 tokens of a text."""
    stop = facts.stopwords(lang) | facts.stopwords("en")
    words = [w for w in facts.source_words(text) if len(w) > 1 and w not in stop]
    out = [w[:prefix] if prefix else w for w in words]
    for _written, values in facts.numbers(text):
        out.extend(f"#{v:g}" for v in values)
    return out


class LexicalIndex:
    """A BM25 index of every stored sentence, built on first use and rebuilt after the store changes."""

    def __init__(self, store, prefix: int):
        self.store, self.prefix = store, prefix
        self._lock = threading.Lock()
        self._built_for: int | None = None
        self._ids: list[str] = []
        self._bm25 = None

    def invalidate(self) -> None:
        with self._lock:
            self._built_for = None

    def _ensure(self) -> None:
        count = self.store.sentence_count()
        if self._built_for == count and self._bm25 is not None:
            return
        import bm25s

        rows = self.store.all_sentences()
        self._ids = [i for i, _, _ in rows]
        corpus = [tokens(text, lang, self.prefix) or ["∅"] for _, text, lang in rows]
        self._bm25 = bm25s.BM25() if corpus else None
        if corpus:
            self._bm25.index(corpus, show_progress=False)
        self._built_for = count

    def search(self, question: str, lang: str, k: int) -> dict[str, float]:
        """sentence id -> BM25 score of the k best matches (empty when nothing matches)."""
        with self._lock:
            self._ensure()
            if self._bm25 is None:
                return {}
            query = tokens(question, lang, self.prefix)
            if not query:
                return {}
            k = min(k, len(self._ids))
            docs, scores = self._bm25.retrieve([query], k=k, show_progress=False, return_as="tuple")
            return {self._ids[int(d)]: float(s) for d, s in zip(docs[0], scores[0]) if s > 0}
