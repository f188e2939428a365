"""Question vector -> candidate evidence sentences for the reader, each scored with its own text and its chunk.

Dense search (llama-index retrievers over the store's sentence and chunk collections) runs once
per language in the store, so an English question cannot crowd out the Lithuanian sentence that
answers it merely because the encoder scores English text higher. The articles of the best
candidates are then read whole: every sentence of the `top_articles` best articles joins the
candidates, so the reader sees the answering sentence even when its own similarity is low
("Tai laikoma ..." = "This is considered ..."). Scores are compared after subtracting each
language's background similarity (`background(lang)`, from the reader's model): what an
unrelated sentence in that language typically scores against a question in the question's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

Background = Callable[[str, str], float]  # (question language, sentence language) -> background similarity


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
    score: float  # weight * sentence + (1 - weight) * chunk, minus the language's background
    lexical_score: float = 0.0  # BM25 relative to the best lexical hit of this question (0..1)
    rank_score: float = 0.0  # what evidence is ordered by: score + lexical_weight * lexical_score
    index: int = 0  # the sentence's position in its article
    heading: bool = False  # a headline, title or Markdown heading: context, never the answer
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)  # the stored sentence vector


@dataclass(frozen=True)
class RetrievedChunk:
    """A chunk handed on as evidence, in rank order."""

    article_id: str
    chunk_id: str
    text: str
    score: float


def no_background(question_lang: str, lang: str) -> float:
    """No calibration: every language's scores taken as they are."""
    return 0.0


class Retriever:
    """Dense retrieval over the store's chunk and sentence collections, per language, plus whole top articles."""

    def __init__(self, store, settings, background: Background = no_background):
        from rag.store.lexical import LexicalIndex

        self.store, self.settings, self.background = store, settings, background
        self.lexical = LexicalIndex(store, settings.lexical_prefix) if settings.hybrid else None
        self._languages: tuple[int, list[str]] | None = None

    def languages(self) -> list[str]:
        """The languages of the stored articles (re-read only when the number of stored sentences changes)."""
        count = self.store.sentence_count()
        if self._languages is None or self._languages[0] != count:
            self._languages = (count, self.store.languages())
        return self._languages[1]

    def _search(self, kind: str, lang: str | None, vector: np.ndarray, articles: frozenset[str] | None = None) -> list:
        """The nodes of the sentences or chunks nearest `vector` (llama-index's vector store query over Chroma),
        restricted to one language when `lang` is given and to some articles when `articles` is."""
        from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters, VectorStoreQuery

        vectors = self.store.sentence_vectors if kind == "sentences" else self.store.chunk_vectors
        top = self.settings.top_sentences if kind == "sentences" else self.settings.top_chunks
        conditions = [MetadataFilter(key="lang", value=lang)] if lang else []
        if articles is not None:
            conditions.append(MetadataFilter(key="article_id", value=sorted(articles), operator=FilterOperator.IN))
        filters = MetadataFilters(filters=conditions) if conditions else None
        if articles is not None and not articles:
            return []
        try:
            return vectors.query(VectorStoreQuery(query_embedding=vector.tolist(), similarity_top_k=top,
                                                  filters=filters)).nodes
        except Exception as exc:  # noqa: BLE001 -- chromadb raises its own InternalError
            if filters is None or "Error finding id" not in str(exc):
                raise
        # chromadb's filtered search can fail on an index that its unfiltered search reads fine
        # ("Error finding id", chroma-core/chroma; seen once here right after a five-language ingest):
        # search unfiltered, wider, and keep this language's nodes
        wider = top * max(len(self.languages()), 1) * 2 * (4 if articles is not None else 1)
        nodes = vectors.query(VectorStoreQuery(query_embedding=vector.tolist(), similarity_top_k=wider)).nodes
        return [n for n in nodes if (not lang or n.metadata.get("lang") == lang)
                and (articles is None or n.metadata.get("article_id") in articles)][:top]

    def candidates(self, question: str, query_vector: np.ndarray, lexical_hits: dict[str, float] | None = None,
                   articles: frozenset[str] | None = None) -> list[str]:
        """Ids of sentences worth scoring: per language, the sentence hits and every sentence inside a chunk hit;
        then BM25 hits. Only sentences of `articles`, when given (a date range)."""
        languages = self.languages()
        ids: list[str] = []
        for lang in (languages if len(languages) > 1 else [None]):
            for node in self._search("sentences", lang, query_vector, articles):
                ids.append(node.node_id)
            for node in self._search("chunks", lang, query_vector, articles):
                ids.extend(s for s in node.metadata.get("sentence_ids", "").split(",") if s)
        ids.extend(lexical_hits or {})
        return list(dict.fromkeys(ids))

    def evidence(self, question: str, query_vector: np.ndarray, lang: str = "en",
                 also: list[np.ndarray] = (), articles: frozenset[str] | None = None) -> list[Evidence]:
        """Candidate sentences, best first: the dense and lexical hits plus every sentence of the best articles.
        The hits of the `also` vectors (a follow-up searched on its own) join them, all scored against `query_vector`.
        `articles` (ids) restricts the evidence to those articles (a date range). A sentence that several
        articles carry word for word (a syndicated copy) is evidence once: its best-ranked, newest copy."""
        lexical = self.lexical.search(question, lang, self.settings.lexical_top) if self.lexical else {}
        ids = self.candidates(question, query_vector, lexical, articles)
        for vector in also:
            ids += [i for i in self.candidates(question, vector, articles=articles) if i not in ids]
        found = without_copies(self._scored(ids, query_vector, lexical, lang, articles))
        best_of_article: dict[str, float] = {}
        for e in found:
            best_of_article[e.article_id] = max(best_of_article.get(e.article_id, -9.0), e.score)
        top = sorted(best_of_article, key=lambda a: -best_of_article[a])[: self.settings.top_articles]
        known = {e.sentence_id for e in found}
        more = [sid for sid in self.store.sentence_ids(top) if sid not in known]
        found += self._scored(more, query_vector, lexical, lang, articles)
        if lexical and self.settings.fusion == "rrf":
            found = self._reciprocal_rank_fusion(found, lexical)
        return without_copies(found)

    def _scored(self, ids: list[str], query_vector: np.ndarray, lexical: dict[str, float],
                question_lang: str, articles: frozenset[str] | None = None) -> list[Evidence]:
        """Evidence for these sentence ids (only rows of the visible version of their article, and of
        `articles` when given)."""
        best_lexical = max(lexical.values(), default=0.0) or 1.0
        sentences = self.store.get("sentences", ids)
        if articles is not None:
            sentences = {sid: row for sid, row in sentences.items() if row[1]["article_id"] in articles}
        visible = self.store.visible({meta["article_id"] for _, meta, _ in sentences.values()})
        sentences = {sid: row for sid, row in sentences.items()  # never a half-written or replaced version
                     if visible.get(row[1]["article_id"]) == row[1]["content_hash"]}
        chunks = self.store.get("chunks", [meta["chunk_id"] for _, meta, _ in sentences.values()])
        weight = self.settings.sentence_weight
        out = []
        for sid, (text, meta, vector) in sentences.items():
            cid = meta["chunk_id"]
            chunk_text, chunk_meta, chunk_vector = chunks.get(cid, (text, {}, vector))
            s_score = float(vector @ query_vector)
            c_score = float(chunk_vector @ query_vector)
            dense = weight * s_score + (1 - weight) * c_score - self.background(question_lang, meta["lang"])
            lexical_score = lexical.get(sid, 0.0) / best_lexical
            out.append(Evidence(
                sentence_id=sid, article_id=meta["article_id"], title=meta["title"], date=meta["date"],
                source=meta["source"], lang=meta["lang"], text=text, start=meta["start"], end=meta["end"],
                chunk_id=cid, chunk_text=chunk_text, chunk_sentence_ids=tuple(chunk_meta.get("sentence_ids", sid).split(",")),
                sentence_score=s_score, chunk_score=c_score, score=dense, lexical_score=lexical_score,
                rank_score=dense + self.settings.lexical_weight * lexical_score, index=int(meta.get("index", 0)),
                heading=bool(meta.get("heading", False)), vector=vector,
            ))
        return out

    def _reciprocal_rank_fusion(self, ranked: list[Evidence], lexical: dict[str, float]) -> list[Evidence]:
        """rank_score = 1/(k + dense rank) + lexical_weight/(k + BM25 rank) (sentences BM25 missed get no 2nd term)."""
        k = self.settings.rrf_k
        dense_rank = {e.sentence_id: r for r, e in enumerate(sorted(ranked, key=lambda e: (-e.score, e.sentence_id)), 1)}
        lexical_rank = {sid: r for r, sid in enumerate(sorted(lexical, key=lambda s: -lexical[s]), 1)}
        return [replace(e, rank_score=1 / (k + dense_rank[e.sentence_id])
                        + (self.settings.lexical_weight / (k + lexical_rank[e.sentence_id])
                           if e.sentence_id in lexical_rank else 0.0)) for e in ranked]


def without_copies(evidence: list[Evidence]) -> list[Evidence]:
    """Evidence best first, each sentence once: of the copies of one sentence (the same words in the
    same order, in several articles), the best-ranked stays, the newest article's on a tie."""
    from ingest.fingerprints import sentence_key

    ordered = sorted(evidence, key=lambda e: e.sentence_id)
    ordered.sort(key=lambda e: e.date, reverse=True)  # stable sorts: rank, then newest, then id
    ordered.sort(key=lambda e: -e.rank_score)
    seen: set[str] = set()
    out = []
    for item in ordered:
        key = sentence_key(item.text)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


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
