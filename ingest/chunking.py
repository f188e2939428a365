"""Chunks: consecutive runs of sentences; every sentence belongs to exactly one chunk.

A sentence alone often means little ("Tai laikoma ..." = "This is considered ...");
its chunk carries the context that lets retrieval find it, while citations stay at the
sentence. Each chunk is embedded once, so ingest embeds every token twice (as part of
its sentence and of its chunk); one window centred on every sentence cost twice that
for the same retrieval quality (measured in docs/tuning.md).
"""

from __future__ import annotations

from ingest.documents import Chunk, Sentence, chunk_id


def sentence_chunks(article_id: str, text: str, sentences: list[Sentence], size: int) -> list[Chunk]:
    """The sentences cut into ceil(n / size) runs of near-equal length (at most `size` each), in order."""
    n = len(sentences)
    count = -(-n // size)
    chunks, first = [], 0
    for index in range(count):
        length = n // count + (1 if index < n % count else 0)
        run = sentences[first : first + length]
        first += length
        start, end = run[0].start, run[-1].end
        chunks.append(Chunk(chunk_id(article_id, index), article_id, index, start, end, text[start:end],
                            tuple(s.id for s in run)))
    return chunks


def chunk_of_sentence(chunks: list[Chunk]) -> dict[str, int]:
    """sentence id -> index of the chunk holding it."""
    return {sid: chunk.index for chunk in chunks for sid in chunk.sentence_ids}
