"""The Chroma store: chunks (runs of sentences) and sentences via llama-index, plus a manifest.

Collections: NAME (chunks), NAME__sentences, NAME__articles (one record per article: its
metadata, full text, and the content hash of the rows readers may see). Rows carry their
content hash in their ids, so a changed article is written beside the old one and swapped in
by one manifest update. Vectors are always computed by the project and passed in, so Chroma
never fetches an embedding model. One process writes an embedded store at a time
(rag/store/lock.py); a Chroma server (`url`) takes several.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.documents import Article, Chunk, Sentence, chunk_id

SENTENCE_SUFFIX = "__sentences"
MANIFEST_SUFFIX = "__articles"
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
    signature: str = ""  # MinHash of its words (ingest/fingerprints.py): finds copies of the story


def _stored_article(meta: dict) -> StoredArticle:
    return StoredArticle(meta["article_id"], meta["title"], meta["date"], meta["lang"], meta["source"],
                         meta["source_path"], meta["sentences"], meta["content_hash"], meta.get("signature", ""))


def newest_first(articles: list[StoredArticle]) -> list[StoredArticle]:
    """Dated articles newest first, then undated ones; by title within a date."""
    by_title = sorted(articles, key=lambda a: (a.title.lower(), a.id))
    dated = sorted((a for a in by_title if a.date), key=lambda a: a.date, reverse=True)  # stable: titles stay in order
    return dated + [a for a in by_title if not a.date]


def _article_metadata(article: Article, content_hash: str) -> dict:
    return {
        "article_id": article.id, "title": article.title, "date": article.date, "lang": article.lang,
        "source": article.source, "source_path": article.source_path, "content_hash": content_hash,
        "text_hash": article.text_hash(),
    }


class StoreUnavailable(RuntimeError):
    """The configured Chroma server cannot be reached or its address is wrong."""


def _server_address(url: str):
    from urllib.parse import urlparse

    parsed = urlparse(url if "://" in url else f"http://{url}")
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise StoreUnavailable(f"--chroma-url {url}: expected http://HOST:PORT")
    return parsed


class Store:
    """Chunks and sentences of every article, with their vectors and metadata."""

    def __init__(self, path: Path, collection: str, url: str = ""):
        """The embedded store in folder `path`, or the Chroma server at `url` (http://HOST:PORT) when given."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from llama_index.vector_stores.chroma import ChromaVectorStore

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        if url:
            server = _server_address(url)
            try:
                self._client = chromadb.HttpClient(host=server.hostname, port=server.port or 8000,
                                                   ssl=server.scheme == "https", settings=chroma_settings)
            except ValueError as exc:  # chromadb's "Could not connect to a Chroma server"
                raise StoreUnavailable(f"{url}: no Chroma server answers there ({exc})") from None
        else:
            path = Path(path).expanduser()
            path.mkdir(parents=True, exist_ok=True)
            self._client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        space = {"hnsw:space": "cosine"}
        self.chunks = self._client.get_or_create_collection(collection, metadata=space, embedding_function=None)
        self.sentences = self._client.get_or_create_collection(
            collection + SENTENCE_SUFFIX, metadata=space, embedding_function=None
        )
        self.manifest = self._client.get_or_create_collection(collection + MANIFEST_SUFFIX, embedding_function=None)
        self.chunk_vectors = ChromaVectorStore(chroma_collection=self.chunks)
        self.sentence_vectors = ChromaVectorStore(chroma_collection=self.sentences)

    # --- the manifest: one record per article; its `content_hash` says which rows readers see ---

    def _manifest(self, article_ids: list[str] | None = None, visible_only: bool = False) -> dict[str, tuple[dict, str]]:
        """article id -> (metadata, full text); `visible_only` leaves out articles being added or deleted."""
        if article_ids is not None and not article_ids:
            return {}
        found = self.manifest.get(ids=article_ids, include=["metadatas", "documents"]) if article_ids is not None \
            else self.manifest.get(include=["metadatas", "documents"])
        return {i: (meta, doc) for i, meta, doc in zip(found["ids"], found["metadatas"], found["documents"])
                if meta.get("content_hash") or not visible_only}

    def visible(self, article_ids: set[str] | None = None) -> dict[str, str]:
        """article id -> the content hash readers may see (articles being added or deleted are left out)."""
        records = self._manifest(sorted(article_ids) if article_ids is not None else None, visible_only=True)
        return {i: meta["content_hash"] for i, (meta, _) in records.items()}

    def _mark(self, article_id: str, metadata: dict, text: str) -> None:
        self.manifest.upsert(ids=[article_id], embeddings=[[1.0]], metadatas=[metadata], documents=[text])

    def articles_with_text(self, text_hash: str) -> list[StoredArticle]:
        """Stored articles whose text has this hash (`Article.text_hash`)."""
        found = self.manifest.get(where={"text_hash": text_hash}, include=["metadatas"])
        return [_stored_article(meta) for meta in found["metadatas"] if meta.get("content_hash")]  # visible ones

    def article_hash(self, article_id: str) -> str | None:
        """Content hash of a stored (fully written) article, or None if it is not stored."""
        return self.visible({article_id}).get(article_id)

    def delete_article(self, article_id: str) -> None:
        """Remove an article: hidden from readers first, then its rows, then its manifest record."""
        records = self._manifest([article_id])
        if article_id in records:
            meta, text = records[article_id]
            self._mark(article_id, {**meta, "content_hash": "", "pending": "delete", "pending_at": time.time()}, text)
        self._delete_rows(article_id, keep="")
        self.manifest.delete(ids=[article_id])

    def _delete_rows(self, article_id: str, keep: str) -> None:
        """Delete the article's chunks and sentences except those of content hash `keep`."""
        self._delete_where({"article_id": article_id} if not keep else
                           {"$and": [{"article_id": article_id}, {"content_hash": {"$ne": keep}}]})

    def _delete_where(self, where: dict) -> None:
        self.chunks.delete(where=where)
        self.sentences.delete(where=where)

    def recover(self, older_than: float = 0.0) -> list[str]:
        """Finish what an interrupted writer left (rows of a half-written or replaced version, half-done
        deletes) if it started over `older_than` seconds ago; returns the article ids it cleaned. Run by
        every writer before it writes. (On a Chroma server other writers may be mid-write right now:
        only marks older than any write could take are theirs to finish.)"""
        cleaned = []
        if self.manifest.count() == 0 and self.chunks.count():  # written before the manifest existed
            self._delete_where({"article_id": {"$ne": ""}})
            return ["(all articles stored by an older version: ingest them again)"]
        for article_id, (meta, text) in self._manifest().items():
            if not meta.get("pending") or time.time() - meta.get("pending_at", 0.0) < older_than:
                continue
            if meta.get("content_hash"):
                self._delete_rows(article_id, keep=meta["content_hash"])
                self._mark(article_id, {**meta, "pending": ""}, text)
            else:
                self._delete_rows(article_id, keep="")
                self.manifest.delete(ids=[article_id])
            cleaned.append(article_id)
        return cleaned

    def put_article(
        self, article: Article, content_hash: str, sentences: list[Sentence], sentence_vectors: np.ndarray,
        chunks: list[Chunk], chunk_vectors: np.ndarray, signature: str = "",
    ) -> None:
        """Store an article, replacing whatever was stored under its id, so that readers see the old
        version or the new one, never both or neither: the new rows are written under new ids, the
        manifest flips to them, then the old rows go. A crash anywhere leaves `recover()` to finish."""
        from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

        from ingest.chunking import chunk_of_sentence

        def row(item_id: str) -> str:  # "article@version#s3": one id per content version, so both can coexist
            stem, _, suffix = item_id.rpartition("#")
            return f"{stem}@{content_hash[:8]}#{suffix}"

        records = self._manifest([article.id])
        meta, text = records.get(article.id, ({"content_hash": ""}, ""))
        self._mark(article.id, {**meta, "pending": content_hash, "pending_at": time.time()}, text)  # recoverable from here
        base = _article_metadata(article, content_hash)
        source = {NodeRelationship.SOURCE: RelatedNodeInfo(node_id=article.id)}
        chunk_index = chunk_of_sentence(chunks)
        sentence_nodes = [
            TextNode(id_=row(s.id), text=s.text, embedding=v.tolist(), relationships=source,
                     metadata={**base, "index": s.index, "chunk_id": row(chunk_id(article.id, chunk_index[s.id])),
                               "start": s.start, "end": s.end, "heading": s.heading})
            for s, v in zip(sentences, sentence_vectors)
        ]
        chunk_nodes = [
            TextNode(id_=row(c.id), text=c.text, embedding=v.tolist(), relationships=source,
                     metadata={**base, "index": c.index, "start": c.start, "end": c.end,
                               "sentence_ids": ",".join(row(i) for i in c.sentence_ids)})
            for c, v in zip(chunks, chunk_vectors)
        ]
        self._delete_where({"$and": [{"article_id": article.id}, {"content_hash": content_hash}]})  # a failed try's
        self._add("sentences", sentence_nodes)
        self._add("chunks", chunk_nodes)
        listed = {**base, "sentences": len(sentences), "signature": signature}  # the signature only here, not per row
        self._mark(article.id, {**listed, "pending": content_hash, "pending_at": time.time()}, article.text)  # the flip
        self._delete_rows(article.id, keep=content_hash)
        self._mark(article.id, {**listed, "pending": ""}, article.text)

    def _add(self, kind: str, nodes: list) -> None:
        vector_store = self.sentence_vectors if kind == "sentences" else self.chunk_vectors
        for i in range(0, len(nodes), ADD_BATCH):
            vector_store.add(nodes[i : i + ADD_BATCH])

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

    def languages(self) -> list[str]:
        """The languages of the articles readers may see."""
        return sorted({meta.get("lang", "") for meta, _ in self._manifest(visible_only=True).values()})

    def sentence_ids(self, article_ids: list[str]) -> list[str]:
        """Ids of the visible sentences of these articles, in article order then text order."""
        if not article_ids:
            return []
        visible = self.visible(set(article_ids))
        found = self.sentences.get(where={"article_id": {"$in": list(article_ids)}}, include=["metadatas"])
        rows = [(article_ids.index(meta["article_id"]), meta.get("index", 0), i)
                for i, meta in zip(found["ids"], found["metadatas"])
                if visible.get(meta["article_id"]) == meta["content_hash"]]
        return [i for _, _, i in sorted(rows)]

    def all_sentences(self, batch: int = 5000) -> list[tuple[str, str, str]]:
        """(id, text, language) of every sentence readers may see, for the lexical index."""
        visible = self.visible()
        out, offset = [], 0
        while True:
            found = self.sentences.get(include=["documents", "metadatas"], limit=batch, offset=offset)
            out.extend((i, doc, meta.get("lang", "")) for i, doc, meta in
                       zip(found["ids"], found["documents"], found["metadatas"])
                       if visible.get(meta["article_id"]) == meta["content_hash"])
            if len(found["ids"]) < batch:
                return out
            offset += batch

    def article(self, article_id: str) -> tuple[StoredArticle, str] | None:
        """A stored article and its full text (the text citation offsets point into), or None."""
        records = self._manifest([article_id], visible_only=True)
        if article_id not in records:
            return None
        meta, text = records[article_id]
        return _stored_article(meta), text or ""

    def count(self) -> dict[str, int]:
        """Number of stored chunks and sentences."""
        return {"chunks": self.chunks.count(), "sentences": self.sentence_count()}

    def sentence_count(self) -> int:
        """Number of stored sentences (one Chroma call; 0 means nothing to answer from)."""
        return self.sentences.count()

    def list_articles(self) -> list[StoredArticle]:
        """Every stored article, one entry each, newest first (undated ones last)."""
        articles = [_stored_article(meta) for meta, _ in self._manifest(visible_only=True).values()]
        return newest_first(articles)

    def signatures(self) -> dict[str, str]:
        """article id -> its MinHash signature; computed from the text for articles stored before there were any."""
        from ingest.fingerprints import article_signature

        return {i: meta.get("signature") or article_signature(text or "")
                for i, (meta, text) in self._manifest(visible_only=True).items()}

    def copies_of(self, text: str) -> list[tuple[str, str]]:
        """(sentence id, article id) of every visible sentence whose text equals `text` (the same words in the
        same order): where else a cited sentence was published."""
        from ingest.fingerprints import sentence_key

        if not text.strip():
            return []
        found = self.sentences.get(where_document={"$contains": text.strip()}, include=["documents", "metadatas"])
        key = sentence_key(text)
        visible = self.visible({meta["article_id"] for meta in found["metadatas"]})
        return [(i, meta["article_id"]) for i, doc, meta in zip(found["ids"], found["documents"], found["metadatas"])
                if visible.get(meta["article_id"]) == meta["content_hash"] and sentence_key(doc) == key]
