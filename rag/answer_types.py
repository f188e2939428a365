"""What kind of answer a question expects, and whether a sentence can supply it.

Dense similarity tells which sentence is *about* the question, not whether it
holds the answer: "How much money did North Korea pay for the air defence
systems?" is close to the sentence about air defence systems, which names no
sum. For questions that ask for a quantity or a sum of money, a sentence
without a number (or currency) cannot answer, and the engine abstains.
"""

from __future__ import annotations

import re
from enum import Enum


class AnswerType(str, Enum):
    MONEY = "money"
    QUANTITY = "quantity"
    DATE = "date"
    OTHER = "other"


# A sentence without a number cannot say "how many"; a date can hide in words ("in the Middle Ages"),
# so for DATE a fitting sentence is only preferred, never required.
REQUIRED_TYPES = {AnswerType.MONEY, AnswerType.QUANTITY}


_MONEY_QUESTION = re.compile(
    r"\bhow much (?:money|did .* (?:pay|cost|spend)|does .* cost|is .* worth)\b|\bwhat (?:price|sum|amount of money)\b"
    r"|\bkiek (?:pinigų|kainavo|kainuoja|sumokėjo|mokėjo)\b|\bkokia (?:kaina|suma)\b"
    r"|\bwie viel (?:geld|kostet|kostete|bezahlt)\b|\bcuánto (?:dinero|cuesta|costó|pagó)\b|\bсколько (?:денег|стоит|стоил|заплатил)",
    re.IGNORECASE,
)
_QUANTITY_QUESTION = re.compile(
    r"\bhow (?:many|much)\b|\bkiek\b|\bwie viele?\b|\bcu[aá]nt[oa]s?\b|\bсколько\b|\bcombien\b|多少|几",
    re.IGNORECASE,
)
_DATE_QUESTION = re.compile(
    r"\bwhen\b|\bwhat (?:year|month|day|date|time)\b|\b(?:in )?which (?:year|month|day|century|decade)\b"
    r"|\bkada\b|\bkuriais metais\b|\bkurį (?:mėnesį|metų|dieną)\b|\bkuri(?:ą|o) (?:dieną|mėnesio)\b"
    r"|\bwann\b|\bin welchem jahr\b|\bcu[aá]ndo\b|\bв каком году\b|\bкогда\b",
    re.IGNORECASE,
)
_DATE_WORDS = re.compile(
    r"\d|\b(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|century"
    r"|saus|vasar|kov[oą]|baland|gegu|biržel|liep|rugpjū|rugsėj|spal|lapkri|gruod"
    r"|pirmadien|antradien|trečiadien|ketvirtadien|penktadien|šeštadien|sekmadien|amži"
    r"|januar|februar|märz|mai|juni|juli|oktober|dezember|jahrhundert"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|siglo"
    r"|январ|феврал|март|апрел|мая|июн|июл|август|сентябр|октябр|ноябр|декабр|век)",
    re.IGNORECASE,
)
_NUMBER_WORDS = (
    # en, lt, de, es, ru: small numbers and magnitudes, as stems
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen"
    r"|vien|d[uv]i|du|trys|trij|ketur|penk|šeš|septyn|aštuon|devyn|dešimt|šimt|tūkst|mln|mlrd|milijon|milijard"
    r"|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|zwanzig|hundert|tausend|million|milliard"
    r"|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|cien|mil|millón|millones"
    r"|один|два|три|четыр|пят|шест|сем|восем|девят|десят|сто|тысяч|миллион|миллиард"
)
_NUMBER = re.compile(rf"\d|\b(?:{_NUMBER_WORDS})", re.IGNORECASE)
_CURRENCY = re.compile(
    r"[$€£¥₩₽]|\b(?:dollar|euro|pound|yen|won|rubl|ruble|rouble|dolerių|dolerius|eurų|eurus|litų|rublių|usd|eur|gbp|"
    r"dólar|долл|евро|руб)",
    re.IGNORECASE,
)


def expected_answer_type(question: str) -> AnswerType:
    """The answer type a question asks for (money, quantity, date, or anything else)."""
    if _MONEY_QUESTION.search(question):
        return AnswerType.MONEY
    if _QUANTITY_QUESTION.search(question):
        return AnswerType.QUANTITY
    if _DATE_QUESTION.search(question):
        return AnswerType.DATE
    return AnswerType.OTHER


def can_answer(sentence: str, answer_type: AnswerType) -> bool:
    """Whether `sentence` holds something of the expected type (always true for OTHER)."""
    if answer_type is AnswerType.MONEY:
        return bool(_NUMBER.search(sentence) and _CURRENCY.search(sentence))
    if answer_type is AnswerType.QUANTITY:
        return bool(_NUMBER.search(sentence))
    if answer_type is AnswerType.DATE:
        return bool(_DATE_WORDS.search(sentence))
    return True


def has_digits(sentence: str) -> bool:
    """Whether the sentence states a figure in digits."""
    return any(ch.isdigit() for ch in sentence)
