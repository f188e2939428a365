"""BM25 tokens and hybrid retrieval (fake embedder): names and figures match across languages and inflection."""

from rag.models.embedder import embed_query
from rag.engine import Engine
from rag.store.lexical import tokens
from tests.conftest import SEED_ARTICLE, fake_settings
from tests.fakes import FakeEmbedder, fake_reader_model


def test_tokens_keep_letters_fold_inflection_and_normalise_numbers():
    lt = tokens("Šiaurės Korėja nusiuntė daugiau kaip 10 tūkst. karių; Belousovo vizitas", "lt", 5)
    en = tokens("Did North Korea send 10,000 troops? Belousov", "en", 5)
    assert "#10000" in lt and "#10000" in en
    assert "belou" in lt and "belou" in en
    assert "siaur" in lt  # diacritics folded, letters kept
    assert "did" not in en and "kaip" not in lt  # stop words of the text's language dropped
    assert tokens("Пхеньян и Сеул", "ru", 5) == ["пхень", "сеул"]


def test_hybrid_search_finds_a_sentence_by_a_shared_name_and_number(tmp_path):
    engine = Engine(fake_settings(tmp_path, hybrid=True, lexical_weight=0.5), embedder=FakeEmbedder(), reader_model=fake_reader_model())
    engine.ingest([SEED_ARTICLE])
    question = "Belousov 10,000?"
    evidence = engine.retriever.evidence(question, embed_query(engine.embedder, question), "en")
    assert any(e.lexical_score > 0 for e in evidence)
    top = [e.text for e in evidence[:3]]
    assert any("10 tūkst." in t or "Belousov" in t for t in top)


def test_the_lexical_index_follows_deletes(tmp_path):
    engine = Engine(fake_settings(tmp_path, hybrid=True), embedder=FakeEmbedder(), reader_model=fake_reader_model())
    engine.ingest([SEED_ARTICLE])
    assert engine.retriever.lexical.search("Belousovas", "lt", 5)
    engine.delete(str(SEED_ARTICLE))
    assert engine.retriever.lexical.search("Belousovas", "lt", 5) == {}


def test_reciprocal_rank_fusion_ranks_by_both_lists(tmp_path):
    engine = Engine(fake_settings(tmp_path, hybrid=True, fusion="rrf", lexical_weight=1.0, rrf_k=1), embedder=FakeEmbedder(), reader_model=fake_reader_model())
    engine.ingest([SEED_ARTICLE])
    question = "Belousovas"
    evidence = engine.retriever.evidence(question, embed_query(engine.embedder, question), "lt")
    assert evidence == sorted(evidence, key=lambda e: (-e.rank_score, e.sentence_id))
    assert "Belousov" in evidence[0].text  # first in both lists
    assert all(0 < e.rank_score <= 1.0 for e in evidence)
