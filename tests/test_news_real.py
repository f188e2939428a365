"""The news behaviours with the real encoder and reader on the story set (tests/data/stories): latest
figures, values that differ, agreement, copies. Levels are the measured ones (docs/news.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.engine import Engine
from rag.eval.evaluate import evaluate, load_questions
from rag.settings import Settings
from tests.conftest import record_metrics

pytestmark = pytest.mark.real_model

STORIES = Path(__file__).resolve().parent / "data" / "stories"


@pytest.fixture(scope="session")
def story_run(tmp_path_factory, cached_embedder):
    engine = Engine(Settings(store=tmp_path_factory.mktemp("stories") / "store", answerer="extractive"),
                    embedder=cached_embedder)
    assert not engine.ingest([STORIES / "articles.jsonl"]).errors
    questions = load_questions(STORIES / "questions.jsonl")
    return engine, evaluate(engine, questions)


def test_story_set_levels(story_run):
    _, report = story_run
    metrics = report["metrics"]
    record_metrics("story set (30)", metrics)
    assert metrics["newest_given"] == 1.0  # every question with a newest figure gets it first
    assert metrics["copies_noted"] == 1.0
    assert metrics["duplicate_citations"] == 0.0
    assert metrics["answer_accuracy"] >= 0.88  # measured 0.923 (the 0.9); one question below it
    # measured 1.0 and 1.0 (values 0.625 before other-language reports were found by their echo of the answer,
    # 0.875 before by the question's words; agreement 0.75 before every article naming the mayor as mayor reported him)
    assert metrics["values_shown"] == 1.0 and metrics["agreement_shown"] == 1.0


def test_latest_figure_first_with_its_date_and_the_earlier_ones_after(story_run):
    engine, _ = story_run
    answer = engine.ask("How many residents have been evacuated so far in the Šilutė district?")
    first = answer.answer.split("\n")[0]
    assert answer.reports == "latest" and first.startswith("Latest: 410 residents (LRT English, 2025-03-15) [1]")
    assert first.index("340") < first.index("120")
    assert [c.date for c in answer.citations] == sorted((c.date for c in answer.citations), reverse=True)


def test_a_corrected_figure_is_shown_with_the_one_it_replaced(story_run):
    engine, _ = story_run
    answer = engine.ask("How many jobs will Medena cut?")
    first = answer.answer.split("\n")[0]
    assert answer.reports == "differ" and first.index("250 jobs") < first.index("300 jobs")
    assert "300 jobs (Baltic Business Daily, 2025-04-02) [2], since replaced by a later version" in first
    assert not any(c.text.startswith("Correction:") for c in answer.citations)


def test_a_date_range_answers_as_of_then(story_run):
    from rag.news.dates import DateRange

    engine, _ = story_run
    answer = engine.ask("How many residents have been evacuated so far?", dates=DateRange.parse("", "2025-03-12"))
    assert answer.answer.startswith("Latest: 340 residents (LRT, 2025-03-12) [1]")
    assert all(c.date <= "2025-03-12" for c in answer.citations)


def test_a_report_in_another_language_is_found_by_what_it_says(story_run):
    # the English question scores low against the Lithuanian sentence ("bus atvertas birželio 15 d."), far
    # down the reader's ranking; it says what the English answer says, so its date is shown too
    engine, _ = story_run
    answer = engine.ask("When will the Aleksotas bridge reopen?")
    first = answer.answer.split("\n")[0]
    assert answer.reports == "differ", answer.answer
    assert first == "Reports differ: July 1 (The Baltic Times, 2025-05-20) [1]; June 15 (Kauno diena, 2025-05-06) [2]"
    assert answer.citations[1].text.startswith("Remontuojamas Aleksoto tiltas Kaune eismui bus atvertas birželio 15 d.")
