"""Short answers written by the real local model (Qwen2.5-Coder-1.5B, what `make run` installs) on the
realistic news questions and the seed article, checked before they are shown (docs/answers.md).

Guards sit at the levels measured (the issue's targets, where not met, are in docs/answers.md).
Speed is measured by `rag bench --answerer local`, not here.
"""

from __future__ import annotations

import pytest

from rag.answer.answer import check_note
from rag.answer.verify import GivenSentence, check_short
from rag.engine import Engine
from rag.eval.evaluate import evaluate, load_questions
from rag.settings import Settings
from tests.conftest import SEED_ARTICLE, installed_llm, record_metrics, shared_data

pytestmark = pytest.mark.real_model


@pytest.fixture(scope="module")
def qwen() -> str:
    return installed_llm("qwen2.5-coder-1.5b")


@pytest.fixture(scope="module")
def llm_model(qwen):
    from rag.models.llm import LocalModel

    return LocalModel(Settings(llm_model_path=qwen))  # loaded once, shared by both collections


def _engine(tmp_path_factory, embedder, model, name: str, path) -> Engine:
    engine = Engine(Settings(store=tmp_path_factory.mktemp(name) / "store", answerer="local"),
                    embedder=embedder, llms={"local": model})
    assert not engine.ingest([path]).errors
    return engine


@pytest.fixture(scope="module")
def news_run(tmp_path_factory, cached_embedder, llm_model):
    engine = _engine(tmp_path_factory, cached_embedder, llm_model, "news-llm", shared_data("ntrex128", "lt.articles.jsonl"))
    questions = load_questions(shared_data("ntrex128", "news_qa.jsonl"))
    report = evaluate(engine, questions)
    record_metrics("news_qa, short answers by Qwen2.5-Coder-1.5B (local)", report["metrics"])
    return questions, report


def test_news_questions_with_the_model(news_run):
    metrics = news_run[1]["metrics"]
    # measured 2026-12-01 (docs/answers.md): 0.60 / 0.575 / 0.525 right in English / false abstention 0.05 /
    # near-miss refused 0.233 / off-topic 0.8; the reader alone: 0.575 / 0.55 / 0.45 / 0.025 / 0.067 / 0.8.
    # Guards leave a question or two for llama.cpp's arithmetic on another CPU.
    assert metrics["answer_accuracy"] >= 0.55
    assert metrics["first_citation_right"] >= 0.525
    assert metrics["answer_accuracy_en"] >= 0.475
    assert metrics["false_abstention_rate"] <= 0.1
    assert metrics["near_miss_refused"] >= 0.15
    assert metrics["off_topic_refused"] >= 0.7


def test_what_is_shown_passed_the_check(news_run):
    questions, report = news_run
    written = [r for r in report["results"] if not r["abstained"] and not r["fallback"] and r["short_answer_by"] == "model"]
    assert written, "the model wrote no short answer that passed: the path is not exercised"
    for r in written:
        quotes = [GivenSentence(c["n"], c["text"], "lt") for c in r["citations"]]
        assert check_short(r["short_answer"], quotes, r["question"], "en", [], False, ["NOT STATED"]).passed
        assert r["answer"].startswith(f"{r['short_answer']} [1]\n")
    fallbacks = [r for r in report["results"] if r["fallback"]]
    assert fallbacks, "no line was rejected: the checker is not biting"
    for r in fallbacks:  # the rejected line never reaches the user
        assert r["draft"] and r["draft"] not in r["answer"].split("\n")[0]
        assert r["rejected"] and not any(ch.isdigit() for ch in r["rejected"][0])


def test_the_model_passes_over_a_candidate_without_the_answer(news_run):
    questions, report = news_run
    moved = [r for r in report["results"] if not r["abstained"] and r["candidate_rank"] > 1]
    refused_by_model = [r for r in report["results"] if r["abstained"] and r.get("draft", "").startswith("NOT STATED")]
    # Answers from a later candidate no longer occur on news_qa: the reader now refuses a value question whose
    # best sentence holds no value before the model reads anything. Moving on is tested with a scripted model
    # (tests/test_generate.py); here the real model must still say "NOT STATED" where the quote lacks the answer.
    record_metrics("news_qa with Qwen: answers from a later candidate / refused by the model",
                   {"moved": len(moved), "refused_by_model": len(refused_by_model)})
    assert refused_by_model


@pytest.fixture(scope="module")
def seed_engine(tmp_path_factory, cached_embedder, llm_model):
    return _engine(tmp_path_factory, cached_embedder, llm_model, "seed-llm", SEED_ARTICLE)


def test_seed_short_answers_with_the_model(seed_engine):
    troops = seed_engine.ask("how many troops were sent?")
    assert troops.answer.startswith("More than 10,000 [1]\n") and not troops.fallback
    assert check_note(troops) == "The language model read the quoted sentence and found the same answer."
    confirmed = seed_engine.ask("Did Pyongyang or Moscow officially confirm the troop movements?")
    assert confirmed.short.startswith("No") and "nepatvirtino" in confirmed.citations[0].text
    lithuanian = seed_engine.ask("Kiek Šiaurės Korėjos karių yra Rusijoje?")
    assert lithuanian.short == "Daugiau kaip 10 tūkst. karių"
    paid = seed_engine.ask("How much money did North Korea pay Russia for the air defence systems?")
    assert paid.abstained and not paid.citations
