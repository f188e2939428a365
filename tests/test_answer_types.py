import pytest

from rag.answer_types import AnswerType, can_answer, expected_answer_type


@pytest.mark.parametrize("question,kind", [
    ("how many troops were sent?", AnswerType.QUANTITY),
    ("Kiek Šiaurės Korėjos karių yra Rusijoje?", AnswerType.QUANTITY),
    ("How much money did North Korea pay Russia for the air defence systems?", AnswerType.MONEY),
    ("Which Russian minister visited Pyongyang?", AnswerType.OTHER),
])
def test_expected_answer_type(question, kind):
    assert expected_answer_type(question) is kind


def test_can_answer():
    assert can_answer("nusiuntė daugiau kaip 10 tūkst. karių", AnswerType.QUANTITY)
    assert can_answer("sent four battalions", AnswerType.QUANTITY)
    assert not can_answer("Rusija tiekia oro gynybos raketų sistemas", AnswerType.QUANTITY)
    assert not can_answer("nusiuntė 10 tūkst. karių", AnswerType.MONEY)
    assert can_answer("sumokėjo 5 mln. dolerių", AnswerType.MONEY)
    assert can_answer("anything", AnswerType.OTHER)


def test_date_questions_prefer_sentences_with_dates():
    assert expected_answer_type("In which month was the mutual defence treaty signed?") is AnswerType.DATE
    assert can_answer("Birželio mėnesį Kim Jong Unas ir Putinas pasirašė sutartį", AnswerType.DATE)
    assert not can_answer("Tai laikoma didžiausiu susitarimu", AnswerType.DATE)
