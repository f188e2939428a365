"""Storage: the Chroma store of chunks, sentences and articles, its writer lock, and the BM25 index."""
