from ingest.segment import sentence_spans, split_sentences


def texts(text, lang="lt"):
    return [text[a:b] for a, b in sentence_spans(text, lang)]


def test_lithuanian_abbreviations_do_not_end_sentences():
    text = (
        "JAV, Ukrainos ir Pietų Korėjos vertinimais, Šiaurės Korėja į Rusiją nusiuntė daugiau kaip 10 tūkst. karių, "
        "o kai kurie iš jų jau pradėjo kovą fronte. Penktadienį A. Belousovas susitiko su ministru. "
        "Biudžetas išaugo 5 mln. eurų, arba 3 proc. per metus. Tai laikoma svarbiu susitarimu."
    )
    assert texts(text) == [
        "JAV, Ukrainos ir Pietų Korėjos vertinimais, Šiaurės Korėja į Rusiją nusiuntė daugiau kaip 10 tūkst. karių, "
        "o kai kurie iš jų jau pradėjo kovą fronte.",
        "Penktadienį A. Belousovas susitiko su ministru.",
        "Biudžetas išaugo 5 mln. eurų, arba 3 proc. per metus.",
        "Tai laikoma svarbiu susitarimu.",
    ]


def test_english_abbreviations():
    text = "Dr. Smith came to the U.S. on Jan. 5. Then he left. Mr. Jones stayed."
    assert texts(text, "en") == ["Dr. Smith came to the U.S. on Jan. 5.", "Then he left.", "Mr. Jones stayed."]


def test_offsets_are_exact_and_ids_stable():
    text = "  Pirmas sakinys.\n\nAntras sakinys su 10 tūkst. karių.  Trečias!\n"
    sentences = split_sentences("art", text, "lt")
    assert [s.text for s in sentences] == ["Pirmas sakinys.", "Antras sakinys su 10 tūkst. karių.", "Trečias!"]
    for s in sentences:
        assert text[s.start : s.end] == s.text
    assert [s.id for s in sentences] == ["art#s0", "art#s1", "art#s2"]
    assert split_sentences("art", text, "lt") == sentences


def test_headline_lines_stay_separate_but_wrapped_lines_join():
    headline = "Velso Asamblėjos nariai susirūpinę\nKai kurie nariai nustėro dėl siūlymo."
    assert texts(headline) == ["Velso Asamblėjos nariai susirūpinę", "Kai kurie nariai nustėro dėl siūlymo."]
    wrapped = "Šiaurės Korėja nusiuntė\ndaugiau kaip 10 tūkst. karių."
    assert texts(wrapped) == ["Šiaurės Korėja nusiuntė\ndaugiau kaip 10 tūkst. karių."]


def test_chinese_uses_full_stops():
    text = "他的队友贡献了 6½ 次擒杀。黑豹队的防线上有经验丰富的防守端锋。"
    assert texts(text, "zh") == ["他的队友贡献了 6½ 次擒杀。", "黑豹队的防线上有经验丰富的防守端锋。"]


def test_empty_text_has_no_sentences():
    assert sentence_spans("   \n\n ", "lt") == []


def test_lithuanian_unit_abbreviations_before_numbers_and_acronyms():
    assert texts("Suirutė kilo apie 09.30 val. BVL, kur ji tebesitęsia. Policija atvyko.") == [
        "Suirutė kilo apie 09.30 val. BVL, kur ji tebesitęsia.", "Policija atvyko."]
    assert texts("Antradienį, 12 val. 55 min., „City“ žais. Bilietai parduoti.") == [
        "Antradienį, 12 val. 55 min., „City“ žais.", "Bilietai parduoti."]
    assert texts("Tai buvo MWP (liet. Velso parlamento narys). Jie nustėro.") == [
        "Tai buvo MWP (liet. Velso parlamento narys).", "Jie nustėro."]
