from ingest.chunking import chunk_of_sentence, sentence_chunks
from ingest.segment import split_sentences

TEXT = "Pirmas. Antras. Trečias. Ketvirtas. Penktas. Šeštas. Septintas."


def test_every_sentence_in_exactly_one_chunk_of_near_equal_runs():
    sentences = split_sentences("a", TEXT, "lt")
    chunks = sentence_chunks("a", TEXT, sentences, 3)
    assert [c.id for c in chunks] == ["a#c0", "a#c1", "a#c2"]
    assert [len(c.sentence_ids) for c in chunks] == [3, 2, 2]  # 7 sentences: no lonely last sentence
    assert [sid for c in chunks for sid in c.sentence_ids] == [s.id for s in sentences]
    for chunk in chunks:
        assert TEXT[chunk.start : chunk.end] == chunk.text
    assert chunk_of_sentence(chunks) == {"a#s0": 0, "a#s1": 0, "a#s2": 0, "a#s3": 1, "a#s4": 1, "a#s5": 2, "a#s6": 2}


def test_short_articles_and_chunks_of_one():
    sentences = split_sentences("a", "Vienas sakinys.", "lt")
    assert [c.sentence_ids for c in sentence_chunks("a", "Vienas sakinys.", sentences, 3)] == [("a#s0",)]
    sentences = split_sentences("a", TEXT, "lt")
    assert [c.text for c in sentence_chunks("a", TEXT, sentences, 1)] == [s.text for s in sentences]
