"""The reader's parts with small inputs: question analysis, typed spans, cross-language word keys, the
tree evaluator, the word-list reader, and the features that decide which sentence answers."""

import gzip
import io
import tarfile

import numpy as np
import pytest

from rag.reader import spans as typed
from rag.reader import terms
from rag.reader.features import candidate_features, feature_names
from rag.reader.question import AnswerType, analyse, answer_type
from rag.retrieval.retriever import Evidence


@pytest.mark.parametrize("question,kind", [
    ("how many troops were sent?", AnswerType.QUANTITY),
    ("Kiek Šiaurės Korėjos karių yra Rusijoje?", AnswerType.QUANTITY),
    ("Keliose parduotuvėse „Sainsbury's“ išbandys didesnius grožio skyrius?", AnswerType.QUANTITY),
    ("Per kelias dienas jie grįžo?", AnswerType.QUANTITY),
    ("How much money did North Korea pay Russia for the air defence systems?", AnswerType.MONEY),
    ("How much did Sainsbury's get when it sold its pharmacy business to Celesio?", AnswerType.MONEY),
    ("What is the unemployment rate in Macedonia?", AnswerType.PERCENT),
    ("How old was the woman found stabbed to death in Birkenhead?", AnswerType.AGE),
    ("For how long were the beaches closed after the shark attack?", AnswerType.DURATION),
    ("How much time was left in the game when Denver took the score to 24-10?", AnswerType.DURATION),
    ("In what year was St. Martin's church badly damaged by fire?", AnswerType.DATE),
    ("In which month was the mutual defence treaty signed?", AnswerType.DATE),
    ("In which minute did Daniel Sturridge equalise?", AnswerType.QUANTITY),
    ("Which Russian minister visited Pyongyang?", AnswerType.PERSON),
    ("Who did Gary Holt replace as Livingston's head coach?", AnswerType.PERSON),
    ("Kokia agentūra pranešė apie susitikimą?", AnswerType.ORGANISATION),
    ("Which neighbouring country is Macedonia's naming dispute with?", AnswerType.PLACE),
    ("Which hurricane passed within 40 miles of the Arizona border in 1967?", AnswerType.NAME),
    ("Did Pyongyang or Moscow officially confirm the troop movements?", AnswerType.YES_NO),
    ("Why did Ariana Grande drop out of her Saturday Night Live appearance?", AnswerType.REASON),
    ("What is the latest estimate of the flood damage?", AnswerType.MONEY),
    ("Kokia potvynio padaryta žala?", AnswerType.MONEY),
    ("Which bridge are buses using while the Aleksotas bridge is closed?", AnswerType.PLACE),
])
def test_answer_types(question, kind):
    assert answer_type(question) is kind


def test_question_parts():
    q = analyse("How many new HIV cases did China report in the second quarter of 2018?")
    assert q.focus == "new HIV cases" and "China" in q.names and {2018.0} in q.numbers and q.ordinals == (2,)
    assert "China" not in q.predicate and "report" in q.predicate
    assert analyse("How heavy was the hog that killed the farmer in Guizhou?").focus == "weight"
    # Lithuanian: the genitive plural after "kiek", not the verb or the name after it
    assert analyse("Kiek darbuotojų atleis „Medena“?", "lt").focus == "darbuotojų"
    assert analyse("Kiek naujų ŽIV atvejų užregistruota?", "lt").focus == "naujų ŽIV atvejų"
    assert analyse("Kiek kainuos naujasis stadionas?", "lt").focus == ""
    assert analyse("Kiek Šiaurės Korėjos karių yra Rusijoje?", "lt").focus == "karių"
    assert "year" in analyse("In what year was the church damaged by fire?").words  # not a stop word here
    # "buvo" is "was": no more a word to find in the answer than the English auxiliary
    assert "buvo" not in analyse("Kiek laiko po ryklio užpuolimo buvo uždaryti paplūdimiai?", "lt").words
    assert "bus" in analyse("How many bus routes were cut?").words  # Lithuanian "bus" (will be) is an English word
    follow_up = analyse("and did Moscow confirm it?", "en", context="how many troops did North Korea send?")
    assert follow_up.answer_type is AnswerType.YES_NO and {"Moscow", "North Korea"} <= set(follow_up.names)


def test_lithuanian_keli_asks_how_many_of_the_word_it_agrees_with():
    stores = analyse("Keliose parduotuvėse „Sainsbury's“ išbandys didesnius grožio skyrius?", "lt")
    assert stores.focus == "parduotuvėse" and stores.counts_things and "Keliose" not in stores.names
    road = analyse("Kuris kelias buvo uždarytas?", "lt")  # "kelias" is also a road
    assert road.answer_type is not AnswerType.QUANTITY and not road.counts_things


def _kinds(text, lang):
    return [(s.kind, s.text) for s in typed.typed_spans(text, lang)]


def test_typed_spans_in_lithuanian_news():
    troops = typed.typed_spans("Šiaurės Korėja į Rusiją nusiuntė daugiau kaip 10 tūkst. karių, o kai kurie kovoja.", "lt")
    number = next(s for s in troops if s.kind == "number")
    assert number.values == {10000.0} and "karių" in number.context
    assert ("year", "1939") in _kinds("1939 m. pastatą labai nuniokojo gaisras.", "lt")
    assert ("age", "44") in _kinds("44 metų moteris buvo rasta 7.55 val. prie namo.", "lt")
    assert ("money", "125 mln.") in _kinds("Ji už 125 mln. svarų sterlingų pardavė verslą.", "lt")
    assert ("number", "1,100") in _kinds("Medena employs about 1,100 people in Lithuania.", "en")  # "lit" is no litas here
    assert ("percent", "20") in _kinds("Nedarbo lygis siekia daugiau negu 20 procentų.", "lt")
    assert ("duration", "48") in _kinds("Pareigūnai 48 valandoms uždarė paplūdimį.", "lt")
    assert ("number", "65") in _kinds("Aguero 65-ąją minutę įvartį įmušė.", "lt")
    assert ("number", "šeši") in _kinds("Šeštadienį šeši žmonės buvo suimti.", "lt")
    assert ("place", "Graikija") in _kinds("Ginčas su kaimynine Graikija tęsiasi.", "lt")
    assert ("reason", "dėl") in _kinds("Ji atšaukė pasirodymą dėl emocinių priežasčių.", "lt")


def test_spanish_of_before_a_number_is_no_age():
    assert ("number", "38") in _kinds("En 1915, Edison recibió una propuesta de 38 posibles.", "es")
    assert ("age", "86") in _kinds("Murió a la edad de 86 años.", "es")
    assert ("age", "86") in _kinds("Se retiró a los 86.", "es")


def test_spans_that_fit_an_answer_type():
    spans = typed.typed_spans("The fund raised $2 billion in 2015 from 40 investors.", "en")
    assert [s.text for s in typed.fits(spans, AnswerType.MONEY)] == ["$2 billion"]
    assert [s.text for s in typed.fits(spans, AnswerType.DATE)] == ["2015"]
    assert "$2 billion" in [s.text for s in typed.fits(spans, AnswerType.QUANTITY)]


@pytest.mark.parametrize("a,la,b,lb", [
    ("Mickelson", "en", "Mickelsonas", "lt"), ("Cromwell", "en", "Kromvelio", "lt"), ("Miller", "en", "Milerį", "lt"),
    ("Belousov", "en", "Belousovo", "lt"), ("Cromwell", "en", "Кромвель", "ru"), ("Syria", "en", "Sirijoje", "lt"),
])
def test_names_match_across_languages_and_inflections(a, la, b, lb):
    assert terms.key_in(terms.word_key(a, la), terms.text_keys(f"apie {b} rašoma", lb))


def test_unrelated_words_do_not_match():
    assert not terms.key_in(terms.word_key("Moscow", "en"), terms.text_keys("Pchenjanas ir Seulas", "lt"))


@pytest.mark.parametrize("name,text", [
    ("Luke Kuechly", "были выбраны Томас Дэвис и Люк Кикли."),  # a vowel of another sound, "ch" written "к"
    ("Josh Norman", "корнербэку Джошу Норману"),  # "j" written "дж", in the dative
    ("Lady Gaga", "Леди Гага исполнила государственный гимн"),
    ("Johann Esch", "о казни Иоганна Эша"),  # "h" written "г", "sch" written "ш"
])
def test_names_transliterated_into_cyrillic_are_found_by_their_sound(name, text):
    assert terms.name_coverage(terms.name_forms(name, "en", ("ru",)), terms.text_keys(text, "ru")) == 1.0


def test_sounds_match_names_only_not_common_words_or_latin_text():
    lady = terms.name_forms("Lady Gaga", "en", ("ru",))
    assert terms.name_coverage(lady, terms.text_keys("много людей пришли", "ru")) == 0.0  # "людей" sounds "ld"
    kuechly = terms.name_forms("Kuechly", "en", ("de",))
    assert terms.name_coverage(kuechly, terms.text_keys("Kikl spielte", "de")) == 0.0  # Latin text: spelling only


def test_an_english_word_is_found_inside_a_russian_compound_that_transliterates_it():
    keys = terms.text_keys("первую в истории трансатлантическую радиопередачу", "ru")
    assert terms.key_inside(terms.word_key("Atlantic", "en"), keys)  # "atlantik" in "transatlantikhesk…"
    assert terms.key_inside(terms.word_key("radio", "en"), keys)
    assert not terms.key_inside(terms.word_key("ion", "en"), keys)  # too short to tell a part of a word
    question = analyse("Who first sent radio waves across the Atlantic?")
    russian = candidate_features(question, [_evidence("a#s8", "Маркони сделал первую трансатлантическую радиопередачу.",
                                                      0.9, lang="ru")], lambda lang: 0.0)
    assert russian[0].features["words_in_sentence"] > 0
    # in a Latin-script sentence a word is matched as a word, as before, not inside a compound
    latin = candidate_features(question, [_evidence("b#s1", "Der Transatlantikflug ist gelandet.", 0.9, lang="de")],
                               lambda lang: 0.0)
    assert latin[0].features["words_in_sentence"] == 0


def test_country_names_come_from_cldr():
    forms = terms.name_forms("Greece", "en", ("lt",))
    assert terms.name_coverage(forms, terms.text_keys("ginčą su kaimynine Graikija", "lt")) == 1.0
    assert terms.name_coverage(terms.name_forms("New York City", "en", ("lt",)),
                               terms.text_keys("Niujorke temperatūra kils", "lt")) == 1.0


def test_places_are_capitalised_names_not_common_words():
    found = terms.places_in("Kitą savaitę Atėnai tvirtino, kad Graikija ir JAV sutiks.", "lt")
    assert [entity for _start, _end, entity in found] == ["city:Europe/Athens", "territory:GR", "territory:US"]


@pytest.mark.parametrize("text, entity", [
    ("atvyko į Šiaurės Korėją", "territory:KP"),  # the stemmer cuts "Korėją" to "kor" but "koreja" to "korei"
    ("Pietų Korėjos patarėjas", "territory:KR"), ("Jungtinės Valstijos", "territory:US"), ("в России", "territory:RU"),
])
def test_places_are_found_in_every_case_of_their_name(text, entity):
    lang = "ru" if "России" in text else "lt"
    assert [found for _start, _end, found in terms.places_in(text, lang)] == [entity]
    assert not terms.looks_like_person(text.split(" ", 2)[-1] if lang == "lt" else "России", text, lang)


def test_a_question_in_miles_finds_the_translation_in_kilometres():
    question = analyse("Which hurricane passed within 40 miles of the Arizona border in 1967?")
    assert 64.0 in question.numbers[0] and question.numbers[1] == {1967.0}
    assert 3.0 in analyse("What happened 5 km away?").numbers[0]
    assert 9.1 in analyse("How tall is the 30 foot statue?").numbers[0]
    assert analyse("How many of the 40 people left?").numbers[0] == {40.0}  # no unit: as written
    [only] = candidate_features(question, [_evidence("a#s1", "Katrina buvo uraganas, nutolęs 64 kilometrus nuo Arizonos.", 0.5)],
                                lambda lang: 0.0)
    assert only.features["numbers_in_sentence"] == 0.5  # the distance (not the year) is the question's own
    assert [s.text for s in only.answer_spans] == ["Katrina"]  # "64" is no answer


def test_a_first_word_no_dictionary_knows_is_a_name():
    names = lambda text: [s.text for s in typed.typed_spans(text, "lt") if s.kind == "name"]  # noqa: E731
    assert names("Katrina (1967 m.) buvo uraganas, nutolęs nuo Arizonos sienos.") == ["Katrina", "Arizonos"]
    assert names("Uraganas nutolo nuo Arizonos sienos.") == ["Arizonos"]  # a common word, in the dictionary
    assert names("Atsižvelgiant į tai, Arizonos valdžia dirba.") == ["Arizonos"]  # a participle's ending


def test_word_lists_translate_dictionary_forms():
    lexicon = terms.Lexicon({("en", "lt"): {"store": ["parduotuvė"], "take": ["imti"]}})
    assert lexicon.translations("stores", "en", "lt") & terms.text_keys("11 parduotuvių", "lt")
    assert lexicon.translations("took", "en", "lt")  # simplemma: took -> take
    assert not lexicon.translations("stores", "en", "de")


def test_a_one_word_name_is_found_by_the_proper_name_the_word_lists_give_for_it():
    lexicon = terms.Lexicon({("en", "lt"): {"cologne": ["Kelnas"], "rock": ["uola", "roko muzika"],
                                            "aegean": ["Egėjo jūra"]}})
    assert lexicon.name_translations("Cologne", "en", "lt") == {terms.word_key("Kelnas", "lt")}
    assert not lexicon.name_translations("Rock", "en", "lt")  # "Chris Rock" is no cliff: common senses are left out
    assert not lexicon.name_translations("Aegean", "en", "lt")  # "Egėjo" keys to "eg": too short to tell a name
    question = analyse("Why did police keep the crowd from gathering in front of the new Cologne mosque?")
    pool = [_evidence("a#s6", "Policija uždraudė būriuotis priešais mečetę dėl saugumo.", 0.8,
                      title="Erdoganas Kelne buvo sutiktas įvairiai"),
            _evidence("b#s1", "Barselonoje policija sulaikė šešis žmones.", 0.9)]
    found = {c.evidence.sentence_id: c for c in candidate_features(question, pool, lambda lang: 0.0, lexicon=lexicon)}
    assert found["a#s6"].names_found == (True,) and found["b#s1"].names_found == (False,)
    without = {c.evidence.sentence_id: c for c in candidate_features(question, pool, lambda lang: 0.0)}
    assert without["a#s6"].names_found == (False,)


def test_a_name_chinese_text_may_write_by_sound_or_meaning_is_unknown_there_not_absent():
    lexicon = terms.Lexicon({("en", "zh"): {"Denver": ["丹佛"]}})
    pool = [_evidence("a#s1", "库克利在比赛中有118次擒抱。", 0.9, lang="zh"),
            _evidence("b#s1", "丹佛野马队赢得了比赛。", 0.8, lang="zh")]
    # no Chinese form of "Kuechly" is known: the Chinese chunks can neither show nor rule it out
    found = candidate_features(analyse("How many tackles did Luke Kuechly register?"), pool, lambda lang: 0.0,
                               lexicon=lexicon)
    assert all(c.features["names_min_in_chunk"] == -1.0 and c.features["names"] == 0.0 for c in found)
    # "Denver" has a Chinese form, so a Chinese chunk without it does not speak of Denver
    found = {c.evidence.sentence_id: c for c in candidate_features(
        analyse("Who did Denver beat?"), pool, lambda lang: 0.0, lexicon=lexicon)}
    assert found["a#s1"].features["names_min_in_chunk"] == 0.0 and found["b#s1"].features["names_min_in_chunk"] == 1.0
    # a Latin-script chunk shows a name absent as before
    latin = candidate_features(analyse("How many tackles did Luke Kuechly register?"),
                               [_evidence("c#s1", "Thomas Davis hatte 105 Tackles.", 0.9, lang="de")], lambda lang: 0.0)
    assert latin[0].features["names_min_in_chunk"] == 0.0


def test_two_question_words_the_word_lists_give_as_one_phrase_match_its_translation():
    lexicon = terms.Lexicon({("en", "lt"): {"take part": ["dalyvauti"], "take": ["imti"], "part": ["dalis"]}})
    assert lexicon.phrase_translations("took", "part", "en", "lt") == {terms.word_key("dalyvauti", "lt")}
    question = analyse("How many prisoners took part in the disturbance?")
    pool = [_evidence("a#s1", "Suirutėje dalyvauja aštuoni kaliniai.", 0.5),
            _evidence("a#s2", "Kalėjime laikomi 500 kalinių.", 0.9)]
    found = {c.evidence.sentence_id: c for c in candidate_features(question, pool, lambda lang: 0.0, lexicon=lexicon)}
    assert found["a#s1"].features["words_count_in_sentence"] == 2  # "took" and "part", by "dalyvauja"
    apart = analyse("How many prisoners took the part of the building?")  # not the phrase: "took … part"
    found = {c.evidence.sentence_id: c for c in candidate_features(apart, pool, lambda lang: 0.0, lexicon=lexicon)}
    assert found["a#s1"].features["words_count_in_sentence"] == 0


def test_keyed_indexes_of_other_lists_or_key_code_are_removed(tmp_path):
    from rag.models.lexicons import index_cache, lexicon_path

    lexicon_path(tmp_path).write_text("{}", encoding="utf-8")
    old = tmp_path / "keyed-00000000-0000000000000000-lt-en.json"
    old.write_text("{}", encoding="utf-8")
    prefix = index_cache(tmp_path)
    current = prefix.with_name(f"{prefix.name}-lt-en.json")
    current.write_text("{}", encoding="utf-8")
    assert index_cache(tmp_path) == prefix
    assert not old.exists() and current.exists() and lexicon_path(tmp_path).exists()


def test_dictd_and_deb_reading():
    from rag.models.lexicons import _ar_members, _dictd_files, parse_dictd

    body = "store /stɔː/ <n>\n1. parduotuvė, (ret.) sandėlis\n2. atsarga\n".encode()
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    index = f"00-database-info\tA\tB\nstore\tA\t{digits[len(body) // 64]}{digits[len(body) % 64]}\n"
    assert parse_dictd(index, body) == {"store": ["atsarga", "parduotuvė", "sandėlis"]}
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w:gz") as tar:
        for name, payload in (("./usr/share/dictd/x.index", index.encode()), ("./usr/share/dictd/x.dict.dz", gzip.compress(body))):
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
    member = data.getvalue()
    header = f"{'data.tar.gz/':<16}{'0':<12}{'0':<6}{'0':<6}{'100644':<8}{len(member):<10}`\n".encode()
    deb = b"!<arch>\n" + header + member + (b"\n" if len(member) % 2 else b"")
    assert set(_ar_members(deb)) == {"data.tar.gz"}
    assert _dictd_files(deb, "x") == (index, body)


def test_dictd_pieces_that_are_no_translation_are_dropped():
    from rag.models.lexicons import parse_dictd

    body = 'sing /sɪŋ/\nsingen, sie singt, "I sing" - ich singe, bˈɛv, jdm. etw. vorsingen\n'.encode()
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    index = f"sing\tA\t{digits[len(body) // 64]}{digits[len(body) % 64]}\n"
    assert parse_dictd(index, body) == {"sing": ["sie singt", "singen"]}


def test_a_huge_list_is_cut_to_the_vocabulary_the_others_share():
    from rag.models.lexicons import common_vocabulary

    pairs = {"en-lt": {"treaty": ["sutartis"]}, "en-es": {"month": ["mes"]}, "lt-en": {"sing": ["dainuoti"]}}
    german = {"treaty": ["Vertrag"], "month": ["Monat"], "sing": ["singen"], "zymurgy": ["Gärungschemie"]}
    assert common_vocabulary(german, pairs, "en") == {"treaty": ["Vertrag"], "month": ["Monat"]}


def test_a_word_english_lithuanian_lacks_takes_what_two_pivot_languages_agree_on():
    from rag.models.lexicons import PIVOTS, fill_through_pivots

    direct = {"month": ["mėnuo"]}
    backward = {"statula": ["statue"]}  # "statue" is known: Lithuanian-English gives it
    french = ({"treaty": ["traité"], "troop": ["troupe"], "statue": ["statue"]},
              {"traité": ["sutartis"], "troupe": ["trupė"], "statue": ["statula"]})
    finnish = ({"treaty": ["sopimus"], "troop": ["joukko"]}, {"sopimus": ["sutartis", "susitarimas"], "joukko": ["aibė"]})
    filled = fill_through_pivots(direct, backward, [french, finnish])
    assert filled == {"month": ["mėnuo"], "treaty": ["sutartis"]}  # one pivot alone ("troop" -> "aibė", a set) is not trusted
    assert direct == {"month": ["mėnuo"]}
    # each pivot is an English-X list and the X-Lithuanian one, pinned in the Debian archive
    ways = PIVOTS["lt"]
    assert [(to_pivot.source, to_pivot.target) for to_pivot, _ in ways] == [("en", x) for x in ("fr", "it", "nl", "fi", "el")]
    assert all((to_lt.source, to_lt.target) == (to_pivot.target, "lt") for to_pivot, to_lt in ways)
    assert all(to_lt.url.endswith(f"/freedict-wikdict/{to_lt.package}_2022.12.07-2_all.deb") for _, to_lt in ways)


def test_cedict_glosses_read_backwards():
    from rag.models.lexicons import parse_cedict

    lines = ["條約 条约 [tiao2 yue1] /treaty/pact/CL:個|个[ge4]/",
             "簽署 签署 [qian1 shu3] /to sign (an agreement)/",
             "特斯拉 特斯拉 [Te4 si1 la1] /Nikola Tesla (1856-1943), Serbian inventor and engineer/",
             "丹佛 丹佛 [Dan1 fo2] /Denver, Colorado/",
             "北卡羅來納 北卡罗来纳 [Bei3 Ka3 luo2 lai2 na4] /North Carolina, US state/",
             "豹 豹 [bao4] /leopard/panther/"]  # one character stands for too much: left out
    assert parse_cedict(lines) == {"treaty": ["条约"], "pact": ["条约"], "sign": ["签署"],
                                   "Nikola Tesla": ["特斯拉"], "Tesla": ["特斯拉"], "Denver": ["丹佛"],
                                   "North Carolina": ["北卡罗来纳"]}


def test_chinese_words_are_found_without_spaces():
    from rag.reader import terms

    keys = terms.text_keys("两国签署了条约。", "zh")
    assert {"条约", "签署", "两国"} <= keys and terms.word_key("条约", "zh") == "条约"
    lexicon = terms.Lexicon({("en", "zh"): {"treaty": ["条约"], "Denver": ["丹佛"], "rock": ["岩石"]}})
    assert lexicon.translations("treaty", "en", "zh") & keys == {"条约"}
    assert lexicon.name_translations("Denver", "en", "zh") == {"丹佛"}
    assert lexicon.name_translations("Rock", "en", "zh") == frozenset()  # a common word's sense is no name


def test_tree_evaluator_agrees_with_lightgbm():
    import lightgbm  # in the test extra

    from rag.reader.trees import TreeEnsemble

    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 5))
    y = (X[:, 0] + X[:, 1] * X[:, 2] > 0).astype(int)
    booster = lightgbm.train({"objective": "binary", "verbose": -1, "num_leaves": 7, "deterministic": True,
                              "num_threads": 1}, lightgbm.Dataset(X, y), num_boost_round=20)
    ours = TreeEnsemble(TreeEnsemble.from_lightgbm(booster.dump_model()).to_json())
    assert np.allclose(ours.predict(X), booster.predict(X, raw_score=True), atol=1e-4)


def _candidates(question, pool):
    """The reader's candidates for `pool` by sentence id (no background similarity)."""
    return {c.evidence.sentence_id: c for c in candidate_features(question, pool, lambda lang: 0.0)}


def _evidence(sid, text, score, title="Title", chunk=None, lang="lt", chunk_id=None):
    return Evidence(sid, sid.split("#")[0], title, "", "src", lang, text, 0, len(text), chunk_id or sid + "c", chunk or text,
                    (sid,), score, score, score, index=int(sid.split("#s")[1]))


def test_a_place_opening_a_team_s_name_is_no_answer():
    question = analyse("Where will LeBron make his Lakers debut?")
    pool = [_evidence("a#s1", "Gerbėjai pamatys, kaip LeBronas Jamesas pradės sezoną Los Andželo „Lakers“.", 0.9),
            _evidence("a#s2", "Jamesas žais atidarymo varžybose su Denverio „Nuggets“ San Diege.", 0.8)]
    found = _candidates(question, pool)
    assert [s.text for s in found["a#s1"].answer_spans] == []  # the team's name, not where it plays
    assert ("place", "Denverio") not in [(s.kind, s.text) for s in found["a#s2"].answer_spans]  # another team's
    assert "San Diege" in [s.text for s in found["a#s2"].answer_spans]
    place = _candidates(question, [_evidence("a#s3", "Jamesas žais Denveryje.", 0.8)])["a#s3"]
    assert [s.text for s in place.answer_spans] == ["Denveryje"]


def test_features_mark_headings_and_answers_the_question_already_holds():
    question = analyse("How many people were evacuated in Palu?")
    pool = [_evidence("a#s0", "Palu evakuacija", 0.9, title="Palu evakuacija"),
            _evidence("a#s1", "Apie 16 700 žmonių buvo evakuoti į 24 Palu centrus.", 0.8),
            _evidence("a#s2", "Palu miestas yra didelis.", 0.85)]
    found = _candidates(question, pool)
    assert found["a#s0"].features["heading"] == 1.0 and found["a#s1"].features["heading"] == 0.0
    assert found["a#s1"].features["answer_spans"] == 2 and found["a#s2"].features["answer_spans"] == 0
    assert found["a#s1"].features["names_in_sentence"] == 1.0
    year = analyse("How many people died in 2018?")
    [only] = candidate_features(year, [_evidence("b#s1", "2018 metais", 0.5)], lambda lang: 0.0)
    assert only.features["answer_spans"] == 0  # the year is the question's own, not an answer
    assert list(found["a#s1"].features) == feature_names()


def test_a_name_sharing_a_common_word_with_the_question_can_still_answer_it():
    """"Tiltų statyba" (a company) shares a stem with the question's "tiltą" (bridge), not with its names."""
    question = analyse("Kuri bendrovė remontuoja Aleksoto tiltą?", "lt")
    pool = [_evidence("a#s1", "Darbus kovo mėnesį pradėjo rangovė bendrovė „Tiltų statyba“.", 0.8),
            _evidence("a#s2", "Aleksoto tiltas bus atvertas birželį.", 0.8)]
    found = _candidates(question, pool)
    assert [s.text for s in found["a#s1"].answer_spans] == ["Tiltų statyba"]
    assert not found["a#s2"].answer_spans  # "Aleksoto" is the question's own name


@pytest.mark.parametrize("question, lang, kind", [
    ("Which neighbouring country is Macedonia's dispute with?", "en", "country"),
    ("Kurioje šalyje įvyko sprogimas?", "lt", "country"),
    ("Which city hosted the games?", "en", "city"),
    ("Where were the residents housed?", "en", ""),
])
def test_place_questions_say_which_kind_of_place_they_ask_for(question, lang, kind):
    assert analyse(question, lang).place_kind == kind


@pytest.mark.parametrize("text, lang, places", [
    ("Jis pažadėjo „Tlatelolco“ aikštėje niekada nenaudoti kariuomenės.", "lt", ["Tlatelolco"]),
    ("Jis kalbėjo Tlatelolco aikštės gynėjams.", "lt", []),  # of the square, not where: no locative
    ("Jonas Petraitis pasakė, kad bus šilta.", "lt", []),
    ("Buses will continue to use the Vytautas the Great bridge until then.", "en", ["Vytautas the Great"]),
    ("He spoke on Tlatelolco Plaza.", "en", ["Tlatelolco Plaza"]),
    ("John Smith said it would rain.", "en", []),
    ("Der Internationale Flughafen von San Diego hat eine Bahn.", "de", ["Internationale Flughafen von San Diego"]),
    ("Sie trafen sich am Alexanderplatz.", "de", ["Alexanderplatz"]),
])
def test_a_name_that_says_which_kind_of_place_it_is_is_a_place(text, lang, places):
    assert [s.text for s in typed.typed_spans(text, lang) if s.kind == "place"] == places


def test_a_where_question_reads_first_the_sentence_of_the_passage_that_names_the_place():
    from rag.reader.reader import promote_covering_holder

    question = analyse("Where did López Obrador promise never to use the army against Mexicans?")
    lead = _evidence("a#s0", "Lópezas Obradoras pažadėjo niekada nenaudoti kariuomenės prieš civilius.", 0.9, chunk_id="a#c0")
    square = _evidence("a#s1", "Lópezas Obradoras „Tlatelolco“ aikštėje pažadėjo nenaudoti kariuomenės.", 0.8,
                       chunk_id="a#c0")
    elsewhere = _evidence("b#s1", "Lópezas Obradoras „Tlatelolco“ aikštėje pažadėjo nenaudoti kariuomenės.", 0.8)
    found = _candidates(question, [lead, square, elsewhere])
    assert promote_covering_holder(question, [found["a#s0"], found["a#s1"]], [0, 1]) == [1, 0]
    assert promote_covering_holder(question, [found["a#s0"], found["b#s1"]], [0, 1]) == [0, 1]  # another passage
    unnamed = _evidence("a#s2", "Jis „Tlatelolco“ aikštėje kalbėjo.", 0.8, chunk_id="a#c0")  # says less of the question
    found = _candidates(question, [lead, unnamed])
    assert promote_covering_holder(question, [found["a#s0"], found["a#s2"]], [0, 1]) == [0, 1]
    who = analyse("How many soldiers did López Obrador promise?")  # not a question for a name
    found = _candidates(who, [lead, square])
    assert promote_covering_holder(who, [found["a#s0"], found["a#s1"]], [0, 1]) == [0, 1]


def test_a_why_question_reads_first_the_sentence_of_the_passage_that_gives_a_cause():
    from rag.reader.reader import promote_covering_holder

    question = analyse("Why is Medena cutting jobs?")
    lead = _evidence("a#s0", "Medena will cut 250 jobs at its Kaunas plant.", 0.9, chunk_id="a#c0", lang="en")
    cause = _evidence("a#s1", "The company blamed falling orders from Germany.", 0.5, chunk_id="a#c0", lang="en")
    delay = _evidence("a#s2", "The contractor said the delay was caused by corroded steel.", 0.5, lang="en")
    found = _candidates(question, [lead, cause, delay])
    assert [s.text for s in found["a#s1"].answer_spans] == ["blamed"]
    assert [s.text for s in found["a#s2"].answer_spans] == ["caused by"]
    # the cause's sentence names the company only as "the company": the passage is enough
    assert promote_covering_holder(question, [found["a#s0"], found["a#s1"]], [0, 1]) == [1, 0]
    assert promote_covering_holder(question, [found["a#s0"], found["a#s2"]], [0, 1]) == [0, 1]  # another passage


def test_a_year_question_is_answered_by_a_year_not_a_weekday():
    question = analyse("Since what year has the Popocatepetl volcano been active?")
    assert question.asks_year and not analyse("When did the volcano erupt?").asks_year
    assert analyse("Kuriais metais buvo pastatyta bažnyčia?", "lt").asks_year
    pool = [_evidence("a#s1", "Ugnikalnis šeštadienį suaktyvėjo.", 0.9),
            _evidence("a#s2", "Ugnikalnis yra aktyvus nuo 1994 m.", 0.5)]
    found = _candidates(question, pool)
    assert found["a#s1"].features["answer_spans_loose"] == 0  # a weekday is a date, not a year
    assert [s.text for s in found["a#s2"].answer_spans] == ["1994"]


def test_a_month_question_is_answered_by_a_month_not_a_year():
    """"1986" named no month: the EU's treaties out-ranked the seed's June treaty once XQuAD-R was ingested."""
    question = analyse("In which month was the mutual defence treaty signed?")
    assert question.asks_month and not question.asks_year and not analyse("When was it signed?").asks_month
    assert analyse("Kurį mėnesį buvo pasirašyta sutartis?", "lt").asks_month
    pool = [_evidence("a#s1", "Major amending treaties were signed in the Single European Act 1986.", 0.9, lang="en"),
            _evidence("a#s2", "Birželio mėnesį Kim Jong Unas ir Vladimiras Putinas pasirašė sutartį.", 0.5),
            _evidence("a#s3", "The treaty was signed on 7 February 1992 in Maastricht.", 0.4, lang="en")]
    found = _candidates(question, pool)
    assert found["a#s1"].features["answer_spans_loose"] == 0  # a year alone names no month
    assert [s.text for s in found["a#s2"].answer_spans] == ["Birželio"]
    assert [s.text for s in found["a#s3"].answer_spans] == ["February"]


@pytest.mark.parametrize("sentence,cause", [
    ("Holly Willoughby nutraukė sandorį, kad sutelktų dėmesį į naujas sutartis.", "kad"),  # a purpose
    ("Jis teigė, kad dalyvautų 2020 metų kampanijoje.", None),  # a reported thought, no cause
    ("Sakė, kad lyja.", None),
    ("Policija uždraudė būriuotis dėl saugumo.", "dėl"),
])
def test_a_purpose_is_a_cause_and_a_reported_thought_is_not(sentence, cause):
    found = [s.text for s in typed.typed_spans(sentence, "lt") if s.kind == "reason"]
    assert found == ([cause] if cause else [])


def test_a_since_question_is_answered_by_a_date_given_as_a_starting_point():
    question = analyse("Since what year has the Popocatepetl volcano been active?")
    assert question.asks_since and analyse("Nuo kada ugnikalnis aktyvus?", "lt").asks_since
    assert not analyse("In what year was the church damaged?").asks_since
    assert not analyse("How many people have died since 2017?").asks_since  # a count, whatever its since
    pool = [_evidence("a#s1", "Ugnikalnio aktyvumas padidėjo nuo tada, kai 2017 m. rugsėjį sukrėtė žemės drebėjimas.", 0.9),
            _evidence("a#s2", "Ugnikalnis yra aktyvus nuo 1994 m.", 0.5),
            _evidence("b#s1", "The volcano has been active since early 1994, after a quake in 1993.", 0.5, lang="en")]
    found = _candidates(question, pool)
    assert not found["a#s1"].answer_spans  # 2017 is when activity rose, not a starting point of the volcano's
    assert [s.text for s in found["a#s2"].answer_spans] == ["1994"]
    assert [s.text for s in found["b#s1"].answer_spans] == ["1994"]


def test_a_count_of_things_is_answered_by_a_number_and_money_fits_it_only_loosely():
    question = analyse("How many people died in the floods?")
    assert question.counts_things and not analyse("How much damage did the flood cause?").counts_things
    assert analyse("Kiek žmonių žuvo per potvynį?", "lt").counts_things
    pool = [_evidence("a#s1", "Žala siekia 7 mln. eurų.", 0.9), _evidence("a#s2", "Potvynis nusinešė 3 žmonių gyvybes.", 0.5)]
    found = {c.evidence.sentence_id: c.features for c in candidate_features(question, pool, lambda lang: 0.0)}
    assert (found["a#s1"]["answer_spans"], found["a#s1"]["answer_spans_loose"]) == (0.0, 1.0)
    assert found["a#s2"]["answer_spans"] == 1.0


@pytest.mark.parametrize("text, lang, period", [
    ("Kelias į Rusnę turėtų būti atvertas kitą savaitę.", "lt", "kitą savaitę"),
    ("Pompeo will visit Pyongyang next month.", "en", "next month"), ("Pernai jis laimėjo.", "lt", "Pernai")])
def test_periods_counted_from_the_day_of_writing_are_dates(text, lang, period):
    assert ("date", period) in _kinds(text, lang)


def test_the_counted_thing_is_the_word_after_the_number():
    question = analyse("Kiek darbuotojų atleis „Medena“?", "lt")
    pool = [_evidence("a#s1", "Medena employs about 1,100 people in Lithuania.", 0.9, lang="en"),
            _evidence("a#s2", "Bendrovė atleis 250 darbuotojų.", 0.5)]
    lexicon = terms.Lexicon({("lt", "en"): {"darbuotojas": ["employee", "worker"]}})
    found = {c.evidence.sentence_id: c.features for c in candidate_features(question, pool, lambda lang: 0.0,
                                                                            lexicon=lexicon)}
    assert (found["a#s1"]["focus_next_to_number"], found["a#s2"]["focus_next_to_number"]) == (0.0, 1.0)
    temperature = analyse("What temperature could New York reach on Tuesday?", "en")
    [hot] = candidate_features(temperature, [_evidence("b#s1", "Temperatūra gali pasiekti 30 laipsnių.", 0.5)],
                               lambda lang: 0.0)
    assert hot.features["focus_next_to_number"] == 1.0  # a measured thing may stand before its number


def test_the_day_of_a_date_is_no_count_or_sum():
    assert ("day", "1") in _kinds("The bridge will reopen to traffic on July 1, the contractor said.", "en")
    assert ("day", "15") in _kinds("Tiltas bus atvertas birželio 15 d., pranešė savivaldybė.", "lt")
    assert ("money", "15") in _kinds("Jis sumokėjo 15 eurų.", "lt")
    spans = typed.typed_spans("The bridge will reopen on July 1.", "en")
    assert typed.fits(spans, AnswerType.MONEY, loose=True) == []  # "How much will the repairs cost?"


@pytest.mark.parametrize("text, lang, dateline", [
    ("Makedonija, 2018 m. rugsėjo 30 d.", "lt", True),
    ("Rytų laiku vakare, šeštadienį, 2018 m. rugsėjo 29 d.", "lt", True),
    ("WASHINGTON, Saturday, September 29, 2018", "en", True),
    ("Referendumas vyks 2018 m. rugsėjo 30 d.", "lt", False),  # an answer to "when is the referendum?"
    ("Jis gimė Vilniuje, 1980 m. sausio 5 d.", "lt", False),
    ("The treaty was signed in Moscow, in June 2024.", "en", False),
    ("Makedonija, rugsėjo 30 d.", "lt", False),  # no year: not a full date
])
def test_datelines_are_told_from_sentences_that_give_a_date(text, lang, dateline):
    from rag.text.facts import is_dateline

    assert is_dateline(text, lang) is dateline


def test_a_dateline_is_context_never_the_answer():
    question = analyse("Which country won the 2018 FIFA World Cup?")
    pool = [_evidence("a#s1", "Makedonija, 2018 m. rugsėjo 30 d.", 0.9),
            _evidence("a#s2", "Makedonija balsavo referendume dėl šalies pavadinimo.", 0.8)]
    found = _candidates(question, pool)
    assert found["a#s1"].features["heading"] == 1.0 and found["a#s2"].features["heading"] == 0.0


def test_synthetic_questions_name_the_story_when_their_clause_names_nothing():
    from rag.reader.synthetic import question_about, topic_names

    article = ["Police in Barcelona said six people were arrested on Saturday.",
               "Clashes broke out in Barcelona as thousands marched.",
               "Almost 900 people were injured last year after police tried to stop the vote."]
    topic = topic_names(article)
    assert topic[0][0] == "Barcelona"
    question, answer = question_about(article[2], topic)
    assert question.startswith("How many people were injured last year ") and question.endswith(" Barcelona?")
    assert answer.endswith("900")
    assert question_about(article[2])[0] == "How many people were injured last year?"


def _short(question_text, sentence, question_lang="en", lang="lt", focus_follows=None, lexicon=terms.NO_LEXICON):
    from rag.answer.short import short_answer

    question = analyse(question_text, question_lang)
    [candidate] = candidate_features(question, [_evidence("a#s1", sentence, 0.8, lang=lang)], lambda other: 0.0,
                                     lexicon=lexicon)
    if focus_follows is not None:
        candidate.features["focus_next_to_number"] = float(focus_follows)
    return short_answer(question, candidate, question_lang)


@pytest.mark.parametrize("question, sentence, expected, source", [
    ("How many troops were sent?", "Šiaurės Korėja į Rusiją nusiuntė daugiau kaip 10 tūkst. karių.",
     "More than 10,000 troops", "daugiau kaip 10 tūkst."),
    ("How much did Sainsbury's get for its pharmacy business?",
     "„Sainsbury's“ už 125 mln. svarų sterlingų pardavė savo vaistinių verslą.", "£125 million", "125 mln. svarų"),
    ("How much money did the thieves take?", "Vagys pavogė 26 750 JAV dolerių.", "$26,750", "26 750 JAV dolerių"),
    ("How strong was the earthquake?", "Žemės drebėjimas siekė 7,5 balo.", "7.5", "7,5"),
    ("For how long were the beaches closed?", "Pareigūnai 48 valandoms uždarė paplūdimį.", "48 hours", "48 valandoms"),
    ("In which minute did Sturridge score?", "Sturridge'as 89-ąją minutę įmušė įvartį.", "89th minute", "89-ąją"),
    ("What is the unemployment rate?", "Nedarbo lygis siekia daugiau negu 20 procentų.", "More than 20%",
     "daugiau negu 20 procentų"),
    ("How old was the woman?", "44 metų moteris buvo rasta namuose.", "44 years old", "44 metų"),
    ("Which neighbouring country is the dispute with?", "Tai ginčas su kaimynine Graikija.", "Greece", "Graikija"),
    ("In which month was the treaty signed?", "Sutartis pasirašyta lapkričio pradžioje.", "November", "lapkričio"),
    ("Who did Gary Holt replace as head coach?", "Gary Holtas pakeitė Kenny Milerį.", "Kenny Miler", "Kenny Milerį"),
    # of several names, the one person (a country and a quoted newspaper are none)
    ("Who led the Russian delegation?", "Rusijos karinė delegacija, vadovaujama gynybos ministro Andrejaus "
     "Belousovo, atvyko į Šiaurės Korėją.", "Andrejaus Belousovo", "Andrejaus Belousovo"),
    ("Who did Belousov meet?", "A. Belousovas susitiko su Šiaurės Korėjos gynybos ministru No Kwang Cholu (No Kvang "
     "Čolu).", "No Kwang Chol", "No Kwang Cholu"),
    ("Who wrote the column?", "Skiltį „The Sunday Telegraph“ parašė Johnas Goldsmithas.", "John Goldsmith",
     "Johnas Goldsmithas"),
    # of several places, the one country that is not the question's own
    ("Which neighbouring country is Macedonia's naming dispute with?",
     "Tai išspręstų ginčą su Graikija, kuri blokavo jos siekius tapti Europos Sąjungos ir NATO nare.", "Greece",
     "Graikija"),
    # of several numbers, the one with a counted noun after it (a won-lost record, an average and a fraction are not)
    ("How many strikeouts has Scherzer recorded?", "Jo statistika: 18-7, 2,53 ERA ir 300 autų per 220 2/3 kėlinio.",
     "300", "300"),
])
def test_short_answers_are_written_the_askers_way(question, sentence, expected, source):
    short = _short(question, sentence, focus_follows=True if "troops" in question else None)
    assert short is not None and short.text == expected
    assert sentence[short.start:short.end] == source


def test_a_name_after_su_is_given_in_the_nominative():
    """After "su" (with) a name takes the instrumental: "-u" is that of an "-as" name. Asked in English, "w"
    shows the name foreign and the ending goes; asked in Lithuanian, the nominative."""
    sentence = "A. Belousovas susitiko su Šiaurės Korėjos gynybos ministru No Kwang Cholu."
    assert _short("Who did Belousov meet?", sentence).text == "No Kwang Chol"
    assert _short("Su kuo susitiko Belousovas?", sentence, question_lang="lt").text == "No Kwang Cholas"
    quoted = "A. Belousovas susitiko su ministru, o vėliau kalbėjo No Kwang Cholu."  # "su" governs another phrase
    assert _short("Who did Belousov meet?", quoted).text == "No Kwang Cholu"


@pytest.mark.parametrize("question, sentence, expected, source", [
    ("When did Setanta Sports say it would launch?", "此前一天，Setanta Sports证实将于 3月 作为订阅服务推出。", "March", "3月"),
    ("When were the theses published?", "他于10月31日发表了论纲。", "October 31", "10月31日"),
    ("In which month was the treaty signed?", "条约在十二月二十五日签署，历时3个月谈判。", "December 25", "十二月二十五日"),
])
def test_chinese_dates_are_months_not_durations(question, sentence, expected, source):
    """"3月" is March; it was read as "3" of a duration ("月", month), and "10月31日" as two numbers."""
    spans = typed.typed_spans(sentence, "zh")
    assert source in [s.text for s in spans if s.kind == "date"]
    assert not any(s.kind == "duration" for s in spans)
    short = _short(question, sentence, lang="zh")
    assert short is not None and short.text == expected
    assert sentence[short.start:short.end] == source


@pytest.mark.parametrize("sentence, lang, source, value", [
    ("Шестикратный обладатель Грэмми Леди Гага исполнила государственный гимн.", "ru", "Шестикратный", 6),
    ("Они также дважды выиграли кубок.", "ru", "дважды", 2),
    ("Защита похвасталась четырьмя попаданиями в Пробоул.", "ru", "четырьмя", 4),
    ("Die sechsfache Grammy-Gewinnerin sang die Hymne.", "de", "sechsfache", 6),
    ("Die sechsmalige Siegerin sang.", "de", "sechsmalige", 6),
    ("Šešiskartinė čempionė laimėjo.", "lt", "Šešiskartinė", 6),
    ("六次格莱美奖得主女神卡卡献唱了国歌。", "zh", "六", 6),
    ("洛杉矶曾有 两支 美国足球大联盟球队。", "zh", "两", 2),
    ("约两千五百名士兵参战。", "zh", "两千五百", 2500),
    ("约三万多人住在那里。", "zh", "三万", 30000),
])
def test_counts_written_in_words(sentence, lang, source, value):
    """Counts written as words or Chinese numerals are numbers: "Шестикратный" (six-time) answers "How many
    Grammys…", "两支球队" (two teams) "How many teams…"; before, these sentences held no number and were refused."""
    numbers = [s for s in typed.typed_spans(sentence, lang) if s.values]
    assert [(s.text, set(s.values)) for s in numbers] == [(source, {float(value)})]


@pytest.mark.parametrize("sentence, lang", [
    ("他一直在统一这个国家。", "zh"),  # "一" inside words
    ("这是他第一次参赛。", "zh"),  # an ordinal
    ("培顿·曼宁是四分卫。", "zh"),  # "四分卫", quarterback: no count of points
    ("Das Denkmal steht am Markt.", "de"),
    ("Он навестил семью.", "ru"),  # "семью", family, not "seven"
])
def test_words_that_only_look_like_counts(sentence, lang):
    assert not [s for s in typed.typed_spans(sentence, lang) if s.values and s.kind != "date"]


@pytest.mark.parametrize("numeral, value", [("十", 10), ("十二", 12), ("二十一", 21), ("一百零五", 105),
                                            ("两千五百", 2500), ("三万", 30_000), ("五百万", 5_000_000)])
def test_chinese_numerals(numeral, value):
    assert typed.han_count(numeral) == value


@pytest.mark.parametrize("question, sentence, lang, expected", [
    ("How many Grammys has Lady Gaga won?", "Шестикратный обладатель Грэмми Леди Гага исполнила гимн.", "ru", "6"),
    ("How many times has Polonia won the cup?", "Они также дважды выиграли кубок.", "ru", "2"),
    ("How many teams did Los Angeles have?", "从2005年到 2014 年，洛杉矶有 两支 美国足球大联盟球队。", "zh", "2"),
])
def test_a_count_in_words_is_the_short_answer(question, sentence, lang, expected):
    short = _short(question, sentence, lang=lang)
    assert short is not None and short.text == expected


def test_a_where_question_is_answered_by_the_place_something_is_or_goes():
    """"Rusijos" (Russia's delegation) is no location; of "į Šiaurės Korėją" and "į Rusiją", the one beside the
    question's verb ("atvyko", arrived)."""
    sentence = "Rusijos karinė delegacija penktadienį atvyko į Šiaurės Korėją, kai ši pasiuntė į Rusiją karių."
    lexicon = terms.Lexicon({("en", "lt"): {"arrive": ["atvykti", "atvyko"], "send": ["pasiųsti", "pasiuntė"]}})
    short = _short("Where did the delegation arrive?", sentence, lexicon=lexicon)
    assert short.text == "North Korea" and sentence[short.start:short.end] == "Šiaurės Korėją"
    short = _short("Where did North Korea send troops?", sentence, lexicon=lexicon)
    assert short.text == "Russia" and sentence[short.start:short.end] == "Rusiją"


def test_short_answers_in_the_sources_language_are_written_as_in_the_source():
    short = _short("Kiek karių Šiaurės Korėja nusiuntė į Rusiją?",
                   "Šiaurės Korėja į Rusiją nusiuntė daugiau kaip 10 tūkst. karių.", question_lang="lt", focus_follows=True)
    assert short.text == "Daugiau kaip 10 tūkst. karių"


def test_of_several_dates_the_one_beside_the_question_s_verb_answers_when():
    sentence = ("Delegacija, vadovaujama ministro Andrejaus Belousovo, penktadienį atvyko į Šiaurės Korėją, po to, "
                "kai Šiaurės Korėja praėjusį mėnesį pasiuntė į Rusiją karių.")
    lexicon = terms.Lexicon({("en", "lt"): {"arrive": ["atvykti"]}})
    assert _short("When did the delegation arrive?", sentence, lexicon=lexicon).text == "Friday"
    assert _short("When did the delegation arrive?", sentence) is None  # nothing says which: the quote answers


@pytest.mark.parametrize("question, kind", [
    ("What satellite was used when Sky Digital was launched?", AnswerType.OTHER),  # "when" opens a clause
    ("And when did the delegation arrive?", AnswerType.DATE),
    ("What was the time on the clock when Carolina got the ball?", AnswerType.TIME),
])
def test_when_asks_for_a_time_only_among_the_first_words(question, kind):
    assert answer_type(question) is kind


def test_a_quoted_common_word_is_no_english_short_answer():
    question, sentence = ("What do Moscow and Pyongyang call NATO's expansion?",
                          "Tai, ką Maskva ir Pchenjanas vadina „beatodairišku“ NATO veržimusi į rytus.")
    assert _short(question, sentence) is None  # untranslated, it would not be English: the quote answers
    assert _short(question, sentence, question_lang="lt").text == "Beatodairišku"


def test_questions_without_a_typed_answer_get_no_short_answer():
    assert _short("Why did Holly Willoughby leave the brand?", "Ji neturi laiko šiam prekės ženklui.") is None
    assert _short("How many troops were sent?", "Delegacija atvyko į Pchenjaną.") is None  # no number to give


def test_a_question_asking_for_a_value_needs_a_sentence_that_holds_one():
    from rag.reader.reader import asked_value_missing

    pool = [_evidence("a#s1", "Rusija tiekia Šiaurės Korėjai oro gynybos sistemas.", 0.9),
            _evidence("a#s2", "Šiaurės Korėja sumokėjo 20 mln. dolerių.", 0.5),
            _evidence("a#s3", "Jie laimėjo taurę du kartus.", 0.5)]
    money = analyse("How much money did North Korea pay for the systems?")
    found = _candidates(money, pool)
    assert asked_value_missing(money, found["a#s1"]) and not asked_value_missing(money, found["a#s2"])
    who = analyse("Who was the leader when the Franks entered the valley?")  # a person, not a date
    assert who.answer_type == AnswerType.PERSON
    assert not asked_value_missing(who, candidate_features(who, pool[:1], lambda lang: 0.0)[0])
    twice = analyse("How many times has Polonia won the cup?")
    english = [_evidence("b#s1", "They won the cup twice as well.", 0.5, lang="en")]
    assert not asked_value_missing(twice, candidate_features(twice, english, lambda lang: 0.0)[0])


@pytest.mark.parametrize("question, sentence", [
    # a bare figure is no sum of money: 3,000 products
    ("How much money is Sainsbury's putting into its beauty aisles?",
     "„Sainsbury's“ dvigubins savo grožio asortimentą iki 3 000 gaminių."),
    # a count of people is no sum of money
    ("How many suspects took part in the theft?", "Vagys pavogė 26 750 JAV dolerių iš bankomato."),
    ("How many people died in the floods?", "The damage is now estimated at 7 million euros."),
])
def test_a_value_of_another_kind_does_not_answer(question, sentence):
    from rag.reader.reader import asked_value_missing, refusal_reason

    asked = analyse(question)
    lang = "en" if sentence.startswith("The") else "lt"
    best = candidate_features(asked, [_evidence("a#s1", sentence, 0.9, lang=lang)], lambda lang: 0.0)[0]
    assert best.answer_spans  # it holds a value, loosely
    assert asked_value_missing(asked, best)
    assert refusal_reason(asked, best, 0.9).startswith("missing-type:")


def test_a_share_answers_a_question_counting_part_of_a_group():
    from rag.reader.reader import asked_value_missing

    asked = analyse("How many of the electorate would need to vote for it?")
    sentence = "At least 40% of the total electorate would need to vote in favour."
    best = candidate_features(asked, [_evidence("a#s1", sentence, 0.9, lang="en")], lambda lang: 0.0)[0]
    assert not asked_value_missing(asked, best)


def test_a_value_question_reads_first_the_best_sentence_that_holds_a_value():
    from rag.reader.reader import promote_value_holder

    pool = [_evidence("a#s1", "Šv. Martyno bažnyčią perėmė juodųjų kongregacija.", 0.9),
            _evidence("a#s2", "Bažnyčia garsi savo kariljonu.", 0.8),
            _evidence("a#s3", "1939 m. pastatą labai nuniokojo gaisras.", 0.5)]
    year = analyse("In what year was St. Martin's church badly damaged by fire?")
    lexicon = terms.Lexicon({("en", "lt"): {"fire": ["gaisras"]}})
    features = [c.features for c in candidate_features(year, pool, lambda lang: 0.0, lexicon=lexicon)]
    assert promote_value_holder(year, features, [0, 1, 2]) == [2, 0, 1]
    assert promote_value_holder(year, [features[2], features[0]], [2, 0]) == [2, 0]  # the best holds one already
    # a year in a sentence that says nothing of the question is no answer
    unrelated = [c.features for c in candidate_features(year, pool[:2] + [
        _evidence("b#s1", "1952 m. čia buvo atidarytas stadionas.", 0.5)], lambda lang: 0.0, lexicon=lexicon)]
    assert promote_value_holder(year, unrelated, [0, 1, 2]) == [0, 1, 2]
    who = analyse("Who took over St. Martin's church?")  # no value asked: the ranker's order stays
    features = [c.features for c in candidate_features(who, pool, lambda lang: 0.0)]
    assert promote_value_holder(who, features, [0, 1, 2]) == [0, 1, 2]
    no_value = [c.features for c in candidate_features(year, pool[:2], lambda lang: 0.0)]
    assert promote_value_holder(year, no_value, [0, 1]) == [0, 1]  # nobody holds one: refused later


@pytest.mark.parametrize("question, wrong, right, answer", [
    ("What was the score at half-time in Ayr's match against Melrose?",  # two tries are no score
     "Du vėlyvi bandymai iškreipė galutinius rezultatus.", "Jis padėjo „Ayr“ atsiplėšti rezultatu 17:5.", "17:5"),
    ("In which minute did Sergio Aguero score against Brighton?",  # the final score is no minute
     "„Manchester City“ laimėjo rezultatu 2:0.", "Aguero 65-ąją minutę įvartį įmušė lengvai.", "65"),
])
def test_a_score_question_takes_a_score_and_an_ordinal_one_a_number_beside_its_unit(question, wrong, right, answer):
    found = _candidates(analyse(question), [_evidence("a#s1", wrong, 0.9), _evidence("a#s2", right, 0.5)])
    assert found["a#s1"].features["answer_spans_loose"] == 0
    assert [s.text for s in found["a#s2"].answer_spans] == [answer]


def test_score_and_ordinal_unit_questions_are_recognised():
    assert analyse("What was the score at half-time?").asks_score and not analyse("How many goals did Ayr score?").asks_score
    assert analyse("Kokiu rezultatu baigėsi rungtynės?", "lt").asks_score
    assert analyse("In which minute did Aguero score?").ordinal_unit == "minute"
    assert analyse("Kelintą minutę Aguero įmušė įvartį?", "lt").ordinal_unit


def test_a_large_number_after_reached_is_a_count_not_an_age():
    viewers = [s for s in typed.typed_spans("ABC, sulaukusi 3,26 mln. žiūrovų, buvo antroje vietoje.", "lt") if s.values]
    assert [s.kind for s in viewers] == ["number"]
    [age] = [s for s in typed.typed_spans("Ji mirė sulaukusi 87 metų.", "lt") if s.values]
    assert age.kind == "age"


def test_month_names_are_matched_by_their_endings_only():
    from rag.text.facts import calendar_facts

    assert calendar_facts("šalies grožio lieka balsais pavasario", "lt") == {}  # a country, beauty, stays …
    assert calendar_facts("lapkritį birželio Spalį penktadienį", "lt") == {
        "lapkritį": "month:11", "birželio": "month:6", "Spalį": "month:10", "penktadienį": "day:4"}


def test_a_short_russian_month_in_any_case_is_a_month_but_a_weekday_or_may_is_not_guessed():
    from rag.text.facts import calendar_facts

    # CLDR gives "март", "марта"; the prepositional "в марте" differs in its last letter
    assert calendar_facts("в марте, в июне, в июле и в сентябре", "ru") == {
        "марте": "month:3", "июне": "month:6", "июле": "month:7", "сентябре": "month:9"}
    assert calendar_facts("среди них Мао", "ru") == {}  # "among" shares Wednesday's stem, Mao May's
    assert calendar_facts("kova prieš luna", "lt") == {}  # stems count in Russian only: kova is a fight, kovas March
    assert [s.kind for s in typed.typed_spans("компания Setanta Sports в марте подтвердила запуск", "ru")
            if s.kind == "date"] == ["date"]


def test_four_digits_before_a_counted_noun_are_a_count_not_a_year():
    kinds = lambda text: [(s.kind, s.text) for s in typed.typed_spans(text, "lt") if s.values]  # noqa: E731
    assert kinds("Lietuvoje „Medena“ dirba apie 1100 žmonių.") == [("number", "1100")]
    assert kinds("1939 metų rugsėjo mėnesį") == [("year", "1939")]
    assert kinds("1939 m. pastatą nuniokojo gaisras") == [("year", "1939")]


def test_a_lithuanian_name_is_given_in_the_nominative_only_where_that_is_certain():
    from rag.answer.names import lithuanian_nominative

    context = "Charlesʼas Czeisleris parengė kursą. Profesoriui Czeisleriui padėjo studentai. Kim Jong Unas kalbėjo."
    assert lithuanian_nominative("Czeisleriui", context) == "Czeisleris"  # the article writes the nominative
    assert lithuanian_nominative("Kim Jong Uno", context) == "Kim Jong Unas"
    assert lithuanian_nominative("Kenny Milerį", "") == "Kenny Mileris"  # -į is only ever an accusative
    assert lithuanian_nominative("Andrejaus Belousovo", "") == "Andrejaus Belousovo"  # -as or -o: as written
    # "Belousovas" written elsewhere makes "Belousovo" a genitive, and "Andrejaus" with it
    assert lithuanian_nominative("Andrejaus Belousovo", "Belousovas sakė.") == "Andrejus Belousovas"
    assert lithuanian_nominative("Klaus Schwabo", "Schwabas sakė.") == "Klaus Schwabas"  # a foreign first name
    assert lithuanian_nominative("Vladimiru Putinu", "", before="su") == "Vladimiras Putinas"  # with: instrumental
    assert lithuanian_nominative("Vladimiru Putinu", "") == "Vladimiru Putinu"  # -u alone could be a dative too


def test_a_telephone_number_is_no_figure():
    figures = lambda text: [s.text for s in typed.typed_spans(text, "lt") if s.values or s.kind == "score"]  # noqa: E731
    assert figures("Informacijos turintys asmenys turėtų skambinti policijai telefonu 859-292-3680.") == []
    assert figures("Skambinkite +370 5 212 3456.") == []
    assert figures("Rezultatas 18-7 ir 300 autų, evakuota 1 234 567 žmonių.") == ["18", "18-7", "7", "300", "1 234 567"]
    assert "2018-10-01" in [s.text for s in typed.typed_spans("2018-10-01 įvyko", "lt")]


def test_a_figure_beside_the_asked_word_goes_first_when_its_sentence_says_more_of_the_question():
    from rag.reader.reader import promote_focus_holder

    question = analyse("How many seconds were left when the Patriots failed their two-point conversion?")
    lead = _evidence("a#s1", "Manning completed a pass to Fowler, giving Denver a 24-10 lead.", 0.9, lang="en")
    seconds = _evidence("a#s2", "They beat the Patriots, intercepting a two-point conversion pass with 17 seconds left.",
                        0.5, lang="en")
    unnamed = _evidence("a#s3", "The conversion pass failed with 17 seconds left.", 0.5, lang="en")
    elsewhere = _evidence("b#s2", "They beat the Patriots, intercepting a two-point conversion pass with 17 seconds left.",
                          0.5, lang="en")
    found = _candidates(question, [lead, seconds, unnamed, elsewhere])
    assert found["a#s2"].focus_spans and not found["a#s1"].focus_spans
    assert promote_focus_holder(question, [found["a#s1"], found["a#s2"]], [0, 1]) == [1, 0]
    assert promote_focus_holder(question, [found["a#s1"], found["a#s3"]], [0, 1]) == [0, 1]  # the Patriots unnamed
    assert promote_focus_holder(question, [found["a#s1"], found["b#s2"]], [0, 1]) == [0, 1]  # another article
    # a sentence saying no more of the question than the best is no better an answer for its figure
    trailing = _evidence("a#s1", "The Patriots failed the conversion, trailing 24-10.", 0.9, lang="en")
    same = _evidence("a#s4", "The Patriots had 17 seconds left.", 0.5, lang="en")
    found = _candidates(question, [trailing, same])
    assert found["a#s4"].focus_spans and not found["a#s1"].focus_spans
    assert promote_focus_holder(question, [found["a#s1"], found["a#s4"]], [0, 1]) == [0, 1]


def test_a_lithuanian_count_of_another_thing_gives_way_to_a_count_of_the_asked_thing():
    from rag.reader.reader import promote_counted_holder

    question = analyse("Kiek parduotuvių išbandys naujus grožio skyrius?", "lt")
    products = _evidence("a#s1", "Bendrovė dvigubins asortimentą iki 3 000 gaminių.", 0.9)
    stores = _evidence("a#s2", "Nauji skyriai bus išbandyti 11 parduotuvių visoje šalyje.", 0.5)
    bare = _evidence("a#s3", "Skyrių bus 3 000.", 0.9)
    found = _candidates(question, [products, stores, bare])
    assert promote_counted_holder(question, [found["a#s1"], found["a#s2"]], [0, 1]) == [1, 0]
    assert promote_counted_holder(question, [found["a#s3"], found["a#s2"]], [0, 1]) == [0, 1]  # 3 000 of what?
    english = analyse("How many products will it sell?")  # "3 000 gaminių" may be products: no word list here
    assert promote_counted_holder(english, [found["a#s2"], found["a#s1"]], [0, 1]) == [0, 1]

    # another article's "thirty thousand troops" names neither country: the Lithuanian count stays first
    named = analyse("How many troops did North Korea send to Russia?")
    korea = _evidence("k#s1", "Šiaurės Korėja į Rusiją nusiuntė daugiau kaip 10 tūkst. karių.", 0.9)
    war = _evidence("w#s1", "In 1187 he attacked with an army of thirty thousand troops.", 0.5, lang="en")
    found = _candidates(named, [korea, war])
    assert found["w#s1"].focus_spans and not found["k#s1"].focus_spans  # no word list links troops and karių
    assert promote_counted_holder(named, [found["k#s1"], found["w#s1"]], [0, 1]) == [0, 1]


def test_a_who_question_reads_first_the_sentence_of_the_article_that_names_another_person():
    from rag.reader.reader import promote_person_holder

    question = analyse("Who put the footage of Kanye West's rant on social media?")
    lead = _evidence("a#s0", "Po pasirodymo „Saturday Night Live“ žiūrovai gėdino Kanyeʼą Westą.", 0.9)
    poster = _evidence("a#s2", "Filmuotą medžiagą su Westo replikomis į socialinius tinklus įkėlė komikas Chrisas Rockas.", 0.5)
    other = _evidence("b#s2", "Filmuotą medžiagą į socialinius tinklus įkėlė komikas Chrisas Rockas.", 0.5)
    host = _evidence("a#s3", "Laidą vedė Mattas Damonas.", 0.5)  # a person, but nothing of the question
    found = _candidates(question, [lead, poster, other, host])
    assert not found["a#s0"].person_spans  # Kanye West is the question's own
    assert promote_person_holder(question, [found["a#s0"], found["a#s3"], found["a#s2"]], [0, 1, 2]) == [2, 0, 1]
    assert promote_person_holder(question, [found["a#s0"], found["b#s2"]], [0, 1]) == [0, 1]  # another article
    assert promote_person_holder(question, [found["a#s2"], found["a#s0"]], [0, 1]) == [0, 1]  # names one already


@pytest.mark.parametrize("question, act", [
    ("Who designed Harvard's new course on sleep?", "designed"),
    ("Kas parengė naują Harvardo kursą apie miegą?", "parengė"),
    ("Who said the course was the first of its kind?", ""),  # whoever is quoted may answer
    ("Who is the chairman of the Cromwell Association?", ""),
    ("Who criticised the decision?", ""),
    ("When was the course designed?", ""),
])
def test_a_question_asking_who_did_something_names_its_deed(question, act):
    from rag.reader.speech import asked_act

    assert asked_act(question) == act


@pytest.mark.parametrize("sentence, lang, saying", [
    ("Paulas Barreira sakė, kad universitetas nusprendė siūlyti šį kursą.", "lt", True),
    ("Charlesʼas Czeisleris parengė kursą, kuris, pasak jo, yra pirmas tokio tipo JAV.", "lt", False),  # attribution
    ("The professor said the course was new.", "en", True),
    ("According to him, the course is the first of its kind.", "en", False),
    ("教授说这门课是新的。", "zh", False),  # no verbs of saying known
])
def test_a_sentence_reports_a_saying_by_its_verb_of_speech_not_by_an_attribution(sentence, lang, saying):
    from rag.reader.speech import reports_saying

    assert reports_saying(sentence, lang) is saying


def test_a_who_did_question_reads_first_the_sentence_naming_a_doer_not_a_speaker():
    from rag.reader.reader import promote_doer

    question = analyse("Who designed Harvard's new course on sleep?")
    lead = _evidence("a#s0", "Naujas kursas Harvardo universitete skatino studentus daugiau miegoti.", 0.9)
    speaker = _evidence("a#s1", "Harvardo profesorius Paulas Barreira sakė, kad studentams trūksta miego.", 0.8)
    doer = _evidence("a#s2", "Charlesʼas Czeisleris, Harvardo miego medicinos profesorius, parengė kursą, kuris, "
                             "pasak jo, yra pirmas tokio tipo JAV.", 0.5)
    other = _evidence("b#s2", "Charlesʼas Czeisleris, Harvardo miego medicinos profesorius, parengė kursą.", 0.5)
    unrelated = _evidence("a#s5", "Laidą vedė Mattas Damonas.", 0.5)  # a person, but nothing of the question
    found = _candidates(question, [lead, speaker, doer, other, unrelated])
    assert not found["a#s0"].person_spans and found["a#s1"].person_spans
    ranked = [found["a#s0"], found["a#s1"], found["a#s5"], found["a#s2"]]
    assert promote_doer(question, ranked, [0, 1, 2, 3]) == [3, 0, 1, 2]  # neither the lead nor the speaker
    assert promote_doer(question, [found["a#s1"], found["a#s2"]], [0, 1]) == [1, 0]  # a speaker only
    assert promote_doer(question, [found["a#s0"], found["b#s2"]], [0, 1]) == [0, 1]  # another article
    assert promote_doer(question, [found["a#s2"], found["a#s1"]], [0, 1]) == [0, 1]  # names the doer already
    said = analyse("Who said students lack sleep?")  # the speaker answers
    found = _candidates(said, [speaker, doer])
    assert promote_doer(said, [found["a#s1"], found["a#s2"]], [0, 1]) == [0, 1]


def test_a_which_question_reads_first_the_sentence_naming_a_thing_beside_the_asked_kind():
    from rag.reader.reader import promote_kind_holder

    lexicon = terms.Lexicon({("en", "lt"): {"protein": ["baltymai"]}})
    question = analyse("Which protein are immune cells taught to recognise?")
    assert question.asked_kind == "protein" and analyse("Kokia agentūra pranešė apie susitikimą?", "lt").asked_kind == "agentūra"
    assert analyse("What do Moscow and Pyongyang call it?").asked_kind == ""  # "do" is no kind
    lead = _evidence("a#s0", "Nauja vakcina išmoko imuninę sistemą atpažinti blogas ląsteles.", 0.9)
    her2 = _evidence("a#s2", "Tuomet ląstelės gali matyti baltymus, būdingus HER2 tipo vėžiams.", 0.5)
    elsewhere = _evidence("b#s2", "Tuomet ląstelės gali matyti baltymus, būdingus HER2 tipo vėžiams.", 0.5)
    named = _evidence("a#s3", "Profesorius Jay Berzofsky kalbėjo Betesdoje.", 0.5)  # names, none beside "protein"
    found = {c.evidence.sentence_id: c for c in candidate_features(question, [lead, her2, elsewhere, named],
                                                                   lambda lang: 0.0, lexicon=lexicon)}
    assert [s.text for s in found["a#s2"].kind_spans] == ["HER2"]  # the acronym keeps its number
    assert promote_kind_holder(question, [found["a#s0"], found["a#s3"], found["a#s2"]], [0, 1, 2]) == [2, 0, 1]
    assert promote_kind_holder(question, [found["a#s0"], found["b#s2"]], [0, 1]) == [0, 1]  # another article
    assert promote_kind_holder(question, [found["a#s3"], found["a#s2"]], [0, 1]) == [0, 1]  # the best holds a name


@pytest.mark.parametrize("written, english", [
    ("Chrisas Rockas", "Chris Rock"),  # "ck" is no Lithuanian spelling
    ("Charlesʼas Czeisleris", "Charles Czeisler"),  # the apostrophe keeps the silent letter apart
    ("Mattas Damonas", "Matt Damon"),
    ("Thomasas Mülleris", "Thomas Müller"),
    ("Andrejus Belousovas", "Andrejus Belousovas"),  # nothing says it is not Lithuanian
    ("Gitanas Nausėda", "Gitanas Nausėda"),
    ("Kim Jong Unas", "Kim Jong Unas"),
    ("Karen Hunter", "Karen Hunter"),
])
def test_a_foreign_name_is_given_in_english_as_its_own_language_spells_it(written, english):
    from rag.answer.names import original_spelling

    assert original_spelling(written) == english


@pytest.mark.parametrize("text, names", [
    ("ląstelės gali matyti baltymus, būdingus HER2 tipo vėžiams", ["HER2"]),
    ("Susitikime aptarti naikintuvai F-16 ir COVID-19 pandemija.", ["F-16", "COVID-19"]),
    ("Kim Jong Unas 2024 m. atvyko", ["Kim Jong Unas"]),
])
def test_an_acronym_keeps_the_number_written_onto_it(text, names):
    assert [s.text for s in typed.typed_spans(text, "lt") if s.kind == "name"] == names


_CONFIRM = terms.Lexicon({("en", "lt"): {"confirm": ["patvirtinti"], "troop": ["karys"], "movement": ["judėjimas"],
                                         "send": ["siųsti"]}})


def _yes_no(question_text, sentence, question_lang="en", lang="lt"):
    from rag.answer.short import short_answer

    question = analyse(question_text, question_lang)
    [candidate] = candidate_features(question, [_evidence("a#s1", sentence, 0.8, lang=lang)], lambda other: 0.0,
                                     lexicon=_CONFIRM)
    short = short_answer(question, candidate, question_lang)
    return short and (short.text, sentence[short.start:short.end])


@pytest.mark.parametrize("question, sentence, lang, expected", [
    ("Did Pyongyang or Moscow officially confirm the troop movements?",
     "Nei Pchenjanas, nei Maskva oficialiai nepatvirtino Šiaurės Korėjos karių judėjimo.", "lt", ("No", "nepatvirtino")),
    ("Did Moscow confirm the troop movements?", "Moscow did not confirm the troop movements.", "en", ("No", "confirm")),
    ("Did Moscow confirm the troop movements?", "Moscow hasn't confirmed the troop movements.", "en", ("No", "confirmed")),
    ("Did North Korea send troops?", "Šiaurės Korėja nusiuntė daugiau kaip 10 tūkst. karių.", "lt", ("Yes", "nusiuntė")),
    # the sentence is negative about something else: no verdict, the quote answers
    ("Did Moscow confirm the troop movements?", "Moscow confirmed the troop movements, but not their size.", "en", None),
    # the question's words are not there: no verdict
    ("Did Moscow confirm the troop movements?", "Delegacija atvyko į Pchenjaną.", "lt", None),
    # a name the question asks about is missing from the sentence: no verdict either way
    ("Did Germany confirm the troop movements?", "Maskva nepatvirtino karių judėjimo.", "lt", None),
    # "No" inside a sentence is a name
    ("Did Belousov meet the minister?", "Belousov met the minister No Kwang Chol.", "en", ("Yes", "met")),
    # 'be to' (besides) denies nothing; 'nei' after 'daugiau' is 'than'
    ("Did Moscow confirm the troop movements?", "Be to, Maskva patvirtino karių judėjimą.", "lt", ("Yes", "patvirtino")),
    ("Did North Korea send troops?", "Šiaurės Korėja nusiuntė daugiau nei 10 tūkst. karių.", "lt", ("Yes", "nusiuntė")),
])
def test_a_yes_no_question_is_answered_by_the_polarity_of_its_own_words(question, sentence, lang, expected):
    assert _yes_no(question, sentence, lang=lang) == expected


def test_a_yes_or_no_over_someone_elses_claim_says_whose_it_is():
    sentence = "JAV, Ukrainos ir Pietų Korėjos vertinimais, Šiaurės Korėja nusiuntė daugiau kaip 10 tūkst. karių."
    assert _yes_no("Did North Korea send troops?", sentence) == ("Yes, according to the sources the article cites",
                                                                 "nusiuntė")
    assert _yes_no("Ar Šiaurės Korėja nusiuntė karių?", sentence, question_lang="lt")[0] \
        == "Taip, pasak straipsnyje cituojamų šaltinių"
    english = "Moscow did not confirm the troop movements, officials said."
    assert _yes_no("Did Moscow confirm the troop movements?", english, lang="en")[0] \
        == "No, according to the sources the article cites"


def test_a_yes_no_answer_is_in_the_askers_language():
    assert _yes_no("Ar Maskva patvirtino karių judėjimą?", "Maskva nepatvirtino karių judėjimo.", question_lang="lt") \
        == ("Ne", "nepatvirtino")


def test_a_short_question_is_read_in_a_language_the_assistant_speaks():
    from ingest.language import question_language

    spoken = {"en", "lt"}
    assert question_language("Did Belousov meet Kim Jong Un?", spoken) == "en"  # open detection: Luxembourgish
    assert question_language("Who won?", spoken) == "en"
    assert question_language("Kas laimėjo?", spoken) == "lt"
    assert question_language("Wann wurde der Vertrag unterzeichnet?", spoken) == "de"  # sure: kept


@pytest.mark.parametrize("word, value", [("first", 1), ("antruoju", 2), ("pirmąjį", 1), ("trečiojo", 3), ("2nd", 2),
                                         ("65-ąją", 65), ("ketvirčiu", None), ("antradienį", None), ("pirmadienį", None)])
def test_ordinal_words_in_english_and_lithuanian(word, value):
    from rag.reader.ordinals import ordinal_value

    assert ordinal_value(word) == value  # "ketvirčiu" is a quarter, "antradienį" Tuesday: no ordinal


def test_a_sentence_about_another_quarter_does_not_answer_the_asked_one():
    from rag.reader.reader import Reader

    reader = Reader(model=None, lexicon=terms.Lexicon({("en", "lt"): {"quarter": ["ketvirtis"]}}))
    second = "Vien 2018 metų antruoju ketvirčiu pranešta apie 40 000 naujų atvejų."
    pool = [_evidence("a#s1", second, 0.9)]
    for question, other in [("How many new HIV cases did China report in the first quarter of 2018?", True),
                            ("How many new HIV cases did China report in the second quarter of 2018?", False),
                            ("How many new HIV cases did China report in 2018?", False),  # no ordinal asked
                            ("Who came first in the race?", False)]:  # no thing ordered in the sentence
        asked = analyse(question)
        found = reader.orders_another(asked, candidate_features(asked, pool, lambda lang: 0.0)[0])
        assert found == ("first quarter" if other else ""), question
    asked = analyse("Kiek naujų ŽIV atvejų Kinija užregistravo pirmąjį 2018 metų ketvirtį?", "lt")
    same_language = Reader(model=None)  # the thing stands a word after the ordinal, past the year
    assert same_language.orders_another(asked, candidate_features(asked, pool, lambda lang: 0.0)[0]) == "pirmąjį ketvirtį"
    english = [_evidence("b#s1", "In the third round, Smith beat Jones.", 0.9, lang="en")]
    asked = analyse("Who won the second round?")
    assert reader.orders_another(asked, candidate_features(asked, english, lambda lang: 0.0)[0]) == "second round"


@pytest.mark.parametrize("question, kind", [
    ("Kokio dydžio užstatas nustatytas Dyteonui Simpsonui?", "money"),
    ("Kokia buvo kompensacija šeimai?", "money"),
    ("Kas suprojektavo Harvardo miego kursą?", "person"),
    ("Kas parengė naują Harvardo kursą apie miegą?", "person"),  # who prepared: a verb of making, as "designed"
    ("Kuris Indonezijos Raudonojo Kryžiaus atstovas kalbėjo apie nelaimę?", "person"),
    ("Kieno komanda laimėjo?", "person"),
    ("Kuri bendrovė remontuoja Aleksoto tiltą?", "organisation"),
    ("Kuri vyriausybė priėmė sprendimą?", "organisation"),
    ("Į kokią šalį išvyko delegacija?", "place"),
    ("Koks buvo uragano pavadinimas?", "name"),
    ("Kokia temperatūra buvo Niujorke antradienį?", "quantity"),
    ("Kokio aukščio yra statula?", "quantity"),
    ("Kokią dieną įvyks balsavimas?", "date"),
    ("Kas lėmė remonto vėlavimą?", "reason"),
    ("Kas atsitiko Palu mieste?", "other"),  # "kas" is "what" as well as "who"
    ("Ką Gary Holtas pakeitė „Livingston“ trenerio poste?", "person"),  # "ką" is whom before such a verb
    ("Su kuo susitiko Belousovas?", "person"),  # "su kuo" is with whom before a verb done with a person
    ("Ką pasakė premjeras?", "other"),  # and what before others
    ("Kiek „Sainsbury's“ gavo pardavusi vaistinių verslą?", "money"),  # a quoted name between "kiek" and its verb
    ("Kiek DARPA investuoja į iniciatyvą?", "money"),
    ("Kiek žmonių gavo pagalbą?", "quantity"),  # "kiek žmonių" counts people, whatever they got
    ("Kiek eurų gavo nukentėjusieji?", "money"),
])
def test_lithuanian_questions_get_their_answer_type(question, kind):
    assert answer_type(question).value == kind


def test_an_acronym_spelling_a_month_or_a_common_word_is_a_name():
    from rag.reader.question import question_names

    assert question_names("DEC originally had 3 layers but evolved into how many layers", "en") == ["DEC"]
    assert question_names("WHO recommends what dose?", "en") == ["WHO"]
    assert question_names("What happened in Dec 2019?", "en") == []  # a month, written as one
    assert "WHO" not in question_names("WHO WON?", "en")  # in capitals throughout: "WHO" is the question word


def test_a_lithuanian_question_word_in_any_case_is_no_name():
    from rag.reader.question import question_names

    assert question_names("Kokio dydžio užstatas nustatytas Dyteonui Simpsonui?", "lt") == ["Dyteonui Simpsonui"]
    assert question_names("Kelintą minutę įmušė Aguero?", "lt") == ["Aguero"]
    assert question_names("Kurį mėnesį pasirašyta sutartis?", "lt") == []


@pytest.mark.parametrize("question, names", [
    ("Wann wurde der Vertrag unterzeichnet?", []),  # a noun after its article
    ("Wie viele Truppen hat Nordkorea nach Russland geschickt?", ["Nordkorea", "Russland"]),  # "Truppen" -> "Truppe"
    ("Welcher Minister besuchte Pjöngjang?", ["Pjöngjang"]),
    ("Was sagte Putin beim Abendessen?", ["Putin"]),
])
def test_german_nouns_are_no_names(question, names):
    from rag.reader.question import question_names

    assert question_names(question, "de") == names


def test_an_ordinal_adjective_is_no_weekday():
    from rag.text.facts import calendar_facts

    assert calendar_facts("antrajam susitikimui", "lt") == {}  # the second meeting, not Tuesday's
    assert calendar_facts("antradienį trečiadienio", "lt") == {"antradienį": "day:1", "trečiadienio": "day:2"}


@pytest.mark.parametrize("question, measure", [
    ("From how far out did Eden Hazard shoot for Chelsea's opening goal?", "length"),
    ("How heavy was the hog that killed the farmer?", "weight"),
    ("What temperature could New York City reach on Tuesday?", "temperature"),
    ("How fast were the winds around St. Augustine?", "speed"),
    ("Kokio aukščio yra bokštas?", "length"),
    ("Kiek svėrė kiaulė?", "weight"),
    ("How many people were evacuated?", ""),
])
def test_measuring_questions_say_what_they_measure(question, measure):
    assert analyse(question, "lt" if question.startswith("K") else "en").measure == measure


@pytest.mark.parametrize("question, sentence, lang, missing", [
    # a minute is no distance; metres are
    ("From how far out did Hazard shoot?", "Po Hazard'o 25 minutę įmušto įvarčio „Chelsea“ pirmavo.", "lt", True),
    ("From how far out did Hazard shoot?", "Hazard'as smūgiavo iš maždaug 30 metrų.", "lt", False),
    ("What was the temperature in Omaha?", "Omahoje buvo 20 laipsnių šilčiau.", "lt", False),
    # a height is no count of points, unless the question counts the unit itself
    ("How many points did Sims average?", "1,98 metro ūgio vaikinas išaugo Baton Ruže.", "lt", True),
    ("How many miles is Jacksonville from Miami?", "Jacksonville is 340 miles from Miami.", "en", False),
    # "next month" does not give the day a question asks for; a weekday does
    ("On what date will Pompeo travel to Pyongyang?", "Pompeo ketina apsilankyti Pchenjane kitą mėnesį.", "lt", True),
    ("On what date will Pompeo travel to Pyongyang?", "Pompeo apsilankys Pchenjane penktadienį.", "lt", False),
    ("On what date will Pompeo travel to Pyongyang?", "Pompeo apsilankys Pchenjane spalio 7 d.", "lt", False),
    ("When will Pompeo travel to Pyongyang?", "Pompeo ketina apsilankyti Pchenjane kitą mėnesį.", "lt", False),
])
def test_a_measure_needs_its_unit_and_a_day_its_day(question, sentence, lang, missing):
    from rag.reader.reader import asked_value_missing

    asked = analyse(question)
    best = candidate_features(asked, [_evidence("a#s1", sentence, 0.9, lang=lang)], lambda lang: 0.0)[0]
    assert asked_value_missing(asked, best) == missing
    assert [s.kind for s in typed.typed_spans("iš 30 metrų", "lt") if s.text == "30"] == ["number"]  # not years


@pytest.mark.parametrize("question, sentence, other", [
    ("How many people were killed in Donggala?",
     "Jis sakė, kad kai kurių aukų kūnai buvo rasti, vėliau pridėjo, kad sužeista 540 žmonių, o 29 žmonės dingę be žinios.",
     "sužeista, dingę"),  # the victims' bodies are named, but no number counts the dead
    ("How many people were killed in Palu?", "Valdžios institucijos pranešė, kad žuvo mažiausiai 384 žmonės.", ""),
    ("How many people were evacuated?", "Apie 16 700 žmonių buvo evakuoti į 24 centrus.", ""),
    ("How many people were injured?", "Apie 16 700 žmonių buvo evakuoti į 24 centrus.", "evakuoti"),
    ("How many people live in Palu?", "Sužeista 540 žmonių.", ""),  # no outcome asked
])
def test_a_count_of_another_outcome_does_not_answer(question, sentence, other):
    from rag.reader.outcomes import other_outcome

    asked = analyse(question)
    best = candidate_features(asked, [_evidence("a#s1", sentence, 0.9)], lambda lang: 0.0)[0]
    assert other_outcome(asked.text, [s.context for s in best.answer_spans]) == other


def test_a_first_vote_does_not_answer_a_question_about_the_final_one():
    from rag.reader.reader import Reader

    reader = Reader(model=None, lexicon=terms.Lexicon({("en", "lt"): {"vote": ["balsavimas"]}}))
    sentence = "Pirmasis svarbiausias procesinis balsavimas Senate turėtų vykti ne vėliau kaip penktadienį."
    pool = [_evidence("a#s1", sentence, 0.9)]
    for question, other in [("On what day will the full Senate hold its final vote?", "final vote"),
                            ("On what day will the Senate hold its first vote?", "")]:
        asked = analyse(question)
        assert reader.orders_another(asked, candidate_features(asked, pool, lambda lang: 0.0)[0]) == other


def test_an_acronym_the_chunk_lacks_is_looked_for_in_other_sentences_or_refused():
    from rag.reader.acronyms import absent_acronyms
    from rag.reader.reader import promote_acronym_holder

    networks = _evidence("a#s1", "„Nielsen“ pranešė, kad CBS sulaukė 3,1 mln., NBC – 2,94 mln. žiūrovų.", 0.9)
    abc = _evidence("a#s2", "ABC, sulaukusi 3,26 mln. žiūrovų, buvo antroje vietoje.", 0.5)
    question = analyse("How many viewers did ABC have for the hearing?")
    found = _candidates(question, [networks, abc])
    ranked = [found["a#s1"], found["a#s2"]]
    assert absent_acronyms(question, ranked[0], ranked) == ["ABC"]
    assert promote_acronym_holder(question, ranked, [0, 1]) == [1, 0]
    pbs = analyse("How many people watched the hearing on PBS?")
    found = _candidates(pbs, [networks, abc])
    ranked = [found["a#s1"], found["a#s2"]]
    assert promote_acronym_holder(pbs, ranked, [0, 1]) == [0, 1] and absent_acronyms(pbs, ranked[0], ranked) == ["PBS"]
    # the chunk that spells the acronym out names what it stands for: "die Börse" is the WSE
    spelled = _evidence("b#s2", "Heute ist die Warschauer Börse (WSE) der größte Markt.", 0.5, lang="de")
    building = _evidence("b#s1", "Bis 2000 befand sich die Börse im früheren Sitz der Partei.", 0.9, lang="de")
    question = analyse("Where was the WSE located until 2000?")
    found = _candidates(question, [building, spelled])
    ranked = [found["b#s1"], found["b#s2"]]
    assert absent_acronyms(question, ranked[0], ranked) == []
    # a chunk that writes the words out, without the acronym, speaks of it too
    church = _evidence("c#s1", "There was an attempt to withdraw the United Methodist Church membership in 2012.", 0.9,
                       lang="en")
    question = analyse("In what year was there an attempt to withdraw the UMC membership?")
    [candidate] = _candidates(question, [church]).values()
    assert absent_acronyms(question, candidate, [candidate]) == []
    other = analyse("In what year was there an attempt to withdraw the UNC membership?")
    [candidate] = _candidates(other, [church]).values()
    assert absent_acronyms(other, candidate, [candidate]) == ["UNC"]
    # in another script the acronym is written in that script's letters ("美国宇航局" is NASA)
    chinese = _evidence("d#s1", "美国宇航局的载人航天中心最后才支持这个想法。", 0.9, lang="zh")
    question = analyse("Which NASA location came around last to the idea of the LOR?")
    [candidate] = _candidates(question, [chinese]).values()
    assert absent_acronyms(question, candidate, [candidate]) == []


@pytest.mark.parametrize("question, sentence, lang, verbs", [
    # a plan or a forecast does not say what happened
    ("How many minutes did LeBron James play in the opener?", "– Kalbėjome, kad jis žais 55–60 minučių.", "lt", "žais"),
    ("What share of the ballots were 'yes' votes?",
     "Apklausos duomenimis, referendume turėtų dalyvauti 30–43 procentai rinkėjų.", "lt", "turėtų"),
    ("How many troops were sent?", "Officials said 3,000 troops would be sent.", "en", "would"),
    # what happened answers; so does a plan when the question asks about one
    ("How many minutes did LeBron James play in the opener?", "Jis žaidė 55 minutes.", "lt", ""),
    ("How many minutes will LeBron James play?", "– Kalbėjome, kad jis žais 55–60 minučių.", "lt", ""),
    ("When did Setanta Sports say it would launch?", "Setanta Sports said it would launch in March.", "en", ""),
    ("How many troops were sent?", "Pasak jų, buvo išsiųsta 3 000 karių, o dar 2 000 bus išsiųsta vėliau.", "lt", ""),
    ("How many troops were sent?", "In May 3,000 troops were sent.", "en", ""),  # the month, not "may"
    ("How many troops were sent?", "Mes išsiuntėme 3 000 karių.", "lt", ""),  # "mes" is "we" here
])
def test_a_figure_only_expected_does_not_say_what_happened(question, sentence, lang, verbs):
    from rag.reader.modality import expected_only

    asked = analyse(question)
    best = candidate_features(asked, [_evidence("a#s1", sentence, 0.9, lang=lang)], lambda lang: 0.0)[0]
    assert best.answer_spans
    assert expected_only(asked.text, sentence, best.answer_spans, lang) == verbs


@pytest.mark.parametrize("word, expected", [
    ("žais", True), ("bus", True), ("dalyvaus", True), ("turėtų", True), ("būtų", True), ("neš", True),
    ("žaidė", False), ("kalbėjome", False), ("karių", False), ("nes", False), ("jis", False), ("mes", False),
])
def test_lithuanian_future_and_conditional_verbs_are_told_from_their_infinitive(word, expected):
    from rag.reader.modality import lithuanian_expected

    assert lithuanian_expected(word) == expected


@pytest.mark.parametrize("question, sentence, words", [
    ("What was the temperature in Omaha on Sunday?",
     "Omahos temperatūra beveik 20 laipsnių skiriasi nuo Sent Luiso temperatūros.", "skiriasi"),
    ("How much warmer was Omaha than St. Louis?",
     "Omahos temperatūra beveik 20 laipsnių skiriasi nuo Sent Luiso temperatūros.", ""),
    ("What was the temperature in Omaha on Sunday?", "Omahoje buvo 20 laipsnių šilumos.", ""),
    ("How many teams did Manning lead to the Super Bowl?", "Manning led two different teams to the Super Bowl.", ""),
])
def test_a_difference_does_not_give_the_level_asked_for(question, sentence, words):
    from rag.reader.differences import gives_difference

    asked = analyse(question)
    lang = "en" if "Manning" in sentence else "lt"
    best = candidate_features(asked, [_evidence("a#s1", sentence, 0.9, lang=lang)], lambda lang: 0.0)[0]
    assert best.answer_spans
    assert gives_difference(asked.text, sentence, best.answer_spans) == words


def test_a_possessive_ends_a_question_name_and_a_prefix_does_not_hide_one():
    from rag.reader.question import question_names

    assert question_names("How much is Holly Willoughby's Marks & Spencer deal worth?") == ["Holly Willoughby", "Marks Spencer"]
    assert question_names("Who put the footage of Kanye West's rant online?") == ["Kanye West"]
    assert question_names("Who filmed Kanye West's pro-Trump rant?") == ["Kanye West", "Trump"]  # a prefixed name


@pytest.mark.parametrize("question, attribute", [
    ("What is the capital of Australia?", "capital"),
    ("Who is the chief executive of Medena?", "chief executive"),
    ("Who was the mayor of the Šilutė district?", "mayor"),
    ("What is the job title of Mr. Doseba?", ""),  # a title is any name
    ("What is the nickname for the Delta in the Netherlands?", ""),  # what a name is called
    ("Who was the main crew of Apollo 1?", ""),  # a group, answered by its members' names
    ("What is the hymn known as in English?", ""),
    ("What is the Saxon Garden in Polish?", ""),  # a name, not an attribute
    ("Who designed the course?", ""),
])
def test_a_question_asks_an_attribute_of_a_name(question, attribute):
    from rag.reader.attributes import asked_attribute

    assert asked_attribute(question) == attribute


@pytest.mark.parametrize("question, passage, lang, missing", [
    ("What is the capital of Australia?", "After 1788, Australia was divided into two halves.", "en", "capital"),
    ("What is the capital of Australia?", "Canberra is the capital of Australia.", "en", ""),
    ("Who is the mayor of the Šilutė district?", "Šilutė's mayor said the water was rising.", "en", ""),
    ("Who is the mayor of the Šilutė district?", "Šilutė district evacuated 340 residents.", "en", "mayor"),
    # another language: word lists translate roles into senses they lack ("chair" → a seat); never judged
    ("Who is the mayor of the Šilutė district?", "Šilutės rajone evakuota 340 gyventojų.", "lt", ""),
])
def test_a_passage_that_never_names_the_asked_role_or_place_answers_another_question(question, passage, lang, missing):
    from rag.reader.attributes import missing_attribute

    assert missing_attribute(question, "en", passage, lang) == missing


@pytest.mark.parametrize("question, sentence, lang, refused", [
    ("What did Steven Gerrard say after Rangers lost 1-0 at Livingston?",
     "„Rangers“ patyrė dar vieną nusivylimą, kai Livingstonui pavyko įveikti Steveno Gerrardo komandą 1:0.", "lt", True),
    ("What did Steven Gerrard say after Rangers lost 1-0 at Livingston?",
     "„Mes žaidėme prastai, labai prastai“, – kalbėjo S. Gerrardas.", "lt", False),
    ("What did Steven Gerrard say after the defeat?", "Gerrard said his players had let the fans down.", "en", False),
    ("What did Steven Gerrard say after the defeat?", "Rangers lost 1-0 at Livingston on Sunday.", "en", True),
    ("What did Luther tell monks and nuns about their vows?", "He assured monks and nuns that they could break their vows.",
     "en", False),  # "tell" is answered by any verb of saying
    ("What did Steven Gerrard say after the defeat?", "Rangers verloren am Sonntag 0:1.", "de", True),
    ("What did Steven Gerrard say after the defeat?", "流浪者队周日以0比1输球。", "zh", False),  # no verbs of saying known
])
def test_a_question_about_what_was_said_needs_a_sentence_reporting_speech(question, sentence, lang, refused):
    from rag.reader.speech import reports_no_speech

    speaker = reports_no_speech(question, sentence, lang)
    assert speaker == ("Steven Gerrard" if refused else "")


def test_a_figure_is_read_from_the_sentence_of_the_chunk_naming_the_asked_acronym():
    from rag.reader.reader import promote_acronym_holder

    chunk = ("„Nielsen“ pranešė, kad „Fox News“ pirmavo, kai žiūrovų skaičius siekė 5,69 mln. "
             "ABC, sulaukusi 3,26 mln. žiūrovų, buvo antroje vietoje.")
    fox = _evidence("a#s1", "„Nielsen“ pranešė, kad „Fox News“ pirmavo, kai žiūrovų skaičius siekė 5,69 mln.", 0.9,
                    chunk=chunk, chunk_id="a#c0")
    abc = _evidence("a#s2", "ABC, sulaukusi 3,26 mln. žiūrovų, buvo antroje vietoje.", 0.5, chunk=chunk, chunk_id="a#c0")
    viewers = analyse("How many viewers did ABC have for the hearing?")
    found = _candidates(viewers, [fox, abc])
    assert promote_acronym_holder(viewers, [found["a#s1"], found["a#s2"]], [0, 1]) == [1, 0]
    # who or what may be said of it in a sentence that refers back ("the network"): no figure, no move
    who = analyse("Who reported the ratings of ABC?")
    found = _candidates(who, [fox, abc])
    assert promote_acronym_holder(who, [found["a#s1"], found["a#s2"]], [0, 1]) == [0, 1]
    # the best sentence's figure counts what is asked, the acronym's sentence's does not: no move
    layers = analyse("DEC originally had 3 layers but evolved into how many layers")
    chunk = "Initially built with three layers, it later evolved into a seven-layer protocol. Several versions ran outside DEC."
    seven = _evidence("d#s1", "Initially built with three layers, it later evolved into a seven-layer protocol.", 0.9,
                      chunk=chunk, chunk_id="d#c0", lang="en")
    outside = _evidence("d#s2", "Several versions ran outside DEC.", 0.5, chunk=chunk, chunk_id="d#c0", lang="en")
    found = _candidates(layers, [seven, outside])
    assert promote_acronym_holder(layers, [found["d#s1"], found["d#s2"]], [0, 1]) == [0, 1]



@pytest.mark.parametrize("text, lang, back", [
    ("He is also the oldest quarterback ever to play in a Super Bowl at age 39.", "en", True),
    ("Mit 39 Jahren ist er zudem auch der älteste Quarterback, der je in einem Super Bowl spielte.", "de", True),
    ("Он также самый старый защитник, когда-либо игравший в Суперкубке.", "ru", True),
    ("他也以 39 岁高龄参加超级碗而成为史上年龄最大的四分卫。", "zh", True),
    ("Jis taip pat yra vyriausias gynėjas.", "lt", True),
    ("Затем они победили действующего чемпиона Нью-Ингленд Пэтриотс.", "ru", False),  # "they": a team
    ("他们在锦标赛上击败了新英格兰爱国者队。", "zh", False),
    ("Dennoch gelang es ihnen, die Meisterschaft im Jahr 2000 zu gewinnen.", "de", False),  # no subject
    ("Peyton Manning became the first quarterback to lead two teams to multiple Super Bowls, and he won.", "en", False),
])
def test_a_sentence_about_he_or_she_refers_back(text, lang, back):
    from rag.reader.antecedents import refers_back

    assert refers_back(text, lang) is back


def test_a_chinese_sentence_names_a_person_by_a_foreign_name_written_by_sound():
    from types import SimpleNamespace

    from rag.reader.antecedents import names_a_person

    def candidate(text, lang="zh", people=0.0):
        return SimpleNamespace(features={"person_names": people}, evidence=SimpleNamespace(text=text, lang=lang))

    assert names_a_person(candidate("培顿·曼宁成为史上首位带领两支不同球队多次进入超级碗的四分卫。"))
    assert not names_a_person(candidate("他也以 39 岁高龄参加超级碗而成为史上年龄最大的四分卫。"))
    assert names_a_person(candidate("Peyton Manning became the first quarterback.", "en", 1.0))
    assert not names_a_person(candidate("He is also the oldest quarterback.", "en"))


def test_a_who_question_answered_of_he_reads_first_the_sentence_naming_him_and_cites_both():
    from types import SimpleNamespace

    from rag.answer.answer import choose_sentences
    from rag.reader.reader import Reading, promote_antecedent

    chunk = ("Peyton Manning became the first quarterback to lead two different teams to multiple Super Bowls. "
             "He is also the oldest quarterback ever to play in a Super Bowl at age 39.")
    named = _evidence("a#s10", "Peyton Manning became the first quarterback to lead two different teams to multiple "
                      "Super Bowls.", 0.5, chunk=chunk, lang="en", chunk_id="a#c3")
    he = _evidence("a#s11", "He is also the oldest quarterback ever to play in a Super Bowl at age 39.", 0.9,
                   chunk=chunk, lang="en", chunk_id="a#c3")
    later = _evidence("a#s12", "John Elway held the record before Manning.", 0.6, lang="en")
    who = analyse("Who is the oldest quarterback to play in a Super Bowl?")
    found = _candidates(who, [named, he, later])
    ranked = [found["a#s11"], found["a#s12"], found["a#s10"]]
    assert promote_antecedent(who, ranked, [0, 1, 2]) == [2, 0, 1]
    reading = Reading(who, [found["a#s10"], found["a#s11"], found["a#s12"]], [0.5, 4.0, 0.6], 0.5, True)
    settings = SimpleNamespace(max_citations=2, second_citation_margin=1.0)
    assert [e.sentence_id for e in choose_sentences(reading, settings)] == ["a#s10", "a#s11"]
    # only the sentence right before it in its article, and only for who
    assert promote_antecedent(who, [found["a#s11"], found["a#s12"]], [0, 1]) == [0, 1]
    how_old = analyse("How old is the oldest quarterback to play in a Super Bowl?")
    found = _candidates(how_old, [named, he])
    assert promote_antecedent(how_old, [found["a#s11"], found["a#s10"]], [0, 1]) == [0, 1]


def test_answerability_is_read_among_the_best_sentence_s_own_language():
    """In a pool of several languages, a best sentence whose passage names all the question names is judged
    as if the store held only its language: English sentences of unrelated articles that outscore it do not
    lower its rank and lead. One whose passage lacks a question's name is judged in the whole pool."""
    from rag.reader.reader import Reader, answerability_features, names_all_in_passage
    from tests.fakes import fake_reader_model

    model = fake_reader_model()
    reader = Reader(model)
    question = analyse("How much bail was set for Dyteon Simpson?")
    lithuanian = [_evidence("a#s1", "Dyteonui Simpsonui nustatytas 350 000 JAV dolerių užstatas.", 0.30),
                  _evidence("a#s2", "Simpsonas suimtas penktadienį.", 0.28)]
    english = [_evidence(f"x#s{i}", f"The bail hearing in case {i} took place on Monday.", 0.5 - i / 100, lang="en")
               for i in range(1, 6)]
    reading = reader.read(question.text, "en", lithuanian + english)
    best = next(c for c in reading.ranked if c.evidence.sentence_id == "a#s1")
    assert names_all_in_passage(question, best)
    alone = reader.read(question.text, "en", lithuanian)
    own = reader._own_language_features(question, "en", lithuanian + english, best, None, {})
    assert own == answerability_features([c.features for c in alone.ranked], alone.scores, question)
    assert own["best_dense_rank"] == 0.0 and own["pool_answer_holders"] == alone.features["pool_answer_holders"]
    other = analyse("How much bail was set for Kevin Johnson?")  # a name the passage lacks: the whole pool
    assert not names_all_in_passage(other, candidate_features(other, lithuanian, lambda lang: 0.0)[0])
    # a name another passage of the best sentence's article holds counts (Latin script)
    volcano = analyse("Since what year has the Popocatepetl volcano been active?")
    article = candidate_features(volcano, [
        _evidence("v#s6", "Ugnikalnis yra aktyvus nuo 1994 m.", 0.5, chunk="Ugnikalnis yra aktyvus nuo 1994 m."),
        _evidence("v#s1", "Iš Popokatepetlio ugnikalnio išsiveržė pelenai.", 0.4),
        _evidence("w#s1", "Popocatepetl is a volcano.", 0.4, lang="en")], lambda lang: 0.0)
    assert article[0].features["names_min_in_chunk"] == 0.0
    assert names_all_in_passage(volcano, article[0], article)
    assert not names_all_in_passage(volcano, article[0], [article[0], article[2]])  # only another article has it
    everest = analyse("How tall is Mount Everest?")  # half a name is not enough: "Mount" of Mount Rainier
    german = candidate_features(everest, [
        _evidence("g#s2", "Sie sind etwa 1 Millimeter bis 1,5 Meter groß.", 0.5, lang="de"),
        _evidence("g#s1", "Der Mount Rainier ist ein Vulkan.", 0.4, lang="de")], lambda lang: 0.0)
    assert not names_all_in_passage(everest, german[0], german)


def test_each_part_of_a_hyphenated_compound_is_a_word():
    """ "Turing" is in "Turing-Maschine", "Ekstraklasa" in "Ekstraklasa-Meisterschaft": a question's name
    is found inside a compound written with a hyphen, as well as the compound itself."""
    keys = terms.text_keys("Die Ekstraklasa-Meisterschaft gewann eine deterministische Turing-Maschine.", "de")
    for name in ("Ekstraklasa", "Turing"):
        assert terms.name_coverage(terms.name_forms(name, "en", ("de",)), keys) == 1.0
    assert terms.key_in(terms.word_key("Ekstraklasa-Meisterschaft", "de"), keys)
    assert terms.name_coverage(terms.name_forms("Warsaw", "en", ("de",)), keys) == 0.0


def test_names_absent_from_the_best_sentence_s_article_are_a_refusal():
    """Names of two words or more (one name or several), none of whose words the best sentence's article
    holds in the passages found (Latin script), make the question one the articles do not answer; so does
    one such name beside names it holds, when a word of it is one no word list translates and no word of
    the passages holds it. One name of one word, a name some passage of that article holds, or a passage
    in another script do not."""
    from rag.reader.reader import absent_names

    question = analyse("Who won the Ekstraklasa Championship in 2000?")
    campaign = _evidence("a#s1", "Im Jahr 2000 startete ABC eine webbasierte Werbekampagne.", 0.5, lang="de")
    logo = _evidence("a#s2", "Das Logo war ein Kreis.", 0.4, lang="de")
    found = _candidates(question, [campaign, logo])
    ranked = [found["a#s1"], found["a#s2"]]
    assert absent_names(question, ranked[0], ranked) == ["Ekstraklasa Championship"]
    # another passage of the same article names it: the best may refer back to it
    named = _evidence("a#s3", "Polonia gewann die Ekstraklasa-Meisterschaft.", 0.3, lang="de", chunk_id="a#c2")
    found = _candidates(question, [campaign, logo, named])
    assert absent_names(question, found["a#s1"], [found["a#s1"], found["a#s2"], found["a#s3"]]) == []
    one_word = analyse("Who won the championship in Poland in 2000?")
    found = _candidates(one_word, [campaign])
    assert absent_names(one_word, found["a#s1"], [found["a#s1"]]) == []
    two_names = analyse("What percentage of Warsaw's inhabitants was Catholic in 1901?")
    found = _candidates(two_names, [campaign])
    assert absent_names(two_names, found["a#s1"], [found["a#s1"]]) == ["Warsaw", "Catholic"]
    russian = _evidence("r#s1", "В 2000 году ABC начала рекламную кампанию.", 0.5, lang="ru")
    found = _candidates(question, [russian])
    assert absent_names(question, found["r#s1"], [found["r#s1"]]) == []
    # one name of two words wholly absent, beside another whose word "Khan" the article holds
    invasion = analyse("In which year did Genghis Khan's grandson invade Kievan Rus'?")
    gegen = _evidence("g#s1", "Kaiser Gegen Khan regierte nur zwei Jahre, von 1321 bis 1323.", 0.5, lang="de")
    found = _candidates(invasion, [gegen])
    assert absent_names(invasion, found["g#s1"], [found["g#s1"]]) == ["Kievan Rus"]
    kiev = _evidence("k#s1", "Batu Khan eroberte 1240 die Kiewer Rus.", 0.5, lang="de")
    found = _candidates(invasion, [kiev])
    assert absent_names(invasion, found["k#s1"], [found["k#s1"]]) == []  # "Rus" is there
    # a name the word lists translate may be written otherwise ("Osteuropa"): left to the answerability model
    cities = analyse("Which cities in Eastern Europe did the Mongols spare?")
    spared = _evidence("m#s1", "Die Mongolen verschonten Nowgorod.", 0.5, lang="de")
    found = _candidates(cities, [spared])
    assert absent_names(cities, found["m#s1"], [found["m#s1"]]) == ["Eastern Europe"]
    lists = terms.Lexicon({("en", "de"): {"eastern": ["östlich"], "europe": ["Europa"]}})
    assert absent_names(cities, found["m#s1"], [found["m#s1"]], lists) == []
    osteuropa = _evidence("o#s1", "Die Mongolen verschonten Nowgorod in Osteuropa.", 0.5, lang="de")
    found = _candidates(cities, [osteuropa])
    assert absent_names(cities, found["o#s1"], [found["o#s1"]]) == []  # the name's word inside a compound
