"""The short answer: the span the reader found, written the asker's way, on one line.

"Kiek karių nusiuntė?" over "… daugiau kaip 10 tūkst. karių …" gives "daugiau kaip 10 tūkst. karių"
as written; asked in English, "More than 10,000 troops": the qualifier and the unit in English,
the number with English separators, the counted thing in the asker's own word. Months and
weekdays come from CLDR (Babel), countries and cities under their English CLDR names. Names are
given as written in the source, in the nominative only where that is certain (`names.lithuanian_nominative`):
simplemma, the lemmatiser at hand, mislemmatises names ("Šiaurės Korėjos" -> "Šiaurė Korėtis") and
knows no foreign ones ("Belousovo"). Asked in English, a name spelt in a way Lithuanian never is loses
the ending Lithuanian gave it ("Chrisas Rockas" -> "Chris Rock", `names.original_spelling`). A yes/no
question gets "Yes" or "No" only where the sentence plainly affirms or denies the question's own words.
A question without a typed answer ("why …", "what did … say") gets no short answer: the quote is the
answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer.names import lithuanian_nominative, original_spelling
from rag.prompts import load_prompt
from rag.reader.features import Candidate
from rag.reader.question import AnswerType, Question
from rag.reader.spans import ORDINAL_SUFFIX, Span, counted_noun as counted_noun_after, han_month_day, words_before
from rag.text import facts

# words before a number that belong to the answer ("daugiau kaip 10 tūkst." = "more than 10,000"),
# as plain (lowercase, no diacritics) word sequences, longest first
QUALIFIERS: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "lt": [(("ne", "maziau", "kaip"), "at least"), (("ne", "maziau", "nei"), "at least"),
           (("daugiau", "kaip"), "more than"), (("daugiau", "nei"), "more than"), (("daugiau", "negu"), "more than"),
           (("maziau", "kaip"), "less than"), (("maziau", "nei"), "less than"), (("maziau", "negu"), "less than"),
           (("beveik",), "almost"), (("apie",), "about"), (("mazdaug",), "about"), (("apytiksliai",), "about"),
           (("maziausiai",), "at least"), (("bent",), "at least"), (("iki",), "up to"), (("virs",), "over"),
           (("net",), "as many as")],
    "de": [(("mehr", "als"), "more than"), (("weniger", "als"), "less than"), (("mindestens",), "at least"),
           (("rund",), "about"), (("etwa",), "about"), (("fast",), "almost"), (("knapp",), "almost"),
           (("bis", "zu"), "up to"), (("uber",), "over")],
    "es": [(("mas", "de"), "more than"), (("menos", "de"), "less than"), (("al", "menos"), "at least"),
           (("unos",), "about"), (("unas",), "about"), (("casi",), "almost"), (("hasta",), "up to")],
    "ru": [(("более",), "more than"), (("больше",), "more than"), (("менее",), "less than"), (("около",), "about"),
           (("почти",), "almost"), (("до",), "up to")],
    "en": [(("more", "than"), "more than"), (("less", "than"), "less than"), (("fewer", "than"), "fewer than"),
           (("at", "least"), "at least"), (("up", "to"), "up to"), (("about",), "about"), (("around",), "about"),
           (("almost",), "almost"), (("nearly",), "nearly"), (("over",), "over"), (("some",), "some")],
}
# units after a number (the plain word, matched from its start) -> English
UNITS: list[tuple[re.Pattern, str]] = [(re.compile(pattern), unit) for pattern, unit in [
    (r"valand|val\.?$|hours?$|stunde|horas?$|час", "hours"), (r"dien|par[au]s?$|paros$|days?$|tag|d[ií]as?$|дн|день", "days"),
    (r"savait|weeks?$|woche|semana|недел", "weeks"), (r"menes|months?$|monat|mes(?:es)?$|месяц", "months"),
    (r"met[uai]?$|metus$|years?$|jahr|anos?$|год|лет", "years"), (r"minut", "minutes"), (r"sekund|seconds?$", "seconds"),
    (r"kilogram|kg$", "kg"), (r"kilometr|km$", "km"), (r"mylio|myli|miles?$", "miles"), (r"laipsn", "°C"),
    (r"degrees?$", "degrees"), (r"svar|pounds?$", "pounds"),
]]
CURRENCIES: list[tuple[str, str]] = [  # sign or the start of a currency word -> English sign
    ("$", "$"), ("us$", "$"), ("usd", "$"), ("doler", "$"), ("dollar", "$"), ("dolar", "$"), ("доллар", "$"),
    ("£", "£"), ("gbp", "£"), ("svar", "£"), ("pound", "£"), ("pfund", "£"), ("libra", "£"), ("фунт", "£"),
    ("€", "€"), ("eur", "€"), ("евро", "€"), ("¥", "¥"), ("jen", "¥"), ("yen", "¥"), ("juan", "¥"), ("yuan", "¥"),
]
VERBS = frozenset({"live", "lives", "lived", "took", "take", "takes", "need", "needs", "died", "die", "work", "works",
                   "attend", "attended", "watch", "watched", "left", "get", "got", "go", "went", "come", "came",
                   "remain", "remained", "own", "owns", "make", "made", "have", "has", "had", "say", "said"})
TYPED = frozenset({AnswerType.QUANTITY, AnswerType.MONEY, AnswerType.PERCENT, AnswerType.DATE, AnswerType.TIME,
                   AnswerType.DURATION, AnswerType.AGE, AnswerType.PERSON, AnswerType.ORGANISATION,
                   AnswerType.PLACE, AnswerType.NAME})
FOCUS_MARGIN = 0.02  # how much closer to the counted thing one number's context must be than the next
_ORDINAL_AFTER = re.compile(ORDINAL_SUFFIX.pattern + r"\w*", re.IGNORECASE)  # the whole ending: "-ąją"
_DAY_AFTER = re.compile(r"\s\d{1,2}(?:st|nd|rd|th|\s?d\.)?(?!\d|[.,]\d)")
_WORDS = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*\.?|[$€£¥%]")


@dataclass(frozen=True)
class ShortAnswer:
    """One line in the asker's language, and where its source span lies in the cited sentence."""

    text: str
    start: int  # offsets of the answer span within the cited sentence's text
    end: int
    kind: str
    value: float | None = None  # a number's value as the source writes it (10 tūkst. -> 10000), for comparing reports


def short_answer(question: Question, best: Candidate, question_lang: str) -> ShortAnswer | None:
    """The short answer to `question` from the reader's best candidate, or None when the question has
    no typed answer or the sentence holds no span of its type."""
    if question.answer_type is AnswerType.YES_NO:
        return yes_or_no(best, question_lang)
    if question.answer_type not in TYPED or not best.answer_spans:
        return None
    sentence, lang = best.evidence.text, best.evidence.lang
    span, sure = _choose(best, question, sentence)
    if not sure and span.kind not in ("name", "place") and len({s.text for s in best.answer_spans}) > 1:
        return None  # several numbers could be the answer and nothing says which: the quote answers
    if span.kind in ("name", "place") and len({s.text for s in best.answer_spans}) > 1:
        span = _place_of_kind(best.answer_spans, question, best.evidence.lang) \
            or _the_one_location(best, question) \
            or _the_one_person(best, question) \
            or _name_beside_question_words(best.answer_spans, question, sentence)
        if span is None:
            return None  # several names could be the answer and nothing says which: the quote answers
    start, end = span.start, span.end
    if span.kind == "date":  # a month with its day written after it: "July 1", "birželio 15 d."
        day = _DAY_AFTER.match(sentence, end)
        if day:
            end = day.end()
            span = Span(span.kind, start, end, sentence[start:end], span.values, span.context)
    qualifier_start, qualifier = _qualifier(sentence, start, lang)
    english = question_lang != lang and question_lang == "en"
    if span.kind in ("number", "money", "percent", "duration", "age") and span.values:
        unit_end, rendered = _number(sentence, span, lang, question, english, qualifier,
                                     best.features.get("focus_next_to_number", 0.0) > 0)
        start, end = (qualifier_start if qualifier else start), max(end, unit_end)
        if not english:  # the asker reads the source's language: the words as written
            rendered = sentence[start:end]
    elif span.kind in ("name", "place"):
        rendered = _place_in_english(span.text, lang) if english and span.kind == "place" else span.text
        if rendered == span.text and span.kind == "name" and lang == "lt" and not rendered.startswith(("„", "\"")):
            rendered = lithuanian_nominative(rendered, f"{best.evidence.title} {best.evidence.chunk_text}",
                                             _governing_preposition(sentence, span.start))
            if english:  # "Chrisas Rockas" -> "Chris Rock"
                rendered = original_spelling(rendered)
        rendered = rendered.strip("„“”\"«» ")
        if english and rendered[:1].islower():
            return None  # a quoted common word ("„beatodairišku“"), not a name: untranslated, it is no English answer
    elif span.kind == "date" and english:
        rendered = _date_in_english(span.text, lang)
    elif span.kind == "time":
        rendered = re.sub(r"(\d{1,2})[.:](\d{2}).*", r"\1:\2", span.text) if english else span.text
    elif span.kind == "score":
        rendered = re.sub(r"\s*[:–]\s*", "-", span.text) if english else span.text
    else:
        rendered = span.text
    rendered = rendered.strip()
    return ShortAnswer(rendered[:1].upper() + rendered[1:], start, end, span.kind, span_value(span, lang))


def yes_or_no(best: Candidate, question_lang: str) -> ShortAnswer | None:
    """"Yes" or "No" (in the asker's language, `prompts/yes-no.*`) when the sentence affirms or denies the
    question's own words (`rag/reader/polarity.py`) and holds every name the question asks about;
    otherwise None, and the quote answers. A sentence that gives the claim as someone else's ("according to
    US estimates") gets "Yes/No, according to the sources the article cites"."""
    if best.polarity is None or 0 <= best.features.get("names_min_in_sentence", -1.0) < 0.5:
        return None
    lines = load_prompt("yes-no", question_lang).splitlines()
    yes, no = lines[2:4] if best.polarity.attributed else lines[:2]  # "Yes, according to the sources it cites"
    return ShortAnswer(yes if best.polarity.affirmed else no, best.polarity.start, best.polarity.end, "yes/no")


def _choose(best: Candidate, question: Question, sentence: str) -> tuple[Span, bool]:
    """The answer span and whether something in the question picked it: the counted thing written
    beside it (the reader's word lists link "troops" and "karių"), its context clearly closest to the
    counted thing (e5, `FOCUS_MARGIN`), the first letters of the counted word, the only number followed
    by a Lithuanian counted noun for "how many", or the only year for "what year"; else the first span,
    unsure."""
    spans = best.answer_spans
    if best.focus_spans:
        return best.focus_spans[0], True
    similarity = list(best.focus_similarity)
    if len(similarity) == len(spans) > 1 and any(similarity):
        order = sorted(range(len(spans)), key=lambda i: -similarity[i])
        if similarity[order[0]] - similarity[order[1]] >= FOCUS_MARGIN:
            return spans[order[0]], True
    beside = {span.text: span for span in best.beside_words if span.kind == "date"}
    if question.answer_type is AnswerType.DATE and len(beside) == 1 and len({s.text for s in spans}) > 1:
        return next(iter(beside.values())), True  # "penktadienį atvyko" for "When did the delegation arrive?"
    focus = {facts.plain(w) for w in question.focus.split()}
    for span in spans:
        after = {facts.plain(w) for w in _WORDS.findall(sentence[span.end:span.end + 40])[:3]}
        if focus and any(a[:4] == f[:4] for a in after for f in focus if len(a) > 3 and len(f) > 3):
            return span, True
    if question.counts_things and best.evidence.lang == "lt":  # "300 autų" beside "18-7, 2,53 ERA" and "220 2/3 kėlinio"
        counted = {span.text: span for span in spans if counted_noun_after(sentence, span)}
        if len(counted) == 1:
            return next(iter(counted.values())), True
    if question.answer_type == AnswerType.DATE and re.search(r"\byear\b|\bmetais\b|\bmetų\b", question.text, re.I):
        years = [s for s in spans if s.kind == "year"]
        if years:
            return years[0], len(years) == 1
    return spans[0], len({s.text for s in spans}) == 1


# CLDR territories that are no country: the EU, the eurozone, the UN, outlying Oceania, unknown
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ"})


def _place_of_kind(spans: list[Span], question: Question, lang: str) -> Span | None:
    """The one span naming a place of the kind the question asks for (`Question.place_kind`: "Which
    neighbouring country…" takes "Graikija", not "Europos Sąjungos"), leaving out the places the question
    itself names ("Macedonia"); None when not exactly one does."""
    from rag.reader.terms import places_in

    if not question.place_kind:
        return None
    asked_about = {entity for _, _, entity in places_in(question.text, question.lang)}
    of_kind = {}
    for span in spans:
        entities = {entity for _, _, entity in places_in(span.text, lang)} - asked_about
        if question.place_kind in {_kind_of_place(entity) for entity in entities}:
            of_kind.setdefault(span.text, span)
    return next(iter(of_kind.values())) if len(of_kind) == 1 else None


# a place is where something is or goes when a preposition of place stands right before it ("atvyko į Šiaurės
# Korėją", "arrived in North Korea"); "Rusijos karinė delegacija" (Russia's delegation) is no location
LOCATION_BEFORE = {"lt": ("į", "iš", "prie", "per", "link", "ties", "netoli", "iki", "nuo"),
                   "en": ("in", "at", "to", "into", "from", "near", "inside", "outside")}


def _the_one_location(best: Candidate, question: Question) -> Span | None:
    """For a where-question, the one place that is a location -- a preposition of place right before it --
    or, of several, the one with a word of the question (or its translation) beside it ("atvyko į Šiaurės
    Korėją" for "Where did the delegation arrive?", not "pasiuntė į Rusiją"); None when not exactly one."""
    words = {facts.plain(w) for w in LOCATION_BEFORE.get(best.evidence.lang, ())}
    if question.answer_type is not AnswerType.PLACE or not words:
        return None
    sentence = best.evidence.text
    located = {span.text: span for span in best.answer_spans if span.kind == "place"
               and facts.plain(words_before(sentence, span.start, 1)) in words}
    if len(located) > 1:
        beside = {(s.start, s.end) for s in best.beside_words}
        located = {text: span for text, span in located.items() if (span.start, span.end) in beside}
    return next(iter(located.values())) if len(located) == 1 else None


def _the_one_person(best: Candidate, question: Question) -> Span | None:
    """For a who-question, the one name the reader took for a person (`Candidate.person_spans`: "Andrejaus
    Belousovo" beside "Rusijos" and "Šiaurės Korėją" for "Kas vadovavo Rusijos delegacijai?"), its spelling in
    brackets after it not counted as another; None when not exactly one."""
    if question.answer_type is not AnswerType.PERSON:
        return None
    sentence = best.evidence.text
    people: dict[str, Span] = {}
    for span in best.person_spans:
        if any(re.fullmatch(r"\s*\(", sentence[other.end:span.start]) for other in people.values()):
            continue  # "No Kwang Cholu (No Kvang Čolu)": the same person, spelt another way
        people.setdefault(span.text, span)
    return next(iter(people.values())) if len(people) == 1 else None


def _governing_preposition(sentence: str, start: int) -> str:
    """The preposition a name takes its case from, when one governs the phrase the name ends ("susitiko su
    Šiaurės Korėjos gynybos ministru No Kwang Cholu" -> "su"): within five words before it, with no
    punctuation between; else ""."""
    match = _GOVERNING_PREPOSITION.search(sentence[:start])
    return match.group(1) if match else ""


# "su" (with), then up to five words and no punctuation, up to the name
_GOVERNING_PREPOSITION = re.compile(r"(?<!\w)(su)\s+(?:[^\W\d_]+\s+){0,5}$", re.IGNORECASE)


def _kind_of_place(entity: str) -> str:
    """"country" for a CLDR territory that is one ("territory:GR"), "city" for an exemplar city, else ""."""
    source, _, code = entity.partition(":")
    if source == "territory":
        return "" if code in NOT_COUNTRIES else "country"
    return "city" if source == "city" else ""


def _name_beside_question_words(spans: list[Span], question: Question, sentence: str) -> Span | None:
    """The one name standing next to a word of the question ("ministras Andrejus Belousovas" for "which
    minister"), matched on its first letters in any inflection; None when no single name does."""
    keys = {facts.plain(w)[:4] for w in question.words if len(w) > 3 and w not in " ".join(question.names)}
    scores = []
    for span in spans:
        around = _WORDS.findall(sentence[max(0, span.start - 30):span.start])[-2:] \
            + _WORDS.findall(sentence[span.end:span.end + 30])[:2]
        scores.append(sum(facts.plain(w)[:4] in keys for w in around if len(w) > 3))
    best = max(scores, default=0)
    if best == 0 or scores.count(best) > 1:
        return None
    return spans[scores.index(best)]


def _qualifier(sentence: str, start: int, lang: str) -> tuple[int, str]:
    """(start, English words) of a qualifier written right before the number, or (start, "")."""
    before = list(re.finditer(r"[^\W\d_]+", sentence[:start]))
    for words, english in QUALIFIERS.get(lang, []):
        tail = before[-len(words):] if len(before) >= len(words) else []
        if tail and tuple(facts.plain(m.group(0)) for m in tail) == words \
                and not sentence[tail[-1].end():start].strip(" \u00a0"):
            return tail[0].start(), english
    return start, ""


def span_value(span: Span, lang: str) -> float | None:
    """The number a span gives (None for dates, times and spans without one): what reports are compared by."""
    return _value(span, lang) if span.values and span.kind not in ("date", "time", "year") else None


def _value(span: Span, lang: str) -> float:
    """The reading of a written number: thousands separators in English, a decimal comma elsewhere."""
    values = sorted(span.values)
    if len(values) > 1 and lang != "en" and "," in span.text:
        return values[0]
    return values[-1]


def english_number(value: float, scaled: bool) -> str:
    """10000 -> "10,000"; 3260000 written with a scale word -> "3.26 million"; 7.5 -> "7.5"."""
    if scaled and value >= 1e9:
        return f"{value / 1e9:g} billion"
    if scaled and value >= 1e6:
        return f"{value / 1e6:g} million"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:g}"


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _number(sentence: str, span: Span, lang: str, question: Question, english: bool, qualifier: str,
            focus_follows: bool = False) -> tuple[int, str]:
    """(end of the unit or counted word in the sentence, the number rendered in English). `focus_follows`:
    the reader found the question's counted thing next to a number of this sentence (in any language
    the word lists link: "karių" for "troops"), so the asker's own word names it."""
    value = _value(span, lang)
    scaled = bool(re.search(r"[^\d\s.,]", span.text.lstrip("$€£¥")))
    after = sentence[span.end:]
    following = list(re.finditer(r"[^\W\d_]+|[%$€£¥]", after))[:3]
    end = span.end
    currency = next((sign for word, sign in CURRENCIES if word in span.text.casefold()), "")
    unit = ""
    ordinal = _ORDINAL_AFTER.match(after)
    for match in following[:2]:
        word = facts.plain(match.group(0)).rstrip(".")
        if match.start() > 12:
            break
        sign = next((sign for prefix, sign in CURRENCIES if word.startswith(prefix)), "")
        if sign and not currency and span.kind == "money":
            currency, end = sign, span.end + match.end()
            break
        if span.kind == "percent" and (word.startswith("proc") or word == "%" or word.startswith("percent")):
            unit, end = "%", span.end + match.end()
            break
        if span.kind in ("duration", "age", "number"):
            english_unit = next((u for pattern, u in UNITS if pattern.match(word)), "")
            if english_unit:
                unit, end = english_unit, span.end + match.end()
            break
        if word == "jav":  # "JAV dolerių": the currency word follows
            continue
        break
    if not english:  # as written, with the counted word when it is the question's ("10 tūkst. karių")
        if end == span.end and focus_follows and following and following[0].start() <= 2:
            end = span.end + following[0].end()
        return end, ""
    if ordinal:
        return span.end + ordinal.end(), f"{qualifier} {_ordinal(int(value))} {question.focus}".strip()
    number = english_number(value, scaled)
    if span.kind == "money":
        text = f"{currency or ''}{number}"
    elif span.kind == "percent":
        text = f"{number}%"
    elif span.kind == "age":
        text = f"{number} years old" if unit in ("", "years") else f"{number} {unit}"
    elif unit:
        text = f"{number}{unit}" if unit.startswith("°") else f"{number} {unit}"
    else:
        noun = counted_noun(question.focus) if focus_follows else ""
        text = f"{number} {noun}".strip()
    return end, f"{qualifier} {text}".strip()


def counted_noun(focus: str) -> str:
    """The noun phrase of a question's counted thing, without the verb that may follow it:
    "people live" -> "people", "SCIS member schools supplied" -> "SCIS member schools"."""
    words = focus.split()
    for i, word in enumerate(words[1:], start=1):
        if word.casefold() in VERBS or re.search(r"[^e]ed$", word.casefold()):
            return " ".join(words[:i])
    return focus


def _date_in_english(text: str, lang: str) -> str:
    """A month or weekday name in English (CLDR), with the day and year written beside a month
    ("birželio 15 d." -> "June 15", "10月31日" -> "October 31"); other dates as written."""
    from babel import Locale

    chinese = han_month_day(text)
    if chinese:  # "10月31日" -> "October 31"
        month, day = chinese
        name = Locale("en").months["format"]["wide"][month]
        return f"{name} {day}" if day else name
    found = facts.calendar_facts(text, lang)
    if not found:
        return text
    kind, _, number = next(iter(found.values())).partition(":")
    table = Locale("en").months if kind == "month" else Locale("en").days
    name = table["format"]["wide"][int(number)]
    if kind != "month":
        return name
    numbers = [int(n) for n in re.findall(r"(?<!\d)\d{1,4}(?!\d)", text)]
    day = next((n for n in numbers if 1 <= n <= 31), None)
    year = next((n for n in numbers if n > 999), None)
    return f"{name} {day}" + (f", {year}" if year else "") if day else (f"{name} {year}" if year else name)


def _place_in_english(text: str, lang: str) -> str:
    """A country or city under its English CLDR name ("Graikija" -> "Greece"); others as written."""
    from babel import Locale

    from rag.reader.terms import places_in

    found = places_in(text, lang)
    if not found:
        return text
    kind, _, code = found[0][2].partition(":")
    if kind == "territory":
        return Locale("en").territories.get(code, text)
    return code.rsplit("/", 1)[-1].replace("_", " ")
