"""Check the language model's short answer against the quoted sentence(s) before anyone sees it.

The model writes one line: the direct answer ("More than 10,000 troops"), or that the sentences
don't say. The line is shown only when
- it says something the question does not ("Harvard" for "Who designed Harvard's course?" does not);
- three words or more of it read as the asker's language rather than the quote's;
- it holds the answer the reader found: the span's number, date or name (a line that leaves it out
  is rejected, not shown as a vaguer answer);
- every number, unit, month or weekday and name in it occurs in the quoted sentences (compared through
  `rag/text/facts.py`: inflections, scale words, place names across languages). Names from the
  question are allowed, except as the subject of a claim: "Moscow confirmed it" must quote a
  sentence that mentions Moscow;
- for a yes/no question, or when the line is negative, its polarity is the quote's.
Every problem is said in plain words, without the rejected line or any score: the note under a
fallback answer repeats it as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.language import detect_among
from rag.text import facts

NUMERIC_SPANS = frozenset({"number", "year", "money", "percent", "duration", "age", "time", "score"})
NAMED_SPANS = frozenset({"name", "place"})
_TRAILING = re.compile(r"^[\s\"'“”„«»]+|[\s\"'“”„«».;,]+$")


@dataclass(frozen=True)
class GivenSentence:
    """A quoted sentence as numbered in the prompt."""

    n: int
    text: str
    lang: str


@dataclass(frozen=True)
class Required:
    """A value the short answer must hold: the answer span the reader found, as written in the quote."""

    text: str
    kind: str  # a span kind (`rag/reader/spans.py`): number, date, name, place, ...
    lang: str
    rendered: str = ""  # the reader's short answer for it, in the asker's language ("3 days" for "trijų dienų")


@dataclass(frozen=True)
class ShortCheck:
    """The verdict on one short answer."""

    text: str  # the line as it would be shown: markers, quotation marks and a final full stop removed
    refused: bool = False  # the model said the sentences don't say
    problem: str = ""  # why it cannot be shown, in plain words ("" when it can)
    matched: int | None = None  # which of the required values it holds
    echoed: bool = False  # it gave back words of the question, not an answer from the sentence

    @property
    def passed(self) -> bool:
        return not self.refused and not self.problem


def clean_line(text: str) -> str:
    """The model's first line without citation markers, quotation marks or a final full stop."""
    line = (text.strip().splitlines() or [""])[0]
    line = re.sub(r"^(?:answer|atsakymas)\s*(?:in \w+)?\s*:\s*", "", line, flags=re.IGNORECASE)
    return _TRAILING.sub("", " ".join(facts.without_markers(line).split()))


def is_refusal(text: str, refusals: list[str]) -> bool:
    """The model said the sentences do not answer the question (one of `refusals`, or its start)."""
    plain = facts.plain(clean_line(text)).strip(" .!")
    markers = [facts.plain(r).strip(" .!") for r in refusals]
    return any(m and (plain == m or plain.startswith(m)) for m in markers)


def check_short(text: str, quotes: list[GivenSentence], question: str, question_lang: str,
                required: list[Required], yes_no: bool, refusals: list[str]) -> ShortCheck:
    """Whether the model's short answer may be shown above the quote, and if not, why."""
    line = clean_line(text)
    if is_refusal(text, refusals):
        return ShortCheck(line, refused=True)
    if not line:
        return ShortCheck(line, problem="it was empty")
    words = facts.WORD.findall(line)
    if len(words) >= 3 and detect_among(line, {question_lang} | {q.lang for q in quotes}) != question_lang:
        return ShortCheck(line, problem=f"it was not written in {_language_name(question_lang)}")
    if not yes_no and _repeats(line, question, question_lang):
        return ShortCheck(line, problem="it repeated the question instead of answering it", echoed=True)
    untranslated = _copied_words(line, quotes, question_lang)
    if untranslated:
        return ShortCheck(line, problem=f"it was not written in {_language_name(question_lang)}")
    matched = None
    if required:
        matched = next((i for i, value in enumerate(required) if _holds(line, question_lang, value)), None)
        if matched is None:
            return ShortCheck(line, problem=f"it left out the {_what(required[0].kind)} the quoted sentence gives")
    renderings = [value.rendered for value in required if value.rendered]
    problem = (_unsupported(line, quotes, question, question_lang, renderings)
               or _polarity(line, quotes, question_lang, yes_no))
    return ShortCheck(line, problem=problem, matched=matched)


def values_held(line: str, text: str, lang: str) -> int:
    """How many of the line's numbers and name words `text` holds, in any written form."""
    line_numbers = [values for _written, values in facts.numbers(line)]
    names = [w for w in facts.source_words(" ".join(facts.names(line, lang))) if len(w) >= 3]
    text_numbers = [values for _written, values in facts.numbers(text)]
    words = facts.source_words(text)
    return (sum(facts.number_supported(values, text_numbers) for values in line_numbers)
            + sum(facts.name_in(w, words) for w in names))


def supporting_quote(line: str, quotes: list[GivenSentence], lang: str) -> int:
    """The index of the quote that holds most of the line's numbers and names (the first on a tie): the
    sentence its citation marker points to."""
    scores = [values_held(line, q.text, lang) for q in quotes]
    return max(range(len(quotes)), key=lambda i: (scores[i], -i)) if quotes else 0


def _repeats(line: str, question: str, lang: str) -> bool:
    """Whether the line gives no number and every content word of it is one of the question's ("Harvard"
    for "Who designed Harvard's course?"; "10,000 troops" for "How many troops?" gives a number)."""
    if facts.numbers(line):
        return False
    common = facts.stopwords(lang) | facts.stopwords("en")
    content = [w for w in facts.source_words(line) if len(w) >= 3 and w not in common]
    asked = facts.source_words(question)
    return bool(content) and all(facts.name_in(w, asked) for w in content)


def _copied_words(line: str, quotes: list[GivenSentence], lang: str) -> list[str]:
    """Common words copied from a quote in another language ("Beatodairišku" for "reckless"); names,
    capitalised in the quote, may be copied."""
    foreign = [q for q in quotes if q.lang != lang]
    lower = {w for q in foreign for w in facts.WORD.findall(q.text) if w[:1].islower() and len(w) >= 4}
    return [w for w in facts.WORD.findall(line) if w.lower() in lower]


def _holds(line: str, lang: str, value: Required) -> bool:
    """Whether the line states `value` (in its own language and number format)."""
    line_numbers = [values for _written, values in facts.numbers(line)]
    value_numbers = [values for _written, values in facts.numbers(value.text) or facts.numbers(value.rendered)]
    if not all(facts.number_supported(values, line_numbers) for values in value_numbers):
        return False
    value_calendar = set(facts.calendar_facts(value.text, value.lang).values())
    if not value_calendar <= set(facts.calendar_facts(line, lang).values()):
        return False
    if value.kind in NAMED_SPANS or not (value_numbers or value_calendar):
        line_words = facts.source_words(line)
        value_words = [w for w in facts.source_words(value.text) if len(w) >= 2]
        places = facts.places_supported(value_words, value.lang, line_words, {lang})
        return any(w in places or facts.name_in(w, line_words) for w in value_words)
    return True


def _unsupported(line: str, quotes: list[GivenSentence], question: str, lang: str, renderings: list[str]) -> str:
    """Why a number, date or name of the line is not backed by the quotes (or by the reader's rendering of
    their answer span: "3 days" for "trijų dienų"), or ''."""
    quoted = " ".join(q.text for q in quotes)
    source_numbers = [values for _written, values in facts.numbers(" ".join([quoted, *renderings]))]
    question_numbers = [values for _written, values in facts.numbers(question)]
    for _written, values in facts.numbers(line):
        if not facts.number_supported(values, source_numbers + question_numbers):
            return "it gave a number the quoted sentence does not contain"
    if _units(line) - _units(quoted):
        return "it gave a unit the quoted sentence does not contain"
    source_calendar = {key for q in quotes for key in facts.calendar_facts(q.text, q.lang).values()}
    source_calendar |= set(facts.calendar_facts(question, lang).values())  # "Saturday Night Live" is the question's
    if any(key not in source_calendar for key in facts.calendar_facts(line, lang).values()):
        return "it gave a date the quoted sentence does not contain"
    source_words = facts.source_words(quoted)
    question_words = facts.source_words(question)
    places = facts.places_supported(facts.source_words(line), lang, source_words, {q.lang for q in quotes})
    names = facts.names(line, lang)
    if names and line.startswith(names[0]) and _opens_with_common_word(line, names[0], lang):
        names = names[1:]  # "Economic aid", "The KCNA agency": capitalised because it opens the line
    for position, name in enumerate(names):
        if facts.plain(name) in places or facts.name_in(name, source_words):
            continue
        if not facts.name_in(name, question_words):
            return "it named someone or something the quoted sentence does not mention"
        if position == 0 and len(facts.WORD.findall(line)) >= 3:  # a claim about the question's subject
            return "what it is about is not mentioned in the quoted sentence"
    return ""


def _opens_with_common_word(line: str, first: str, lang: str) -> bool:
    """Whether the line's capitalised first word is a common one: a function word, or a dictionary word not
    followed by another capitalised word ("Economic aid"; in "John Geiger" it is a first name)."""
    if facts.plain(first) in facts.stopwords(lang):
        return True
    second = facts.WORD.findall(line)[1:2]
    return _common_word(first, lang) and not (second and second[0][:1].isupper())


def _common_word(word: str, lang: str) -> bool:
    """A word of the language's dictionary (simplemma's) that is not a place name."""
    from rag.text.lemmas import is_known

    key = facts.plain(word)
    places = {form[0] for forms in facts.place_names(lang).values() for form in forms if len(form) == 1}
    try:
        return key not in places and is_known(word.lower(), lang)
    except ValueError:  # a language simplemma has no dictionary for
        return False


def _units(text: str) -> set[str]:
    """The units of measure a text names, in English ("48 valandoms" -> hours)."""
    from rag.answer.short import UNITS

    words = [facts.plain(w) for w in facts.WORD.findall(text)]
    found = {unit for word in words for pattern, unit in UNITS if pattern.match(word)}
    return {"degrees" if unit == "°C" else unit for unit in found}


def _polarity(line: str, quotes: list[GivenSentence], lang: str, yes_no: bool) -> str:
    """'' unless the line is positive where the quote is negative, or the reverse (yes/no questions and
    negative lines only: "at least three days" against "ne mažiau kaip trys dienos" is no contradiction)."""
    if not yes_no:  # a quoted name is no negation: "No Kwang Cholu" (North Korea's defence minister)
        capitalised = {facts.plain(w) for q in quotes for w in facts.WORD.findall(q.text)[1:] if w[:1].isupper()}
        line = " ".join(w for w in line.split() if not (w[:1].isupper() and facts.plain(w.strip(",.;:")) in capitalised))
    line_negated = facts.negated(line, lang)
    if line_negated is None or not (yes_no or line_negated):
        return ""
    quote_negated = [facts.negated(q.text, q.lang) for q in quotes]
    if None in quote_negated or line_negated == any(quote_negated):
        return ""
    return "it said the opposite of the quoted sentence"


def _what(kind: str) -> str:
    if kind in NUMERIC_SPANS:
        return "number"
    return "date" if kind == "date" else "name"


def _language_name(lang: str) -> str:
    from rag.answer.answer import language_name

    return language_name(lang, "en")
