from ingest.chunking import window_chunks
from ingest.segment import split_sentences

TEXT = "Pirmas. Antras. Trečias. Ketvirtas. Penktas."


def test_one_centred_window_per_sentence():
    sentences = split_sentences("a", TEXT, "lt")
    chunks = window_chunks("a", TEXT, sentences, 3)
    assert [c.id for c in chunks] == [f"a#c{i}" for i in range(5)]
    assert chunks[0].sentence_ids == ("a#s0", "a#s1", "a#s2")  # shifted inwards at the start
    assert chunks[2].sentence_ids == ("a#s1", "a#s2", "a#s3")
    assert chunks[4].sentence_ids == ("a#s2", "a#s3", "a#s4")  # and at the end
    for chunk in chunks:
        assert TEXT[chunk.start : chunk.end] == chunk.text
        assert f"a#s{chunk.index}" in chunk.sentence_ids


def test_short_articles_and_window_of_one():
    sentences = split_sentences("a", "Vienas sakinys.", "lt")
    assert [c.sentence_ids for c in window_chunks("a", "Vienas sakinys.", sentences, 3)] == [("a#s0",)]
    sentences = split_sentences("a", TEXT, "lt")
    assert [c.text for c in window_chunks("a", TEXT, sentences, 1)] == [s.text for s in sentences]
