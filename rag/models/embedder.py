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
