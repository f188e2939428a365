"""Expected or done: whether a sentence gives its figure as a plan or a forecast, not as what happened.

News gives both: "Kalbėjome, kad jis žais 55–60 minučių" (we said he would play 55–60 minutes), "referendume
turėtų dalyvauti 30–43 procentai rinkėjų" (30–43 per cent should take part). A question asking what
happened ("How many minutes did LeBron James play?") is not answered by a figure that was only expected,
however close its words are. `expected_only` says when every figure of a sentence is of that kind, from
the verb just before or after it: a Lithuanian future ("žais", "bus") or conditional ("turėtų", "būtų"), read
with the lemmatiser, or an English "will", "would", "expected to", "plans to".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rag.reader.spans import Span
from rag.text import facts

# a question asking what happened: an English past auxiliary ("How many minutes did he play?", "What was
# the temperature?"), unless it asks itself about a plan ("When did Setanta say it would launch?")
_PAST_QUESTION = re.compile(r"\b(?:did|was|were|had)\b", re.IGNORECASE)
_ENGLISH_EXPECTED = re.compile(  # lower case: "In May 3,000 troops were sent" is no forecast
    r"\b(?:will|would|shall|expected|expects|expect|forecast|forecasts|plans?|planned|intends?|could|may|might)\b")
# the clause a figure sits in ends at punctuation, a spaced dash or a full stop; not at the dash of a range
_CLAUSE_BREAK = re.compile(r"[,;:!?()]|\s[–—-]\s|\.\s")
WORDS_AROUND = 3  # how far from a figure its verb is looked for ("turėtų dalyvauti 30–43 procentai")
_LITHUANIAN_IRREGULAR = frozenset({"bus"})  # būti: "bus", not "būs"


def asks_what_happened(question: str) -> bool:
    """Whether an (English) question asks what happened, not what was planned or expected."""
    return bool(_PAST_QUESTION.search(question)) and not _ENGLISH_EXPECTED.search(question)


def lithuanian_expected(word: str) -> bool:
    """A Lithuanian future ("žais", "dalyvaus", "vyks") or conditional ("turėtų", "būtų") verb form, told
    from its infinitive: the future is the infinitive's stem and "-s", the conditional its stem and "-tų"."""
    word = word.lower()
    if not word.isalpha():
        return False
    if word in _LITHUANIAN_IRREGULAR:
        return True
    if word in facts.function_words("lt"):  # written without diacritics there: "neš" is no "nes"
        return False  # "mes" (we) is also the future of "mesti"
    from rag.text.lemmas import lemmatize

    lemma = lemmatize(word, "lt")
    if lemma == word or not lemma.endswith("ti"):
        return False
    stem = lemma[:-2]
    if word in (stem + "s", stem + "sis", stem + "tų", stem + "tųsi"):
        return True
    return stem[-1:] in ("s", "š", "z", "ž") and word == stem  # "žaisti" -> "žais", "nešti" -> "neš"


def _expected_beside(text: str, span: Span, lang: str) -> str:
    """The verb within the figure's clause, just before or after it, that makes it expected ("žais" 55
    minutes, 3,000 troops "would" be sent); "" if none."""
    before = _CLAUSE_BREAK.split(text[:span.start])[-1].split()[-WORDS_AROUND:]
    after = _CLAUSE_BREAK.split(text[span.end:])[0].split()[:WORDS_AROUND]
    for word in [*reversed(before), *after]:
        word = word.strip("„“\"'”")
        if (lang == "lt" and lithuanian_expected(word)) or (lang == "en" and _ENGLISH_EXPECTED.fullmatch(word)):
            return word
    return ""


def expected_only(question: str, text: str, spans: Iterable[Span], lang: str) -> str:
    """When `question` asks what happened and every figure of the sentence `text` (its `spans`) is given as
    expected or planned: the verbs that make them so ("žais"); "" otherwise. Lithuanian and English
    sentences; others are never judged so."""
    spans = list(spans)
    if not spans or not asks_what_happened(question):
        return ""
    verbs = [_expected_beside(text, span, lang) for span in spans]
    return ", ".join(dict.fromkeys(verbs)) if all(verbs) else ""
