from rag.retrieval.conversation import is_follow_up, retrieval_query
from tests.conftest import SEED_ARTICLE


def test_follow_ups_are_searched_with_the_previous_question():
    history = ["how many troops were sent?"]
    assert retrieval_query("and did Moscow confirm it?", history) == "how many troops were sent? and did Moscow confirm it?"
    assert retrieval_query("Ar Maskva tai patvirtino?", history).startswith("how many troops")
    standalone = "Which Russian minister visited Pyongyang on Friday?"
    assert not is_follow_up(standalone)
    assert retrieval_query(standalone, history) == standalone
    assert not is_follow_up("What is the capital of Australia?")
    assert is_follow_up("why?")
    assert retrieval_query("and did Moscow confirm it?", []) == "and did Moscow confirm it?"


def test_engine_uses_the_conversation_for_follow_ups(fake_engine):
    fake_engine.ingest([SEED_ARTICLE])
    alone = fake_engine.ask("ir patvirtino?")
    followed = fake_engine.ask("ir patvirtino?", ["Ar Pchenjanas ar Maskva oficialiai patvirtino karių judėjimą?"])
    assert followed.citations and "oficialiai nepatvirtino" in followed.citations[0].text
    assert alone.question == followed.question == "ir patvirtino?"


def test_delete_by_id_or_path(fake_engine, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Pirmas straipsnis apie miestą. Antras sakinys.")
    fake_engine.ingest([path, SEED_ARTICLE])
    [by_path] = [a.id for a in fake_engine.articles() if a.source_path == str(path.resolve())]
    assert fake_engine.delete(str(path)) == [by_path]
    remaining = fake_engine.articles()
    assert [a.date for a in remaining] == ["2024-11"]
    assert fake_engine.delete(remaining[0].id) == [remaining[0].id]
    assert fake_engine.articles() == [] and fake_engine.store.count() == {"chunks": 0, "sentences": 0}
    assert fake_engine.delete("no-such-id") == []
