"""Question vector -> ranked evidence sentences, each scored with its own text and its chunk.

Dense search runs over both collections through llama-index retrievers; every
candidate sentence (hit itself, or inside a hit chunk) is then scored as
`w * cos(q, sentence) + (1 - w) * cos(q, the chunk holding it)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np


@dataclass(frozen=True)
class Evidence:
    """A candidate sentence with its article, exact offsets, its chunk (context) and scores."""

    sentence_id: str
    article_id: str
    title: str
    date: str
    source: str
    lang: str
    text: str
    start: int
    end: int
    chunk_id: str
    chunk_text: str
    chunk_sentence_ids: tuple[str, ...]
    sentence_score: float
    chunk_score: float
    score: float  # dense: weight * sentence + (1 - weight) * chunk; what abstention and citations use
    lexical_score: float = 0.0  # BM25 relative to the best lexical hit of this question (0..1)
    rank_score: float = 0.0  # what evidence is ordered by: score + lexical_weight * lexical_score
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)  # the stored sentence vector


@dataclass(frozen=True)
class RetrievedChunk:
    """A chunk handed on as evidence, in rank order."""

    article_id: str
    chunk_id: str
    text: str
    score: float


class Retriever:
    """Dense retrieval over the store's chunk and sentence collections."""

    def __init__(self, store, embedder, settings):
        from llama_index.core import VectorStoreIndex

        from rag.store.lexical import LexicalIndex

        self.store, self.settings = store, settings
        self.lexical = LexicalIndex(store, settings.lexical_prefix) if settings.hybrid else None
        self._chunk_retriever = VectorStoreIndex.from_vector_store(
            store.chunk_vectors, embed_model=embedder
        ).as_retriever(similarity_top_k=settings.top_chunks)
        self._sentence_retriever = VectorStoreIndex.from_vector_store(
            store.sentence_vectors, embed_model=embedder
        ).as_retriever(similarity_top_k=settings.top_sentences)

    def candidates(self, question: str, query_vector: np.ndarray, lexical_hits: dict[str, float] | None = None) -> list[str]:
        """Ids of sentences worth scoring: sentence hits, every sentence inside a chunk hit, BM25 hits."""
        from llama_index.core.schema import QueryBundle

        bundle = QueryBundle(query_str=question, embedding=query_vector.tolist())
        ids: list[str] = []
        for hit in self._sentence_retriever.retrieve(bundle):
            ids.append(hit.node.node_id)
        for hit in self._chunk_retriever.retrieve(bundle):
            ids.extend(s for s in hit.node.metadata.get("sentence_ids", "").split(",") if s)
        ids.extend(lexical_hits or {})
        return list(dict.fromkeys(ids))

    def evidence(self, question: str, query_vector: np.ndarray, lang: str = "en") -> list[Evidence]:
        """Candidate sentences ranked by combined sentence + chunk similarity (+ BM25 when hybrid), best first."""
        lexical = self.lexical.search(question, lang, self.settings.lexical_top) if self.lexical else {}
        best_lexical = max(lexical.values(), default=0.0) or 1.0
        sentences = self.store.get("sentences", self.candidates(question, query_vector, lexical))
        visible = self.store.visible({meta["article_id"] for _, meta, _ in sentences.values()})
        sentences = {sid: row for sid, row in sentences.items()  # never a half-written or replaced version
                     if visible.get(row[1]["article_id"]) == row[1]["content_hash"]}
        chunks = self.store.get("chunks", [meta["chunk_id"] for _, meta, _ in sentences.values()])
        weight = self.settings.sentence_weight
        ranked = []
        for sid, (text, meta, vector) in sentences.items():
            cid = meta["chunk_id"]
            chunk_text, chunk_meta, chunk_vector = chunks.get(cid, (text, {}, vector))
            chunk_ids = tuple(chunk_meta.get("sentence_ids", sid).split(","))
            s_score = float(vector @ query_vector)
            c_score = float(chunk_vector @ query_vector)
            dense = weight * s_score + (1 - weight) * c_score
            lexical_score = lexical.get(sid, 0.0) / best_lexical
            ranked.append(Evidence(
                sentence_id=sid, article_id=meta["article_id"], title=meta["title"], date=meta["date"],
                source=meta["source"], lang=meta["lang"], text=text, start=meta["start"], end=meta["end"],
                chunk_id=cid, chunk_text=chunk_text, chunk_sentence_ids=chunk_ids, sentence_score=s_score, chunk_score=c_score,
                score=dense, lexical_score=lexical_score,
                rank_score=dense + self.settings.lexical_weight * lexical_score, vector=vector,
            ))
        if lexical and self.settings.fusion == "rrf":
            ranked = self._reciprocal_rank_fusion(ranked, lexical)
        ranked.sort(key=lambda e: (-e.rank_score, e.sentence_id))
        return ranked

    def _reciprocal_rank_fusion(self, ranked: list[Evidence], lexical: dict[str, float]) -> list[Evidence]:
        """rank_score = 1/(k + dense rank) + lexical_weight/(k + BM25 rank) (sentences BM25 missed get no 2nd term)."""
        k = self.settings.rrf_k
        dense_rank = {e.sentence_id: r for r, e in enumerate(sorted(ranked, key=lambda e: (-e.score, e.sentence_id)), 1)}
        lexical_rank = {sid: r for r, sid in enumerate(sorted(lexical, key=lambda s: -lexical[s]), 1)}
        return [replace(e, rank_score=1 / (k + dense_rank[e.sentence_id])
                        + (self.settings.lexical_weight / (k + lexical_rank[e.sentence_id])
                           if e.sentence_id in lexical_rank else 0.0)) for e in ranked]


def retrieved_chunks(evidence: list[Evidence], limit: int) -> list[RetrievedChunk]:
    """The chunks of the best evidence sentences, in rank order, each chunk once."""
    covered: set[str] = set()
    out = []
    for item in evidence:
        if item.sentence_id in covered:
            continue
        covered.update(item.chunk_sentence_ids)
        out.append(RetrievedChunk(item.article_id, item.chunk_id, item.chunk_text, round(item.score, 4)))
        if len(out) == limit:
            break
    return out
