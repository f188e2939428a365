import json

import pytest

from rag.engine import EmptyStore, QuestionError
from tests.conftest import SEED_ARTICLE

CITATION_KEYS = {"n", "article_id", "title", "sentence_id", "text", "start", "end", "score"}


@pytest.fixture
def seeded(fake_engine):
    fake_engine.ingest([SEED_ARTICLE])
    return fake_engine


def test_answer_is_verbatim_sentences_with_markers_and_exact_offsets(seeded):
    answer = seeded.ask("Kiek karių Šiaurės Korėja nusiuntė į Rusiją?")
    assert not answer.abstained and answer.citations
    article_text = SEED_ARTICLE.read_text(encoding="utf-8").split("date 2024-11 ", 1)[1].strip()
    for citation in answer.citations:
        assert article_text[citation.start : citation.end] == citation.text
        assert f"{citation.text} [{citation.n}]" in answer.answer
    assert "10 tūkst. karių" in answer.citations[0].text


def test_json_contract(seeded):
    data = json.loads(json.dumps(seeded.ask("Kiek karių nusiuntė Šiaurės Korėja?").to_dict()))
    assert {"question", "answer", "abstained", "citations", "retrieved", "timings_ms"} <= set(data)
    assert isinstance(data["abstained"], bool)
    for citation in data["citations"]:
        assert CITATION_KEYS <= set(citation)
    assert data["retrieved"] and all({"article_id", "chunk_id", "text", "score"} <= set(r) for r in data["retrieved"])
    assert data["citations"][0]["text"] in data["retrieved"][0]["text"]  # in the reader's order, its choice first
    assert data["timings_ms"]["total"] >= 0 and {"retrieve", "read", "answer"} <= set(data["timings_ms"])
    assert 0.0 <= data["confidence"] <= 1.0


def test_abstains_without_citations_when_evidence_is_weak(seeded):
    answer = seeded.ask("What is the capital of Australia?")
    assert answer.abstained and answer.citations == []
    assert answer.answer.startswith("The articles don't say.")


def test_abstains_in_lithuanian_for_a_lithuanian_question(seeded):
    seeded.settings.answerable_above = 1.0
    answer = seeded.ask("Kokia yra Australijos sostinė?")
    assert answer.abstained and answer.answer.startswith("Straipsniuose apie tai nerašoma.")


def test_quantity_question_without_any_number_in_evidence_abstains(fake_engine, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Rusija tiekia Šiaurės Korėjai oro gynybos raketų sistemas. Seulas tuo nerimauja.")
    fake_engine.ingest([path])
    answer = fake_engine.ask("How much money did Šiaurės Korėjai pay for oro gynybos raketų sistemas?")
    assert answer.abstained and not answer.citations


def test_an_empty_store_says_so_and_is_never_created(fake_engine):
    with pytest.raises(EmptyStore, match=r"the store at .* holds no articles; `rag ingest` adds some"):
        fake_engine.ask("how many troops were sent?")
    assert fake_engine.articles() == [] and fake_engine.delete("anything") == []
    assert not fake_engine.settings.store.exists()  # asking, listing and deleting created nothing


@pytest.mark.parametrize("question", ["", "   ", "   ?", "?!…", "x" * 5000])
def test_bad_questions_are_refused(fake_engine, question):
    with pytest.raises(QuestionError):
        fake_engine.ask(question)


def test_retrieved_windows_skip_sentences_already_shown():
    from rag.retrieval.retriever import Evidence, retrieved_chunks

    def ev(i, score):
        ids = tuple(f"a#s{j}" for j in (i - 1, i, i + 1))
        return Evidence(f"a#s{i}", "a", "T", "", "src", "lt", f"s{i}", 0, 1, f"a#c{i}", f"w{i}", ids, score, score, score)

    ranked = [ev(5, 0.9), ev(6, 0.8), ev(9, 0.7), ev(4, 0.6), ev(12, 0.5)]
    assert [c.chunk_id for c in retrieved_chunks(ranked, 5)] == ["a#c5", "a#c9", "a#c12"]
    assert [c.chunk_id for c in retrieved_chunks(ranked, 2)] == ["a#c5", "a#c9"]


def test_full_article_text_is_kept_for_citations(seeded):
    answer = seeded.ask("Kiek karių Šiaurės Korėja nusiuntė į Rusiją?")
    citation = answer.citations[0]
    stored, text = seeded.article(citation.article_id)
    assert text[citation.start : citation.end] == citation.text
    assert stored.date == "2024-11" and stored.sentences == 16
    assert seeded.article("missing") is None


def test_deleting_an_uploaded_article_removes_its_file_but_never_another(fake_engine, tmp_path):
    from ingest.uploads import save_upload

    source = tmp_path / "incoming.txt"
    source.write_text("date 2024-11 Audra nusiaubė pakrantę. Tūkstančiai liko be elektros.", encoding="utf-8")
    uploaded = save_upload(source, "storm.txt", fake_engine.uploads_folder())
    kept = tmp_path / "kept.txt"
    kept.write_text("date 2024-11 Rinkimai vyko sekmadienį. Dalyvavo pusė rinkėjų.", encoding="utf-8")
    fake_engine.ingest([uploaded, kept])
    by_path = {a.source_path: a.id for a in fake_engine.articles()}
    assert fake_engine.is_upload(str(uploaded.resolve())) and not fake_engine.is_upload(str(kept.resolve()))
    assert fake_engine.delete(by_path[str(uploaded.resolve())]) and not uploaded.exists()
    assert fake_engine.delete(by_path[str(kept.resolve())]) and kept.exists()  # the user's own file stays


def test_a_failing_filtered_search_falls_back_to_an_unfiltered_one(fake_engine, tmp_path, monkeypatch):
    """chromadb's per-language (filtered) search can fail with "Error finding id" where its unfiltered
    search works: the retriever then searches unfiltered and keeps each language's own hits."""
    (tmp_path / "lt.txt").write_text("Rusija tiekia Šiaurės Korėjai oro gynybos sistemas. Seulas tuo nerimauja.",
                                     encoding="utf-8")
    (tmp_path / "en.txt").write_text("The storm forced 300 people to leave their homes on the coast. "
                                     "Roads were closed for two days.", encoding="utf-8")
    fake_engine.ingest([tmp_path / "lt.txt", tmp_path / "en.txt"])
    retriever = fake_engine.retriever
    vector = fake_engine.query_embedder.get_query_embedding("How many people left their homes?")
    import numpy as np

    expected = retriever.evidence("How many people left their homes?", np.asarray(vector), "en")
    vector_store = type(fake_engine.store.sentence_vectors)  # llama-index's ChromaVectorStore (pydantic)
    real_query = vector_store.query
    filtered_calls = []

    def failing(self, query, *args, **kwargs):
        if query.filters is not None:
            filtered_calls.append(query)
            raise RuntimeError("Error executing plan: Internal error: Error finding id")
        return real_query(self, query, *args, **kwargs)

    monkeypatch.setattr(vector_store, "query", failing)
    found = retriever.evidence("How many people left their homes?", np.asarray(vector), "en")
    assert filtered_calls, "the per-language search was not used"
    assert {e.sentence_id for e in found} == {e.sentence_id for e in expected}
    assert {e.lang for e in found} == {"lt", "en"}
