"""Chunks: windows of consecutive sentences, one centred on every sentence.

A sentence alone often means little ("Tai laikoma ..." = "This is considered ...");
its window carries the context that lets retrieval find it, while citations stay
at the sentence.
"""

from __future__ import annotations

from ingest.documents import Chunk, Sentence, chunk_id


def window_chunks(article_id: str, text: str, sentences: list[Sentence], size: int) -> list[Chunk]:
    """One chunk per sentence: the `size` sentences around it (shifted inwards at the article's edges)."""
    chunks = []
    n = len(sentences)
    width = min(size, n)
    for i in range(n):
        first = min(max(0, i - (width - 1) // 2), n - width)
        window = sentences[first : first + width]
        start, end = window[0].start, window[-1].end
        chunks.append(
            Chunk(chunk_id(article_id, i), article_id, i, start, end, text[start:end], tuple(s.id for s in window))
        )
    return chunks
