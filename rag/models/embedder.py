"""Load the built e5 model once, as a llama-index embedding with e5's query/passage prefixes."""

from __future__ import annotations

import numpy as np

from rag.models.build import check_model_folder
from rag.settings import Settings


class ModelMissingError(RuntimeError):
    """The embedder folder is missing or broken; the message says how to install it."""


def load_embedder(settings: Settings):
    """A llama-index `HuggingFaceEmbedding` over the local model folder (never touches the network)."""
    problem = check_model_folder(settings.model_dir.expanduser())
    if problem:
        raise ModelMissingError(f"{problem}: run `rag install-model` (or `make install`) to build it")
    if settings.torch_threads:
        import torch

        torch.set_num_threads(settings.torch_threads)
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    return HuggingFaceEmbedding(
        model_name=str(settings.model_dir.expanduser()),
        query_instruction=settings.query_prefix,
        text_instruction=settings.passage_prefix,
        embed_batch_size=settings.embed_batch_size,
        device="cpu",
        normalize=True,
    )


def embed_passages(embedder, texts: list[str]) -> np.ndarray:
    """Unit-length passage vectors for `texts` (the 'passage: ' prefix is added by the embedder)."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    # llama-index cuts batches before the model sees them: sort by length so each batch pads little
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    vectors = np.asarray(embedder.get_text_embedding_batch([texts[i] for i in order]), dtype=np.float32)
    result = np.empty_like(vectors)
    result[order] = vectors
    return result


def embed_query(embedder, question: str) -> np.ndarray:
    """Unit-length query vector ('query: ' prefix added by the embedder)."""
    return np.asarray(embedder.get_query_embedding(question), dtype=np.float32)


def cached_embedder(inner, folder=None):
    """`inner` with a content-hash cache: each distinct text (per query/passage role) is embedded once,
    kept in memory and, given a folder, in an SQLite file there (training and benchmarks re-embed the
    same sentences across many stores)."""
    import hashlib
    import sqlite3
    from pathlib import Path

    from llama_index.core.embeddings import BaseEmbedding
    from pydantic import PrivateAttr

    class CachedEmbedding(BaseEmbedding):
        _inner = PrivateAttr()
        _memory: dict = PrivateAttr(default_factory=dict)
        _path = PrivateAttr(default=None)
        _connection = PrivateAttr(default=None)

        @property
        def _db(self):
            """The SQLite cache, opened once per process (never shared across a fork)."""
            import os

            if self._path is None:
                return None
            if self._connection is None or self._connection[0] != os.getpid():
                db = sqlite3.connect(str(self._path), timeout=60)
                db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)")
                self._connection = (os.getpid(), db)
            return self._connection[1]

        def _key(self, role: str, text: str) -> str:
            return hashlib.sha1(f"{role}\0{text}".encode("utf-8")).hexdigest()

        def _lookup(self, role: str, texts: list[str], compute) -> list[list[float]]:
            keys = [self._key(role, t) for t in texts]
            missing = [k for k in dict.fromkeys(keys) if k not in self._memory]
            if missing and self._db is not None:
                marks = ",".join("?" * len(missing))
                for key, blob in self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", missing):
                    self._memory[key] = np.frombuffer(blob, dtype=np.float32)
            todo = {k: t for k, t in zip(keys, texts) if k not in self._memory}
            if todo:
                vectors = compute(list(todo.values()))
                rows = []
                for key, vector in zip(todo, vectors):
                    array = np.asarray(vector, dtype=np.float32)
                    self._memory[key] = array
                    rows.append((key, array.tobytes()))
                if self._db is not None:
                    self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)
                    self._db.commit()
            return [self._memory[k].tolist() for k in keys]

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._lookup("query", [query], lambda texts: [self._inner.get_query_embedding(t) for t in texts])[0]

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._get_text_embeddings([text])[0]

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._lookup("passage", texts, self._inner.get_text_embedding_batch)

    embedding = CachedEmbedding(embed_batch_size=getattr(inner, "embed_batch_size", 16))
    embedding._inner = inner
    if folder is not None:
        Path(folder).mkdir(parents=True, exist_ok=True)
        embedding._path = Path(folder) / "vectors.sqlite"
    return embedding
