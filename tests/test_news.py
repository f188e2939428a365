"""News behaviours with the fake embedder: date ranges, copies of one story, reports that agree or disagree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.fingerprints import article_signature, load_signature, sentence_key
from rag.engine import QuestionError
from rag.news.dates import DateError, DateRange
from rag.news.recency import asks_for_latest
from rag.news.stories import story_groups
from rag.store.chroma import StoredArticle, newest_first
from tests.conftest import shared_data

STORIES = Path(__file__).resolve().parent / "data" / "stories"


def _articles(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write(folder: Path, name: str, records: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


def test_date_ranges_take_partial_dates_and_leave_undated_articles_out():
    march = DateRange.parse("2025-03", "2025-03-12")
    assert march.contains("2025-03-01") and march.contains("2025-03-12") and not march.contains("2025-03-13")
    assert march.contains("2025-03") and march.contains("2025") and not march.contains("2025-02-28")
    assert not march.contains("")  # nothing shows an undated article was published then
    assert DateRange.parse("", "").contains("") and not DateRange.parse("", "")
    assert march.describe() == "from 2025-03 to 2025-03-12"
    for since, until in (("2025-13-01", ""), ("yesterday", ""), ("2025-02-30", ""), ("2025-04", "2025-03-31")):
        with pytest.raises(DateError):
            DateRange.parse(since, until)


def test_latest_questions_are_recognised_in_english_and_lithuanian():
    assert asks_for_latest("How many residents have been evacuated so far?")
    assert asks_for_latest("What is the latest estimate of the damage?")
    assert asks_for_latest("Kiek gyventojų dabar evakuota?")
    assert not asks_for_latest("How many residents were evacuated on Monday?")


def test_copies_and_versions_of_one_story_are_grouped_and_independent_reports_are_not():
    articles = _articles(STORIES / "articles.jsonl")
    signatures = {a["id"]: article_signature(a["text"]) for a in articles}
    groups = story_groups(signatures, {a["id"]: a["date"] for a in articles}, 0.5)
    together = {frozenset(i for i in groups if groups[i] == g) for g in set(groups.values())}
    assert frozenset({"flood-bns-0310", "flood-vilniusdaily-0310"}) in together  # a verbatim syndicated copy
    assert frozenset({"jobs-bbd-0402", "jobs-bbd-0403"}) in together  # the corrected version of a story
    assert sum(len(g) > 1 for g in together) == 2  # other outlets' reports of the same events stay apart
    assert groups["jobs-bbd-0403"] == "jobs-bbd-0402"  # a group is named by its earliest article
    signature = load_signature(signatures["flood-bns-0310"])
    assert signature.jaccard(load_signature(signatures["flood-vilniusdaily-0310"])) == 1.0
    assert load_signature("not a signature") is None


def test_the_sixty_development_articles_are_sixty_stories():
    articles = _articles(shared_data("ntrex128", "lt.articles.jsonl"))
    groups = story_groups({a["id"]: article_signature(a["text"]) for a in articles}, {}, 0.5)
    assert len(set(groups.values())) == len(articles) == 60


def test_sentence_keys_ignore_case_accents_quotes_and_spacing():
    assert sentence_key("„Medena“ atleis 250 darbuotojų.") == sentence_key('"medena"  atleis 250 darbuotoju')
    assert sentence_key("Medena will cut 250 jobs.") != sentence_key("Medena will cut 300 jobs.")


def test_listing_is_newest_first_and_undated_last():
    def article(i, date, title="t"):
        return StoredArticle(i, title, date, "en", "", "", 1, "h")

    listed = newest_first([article("a", "2024-01-02"), article("b", ""), article("c", "2025-03"),
                           article("d", "2025-03-14", "z"), article("e", "2025-03-14", "b")])
    assert [a.id for a in listed] == ["e", "d", "c", "a", "b"]


@pytest.fixture
def stories(tmp_path):
    """The story set in a fake-embedder store (the fake's answerability bar lowered to its weaker similarities)."""
    from rag.engine import Engine
    from tests.conftest import fake_settings
    from tests.fakes import FakeEmbedder, fake_reader_model

    engine = Engine(fake_settings(tmp_path), embedder=FakeEmbedder(), reader_model=fake_reader_model(0.1))
    report = engine.ingest([STORIES / "articles.jsonl"])
    assert not report.errors
    return engine


def test_groups_show_in_the_store_and_survive_a_restart(stories):
    from rag.engine import Engine

    groups = stories.stories()
    assert groups["flood-vilniusdaily-0310"] == groups["flood-bns-0310"] == "flood-bns-0310"
    again = Engine(stories.settings, embedder=stories.embedder, reader_model=stories.reader_model)
    assert again.stories() == groups  # read from the signatures stored at ingest
    assert [a.id for a in stories.articles()][:2] == ["bridge-tbt-0520", "bridge-kd-0506"]


def test_a_copied_sentence_is_evidence_once_and_its_citation_names_the_copies(stories):
    answer = stories.ask("How many rescuers and boats were working in the area?")
    assert not answer.abstained
    cited = answer.citations[0]
    assert "35 rescuers" in cited.text
    other = {"flood-bns-0310", "flood-vilniusdaily-0310"} - {cited.article_id}
    assert cited.article_id == "flood-bns-0310" or cited.article_id == "flood-vilniusdaily-0310"
    assert set(cited.also_in) == other
    keys = [sentence_key(c.text) for c in answer.citations]
    assert len(keys) == len(set(keys))
    vector = stories.query_embedder.get_query_embedding("How many rescuers and boats were working?")
    import numpy as np

    pool = stories.retriever.evidence("How many rescuers and boats were working?", np.array(vector), "en")
    pool_keys = [sentence_key(e.text) for e in pool]
    assert len(pool_keys) == len(set(pool_keys))  # never two copies of one sentence among the candidates


def test_a_date_range_restricts_the_evidence(stories):
    early = stories.ask("How many residents were evacuated?", dates=DateRange.parse("", "2025-03-10"))
    assert not early.abstained and all(c.date <= "2025-03-10" for c in early.citations)
    assert "120" in early.answer
    later = stories.ask("How many residents were evacuated?", dates=DateRange.parse("2025-03-15", ""))
    assert not later.abstained and all(c.date >= "2025-03-15" for c in later.citations)
    assert "410" in later.answer and "120" not in later.answer
    with pytest.raises(QuestionError, match="no stored article is dated since 2026"):
        stories.ask("How many residents were evacuated?", dates=DateRange.parse("2026", ""))


def test_reports_that_disagree_are_all_shown_newest_first(fake_engine, tmp_path):
    path = _write(tmp_path / "in", "storm.jsonl", [
        {"id": "storm-1", "title": "Storm hits the coast", "source": "AP", "date": "2018-10-01", "lang": "en",
         "text": "The storm has killed 832 people on the coast, officials said.\nRoads were closed."},
        {"id": "storm-2", "title": "Storm toll rises", "source": "Reuters", "date": "2018-10-04", "lang": "en",
         "text": "Officials said the storm has killed 1,234 people on the coast.\nPower was restored."},
    ])
    fake_engine.ingest([path])
    answer = fake_engine.ask("How many people has the storm killed on the coast?")
    assert answer.reports == "differ", answer.answer
    first = answer.answer.split("\n")[0]
    assert first.index("1,234") < first.index("832")  # newest first
    assert "Reuters, 2018-10-04" in first and "AP, 2018-10-01" in first
    assert [c.article_id for c in answer.citations] == ["storm-2", "storm-1"]
    for c in answer.citations:  # each marker's span is the value it stands for
        assert c.text[c.span[0]:c.span[1]] in first
    latest = fake_engine.ask("How many people has the storm killed on the coast so far?")
    assert latest.reports == "latest" and latest.answer.startswith(
        "Latest: 1,234 people (Reuters, 2018-10-04) [1]; earlier: 832 people (AP, 2018-10-01) [2]\n")
    dated = fake_engine.ask("How many people has the storm killed on the coast?", dates=DateRange.parse("", "2018-10-02"))
    assert dated.reports == "" and "832" in dated.answer and "1,234" not in dated.answer


def test_independent_reports_that_agree_are_counted_but_copies_are_not(fake_engine, tmp_path):
    text = "The new bridge will cost 40 million euros, the city said."
    path = _write(tmp_path / "in", "bridge.jsonl", [
        {"id": "b-1", "title": "Bridge plan", "source": "LRT", "date": "2024-05-01", "lang": "en",
         "text": f"{text}\nWork starts in spring."},
        {"id": "b-2", "title": "Bridge plan (copy)", "source": "Daily", "date": "2024-05-01", "lang": "en",
         "text": f"{text}\nWork starts in spring."},
        {"id": "b-3", "title": "Bridge approved", "source": "BNS", "date": "2024-05-03", "lang": "en",
         "text": "Councillors approved the bridge, which will cost 40 million euros.\nVoting was close."},
    ])
    fake_engine.ingest([path])
    answer = fake_engine.ask("How much will the new bridge cost?")
    assert answer.reports == "agree", answer.answer
    assert "reported by 2 articles" in answer.answer.split("\n")[0]  # b-1 and b-2 are one story
    assert len({c.article_id for c in answer.citations}) == len(answer.citations) == 2
    copied = next(c for c in answer.citations if c.text == text)
    assert len(copied.also_in) == 1


def test_every_article_naming_the_person_in_the_asked_role_reports_them(fake_engine, tmp_path):
    path = _write(tmp_path / "in", "flood.jsonl", [
        {"id": "f-1", "title": "Flood in Šilutė", "source": "BNS", "date": "2025-03-10", "lang": "en",
         "text": "Šilutė district mayor Vytautas Laurinaitis said rescue teams were using boats.\nRoads were closed."},
        {"id": "f-2", "title": "Volunteers thanked", "source": "LRT English", "date": "2025-03-15", "lang": "en",
         "text": "The water is falling.\nMayor Vytautas Laurinaitis thanked volunteers who filled sandbags."},
        {"id": "f-3", "title": "Farm visit", "source": "15min", "date": "2025-03-14", "lang": "en",
         "text": "The water is falling.\nVytautas Laurinaitis visited a flooded farm near Rusnė."},  # no role named
    ])
    fake_engine.ingest([path])
    answer = fake_engine.ask("Who is the mayor of the Šilutė district?")
    first = answer.answer.split("\n")[0]
    assert answer.reports == "agree" and "reported by 2 articles" in first, answer.answer
    assert {c.article_id for c in answer.citations} == {"f-1", "f-2"}
    thanked = next(c for c in answer.citations if c.article_id == "f-2")
    assert thanked.text[thanked.span[0]:thanked.span[1]] == "Vytautas Laurinaitis"  # the name, not "Mayor"


def test_bad_dates_are_one_line_errors(tmp_path):
    from typer.testing import CliRunner

    from rag.cli import _overrides, app

    _overrides.clear()
    result = CliRunner().invoke(app, ["--store", str(tmp_path / "s"), "ask", "--since", "2025-13-01", "hi"])
    assert result.exit_code == 2
    assert result.output.strip() == "error: --since '2025-13-01' is not a date: use YYYY-MM-DD (or YYYY-MM, YYYY)"
    _overrides.clear()


def test_the_number_of_agreeing_articles_is_written_with_the_languages_plural():
    from rag.answer.compare import _reported_by

    assert _reported_by(2, "en") == "reported by 2 articles"
    assert [_reported_by(n, "lt") for n in (2, 10, 21)] == [
        "tą patį skelbia 2 straipsniai", "tą patį skelbia 10 straipsnių", "tą patį skelbia 21 straipsnis"]
    assert _reported_by(3, "xx") == "reported by 3 articles"  # no prompt and no CLDR rules: English


def test_a_sentence_echoes_another_that_says_the_same_thing_in_another_language():
    from rag.news.reports import echo
    from rag.reader.features import Candidate
    from rag.reader.terms import Lexicon
    from rag.retrieval.retriever import Evidence

    def candidate(text, lang):
        evidence = Evidence("a#s1", "a", "", "", "", lang, text, 0, 1, "a#c0", text, ("a#s1",), 0.0, 0.0, 0.0)
        return Candidate(evidence, (), [], {})

    lexicon = Lexicon({("en", "lt"): {"bridge": ["tiltas"], "traffic": ["eismas"], "reopen": ["atverti"]},
                       ("lt", "en"): {"tiltas": ["bridge"], "eismas": ["traffic"], "atverti": ["reopen"]}})
    english = candidate("The Aleksotas bridge in Kaunas will reopen to traffic on July 1.", "en")
    same = candidate("Aleksoto tiltas Kaune eismui bus atvertas birželio 15 d.", "lt")
    other = candidate("Rangovė darbus pradėjo kovo mėnesį.", "lt")
    assert echo(english, same, lexicon) >= 0.5 > 0.1 >= echo(english, other, lexicon)
    # figures, scale words and currencies are the value, not what it is about
    aid = candidate("The government promised 2 million euros in aid.", "en")
    damage = candidate("Žala siekia 5 mln. eurų.", "lt")
    assert echo(aid, damage, lexicon) == 0.0


def test_figures_of_one_thing_for_different_events_are_not_reports_that_differ():
    from rag.news.reports import says_what_choice_says
    from rag.reader.features import Candidate
    from rag.reader.question import analyse
    from rag.retrieval.retriever import Evidence

    def candidate(text):
        evidence = Evidence("a#s1", "a", "", "", "", "lt", text, 0, 1, "a#c0", text, ("a#s1",), 0.0, 0.0, 0.0)
        return Candidate(evidence, (), [], {})

    question = analyse("Maždaug kiek žmonių buvo evakuota Palu mieste?", "lt")
    evacuated = candidate("Apie 16 700 žmonių buvo evakuoti į 24 Palu esančius centrus.")
    living = candidate("Palu miestas, kuriame gyvena daugiau nei 380 000 žmonių, buvo nuklotas nuolaužomis.")
    later = candidate("Iš viso evakuota jau 20 000 žmonių.")
    assert not says_what_choice_says(question, evacuated, living)  # people living there, not evacuated
    assert says_what_choice_says(question, evacuated, later)


def test_a_sentence_in_another_language_that_holds_the_question_s_words_reports_on_it():
    from rag.news.reports import says_what_question_asks
    from rag.reader.features import Candidate
    from rag.reader.question import analyse
    from rag.reader.terms import Lexicon
    from rag.retrieval.retriever import Evidence

    def candidate(text, lang):
        evidence = Evidence("a#s1", "a", "", "", "", lang, text, 0, 1, "a#c0", text, ("a#s1",), 0.0, 0.0, 0.0)
        return Candidate(evidence, (), [], {})

    lexicon = Lexicon({("lt", "en"): {"potvynis": ["flood"], "žala": ["damage"], "padaryti": ["do", "make"]},
                       ("en", "lt"): {"estimate": ["kaina"], "damage": ["žala", "kaina"], "flood": ["potvynis"]}})
    question = analyse("Kokia potvynio padaryta žala?", "lt")
    chosen = candidate("Savivaldybės skaičiavimais, potvynio padaryta žala siekia apie 5 mln. eurų.", "lt")
    english = candidate("Floodwater is receding, but the damage is now estimated at 7 million euros.", "en")
    aid = candidate("The government promised 2 million euros in aid to flood victims.", "en")
    assert says_what_question_asks(question, chosen, english, lexicon)  # "padaryta" is the one word missed
    assert not says_what_question_asks(question, chosen, aid, lexicon)  # a flood, but no damage
    # one word of the sentence counts for one word of the question: "kainuos" is not both the estimate and the damage
    asked = analyse("What is the latest estimate of the flood damage?")
    flood = candidate("Floodwater is receding, but the damage is now estimated at 7 million euros.", "en")
    bridge = candidate("Remonto darbai kainuos 4,2 mln. eurų.", "lt")
    assert not says_what_question_asks(asked, flood, bridge, lexicon)
