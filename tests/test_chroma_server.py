"""Scale-out: a real Chroma server (`chroma run`) on loopback shared by several app processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rag.engine import Engine
from rag.eval.evaluate import evaluate, load_questions
from rag.settings import Settings
from tests.conftest import ROOT, SEED_ARTICLE, record_metrics, shared_data
from tests.servers import free_port, running

pytestmark = pytest.mark.real_model


def _rag(url: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "rag.cli", "--chroma-url", url, *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "RAG_ANSWERER": "extractive"})


def _finish(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err[-2000:]
    return out


def _ntrex(folder: Path, first: int, count: int) -> Path:
    folder.mkdir()
    lines = shared_data("ntrex128", "lt.articles.jsonl").read_text(encoding="utf-8").splitlines()[first : first + count]
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_ingest_ask_eval_delete_through_a_chroma_server_from_two_processes(tmp_path, real_embedder):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    chroma = str(Path(sys.executable).with_name("chroma"))
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    with running([chroma, "run", "--path", str(tmp_path / "chroma"), "--host", "127.0.0.1", "--port", str(port)],
                 f"{url}/api/v2/heartbeat", tmp_path / "chroma.log", 60, env=env):
        # two app processes write at the same time
        first, second = _rag(url, "ingest", "--no-progress", str(SEED_ARTICLE)), \
            _rag(url, "ingest", "--no-progress", str(_ntrex(tmp_path / "a", 0, 3)))
        assert "1 added" in _finish(first) and "3 added" in _finish(second)

        engine = Engine(Settings(chroma_url=url, answerer="extractive"), embedder=real_embedder)
        assert len(engine.articles()) == 4
        # a third process ingests while this one answers questions
        third = _rag(url, "ingest", "--no-progress", str(_ntrex(tmp_path / "b", 3, 3)))
        questions = load_questions(shared_data("seed", "questions.jsonl"))
        metrics = evaluate(engine, questions)["metrics"]
        assert "3 added" in _finish(third)
        record_metrics("seed questions over a Chroma server, during another process's ingest", metrics)
        assert metrics["answer_accuracy"] >= 0.85  # the seed alone: 0.875 (docs/reader.md)
        assert len(engine.articles()) == 7
        # the same articles in an embedded store answer exactly alike: the server changes nothing else
        embedded = Engine(Settings(store=tmp_path / "embedded", answerer="extractive"), embedder=real_embedder)
        embedded.ingest([SEED_ARTICLE, tmp_path / "a", tmp_path / "b"])
        again = evaluate(engine, questions)["results"]
        local = evaluate(embedded, questions)["results"]
        assert [(r["answer"], [c["sentence_id"] for c in r["citations"]]) for r in again] == \
            [(r["answer"], [c["sentence_id"] for c in r["citations"]]) for r in local]

        # (the English "how many troops were sent?" is refused beside these NTREX articles: docs/reader.md)
        troops = "Kiek karių Šiaurės Korėja nusiuntė į Rusiją?"
        answer = engine.ask(troops)
        assert "10 tūkst. karių" in answer.citations[0].text
        assert "10 tūkst. karių" in _finish(_rag(url, "ask", troops))
        deleted = engine.delete(str(SEED_ARTICLE))
        assert len(deleted) == 1 and len(engine.articles()) == 6
        assert all("10 tūkst" not in c.text for c in engine.ask(troops).citations)
        listed = _finish(_rag(url, "list"))
        assert listed.startswith("# 6 articles")
