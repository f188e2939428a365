"""kill -9 a real `rag ingest` at several points; the store stays usable and the rerun completes it exactly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from rag.engine import Engine
from rag.settings import Settings
from rag.store.chroma import Store
from rag.store.lock import OWNER_NAME
from tests.conftest import ROOT, record_metrics, shared_data

pytestmark = pytest.mark.real_model
# when to kill, as fractions of the time a whole ingest of the same articles takes on this machine, counted
# from the moment the ingest process took the store (model loaded, about to read): fixed seconds would miss
# the writes on a faster or slower CPU
KILL_AT_FRACTIONS = (0.05, 0.4, 0.75)
EMBED_GROUP = "8"  # embed and store one article at a time, so kills land between and inside article writes


def _articles(folder, count: int):
    folder.mkdir()
    lines = shared_data("ntrex128", "lt.articles.jsonl").read_text(encoding="utf-8").splitlines()[:count]
    for i, line in enumerate(lines):
        (folder / f"part{i}.jsonl").write_text(line + "\n", encoding="utf-8")
    return folder


def _rows(store_path) -> dict:
    store = Store(store_path, Settings().collection)
    sentences = store.sentences.get(include=["metadatas"])
    chunks = store.chunks.get(include=["metadatas"])
    visible = store.visible()
    complete = {a: sum(1 for m in sentences["metadatas"] if m["article_id"] == a and m["content_hash"] == h)
                for a, h in visible.items()}
    expected = {a.id: a.sentences for a in store.list_articles()}
    return {"sentence_ids": sorted(sentences["ids"]), "chunk_ids": sorted(chunks["ids"]),
            "visible_complete": complete == expected, "visible": len(visible)}


def _ingest_process(store_path, folder):
    return subprocess.Popen([sys.executable, "-m", "rag.cli", "--store", str(store_path), "ingest", "--no-progress",
                             str(folder)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "RAG_ANSWERER": "extractive", "RAG_EMBED_GROUP_TEXTS": EMBED_GROUP})


def test_ingest_killed_at_several_points_is_completed_by_the_rerun(tmp_path, real_embedder):
    folder = _articles(tmp_path / "articles", 6)
    reference = Engine(Settings(store=tmp_path / "reference", answerer="extractive"), embedder=real_embedder)
    started = time.monotonic()
    assert not reference.ingest([folder]).errors
    whole_ingest = time.monotonic() - started
    expected = _rows(tmp_path / "reference")

    store_path = tmp_path / "store"
    observed = []
    for delay in (round(fraction * whole_ingest, 2) for fraction in KILL_AT_FRACTIONS):
        (store_path / OWNER_NAME).unlink(missing_ok=True)
        process = _ingest_process(store_path, folder)
        deadline = time.monotonic() + 120
        while not (store_path / OWNER_NAME).exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(delay)
        finished = process.poll() is not None
        process.send_signal(signal.SIGKILL)
        process.wait()
        state = _rows(store_path)
        assert state["visible_complete"], f"killed after {delay}s: a visible article is incomplete"
        observed.append({"killed_after_s": delay, "finished_before_kill": finished,
                         "visible_articles": state["visible"], "sentence_rows": len(state["sentence_ids"])})

    process = _ingest_process(store_path, folder)
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    final = _rows(store_path)
    record_metrics("kill -9 during ingest", {"runs": json.dumps(observed), "final": out.strip().splitlines()[-1]})
    assert final == expected  # same rows, same ids: nothing missing, nothing duplicated
    assert any(not o["finished_before_kill"] for o in observed)  # at least one kill hit a running ingest
    assert any(0 < o["visible_articles"] < 6 for o in observed)  # and one landed after some articles were stored
    engine = Engine(Settings(store=store_path, answerer="extractive"), embedder=real_embedder)
    assert len(engine.articles()) == 6
