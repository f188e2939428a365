import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rag.engine
import rag.models.embedder
from rag.reader.reader import ReaderModel
from rag.cli import _overrides, app
from tests.conftest import SEED_ARTICLE
from tests.fakes import FakeEmbedder, fake_reader_model

runner = CliRunner()


@pytest.fixture
def cli(tmp_path, monkeypatch):
    """Run `rag` with a temporary store and the fake embedder."""
    monkeypatch.setattr(rag.engine, "load_embedder", lambda settings: FakeEmbedder())
    monkeypatch.setattr(rag.engine, "load_query_embedder", lambda settings: FakeEmbedder())
    monkeypatch.setattr(rag.models.embedder, "require_model", lambda settings: None)  # the fakes need no model folder
    monkeypatch.setattr(ReaderModel, "load", staticmethod(lambda *args, **kwargs: fake_reader_model()))
    _overrides.clear()

    def run(*args):
        return runner.invoke(app, ["--store", str(tmp_path / "store"), *args])

    yield run
    _overrides.clear()


def test_ingest_then_ask_json_prints_exactly_one_object(cli):
    result = cli("ingest", str(SEED_ARTICLE))
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output
    assert "0 added, 0 replaced, 1 unchanged" in cli("ingest", str(SEED_ARTICLE)).output
    result = cli("ask", "--json", "Kiek karių Šiaurės Korėja nusiuntė į Rusiją?")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["citations"][0]["text"] in data["answer"]
    assert data["citations"][0]["sentence_id"].endswith("#s6")
    assert data["quote"] == data["citations"][0]["text"]
    assert data["short_answer"] == "Daugiau kaip 10 tūkst. karių"  # asked in the source's language: as written
    assert data["answer"].startswith(data["short_answer"] + " [1]\n")
    span = data["answer_span"]
    assert span["citation"] == 1 and data["citations"][0]["text"][span["start"]:span["end"]] == span["text"]
    assert span["text"] == "daugiau kaip 10 tūkst. karių"


def test_ask_prints_numbered_citations_under_the_answer(cli):
    cli("ingest", str(SEED_ARTICLE))
    result = cli("ask", "Kiek karių Šiaurės Korėja nusiuntė į Rusiją?")
    assert "[1]" in result.output
    assert "Rusijos karinė delegacija, vadovaujama gynybos ministro Andrejaus Belousovo, penktadienį …, 2024-11" in result.output


def test_bad_input_gives_one_line_errors_and_non_zero_exit(cli, tmp_path):
    bad = tmp_path / "notes.pdf"
    bad.write_text("x")
    result = cli("ingest", str(bad), str(SEED_ARTICLE))
    assert result.exit_code == 1
    assert f"error: {bad}: unsupported file type '.pdf'" in result.output
    assert "1 added" in result.output
    assert cli("ask", "   ").exit_code == 2


def test_missing_model_fails_with_install_hint(tmp_path, monkeypatch):
    _overrides.clear()
    result = runner.invoke(app, ["--store", str(tmp_path / "s"), "--model-dir", str(tmp_path / "none"), "ask", "hi"])
    _overrides.clear()
    assert result.exit_code == 1
    assert "does not exist: run `rag install-model`" in result.output


def test_eval_json_has_metrics_and_results(cli, tmp_path):
    cli("ingest", str(SEED_ARTICLE))
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps(q) for q in [
        {"id": "a", "lang": "lt", "question": "Kiek karių Šiaurės Korėja nusiuntė į Rusiją?",
         "answers": ["10 tūkst"], "evidence": ["į Rusiją nusiuntė daugiau kaip 10 tūkst"]},
        {"id": "b", "lang": "en", "question": "What is the capital of Australia?", "abstain": True},
        {"id": "c", "lang": "en", "question": "unused", "answers": ["x"]},
    ]))
    result = cli("eval", str(questions), "--limit", "2", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["id"] for r in data["results"]] == ["a", "b"]
    assert data["metrics"]["answer_accuracy"] == 1.0
    assert data["metrics"]["abstention_accuracy"] == 1.0
    for r in data["results"]:
        assert {"id", "question", "answer", "abstained", "citations", "retrieved", "latency_ms"} <= set(r)
    table = cli("eval", str(questions), "--limit", "2")
    assert "answer accuracy" in table.output and "latency p95" in table.output
    failing = cli("eval", str(questions)).output  # question c expects an answer the article lacks
    assert "1 question(s) went wrong:" in failing and "  c: " in failing and " -- unused" in failing


def test_list_and_delete(cli, tmp_path):
    cli("ingest", str(SEED_ARTICLE))
    listed = cli("list")
    assert "Rusijos karinė delegacija" in listed.output and "2024-11" in listed.output
    result = cli("delete", str(SEED_ARTICLE))
    assert result.exit_code == 0 and "deleted belousov-north-korea-2024-11-lt-" in result.output
    missing = cli("delete", str(SEED_ARTICLE))
    assert missing.exit_code == 1 and "no stored article" in missing.output
    assert "# 0 articles" in cli("list").output


def test_unreachable_chroma_server_is_one_line(cli):
    from tests.servers import free_port

    result = cli("--chroma-url", f"http://127.0.0.1:{free_port()}", "list")
    assert result.exit_code == 1
    assert "no Chroma server answers there" in result.output and len(result.output.strip().splitlines()) == 1


def test_errors_under_json_are_json_on_stdout(cli, tmp_path):
    cli("ingest", str(SEED_ARTICLE))
    result = cli("ask", "--json", "   ?")
    assert result.exit_code == 2
    assert json.loads(result.stdout) == {"error": "the question '?' has no words", "exit_code": 2}
    cut = tmp_path / "cut.jsonl"
    cut.write_text('{"id": "a", "question": "How many troops', encoding="utf-8")
    result = cli("eval", "--json", str(cut))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"] == f"{cut}:1: invalid JSON: Unterminated string starting at: column 25"


def test_an_empty_or_missing_store_says_so_and_is_not_created(cli, tmp_path):
    store = tmp_path / "store"
    for command in (("ask", "how many troops were sent?"), ("ask", "--json", "how many troops were sent?")):
        result = cli(*command)
        assert result.exit_code == 1
        assert f"the store at {store} holds no articles; `rag ingest` adds some" in result.output
    assert json.loads(result.stdout)["error"].startswith("the store at ")
    listed = cli("list")
    assert listed.exit_code == 0 and "# 0 articles" in listed.stdout and "holds no articles" in listed.output
    assert cli("delete", "x").exit_code == 1
    assert not store.exists()  # read-only commands never create a store


def test_ingest_counts_in_words_and_lists_skipped_files(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text("date 2024-11 Audra nusiaubė pakrantę. Tūkstančiai liko be elektros.", encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "readme.rst").write_text("x", encoding="utf-8")
    (folder / "bad.jsonl").write_text("{oops", encoding="utf-8")
    result = cli("ingest", str(folder))
    assert result.exit_code == 1
    assert "1 added, 0 replaced, 0 unchanged, 1 error, 2 other files skipped;" in result.output
    assert f"skipped (not .txt, .md, .html or .jsonl): {folder / 'notes.pdf'}" in result.output
    assert f"skipped (not .txt, .md, .html or .jsonl): {folder / 'readme.rst'}" in result.output


def test_help_shows_types_and_whole_defaults():
    result = runner.invoke(app, ["bench", "--help"], terminal_width=100)
    assert result.exit_code == 0
    assert "<bool>" not in result.output and "…" not in result.output
    assert "news-qa,xquad-de,xquad-es,xquad-ru,xquad-zh,xquad-en,ntrex-lt,seed]" in "".join(result.output.split())
    top = runner.invoke(app, ["--help"], terminal_width=100).output
    assert "<bool>" not in top and "[env RAG_STORE]" in top


def test_list_is_newest_first_with_stories_and_ask_takes_a_date_range(cli):
    stories = Path(__file__).resolve().parent / "data" / "stories" / "articles.jsonl"
    cli("ingest", str(stories))
    lines = cli("list").output.splitlines()
    assert lines[1].split("\t") == ["id", "title", "date", "lang", "sentences", "story", "source path"]
    rows = [line.split("\t") for line in lines[2:]]
    assert [r[2] for r in rows] == sorted((r[2] for r in rows), reverse=True)
    story = {r[0]: r[5] for r in rows}
    assert story["flood-vilniusdaily-0310"] == story["flood-bns-0310"] == "flood-bns-0310 (2)"
    assert story["flood-lrt-0312"] == ""
    question = "How many residents of the Šilutė district did rising water in the Nemunas delta force to evacuate?"
    early = json.loads(cli("ask", "--json", "--until", "2025-03-10", question).output)
    assert early["citations"] and all(c["date"] <= "2025-03-10" for c in early["citations"])
    empty = cli("ask", "--since", "2030", question)
    assert empty.exit_code == 2 and "no stored article is dated since 2030" in empty.output
    backwards = cli("eval", "--until", "2025-01-01", "--since", "2025-02-01", str(stories))
    assert backwards.exit_code == 2 and "--since 2025-02-01 is after --until 2025-01-01" in backwards.output
