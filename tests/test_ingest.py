import shutil

from tests.conftest import SEED_ARTICLE


def test_reingesting_unchanged_files_adds_nothing(fake_engine, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_ARTICLE, folder)
    first = fake_engine.ingest([folder])
    assert len(first.added) == 1 and first.sentences == 16 and not first.errors
    counts = fake_engine.store.count()
    assert counts == {"sentences": 16, "chunks": 6}
    calls = fake_engine.embedder.calls
    second = fake_engine.ingest([folder])
    assert (second.added, second.replaced, len(second.unchanged)) == ([], [], 1)
    assert fake_engine.store.count() == counts
    assert fake_engine.embedder.calls == calls  # nothing re-embedded


def test_changed_file_replaces_its_old_chunks(fake_engine, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("date 2024-11 Pirmas sakinys apie karius. Antras sakinys apie raketas. Trečias sakinys.")
    fake_engine.ingest([path])
    path.write_text("date 2024-12 Naujas sakinys apie derybas. Kitas sakinys.")
    report = fake_engine.ingest([path])
    assert len(report.replaced) == 1
    assert fake_engine.store.count() == {"sentences": 2, "chunks": 1}
    [article] = fake_engine.store.list_articles()
    assert (article.date, article.sentences) == ("2024-12", 2)
    answer = fake_engine.ask("karius raketas")
    assert all("karius" not in c.text for c in answer.citations)


def test_bad_files_are_reported_and_the_rest_is_ingested(fake_engine, tmp_path):
    (tmp_path / "good.txt").write_text("Geras straipsnis apie miestą. Jame du sakiniai.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.txt").write_bytes(bytes(range(128, 256)) * 4)  # not text in any encoding
    report = fake_engine.ingest([tmp_path, tmp_path / "nope.md"])
    assert len(report.added) == 1
    assert len(report.errors) == 3
    assert all("\n" not in e for e in report.errors)
    assert fake_engine.store.count()["sentences"] == 2


def test_store_persists_across_engines(fake_engine, tmp_path):
    from rag.engine import Engine
    from tests.fakes import FakeEmbedder, fake_reader_model

    fake_engine.ingest([SEED_ARTICLE])
    del fake_engine
    again = Engine(fake_settings_for(tmp_path), embedder=FakeEmbedder(), reader_model=fake_reader_model())
    assert again.store.count()["sentences"] == 16
    assert [a.date for a in again.store.list_articles()] == ["2024-11"]


def fake_settings_for(tmp_path):
    from tests.conftest import fake_settings

    return fake_settings(tmp_path)


def test_passage_vectors_come_back_in_input_order():
    import numpy as np

    from rag.models.embedder import embed_passages
    from tests.fakes import FakeEmbedder, hash_vector

    texts = ["ilgas ilgas ilgas sakinys apie karius", "trumpas", "vidutinis sakinys"]
    assert np.allclose(embed_passages(FakeEmbedder(), texts), np.array([hash_vector(t) for t in texts]))


def test_a_folder_of_thousands_of_files(fake_engine, tmp_path):
    folder = tmp_path / "many"
    (folder / "deep" / "er").mkdir(parents=True)
    for i in range(3000):
        (folder / ("deep/er" if i % 2 else "") / f"other{i}.dat").write_text("x")
    for i in range(40):
        (folder / "deep" / f"a{i:02d}.txt").write_text(f"Straipsnis numeris {i}. Jame {i} laivai ir antras sakinys.")
    report = fake_engine.ingest([folder])
    assert len(report.added) == 40 and not report.errors and fake_engine.store.count()["sentences"] == 80
    assert len(fake_engine.ingest([folder]).unchanged) == 40


def test_late_chunking_embeds_each_chunk_once_and_reingests_when_switched(tmp_path):
    from rag.engine import Engine
    from tests.conftest import fake_settings
    from tests.fakes import FakeEmbedder, fake_reader_model

    settings = fake_settings(tmp_path).model_copy(update={"late_chunking": True})
    engine = Engine(settings, embedder=FakeEmbedder(), reader_model=fake_reader_model())
    report = engine.ingest([SEED_ARTICLE])
    assert report.sentences == 16 and engine.store.count() == {"sentences": 16, "chunks": 6}
    assert engine.embedder.calls == 6  # one encoder pass per chunk, none per sentence
    answer = engine.ask("Kiek karių Šiaurės Korėja nusiuntė į Rusiją?")
    assert answer.citations and answer.citations[0].sentence_id.endswith("#s6")
    separate = Engine(settings.model_copy(update={"late_chunking": False}), embedder=FakeEmbedder(),
                      reader_model=fake_reader_model())
    assert len(separate.ingest([SEED_ARTICLE]).replaced) == 1  # vectors made another way: embedded again
