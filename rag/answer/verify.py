"""Check a generated answer against the evidence it was given, sentence by sentence, before anyone sees it.

A sentence of the answer is kept only when
- it carries at least one citation `[n]`, and every `n` is a sentence the model was given;
- none of its citations is an instruction planted in an article (`rag/text/injection.py`);
- every number, month/weekday and name in it occurs in the sentences it cites (or in the
  question), compared through `rag/text/facts.py` (inflection, scale words and place names tolerated);
- it is negative exactly when what it cites is (a coarse polarity check: "confirmed" for "nepatvirtino");
- it is about what the cited sentences say: its embedding is at least `min_support` similar to
  theirs, and not clearly closer to another given sentence than to the ones it cites (a guard
  against fluent claims with no number or name to check, and against citing the wrong sentence).
Everything else is dropped with a reason. The caller decides whether enough is left.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rag.text import facts
from rag.text.injection import looks_like_instruction

CITATION = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
SENTENCE_END = re.compile(r"(?<=[.!?。！？])(?:\s*\[[\d,;\s]+\])*\s+")


@dataclass(frozen=True)
class GivenSentence:
    """An evidence sentence as numbered in the prompt."""

    n: int
    text: str
    lang: str


@dataclass
class CheckedAnswer:
    """The sentences that passed (markers as the model wrote them), the reasons others failed."""

    kept: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    total: int = 0
    refused: bool = False

    @property
    def cited(self) -> list[int]:
        """Evidence numbers cited by the kept sentences, in order of first use."""
        seen: list[int] = []
        for sentence in self.kept:
            for n in cited_numbers(sentence):
                if n not in seen:
                    seen.append(n)
        return seen


def cited_numbers(sentence: str) -> list[int]:
    return [int(n) for group in CITATION.findall(sentence) for n in re.split(r"[,;]", group) if n.strip()]


def answer_sentences(text: str) -> list[str]:
    """Split an answer after each sentence end, keeping a trailing `[n]` with its sentence."""
    text = " ".join(text.split())
    parts, start = [], 0
    for match in SENTENCE_END.finditer(text):
        end = match.end()
        parts.append(text[start:end].strip())
        start = end
    parts.append(text[start:].strip())
    merged: list[str] = []
    for part in parts:
        if merged and not facts.without_markers(part).strip(" .;,"):
            merged[-1] = f"{merged[-1]} {part}"  # a lone "[2]" belongs to the sentence before
        elif part:
            merged.append(part)
    return merged


def is_refusal(text: str, abstentions: list[str]) -> bool:
    """The model said the evidence does not answer the question."""
    plain = facts.plain(facts.without_markers(text)).strip(" .!")
    markers = [facts.plain(a).strip(" .!") for a in abstentions]
    return any(m and (plain == m or plain.startswith(m)) for m in markers)


Support = Callable[[str, list[str]], list[float]]  # (answer sentence, given sentences) -> similarity to each


def check_answer(text: str, given: list[GivenSentence], question: str, question_lang: str,
                 abstentions: list[str] | None = None,
                 support: Support | None = None, min_support: float = 0.0,
                 closer_margin: float = 0.01) -> CheckedAnswer:
    """Keep the answer's sentences that are backed by the evidence they cite; say why the others are not."""
    result = CheckedAnswer()
    if is_refusal(text, abstentions or []):
        result.refused = True
        return result
    by_number = {g.n: g for g in given}
    question_numbers = [values for _written, values in facts.numbers(question)]
    question_words = facts.source_words(question)
    for sentence in answer_sentences(text):
        result.total += 1
        reason = _problem(sentence, by_number, question_numbers, question_words, question_lang)
        if not reason and support is not None:
            reason = _support_problem(sentence, given, support, min_support, closer_margin)
        if reason:
            result.rejected.append(reason)
        else:
            result.kept.append(sentence)
    return result


def _support_problem(sentence: str, given: list[GivenSentence], support: Support, min_support: float,
                     closer_margin: float) -> str:
    """Why the sentence's meaning does not match what it cites, or ''."""
    numbers = set(cited_numbers(sentence))
    similarities = dict(zip([g.n for g in given], support(facts.without_markers(sentence), [g.text for g in given])))
    marks = "".join(f"[{n}]" for n in sorted(numbers))
    cited = max(similarities[n] for n in numbers)
    if cited < min_support:
        return f"not what {marks} says (similarity {cited:.3f} < {min_support}): {_quote(sentence)}"
    other, closest = max(((v, n) for n, v in similarities.items() if n not in numbers), default=(0.0, 0))
    if other > cited + closer_margin:
        return f"closer to [{closest}] ({other:.3f}) than to {marks} ({cited:.3f}), which it cites: {_quote(sentence)}"
    return ""


def _quote(sentence: str, limit: int = 80) -> str:
    body = facts.without_markers(sentence).strip()
    body = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(body.split()))
    return f"“{body[:limit]}{'…' if len(body) > limit else ''}”"


def _problem(sentence: str, given: dict[int, GivenSentence], question_numbers, question_words, lang: str) -> str:
    """Why this answer sentence cannot be shown, or ''."""
    numbers = cited_numbers(sentence)
    if not numbers:
        return f"uncited claim: {_quote(sentence)}"
    missing = [n for n in numbers if n not in given]
    if missing:
        return f"cites [{missing[0]}], which was not among the {len(given)} evidence sentences: {_quote(sentence)}"
    planted = [n for n in numbers if looks_like_instruction(given[n].text)]
    if planted:
        return f"cites [{planted[0]}], an instruction planted in an article, not evidence: {_quote(sentence)}"
    cited = [given[n] for n in numbers]
    cited_text = " ".join(g.text for g in cited)
    marks = "".join(f"[{n}]" for n in numbers)

    source_numbers = [values for _written, values in facts.numbers(cited_text)]
    for written, values in facts.numbers(sentence):
        if not facts.number_supported(values, source_numbers + question_numbers):
            return f"number “{written}” is not in {marks}: {_quote(sentence)}"

    source_calendar = set()
    for g in cited:
        source_calendar |= set(facts.calendar_facts(g.text, g.lang).values())
    for word, key in facts.calendar_facts(sentence, lang).items():
        if key not in source_calendar:
            return f"“{word}” is not in {marks}: {_quote(sentence)}"

    answer_negated = facts.negated(sentence, lang)
    source_negated = [facts.negated(g.text, g.lang) for g in cited]
    if answer_negated is not None and None not in source_negated and answer_negated != any(source_negated):
        said = "negative" if any(source_negated) else "positive"
        return f"says the opposite of {marks} (which is {said}): {_quote(sentence)}"

    source_words = facts.source_words(cited_text)
    answer_words = facts.source_words(sentence)
    places = facts.places_supported(answer_words, lang, source_words, {g.lang for g in cited})
    for name in facts.names(sentence, lang):
        if facts.plain(name) in places:
            continue
        if facts.name_in(name, source_words) or facts.name_in(name, question_words):
            continue
        return f"name “{name}” is not in {marks}: {_quote(sentence)}"
    return ""
