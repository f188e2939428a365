"""The Chroma store: one collection of chunks (runs of sentences) and one of sentences, via llama-index.

Vectors are always computed by the project and passed in, so Chroma never
fetches an embedding model. One process owns an embedded store at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.documents import Article, Chunk, Sentence

SENTENCE_SUFFIX = "__sentences"
ARTICLE_TEXT_KEY = "article_text"
ADD_BATCH = 1000


@dataclass(frozen=True)
class StoredArticle:
    """An article as listed from the store."""

    id: str
    title: str
    date: str
    lang: str
    source: str
    source_path: str
    sentences: int
    content_hash: str


def _stored_article(meta: dict) -> StoredArticle:
    return StoredArticle(meta["article_id"], meta["title"], meta["date"], meta["lang"], meta["source"],
                         meta["source_path"], meta["sentences"], meta["content_hash"])


def _article_metadata(article: Article, content_hash: str) -> dict:
    return {
        "article_id": article.id, "title": article.title, "date": article.date, "lang": article.lang,
        "source": article.source, "source_path": article.source_path, "content_hash": content_hash,
    }


class Store:
    """Chunks and sentences of every article, with their vectors and metadata."""

    def __init__(self, path: Path, collection: str):
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from llama_index.vector_stores.chroma import ChromaVectorStore

        path = Path(path).expanduser()
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._client = chromadb.PersistentClient(
            path=str(path), settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        )
        space = {"hnsw:space": "cosine"}
        self.chunks = self._client.get_or_create_collection(collection, metadata=space, embedding_function=None)
        self.sentences = self._client.get_or_create_collection(
            collection + SENTENCE_SUFFIX, metadata=space, embedding_function=None
        )
        self.chunk_vectors = ChromaVectorStore(chroma_collection=self.chunks)
        self.sentence_vectors = ChromaVectorStore(chroma_collection=self.sentences)

    def article_hash(self, article_id: str) -> str | None:
        """Content hash of a stored article, or None if it is not stored."""
        found = self.chunks.get(where={"article_id": article_id}, limit=1, include=["metadatas"])
        return found["metadatas"][0]["content_hash"] if found["ids"] else None

    def delete_article(self, article_id: str) -> None:
        """Remove an article's chunks and sentences."""
        self.chunks.delete(where={"article_id": article_id})
        self.sentences.delete(where={"article_id": article_id})

    def put_article(
        self, article: Article, content_hash: str, sentences: list[Sentence], sentence_vectors: np.ndarray,
        chunks: list[Chunk], chunk_vectors: np.ndarray,
    ) -> None:
        """Store an article, replacing whatever was stored under its id."""
        from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

        from ingest.chunking import chunk_of_sentence

        base = _article_metadata(article, content_hash)
        source = {NodeRelationship.SOURCE: RelatedNodeInfo(node_id=article.id)}
        chunk_index = chunk_of_sentence(chunks)
        sentence_nodes = [
            TextNode(id_=s.id, text=s.text, embedding=v.tolist(), relationships=source,
                     metadata={**base, "index": s.index, "chunk": chunk_index[s.id], "start": s.start, "end": s.end})
            for s, v in zip(sentences, sentence_vectors)
        ]
        chunk_nodes = [
            TextNode(id_=c.id, text=c.text, embedding=v.tolist(), relationships=source,
                     metadata={**base, "index": c.index, "start": c.start, "end": c.end,
                               "sentence_ids": ",".join(c.sentence_ids), "sentences": len(sentences)},
                     excluded_embed_metadata_keys=[ARTICLE_TEXT_KEY], excluded_llm_metadata_keys=[ARTICLE_TEXT_KEY])
            for c, v in zip(chunks, chunk_vectors)
        ]
        if chunk_nodes:  # the first chunk carries the full article text, for front ends that show the article
            chunk_nodes[0].metadata[ARTICLE_TEXT_KEY] = article.text
        self.delete_article(article.id)
        for i in range(0, len(sentence_nodes), ADD_BATCH):
            self.sentence_vectors.add(sentence_nodes[i : i + ADD_BATCH])
        for i in range(0, len(chunk_nodes), ADD_BATCH):
            self.chunk_vectors.add(chunk_nodes[i : i + ADD_BATCH])

    def get(self, kind: str, ids: list[str]) -> dict[str, tuple[str, dict, np.ndarray]]:
        """id -> (text, metadata, vector) for ids of `kind` ('sentences' or 'chunks'); unknown ids are left out."""
        if not ids:
            return {}
        collection = self.sentences if kind == "sentences" else self.chunks
        found = collection.get(ids=list(dict.fromkeys(ids)), include=["documents", "metadatas", "embeddings"])
        return {
            i: (doc, meta, np.asarray(vec, dtype=np.float32))
            for i, doc, meta, vec in zip(found["ids"], found["documents"], found["metadatas"], found["embeddings"])
        }

    def all_sentences(self, batch: int = 5000) -> list[tuple[str, str, str]]:
        """(id, text, language) of every stored sentence, for the lexical index."""
        out, offset = [], 0
        while True:
            found = self.sentences.get(include=["documents", "metadatas"], limit=batch, offset=offset)
            out.extend((i, doc, meta.get("lang", "")) for i, doc, meta in
                       zip(found["ids"], found["documents"], found["metadatas"]))
            if len(found["ids"]) < batch:
                return out
            offset += batch

    def article(self, article_id: str) -> tuple[StoredArticle, str] | None:
        """A stored article and its full text (the text citation offsets point into), or None."""
        found = self.chunks.get(where={"$and": [{"article_id": article_id}, {"index": 0}]}, include=["metadatas"])
        if not found["ids"]:
            return None
        meta = found["metadatas"][0]
        return _stored_article(meta), meta.get(ARTICLE_TEXT_KEY, "")

    def count(self) -> dict[str, int]:
        """Number of stored chunks and sentences."""
        return {"chunks": self.chunks.count(), "sentences": self.sentences.count()}

    def list_articles(self) -> list[StoredArticle]:
        """Every stored article, one entry each, sorted by title."""
        found = self.chunks.get(where={"index": 0}, include=["metadatas"])
        articles = [_stored_article(m) for m in found["metadatas"]]
        return sorted(articles, key=lambda a: (a.title.lower(), a.id))
