"""Accuracy with the real embedder on the seed article (XQuAD-R and NTREX-128 are in test_bench.py)."""

from __future__ import annotations

import pytest

from rag.engine import Engine
from rag.eval.evaluate import evaluate, load_questions
from rag.settings import Settings
from tests.conftest import SEED_ARTICLE, record_metrics, shared_data

pytestmark = pytest.mark.real_model


def _engine(tmp_path_factory, embedder, name: str, *paths) -> Engine:
    engine = Engine(Settings(store=tmp_path_factory.mktemp(name) / "store", answerer="extractive"), embedder=embedder)
    report = engine.ingest(list(paths))
    assert not report.errors
    record_metrics(f"ingest {name}", {"sentences": report.sentences, "seconds": round(report.seconds, 1),
                                      "sentences_per_s": round(report.sentences_per_second, 2)})
    return engine


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory, real_embedder):
    engine = _engine(tmp_path_factory, real_embedder, "seed", SEED_ARTICLE)
    questions = load_questions(shared_data("seed", "questions.jsonl"))
    return engine, questions, evaluate(engine, questions)


def test_seed_questions_accuracy_and_citations(seed_run):
    _, _, report = seed_run
    metrics = report["metrics"]
    record_metrics("seed questions (10)", metrics)
    assert metrics["answer_accuracy"] >= 0.8
    assert metrics["citation_precision"] >= 0.8


def test_a_yes_no_question_is_answered_no_where_the_article_denies_it(seed_run):
    """"Nei Pchenjanas, nei Maskva oficialiai nepatvirtino …": the English question gets "No", the
    negated verb marked in the Lithuanian quote; the Lithuanian one gets "Ne"."""
    engine, _, _ = seed_run
    answer = engine.ask("Did Pyongyang or Moscow officially confirm the troop movements?")
    assert answer.answer.startswith("No [1]\n")
    first = answer.citations[0]
    assert first.text[first.span[0]:first.span[1]] == "nepatvirtino"
    assert engine.ask("Ar Maskva patvirtino karių judėjimą?").answer.startswith("Ne [1]\n")


def test_seed_unanswerable_questions_are_refused(seed_run):
    """"What is the capital of Australia?" is refused, and so is a sum of money the article never gives
    (its best sentence, about air-defence systems, holds no amount)."""
    _, questions, report = seed_run
    refused = {q["question"]: r["abstained"] and not r["citations"]
               for q, r in zip(questions, report["results"]) if q.get("abstain")}
    record_metrics("seed unanswerable questions refused", refused)
    assert all(refused.values()), refused


def test_troops_question_is_answered_from_the_troop_sentence(seed_run):
    engine, _, _ = seed_run
    answer = engine.ask("how many troops were sent?")
    assert not answer.abstained
    first = answer.citations[0]
    assert first.text.startswith("JAV, Ukrainos ir Pietų Korėjos vertinimais, Šiaurės Korėja į Rusiją nusiuntė")
    assert "10 tūkst. karių" in first.text
    assert first.date == "2024-11"
    assert f"{first.text} [1]" in answer.answer
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    assert article.split("date 2024-11 ", 1)[1][first.start : first.end] == first.text


def test_sentence_that_needs_its_neighbour(seed_run):
    """"Tai laikoma ..." ("This is considered ...") only makes sense after the treaty sentence before it,
    and no word of "how significant is the treaty?" links to it. Measured (docs/reader.md): the reader
    of 2026-12-01 answers it with "… strateginė partnerystė yra labai svarbi …" ("the partnership is
    very important") at confidence 0.1202 against the threshold 0.12 -- a wrong answer on a knife edge
    (the model before it refused). Recorded, and guarded only as far as it holds: no short answer is
    made up for it, and the troop question beside it stays answered."""
    engine, _, _ = seed_run
    answer = engine.ask("how significant is the treaty?")
    record_metrics("seed: how significant is the treaty?", {
        "answer": "refused" if answer.abstained else answer.citations[0].text[:60], "confidence": answer.confidence})
    assert answer.abstained or (answer.short == "" and answer.confidence < 0.2)
    assert not engine.ask("how many troops were sent?").abstained
