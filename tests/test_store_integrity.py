"""Nothing lost, nothing duplicated: atomic replace, recovery after a crash, one writer, renamed files."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from rag.engine import Engine
from rag.store.lock import StoreBusy, WriterLock
from tests.conftest import ROOT, fake_settings
from tests.fakes import FakeEmbedder, fake_reader_model

OLD = "date 2024-11 Laivynas išsiuntė 42 laivus. Uoste buvo ramu. Orai buvo geri. Žvejai liko namie."
NEW = "date 2024-12 Laivynas išsiuntė 50 laivų. Uoste buvo neramu. Lijo visą dieną."


def _visible_texts(engine: Engine) -> set[str]:
    return {text for _, text, _ in engine.store.all_sentences()}


def _evidence_texts(engine: Engine, question: str) -> set[str]:
    from rag.models.embedder import embed_query

    return {e.text for e in engine.retriever.evidence(question, embed_query(engine.embedder, question))}


def _sentences_of(text: str) -> set[str]:
    from ingest.segment import split_sentences

    return {s.text for s in split_sentences("x", text.split(" ", 2)[2], "lt")}


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "docs" / "laivai.txt"
    path.parent.mkdir()
    path.write_text(OLD, encoding="utf-8")
    return path


def test_readers_see_the_old_or_the_new_version_never_both_or_neither(fake_engine, article):
    fake_engine.ingest([article])
    old, new = _sentences_of(OLD), _sentences_of(NEW)
    assert _visible_texts(fake_engine) == old
    store, seen = fake_engine.store, []

    def check(step):
        def wrapped(*args, **kwargs):
            texts = _visible_texts(fake_engine)
            found = _evidence_texts(fake_engine, "Kiek laivų išsiuntė laivynas?")
            assert texts in (old, new), (step, texts)
            assert found <= texts, (step, found)
            seen.append(step)
            return original[step](*args, **kwargs)
        return wrapped

    original = {"add rows": store._add, "manifest": store._mark, "delete rows": store._delete_rows}
    store._add, store._mark, store._delete_rows = check("add rows"), check("manifest"), check("delete rows")
    article.write_text(NEW, encoding="utf-8")
    report = fake_engine.ingest([article])
    assert report.replaced and set(seen) == set(original)
    assert _visible_texts(fake_engine) == new
    assert fake_engine.store.count() == {"sentences": 3, "chunks": 1}


@pytest.mark.parametrize("crash_at", ["add chunks", "manifest flip", "delete old rows"])
def test_a_write_interrupted_at_any_step_is_finished_by_the_next_run(fake_engine, article, crash_at):
    fake_engine.ingest([article])
    old, new = _sentences_of(OLD), _sentences_of(NEW)
    store = fake_engine.store
    real = {"add": store._add, "manifest": store._mark, "delete": store._delete_rows}
    calls = {"manifest": 0}

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("killed")

    def manifest(*args, **kwargs):
        calls["manifest"] += 1
        if crash_at == "manifest flip" and calls["manifest"] == 2:
            crash()
        return real["manifest"](*args, **kwargs)

    def add(kind, nodes):
        if crash_at == "add chunks" and kind == "chunks":
            crash()
        return real["add"](kind, nodes)

    store._add = add
    if crash_at == "delete old rows":
        store._delete_rows = crash
    store._mark = manifest
    article.write_text(NEW, encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        fake_engine.ingest([article])
    assert _visible_texts(fake_engine) == (new if crash_at == "delete old rows" else old)
    store._add, store._mark, store._delete_rows = real["add"], real["manifest"], real["delete"]

    again = fake_engine.ingest([article])
    assert again.recovered == [fake_engine.articles()[0].id]
    assert _visible_texts(fake_engine) == new
    assert fake_engine.store.count() == {"sentences": 3, "chunks": 1}  # nothing of the old version left
    assert fake_engine.ingest([article]).unchanged  # and a third run has nothing to do


def test_an_interrupted_delete_is_finished(fake_engine, article):
    fake_engine.ingest([article])
    store = fake_engine.store
    real = store._delete_rows
    store._delete_rows = lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt("killed"))
    with pytest.raises(KeyboardInterrupt):
        fake_engine.delete(str(article))
    assert fake_engine.articles() == [] and _visible_texts(fake_engine) == set()  # gone for readers at once
    store._delete_rows = real
    assert fake_engine.store.recover(older_than=3600) == []  # on a server: maybe another writer's, still at work
    assert fake_engine.store.recover()
    assert fake_engine.store.count() == {"sentences": 0, "chunks": 0}


def test_a_renamed_file_is_recognised_by_its_text(fake_engine, article):
    fake_engine.ingest([article])
    moved = article.with_name("laivai-2024.txt")
    article.rename(moved)
    report = fake_engine.ingest([moved.parent])
    assert report.renamed == [f"{article.resolve()} -> {moved.resolve()}"]
    [stored] = fake_engine.articles()
    assert stored.source_path == str(moved.resolve())
    assert fake_engine.store.count() == {"sentences": 4, "chunks": 2}


def test_a_copy_is_not_a_rename(fake_engine, article):
    fake_engine.ingest([article])
    (article.parent / "copy.txt").write_text(OLD, encoding="utf-8")
    report = fake_engine.ingest([article.parent])
    assert not report.renamed and len(report.added) == 1 and len(fake_engine.articles()) == 2


def test_a_second_writer_waits_then_fails_naming_the_owner(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from rag.store.lock import WriterLock; "
         "lock = WriterLock(Path(sys.argv[1]), 0); lock.hold('test holder'); print('held', flush=True); time.sleep(60)", str(tmp_path / "store")],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        said = []
        lock = WriterLock(tmp_path / "store", 0.5, say=said.append)
        started = time.monotonic()
        with pytest.raises(StoreBusy, match=rf"in use by pid {holder.pid} \(test holder\)"):
            with lock:
                pass
        assert time.monotonic() - started >= 0.5 and "waiting up to 0.5 s" in said[0]
        engine = Engine(fake_settings(tmp_path, lock_wait=0.2), embedder=FakeEmbedder(), reader_model=fake_reader_model())
        with pytest.raises(StoreBusy):
            engine.ingest([tmp_path])
    finally:
        holder.kill()
        holder.wait()
    with WriterLock(tmp_path / "store", 5):  # the lock dies with its process, even by kill -9
        pass


def test_one_process_writes_from_several_threads(fake_engine, tmp_path):
    import threading

    folders = []
    for i in range(4):
        folder = tmp_path / f"f{i}"
        folder.mkdir()
        (folder / "a.txt").write_text(f"date 2024-11 Straipsnis {i}. Jame yra sakinys numeris {i}.", encoding="utf-8")
        folders.append(folder)
    fake_engine.hold_store()
    threads = [threading.Thread(target=fake_engine.ingest, args=([f],)) for f in folders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(fake_engine.articles()) == 4 and fake_engine.store.count()["sentences"] == 8
