"""Typed spans in a sentence: the things an answer can be -- numbers and what they count, sums of
money, shares, years and dates, times, durations, ages, and names.

"daugiau kaip 10 tūkst. karių" gives a number 10,000 whose following words are "karių"
(troops); "už 125 mln. svarų sterlingų" a sum of money; "44 metų moteris" an age. Counts written as
words are numbers too: "dvi", "дважды", "Шестикратный" (six-time), "两支" (two, with its measure word). The reader
asks whether a sentence holds a span of the type a question wants (`fits`), one that the
question does not already contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rag.reader.question import AnswerType
from rag.reader.speech import SPEECH
from rag.text import facts

NUMBER_WORDS = {
    # en
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "dozen": 12,
    "dozens": None, "hundreds": None, "thousands": None, "millions": None, "several": None,
    "once": 1, "twice": 2, "thrice": 3,
    # lt (the usual case forms)
    "vienas": 1, "viena": 1, "vieno": 1, "vieną": 1, "du": 2, "dvi": 2, "dviejų": 2, "dviem": 2, "trys": 3, "trijų": 3,
    "tris": 3, "trims": 3, "keturi": 4, "keturių": 4, "keturis": 4, "keturios": 4, "penki": 5, "penkių": 5, "penkis": 5,
    "penkios": 5, "šeši": 6, "šešių": 6, "šešis": 6, "šešios": 6, "septyni": 7, "septynių": 7, "septynis": 7,
    "aštuoni": 8, "aštuonių": 8, "aštuonis": 8, "aštuonios": 8, "devyni": 9, "devynių": 9, "devynis": 9,
    "dešimt": 10, "dešimties": 10, "vienuolika": 11, "vienuolikos": 11, "dvylika": 12, "dvylikos": 12,
    "dvidešimt": 20, "trisdešimt": 30, "šimtas": 100, "šimtai": None, "šimtus": None, "šimtų": None,
    "tūkstantis": 1000, "tūkstančiai": None, "tūkstančius": None, "tūkstančių": None, "milijonas": 1e6,
    "milijonai": None, "milijonų": None, "keli": None, "kelios": None, "kelių": None, "keletas": None,
    "dukart": 2, "triskart": 3, "keturiskart": 4,
    # de, es, ru
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "zwölf": 12,
    "hundert": 100, "tausend": 1000, "einmal": 1, "zweimal": 2, "dreimal": 3,
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "cien": 100, "mil": 1000, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
    "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "сто": 100, "тысяча": 1000,
    # ru: the oblique cases ("двух", "трёх"), tens and "twice", "three times"
    "двух": 2, "двум": 2, "двумя": 2, "трёх": 3, "трех": 3, "трем": 3, "тремя": 3, "четырёх": 4, "четырех": 4,
    "четырём": 4, "четырем": 4, "четырьмя": 4, "пяти": 5, "пятью": 5, "шести": 6, "шестью": 6, "семи": 7,
    "восьми": 8, "восемью": 8, "девяти": 9, "девятью": 9, "десяти": 10, "десятью": 10, "одиннадцать": 11,
    "двенадцать": 12, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "тысячи": None,
    "тысяч": None, "несколько": None, "дважды": 2, "трижды": 3, "четырежды": 4,
}
# "six times" written as one word: "Шестикратный обладатель Грэмми", "die sechsfache Siegerin", "šešiskart"
_TIMES_STEMS = {
    "одно": 1, "дву": 2, "двух": 2, "трёх": 3, "трех": 3, "четырёх": 4, "четырех": 4, "пяти": 5, "шести": 6,
    "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10,  # ru, before "-кратный"
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,  # de, "-fach"
    "penkis": 5, "šešis": 6, "septynis": 7, "aštuonis": 8, "devynis": 9, "dešimt": 10,  # lt, "-kart"
}
_TIMES_WORD = re.compile(r"\b(" + "|".join(sorted(_TIMES_STEMS, key=len, reverse=True))
                         + r")(?:кратн|fach|mal|kart)[^\W\d_]*", re.IGNORECASE)
_CURRENCY_SIGN = re.compile(r"[$€£¥₩₽元]|\bUS\$|\b(?:USD|EUR|GBP|JPY|CNY|RUB)\b")
_CURRENCY_WORD = re.compile(
    # a currency's stem with at most a short ending ("eurų", "dollars", "litų"): "Lithuania" and "Jenkins" are none
    r"^(?:(?:dolleri|doleri|dolerį|dollar|euro|eur|eurų|pound|pond|svar|sterling|jen|yen|juan|yuan|rubl|ruble|rouble"
    r"|won|lit|frank|franc|krona|kron|peso|rupee|rupij|pfund|dólar|libra)[^\W\d_]{0,3}\b"
    r"|доллар|евро|рубл|фунт|юан|美元|欧元|英镑)",
    re.IGNORECASE,
)
_PERCENT_WORD = re.compile(r"^(?:%|proc|procent|percent|per cent|prozent|por ciento|porcentaje|процент|个百分点)",
                           re.IGNORECASE)
_TIME_UNIT = re.compile(
    r"^(?:hour|day|week|month|year|minute|second|decade|centur|valand|dien|par[ąųo]s?\b|savait|mėnes|met(?!r|al|od)|minut|sekund"
    r"|dešimtmet|amž|stunde|tag|woche|monat|jahr|minute|sekunde|hora|día|dia|semana|mes|año|minuto|segundo"
    r"|час|день|дня|дней|недел|месяц|год|лет|минут|секунд|小时|天|周|月|年|分钟)",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(r"^(?:-?year-old|years? old|-?metų|metų amžiaus|m\. amžiaus|-?jährig|jahre alt|años|-?летн|岁)",
                        re.IGNORECASE)
# "de" alone is Spanish "of" ("una propuesta de 38 posibles"): only "a la edad de" says an age
_AGE_BEFORE = re.compile(r"(?:aged|age of|at the age of|sulaukęs|sulaukusi|im alter von|a los|edad de|в возрасте)\s*$",
                         re.IGNORECASE)
_AGE_PERSON = re.compile(r"^metų\s+(?:\w+\s+)?(?:vyr|moter|mergin|vaikin|berniuk|mergait|asmen|žmog|pacient|gyventoj"
                         r"|vairuotoj|pilie|kalin|įtariam|sportinink|žaidėj|amžiaus)", re.IGNORECASE)
_SCORE = re.compile(r"(?<![\d:.,])\d{1,3}\s?[:–-]\s?\d{1,3}(?![\d:])(?![.,]\d)")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:val\b|h\b|a\.?m\.?|p\.?m\.?|uhr\b|horas?\b|ч\b)|\b\d{1,2}\s*(?:a\.m\.|p\.m\.)"
                   r"|\b\d{1,2}:\d{2}\b", re.IGNORECASE)
# a Chinese month, with its day when given ("3月", "10月31日", "三月"); "3个月" (three months) is no date
_HAN_NUMERAL = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_HAN_DATE = re.compile(rf"(?<![\d个])({_HAN_NUMERAL})\s*月(?:\s*({_HAN_NUMERAL})\s*[日号])?")
_HAN_DIGITS = {ch: n for n, ch in enumerate("一二三四五六七八九十", start=1)}
# a count in Chinese numerals takes a measure word ("四次", four times; "两支球队", two teams; "三万人"): without one
# "一" is a part of words ("一直", "统一"); "第" before it makes an ordinal, "月" and "日" a date
_HAN_COUNT = re.compile(r"(?<!第)([零〇一二两三四五六七八九十百千万亿]+)(?=多?(?:个|名|位|人|次|届|座|场|支|架|艘|项|种|所|家|条"
                        r"|部|本|只|辆|块|层|岁|倍|天|周|年|小时|分钟|秒|枚|件|台|颗|首|张|篇|份|队|级|门|处|间|匹|头|套|批"
                        r"|组|轮|局|节|米|公里|英里|码|吨|公斤|千克|美元|元|英镑|欧元))")
_HAN_NUMBER_DIGITS = {"零": 0, "〇": 0, "两": 2, **_HAN_DIGITS}
_HAN_NUMBER_UNITS = {"十": 10, "百": 100, "千": 1000}
_HAN_NUMBER_SECTIONS = {"万": 10_000, "亿": 100_000_000}
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
_SINGLE_DAYS = (r"yesterday|today|tomorrow|tonight|vakar|šiandien|rytoj|užvakar|poryt|gestern|heute|morgen|ayer|hoy"
                r"|mañana|вчера|сегодня|завтра|昨天|今天|明天")
_RELATIVE_DAY = re.compile(r"\b(?:" + _SINGLE_DAYS +
                           # a period counted from the day of writing: "next week", "kitą savaitę", "pernai"
                           r"|(?:next|last|this) (?:week|month|year|spring|summer|autumn|fall|winter)"
                           r"|(?:kitą|praėjusią|šią) (?:savaitę|žiemą|vasarą)|(?:kitą|praėjusį|šį) (?:mėnesį|pavasarį|rudenį)"
                           r"|(?:kitais|praėjusiais|šiais) metais|pernai|šiemet|kitąmet)\b", re.IGNORECASE)
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
                          + r")\b", re.IGNORECASE)
_REASON = re.compile(r"\b(?:because|due to|owing to|as a result of|in order to|so that|caused by|blamed|blames|therefore|hence"
                     r"|dėl|nes|kadangi|todėl|siekiant|kad(?=\s+(?:[^\W\d_]+\s+){0,2}[^\W\d_]+tų\b)"
                     r"|weil|wegen|aufgrund|damit|porque|debido a|para que"
                     r"|потому что|из-за|так как|чтобы)\b", re.IGNORECASE)


def _gives_cause(text: str, marker: re.Match) -> bool:
    """Whether a cause marker gives one: Lithuanian "kad" with a conditional verb is a purpose ("nutraukė
    sandorį, kad sutelktų dėmesį", ended the deal to focus), except after a verb of saying, where it
    reports a thought ("teigė, kad dalyvautų", said he would take part)."""
    if marker.group(0).casefold() != "kad":
        return True
    return not SPEECH["lt"].fullmatch(words_before(text, marker.start(), 1))


_QUOTED = re.compile(r"[„“\"«]([^„“”\"«»]{2,60})[“”\"»]")
ORDINAL_SUFFIX = re.compile(r"^-?(?:ąj|ųjų|uoju|oji|asis|ojo|ieji|th\b|st\b|nd\b|rd\b)", re.IGNORECASE)
CONTEXT_WORDS_AFTER = 3
CONTEXT_WORDS_BEFORE = 2


@dataclass(frozen=True)
class Span:
    """A typed piece of a sentence: `text == sentence[start:end]`; `values` for numbers."""

    kind: str  # number | year | money | percent | duration | age | time | date | score | name | place | reason
    start: int
    end: int
    text: str
    values: frozenset[float] = frozenset()
    context: str = ""  # the span with the words around it ("10 tūkst. karių, o kai")


def counted_words(text: str, span: Span) -> str:
    """The span and the words after it, where the thing a number counts is written ("250 darbuotojų",
    "1,100 people"): "Medena employs about 1,100 people" counts people, not employees."""
    return " ".join(part for part in (span.text, words_after(text, span.end, CONTEXT_WORDS_AFTER)) if part)


def words_after(text: str, end: int, count: int) -> str:
    """The `count` words after offset `end`."""
    return " ".join(re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*|%", text[end:])[:count])


def words_before(text: str, start: int, count: int) -> str:
    """The `count` words before offset `start`."""
    words = re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", text[:start])
    return " ".join(words[-count:]) if count else ""


def _number_spans(text: str) -> list[Span]:
    spans = []
    for match in facts.NUMBER.finditer(text):
        digits, word = match.group(1), match.group(2) or ""
        attached = bool(word) and match.end(1) == match.start(2)
        values = facts.number_values(digits, word, attached)
        end = match.end(2) if word and facts.scale_of(word, attached) else match.end(1)
        start = match.start(1)
        if start and text[start - 1] in "$€£¥₩₽":
            start -= 1
        spans.append(Span("number", start, end, text[start:end], frozenset(values)))
    for match in _NUMBER_WORD.finditer(text):
        value = NUMBER_WORDS[match.group(0).casefold()]
        if any(s.start <= match.start() < s.end for s in spans):
            continue
        spans.append(Span("number", match.start(), match.end(), match.group(0),
                          frozenset() if value is None else frozenset({float(value)})))
    for match in _TIMES_WORD.finditer(text):
        if not any(s.start <= match.start() < s.end for s in spans):
            spans.append(Span("number", match.start(), match.end(), match.group(0),
                              frozenset({float(_TIMES_STEMS[match.group(1).casefold()])})))
    for match in _HAN_COUNT.finditer(text):
        if match.group(1) != "一" and not any(s.start <= match.start() < s.end for s in spans):
            spans.append(Span("number", match.start(), match.end(), match.group(1),
                              frozenset({float(han_count(match.group(1)))})))
    return sorted(spans, key=lambda s: s.start)


# a Lithuanian genitive plural right after a number is what it counts ("apie 1100 žmonių"); "1939 metų" is a year
_COUNTED_GENITIVE = re.compile(r"\s*(?!metų\b)([^\W\d_]+ų)\b")


def counted_genitive(text: str, end: int) -> str:
    """The Lithuanian genitive plural written right after a number ending at `end` -- the thing it counts
    ("3 000 gaminių" -> "gaminių") -- or ""."""
    match = _COUNTED_GENITIVE.match(text, end)
    return match.group(1) if match and match.group(1)[:1].islower() else ""


# after two to nine, a Lithuanian counted noun agrees in the nominative plural ("šeši pareigūnai", "dvi moterys");
# "šeši buvo" (a verb) or "šeši sužeisti" (a participle) names no counted thing
_COUNTED_NOMINATIVE = re.compile(r"\s*([^\W\d_]{2,}(?:iai|ai|ys|os|ės|ūs))\b")


def counted_noun(text: str, span: Span) -> str:
    """The Lithuanian noun a number counts, written right after it: a genitive plural ("3 000 gaminių"), or
    after two to nine the agreeing nominative plural ("šeši pareigūnai"); "" when none follows."""
    genitive = counted_genitive(text, span.end)
    if genitive or not span.values or not 2 <= max(span.values) <= 9:
        return genitive
    match = _COUNTED_NOMINATIVE.match(text, span.end)
    return match.group(1) if match and match.group(1)[:1].islower() else ""


MAX_AGE = 130  # years; a larger number after "aged"/"sulaukusi" counts something else


def _is_day_of_month(text: str, span: Span) -> bool:
    """A number from 1 to 31 written right after or before a month's name ("July 1", "1 July", "birželio 15 d.")."""
    if not re.fullmatch(r"\d{1,2}", span.text) or not 1 <= int(span.text) <= 31:
        return False
    before = facts.WORD.findall(text[max(0, span.start - 20):span.start])
    after = facts.WORD.findall(text[span.end:span.end + 20])
    words = before[-1:] + [w for w in after[:2] if w.casefold() not in ("of", "d")][:1]
    return any(value.startswith("month") for word in words for lang_ in ("en", "lt")
               for value in facts.calendar_facts(word, lang_).values())


def _han_number(text: str) -> int:
    """1-31 written in digits or Chinese numerals ("十二" = 12, "二十一" = 21, "三十" = 30)."""
    return int(text) if text.isdigit() else han_count(text)


def han_count(numeral: str) -> int:
    """The value of a number in Chinese numerals: "十二" = 12, "二十一" = 21, "两千五百" = 2500, "三万" = 30000."""
    total = section = digit = 0
    for ch in numeral:
        if ch in _HAN_NUMBER_UNITS:
            section += (digit or 1) * _HAN_NUMBER_UNITS[ch]
            digit = 0
        elif ch in _HAN_NUMBER_SECTIONS:
            total += (section + digit or 1) * _HAN_NUMBER_SECTIONS[ch]
            section = digit = 0
        else:
            digit = _HAN_NUMBER_DIGITS[ch]
    return total + section + digit


def han_month_day(text: str) -> tuple[int, int | None] | None:
    """(month, day or None) of a Chinese date ("10月31日" -> (10, 31), "三月" -> (3, None)); None for other text."""
    match = _HAN_DATE.fullmatch(text.strip())
    if not match:
        return None
    month = _han_number(match.group(1))
    return (month, _han_number(match.group(2)) if match.group(2) else None) if 1 <= month <= 12 else None


def _classify(text: str, span: Span) -> str:
    """year | money | percent | duration | age | number, from the span and the words around it."""
    after = text[span.end:span.end + 40].lstrip()
    before = text[max(0, span.start - 30):span.start]
    values = span.values
    if _PERCENT_WORD.match(after) or after.startswith("%"):
        return "percent"
    if re.fullmatch(r"\d{4}", span.text) and values and 1000 <= min(values) <= 2100 and not _CURRENCY_WORD.match(after) \
            and not counted_genitive(text, span.end):
        return "year"
    if _is_day_of_month(text, span):
        return "day"  # "July 1", "birželio 15 d.": part of a date, never a count or a sum
    if ORDINAL_SUFFIX.match(text[span.end:span.end + 6]):
        return "number"  # "89-ąją minutę", "89th minute": an ordinal, still the number asked for
    following = " ".join(after.split()[:3])
    if _CURRENCY_SIGN.search(before[-6:]) or _CURRENCY_SIGN.match(after) or _CURRENCY_SIGN.search(span.text) \
            or any(_CURRENCY_WORD.match(w) for w in following.split()[:3]):
        return "money"
    plausible_age = not values or max(values) <= MAX_AGE  # "sulaukusi 3,26 mln. žiūrovų" reached viewers, not an age
    if plausible_age and (_AGE_AFTER.match(after) or _AGE_BEFORE.search(before) or _AGE_PERSON.match(after)):
        return "age"
    if _TIME_UNIT.match(after):
        return "duration"
    return "number"


def _looks_like_name(word: str, rest: str) -> bool:
    """A capitalised first word is a name if it is an acronym, has inner capitals, or starts a run of them."""
    return sum(ch.isupper() for ch in word) > 1 or bool(re.match(r"\s+[^\W\d_]*[A-ZĄČĘĖĮŠŲŪŽ]", rest)) \
        or bool(re.match(r"\s+[A-ZĄČĘĖĮŠŲŪŽ]", rest))


# endings of common Lithuanian words the dictionary lacks (participles, adverbs, adjectives in -inis)
_COMMON_ENDINGS = {"lt": re.compile(r"(?:dam[aio]s?|dami|ant|iai|usi|ęs|ę|masi|tina|inis|imas|antis|ese)$")}


def _unknown_word(word: str, lang: str) -> bool:
    """A word no dictionary of the language knows (simplemma) nor looks like a common word's form: a name,
    even first in its sentence ("Katrina (1967 m.) buvo uraganas")."""
    from rag.text.lemmas import is_known

    lowered = word.casefold()
    if len(word) < 3 or not word.isalpha():
        return False
    try:
        if is_known(lowered, lang):
            return False
    except ValueError:  # a language simplemma lacks
        return False
    ending = _COMMON_ENDINGS.get(lang)
    return not (ending and ending.search(lowered))


# a word of a name; an acronym keeps the number written onto it ("HER2", "F-16", "COVID-19")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*(?:(?<=[A-Z])-?\d+(?![.,]?\d))?")


def _name_spans(text: str, lang: str) -> list[Span]:
    """Capitalised runs (not a sentence-initial common word), acronyms and quoted titles."""
    spans: list[Span] = []
    stop = facts.stopwords(lang) | facts.stopwords("en")
    run_start = run_end = None
    for i, match in enumerate(_NAME_WORD.finditer(text)):
        word = match.group(0)
        initial = i == 0 or bool(re.search(r"[.!?:„“\"]\s*$", text[:match.start()]))
        capital = word[:1].isupper() and not (initial and facts.plain(word) in stop) \
            and not facts.calendar_facts(word, lang)
        if capital and initial and run_start is None and not _looks_like_name(word, text[match.end():]) \
                and not _unknown_word(word, lang):
            capital = False  # a sentence's first word is a name only when it looks like one or is no known word
        gap = text[run_end:match.start()] if run_end is not None else ""
        if capital and run_start is not None and re.fullmatch(r"\s+|\s*-\s*", gap):
            run_end = match.end()
            continue
        if run_start is not None:
            spans.append(Span("name", run_start, run_end, text[run_start:run_end]))
            run_start = run_end = None
        if capital:
            run_start, run_end = match.start(), match.end()
    if run_start is not None:
        spans.append(Span("name", run_start, run_end, text[run_start:run_end]))
    found = {(span.start, span.end) for span in spans}
    for match in _QUOTED.finditer(text):
        if (match.start(1), match.end(1)) not in found:  # a quoted capitalised word is one name, not two
            spans.append(Span("name", match.start(1), match.end(1), match.group(1)))
    return spans


# a telephone number ("859-292-3680", "+370 5 212 3456", "(0)20 7946 0958"): digits to dial, never a figure;
# thousands are grouped by spaces, dots or commas, never by hyphens, and never after a "+" or "("
_PHONE = re.compile(r"(?:\+|\()\d{1,4}\)?(?:[-. ]?\(?\d{1,4}\)?){2,}|\b\d{2,4}(?:-\d{2,4}){2,}\b")


# the kind of place a name is ("„Tlatelolco“ aikštėje", "Tlatelolco Plaza", "Alexanderplatz"): a place no
# gazetteer lists. In Lithuanian the noun after the name, in the locative (where: "aikštėje", "mieste");
# elsewhere the name's last word or the word after it ("Tlatelolco square").
_LOCATIVE_PLACE_NOUN = re.compile(
    r"(?:aikšt|gatv|prospekt|alėj|bulvar|plent|miest|kaim|rajon|apskrit|seniūnij|savivaldyb|provincij|valstij"
    r"|region|sostin|uost|stot|park|stadion|aren|ligonin|katedr|bažnyč|rūm|kaln|ežer|up|sal)\w{0,4}"
    r"(?:e|ėje|yje|oje|uje|uose|ose|ėse|yse)", re.IGNORECASE)
_PLACE_NOUN = re.compile(
    r"(?:square|street|plaza|park|avenue|road|stadium|airport|station|bridge|palace|cathedral|hospital|hall|arena"
    r"|boulevard|island|lake|river|valley|bay|beach|county|province|district|village|platz|stra(?:ß|ss)e|allee"
    r"|bahnhof|brücke|flughafen|calle|avenida|estadio|aeropuerto|площад\w*|улиц\w*|проспект\w*)", re.IGNORECASE)
_PLACE_COMPOUND = re.compile(r"\w(?:platz|stra(?:ß|ss)e|allee|bahnhof|brücke)$", re.IGNORECASE)  # "Alexanderplatz"
_LINK = re.compile(r"\s+(?:the|of|de|del|da|di|von|van|der)\s+")  # "Vytautas the Great", "Flughafen von San Diego"


def _named_places(text: str, lang: str, names: list[Span]) -> list[Span]:
    """The names that say which kind of place they are (`_LOCATIVE_PLACE_NOUN`, `_PLACE_NOUN`), as places,
    joined to a name a small word links them with ("Vytautas the Great bridge", "Internationale Flughafen
    von San Diego")."""
    places = []
    names = sorted(names, key=lambda n: n.start)
    for i, name in enumerate(names):
        after = re.match(r"[“”\"»]?\s+([^\W\d_]+)", text[name.end:])
        noun = after.group(1) if after and after.group(1).islower() else ""
        last = re.split(r"[\s-]+", name.text)[-1]
        noun_says = bool(noun) and bool((_LOCATIVE_PLACE_NOUN if lang == "lt" else _PLACE_NOUN).fullmatch(noun))
        name_says = lang != "lt" and ((len(name.text.split()) > 1 and bool(_PLACE_NOUN.fullmatch(last)))
                                      or bool(_PLACE_COMPOUND.search(last)))
        if not (noun_says or name_says):
            continue
        start, end = name.start, name.end
        if i > 0 and _LINK.fullmatch(text[names[i - 1].end:start]):
            start = names[i - 1].start
        if not noun_says and i + 1 < len(names) and _LINK.fullmatch(text[end:names[i + 1].start]):
            end = names[i + 1].end
        places.append(Span("place", start, end, text[start:end]))
    return places


def _phones(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PHONE.finditer(text) if sum(ch.isdigit() for ch in m.group(0)) >= 9]  # an ISO date has 8


@lru_cache(maxsize=20_000)
def typed_spans(text: str, lang: str) -> tuple[Span, ...]:
    """Every typed span of a sentence, in order (none inside a telephone number)."""
    spans = _typed_spans(text, lang)
    phones = _phones(text)
    if phones:
        spans = tuple(s for s in spans if not any(start <= s.start < end for start, end in phones))
    return spans


def _typed_spans(text: str, lang: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    han_dates = [(m.start(), m.end()) for m in _HAN_DATE.finditer(text)]
    for start, end in han_dates:
        spans.append(Span("date", start, end, text[start:end]))
    for span in _number_spans(text):
        if any(start <= span.start < end for start, end in han_dates):
            continue  # the month or day of a Chinese date, not a count
        kind = _classify(text, span)
        context = " ".join(part for part in (words_before(text, span.start, CONTEXT_WORDS_BEFORE), span.text,
                                             words_after(text, span.end, CONTEXT_WORDS_AFTER)) if part)
        spans.append(Span(kind, span.start, span.end, span.text, span.values, context))
    times = [(m.start(), m.end()) for m in _TIME.finditer(text)] + [(m.start(), m.end()) for m in _ISO_DATE.finditer(text)]
    for match in _TIME.finditer(text):
        spans.append(Span("time", match.start(), match.end(), match.group(0)))
    for match in _SCORE.finditer(text):  # "17:5", "2-0": a score (unless part of a time or a date)
        if not any(s <= match.start() < e for s, e in times):
            spans.append(Span("score", match.start(), match.end(), match.group(0), context=match.group(0)))
    for match in _ISO_DATE.finditer(text):
        spans.append(Span("date", match.start(), match.end(), match.group(0)))
    for match in _RELATIVE_DAY.finditer(text):
        spans.append(Span("date", match.start(), match.end(), match.group(0)))
    for match in facts.WORD.finditer(text):
        if facts.calendar_facts(match.group(0), lang):
            spans.append(Span("date", match.start(), match.end(), match.group(0)))
    spans.extend(Span("reason", m.start(), m.end(), m.group(0)) for m in _REASON.finditer(text) if _gives_cause(text, m))
    spans.extend(_name_spans(text, lang))
    from rag.reader.terms import places_in

    spans.extend(Span("place", start, end, text[start:end]) for start, end, _entity in places_in(text, lang))
    known = {(s.start, s.end) for s in spans if s.kind == "place"}
    spans.extend(p for p in _named_places(text, lang, [s for s in spans if s.kind == "name"]) if (p.start, p.end) not in known)
    return tuple(sorted(spans, key=lambda s: (s.start, s.kind)))


FITTING_KINDS: dict[AnswerType, frozenset[str]] = {
    AnswerType.QUANTITY: frozenset({"number", "money", "percent", "duration", "age", "score"}),
    AnswerType.MONEY: frozenset({"money"}),
    AnswerType.PERCENT: frozenset({"percent"}),
    AnswerType.DURATION: frozenset({"duration"}),
    AnswerType.AGE: frozenset({"age"}),
    AnswerType.DATE: frozenset({"year", "date"}),
    AnswerType.TIME: frozenset({"time"}),
    AnswerType.PERSON: frozenset({"name"}),
    AnswerType.ORGANISATION: frozenset({"name"}),
    AnswerType.NAME: frozenset({"name"}),
    AnswerType.PLACE: frozenset({"place"}),
    AnswerType.REASON: frozenset({"reason"}),
}
# a weaker fit: "how many years" answered by a bare number, an age by "44 metų" read as a duration
LOOSE_KINDS: dict[AnswerType, frozenset[str]] = {
    AnswerType.MONEY: frozenset({"number"}),
    AnswerType.PERCENT: frozenset({"number"}),
    AnswerType.DURATION: frozenset({"number", "year"}),
    AnswerType.AGE: frozenset({"number", "duration"}),
    AnswerType.TIME: frozenset({"number"}),
    AnswerType.DATE: frozenset({"number"}),
    AnswerType.PLACE: frozenset({"name"}),
}


COUNT_KINDS = frozenset({"number", "score"})

# the units a measured figure is written in ("30 metrų", "250 kg", "80 laipsnių"): a length is no answer
# without one ("25 minutę" for "from how far out"); metres as "m" but not the Lithuanian year's "m."
MEASURE_UNITS: dict[str, re.Pattern] = {
    "length": re.compile(r"^(?:km\b|m\b(?!\.)|cm\b|mm\b|ft\b|mi\b|metr|meter|kilomet|kilómet|centimet|millimet|mile"
                         r"|myli|feet|foot|pėd|yard|jard|inch|coli|meile|fuß|fuss|pies\b|milla|метр|километр|мил|фут"
                         r"|米|公里|千米|英里|英尺)", re.IGNORECASE),
    "weight": re.compile(r"^(?:kg\b|t\b(?!\.)|lbs?\b|kilogram|gram|tonn|tons?\b|ton[ųaos]\b|pound|svar|pfund|kilos?\b"
                         r"|кг|килограмм|тонн|公斤|千克|吨)", re.IGNORECASE),
    "temperature": re.compile(r"^(?:°|degree|laipsn|grad|градус|度)", re.IGNORECASE),
    "speed": re.compile(r"^(?:km/h|mph|km/val|knot|mazg|miles? per hour|myli\w* per valand|kilomet\w* per (?:hour|valand)"
                        r"|км/ч|公里/小时)", re.IGNORECASE),
}


# the word that makes a date a starting point, per language: "since 1994", "nuo 1994 m.", "seit 1994"
SINCE_WORDS = {"en": ("since",), "lt": ("nuo",), "de": ("seit",), "es": ("desde",), "fr": ("depuis",),
               "ru": ("с", "со")}
SINCE_GAP = 2  # words that may stand between it and the date: "nuo pat 1994 m.", "since early 1994"


def starts_from(text: str, span: Span, lang: str) -> bool:
    """Whether the date `span` is given as a starting point: a since-word of `lang` (`SINCE_WORDS`) stands
    at most `SINCE_GAP` words before it, in the same clause ("nuo tada, kai 2017 m." -- since the time
    when -- starts from that time, not from 2017). True for languages without a listed word."""
    words = SINCE_WORDS.get(lang)
    if not words:
        return True
    clause = re.split(r"[,;:()–—]", text[:span.start])[-1]
    before = words_before(clause, len(clause), SINCE_GAP + 1).casefold().split()
    return any(w in words for w in before)


def measured_in(text: str, span: Span, measure: str) -> bool:
    """Whether the figure `span` is written in a unit of `measure` (length, weight, temperature, speed)."""
    return bool(MEASURE_UNITS[measure].match(text[span.end:span.end + 30].lstrip()))


def measures_of(text: str, span: Span) -> set[str]:
    """The measures whose unit the figure `span` is written in ({"length"} for "1,98 metro"; none for a count)."""
    return {measure for measure in MEASURE_UNITS if measured_in(text, span, measure)}


_SINGLE_DAY = re.compile(rf"^(?:{_SINGLE_DAYS})$", re.IGNORECASE)


def gives_day(text: str, spans: tuple[Span, ...], lang: str) -> bool:
    """Whether a sentence dates something to the day: a full date, a day of a month, a weekday, or
    "yesterday"; "kitą mėnesį" (next month) or a year alone does not."""
    for span in spans:
        if span.kind == "day" or (span.kind == "date" and (_ISO_DATE.fullmatch(span.text) or _SINGLE_DAY.match(span.text)
                                                           or any(v.startswith("day") for v in
                                                                  facts.calendar_facts(span.text, lang).values()))):
            return True
    return False




def fits(spans: tuple[Span, ...], answer_type: AnswerType, loose: bool = False, year: bool = False,
         count: bool = False, score: bool = False, month: bool = False, lang: str = "en") -> list[Span]:
    """The spans that can answer a question of this type (only the strict kinds unless `loose`). A question
    asking for a `year` takes years only, one asking for a `score` scores only; one that `count`s things
    takes numbers, and sums of money or shares only loosely; a bare number fits loosely only when it has
    a value. A question asking for a `month` takes dates that name one (in `lang`, the sentence's language)."""
    if month:  # "1986" is no answer to "in which month"
        return [s for s in spans if s.kind == "date" and (han_month_day(s.text) or any(
            value.startswith("month") for value in facts.calendar_facts(s.text, lang).values()))]
    if year:  # "125-ojoje gatvėje" or "šeštadienį" is no answer to "in what year"
        return [s for s in spans if s.kind == "year"]
    if score:  # "Du vėlyvi bandymai" (two late tries) is no answer to "what was the score"
        return [s for s in spans if s.kind == "score"]
    kinds = FITTING_KINDS.get(answer_type, frozenset())
    if count and not loose:
        kinds = kinds & COUNT_KINDS
    weaker = LOOSE_KINDS.get(answer_type, frozenset()) - kinds if loose else frozenset()
    # a loose fit is a figure: "tūkstančius" (thousands) is no sum of money
    return [s for s in spans if s.kind in kinds or (s.kind in weaker and (s.values or s.kind != "number"))]
