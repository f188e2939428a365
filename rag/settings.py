"""One typed settings object for the whole pipeline (env vars `RAG_*`, overridable by CLI flags)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _data_home() -> Path:
    import os

    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "rag"


def _cache_home() -> Path:
    import os

    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rag"


class Settings(BaseSettings):
    """Every tunable of the pipeline; defaults are the measured best (see README, "Tuning")."""

    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore")

    # where things live
    store: Path = Field(default_factory=lambda: _data_home() / "store", description="Chroma store folder")
    collection: str = Field("articles", description="Chroma collection name (sentences go to NAME__sentences)")
    model_dir: Path = Field(
        default_factory=lambda: _cache_home() / "models" / "multilingual-e5-small",
        description="built sentence-transformers folder of the embedder",
    )

    # embedding
    embed_batch_size: int = Field(16, ge=1)
    torch_threads: int = Field(0, ge=0, description="0 = torch default")
    query_prefix: str = "query: "
    passage_prefix: str = "passage: "

    # ingest
    window_sentences: int = Field(3, ge=1, description="sentences per chunk, centred on each sentence")
    embed_group_texts: int = Field(512, ge=1, description="passages embedded per call during ingest")
    max_file_bytes: int = Field(50 * 1024 * 1024, ge=1)

    # retrieval and evidence scoring
    top_chunks: int = Field(10, ge=1, description="chunks fetched by dense search")
    top_sentences: int = Field(10, ge=1, description="sentences fetched by dense search")
    retrieved_shown: int = Field(5, ge=1, description="chunks reported under `retrieved`")
    sentence_weight: float = Field(0.7, ge=0.0, le=1.0, description="weight of a sentence's own similarity vs its window's")

    # answering
    abstain_below: float = Field(0.74, description="abstain when the best evidence scores below this")
    max_citations: int = Field(2, ge=1)
    second_citation_margin: float = Field(0.005, ge=0.0, description="cite a 2nd sentence scoring within this of the best")
    type_margin: float = Field(0.03, ge=0.0, description="how far below the best a sentence of the expected answer type may be")
    max_question_chars: int = Field(2000, ge=1)

    # chat UI (`rag serve`)
    serve_concurrency: int = Field(4, ge=1, description="questions/uploads the UI works on at once; more wait in a queue")
