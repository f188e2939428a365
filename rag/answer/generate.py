"""The language model's short answer: one line in the asker's language, from the sentences the reader chose.

The prompt is a fixed prefix (`prompts/short.system.txt`: the task and worked examples), which
llama.cpp keeps evaluated between questions, and a small variable part (`prompts/short.user.txt`:
the quoted sentences and the question). The model writes one line of at most
`settings.llm_max_tokens` tokens. The line is checked (`rag/answer/verify.py`) before it is shown;
the quote under it is the reader's, verbatim. When the model says the sentences don't say, it reads
the reader's next candidate; none answering is a refusal. When its line only repeats the question, or
names a person, place or cause where the reader finds none, it reads on too, and if no later candidate
answers, the reader's answer stands. When its line fails a check, the reader's answer is shown with a
note in plain words. Measurements: `docs/answers.md`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

from rag.answer.answer import Answer, abstention, extractive_answer, language_name
from rag.answer.short import TYPED
from rag.answer.verify import GivenSentence, Required, check_short, supporting_quote, values_held
from rag.prompts import load_prompt
from rag.reader.acronyms import latin_script
from rag.reader.question import AnswerType
from rag.reader.reader import COVERED_TYPES, Reading

NOT_STATED = "NOT STATED"  # what the prompt tells the model to write when the sentences don't answer


def short_prompt(question: str, lang: str, quotes: list[str]):
    """The chat messages: the fixed system prefix, then the numbered quotes and the question."""
    from llama_index.core.llms import ChatMessage, MessageRole

    system = load_prompt("short.system").format(refusal=NOT_STATED)
    numbered = "\n".join(f"[{n}] {' '.join(text.split())}" for n, text in enumerate(quotes, start=1))
    user = load_prompt("short.user").format(sentences=numbered, question=question,
                                            language=language_name(lang or "en", "en"))
    return [ChatMessage(role=MessageRole.SYSTEM, content=system), ChatMessage(role=MessageRole.USER, content=user)]


def fixed_prefix():
    """The prompt's messages that are the same for every question (the system message)."""
    return short_prompt("", "en", [])[:1]


def read_warm_up_prompt(model) -> None:
    """Have the model read a prompt that starts with the fixed prefix (and stop at its first token)."""
    for _chunk in model.llm.stream_chat(short_prompt("warm up", "en", ["Warm up."])):
        break


def warm_prefix(model) -> None:
    """Have the model hold the fixed prompt prefix evaluated, so each question pays only for its own part.
    A local model restores it from the cache folder when an earlier process saved it (`LocalModel.hold_prefix`)."""
    if model.lock is None:  # a server keeps its own cache
        return
    with model.lock:
        hold = getattr(model, "hold_prefix", None)
        if hold is None:
            read_warm_up_prompt(model)
        else:
            hold(fixed_prefix(), lambda: read_warm_up_prompt(model))


def required_values(reading: Reading, extractive: Answer, best: int) -> list[Required]:
    """What a short answer must hold: the span behind the extractive short answer from candidate `best`;
    without one, for a typed question, one of the typed spans of that candidate."""
    if not extractive.citations or reading.question.answer_type not in TYPED:
        return []
    first = extractive.citations[0]
    candidate = reading.ranked[best]
    if extractive.span is not None:
        start, end = extractive.span
        return [Required(first.text[start:end], _span_kind(candidate, extractive.span), candidate.evidence.lang,
                         extractive.short)]
    return [Required(span.text, span.kind, candidate.evidence.lang) for span in candidate.answer_spans]


def generate(question: str, lang: str, reading: Reading, extractive: Answer, model,
             settings) -> Iterator[str | Answer]:
    """Yield "" while the model works, then the `Answer`.

    The model reads the reader's candidates in order (at most `settings.llm_candidates`), one at a
    time with its quote, until it finds an answer: its line, once checked, is the short answer over
    that quote (the reader's own short answer when it has one: it keeps units and qualifiers the
    model drops); it is cited by the quote holding its name or number. When the model says none of them
    answers, the answer is a refusal. When its line fails a check, or the model fails, the reader's own
    extractive answer is shown with a note in plain words. That also happens when the line only repeated
    the question, or named what the reader finds no such thing in, and no later candidate answered.
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    yield ""
    refusals = [NOT_STATED, load_prompt("abstain", "en"), load_prompt("abstain", lang)]
    yes_no = reading.question.answer_type == AnswerType.YES_NO
    details: dict = {}
    reader_stands: tuple[str, dict] | None = None  # why, when no later candidate answers
    for best in range(min(settings.llm_candidates, len(reading.ranked))):
        answer = extractive if best == 0 else extractive_answer(question, lang, reading, settings, best)
        quotes = [GivenSentence(c.n, c.text, e.lang) for c, e in zip(answer.citations, _quoted(reading, answer))]
        messages = short_prompt(question, lang, [q.text for q in quotes])
        try:
            output = _one_line(model, messages, timings, started)
        except Exception as exc:  # server down, timeout, model error: the extractive answer still stands
            problem = f"the language model did not answer ({type(exc).__name__})"
            yield _fallback(extractive, problem, _details(messages, model, timings, ""))
            return
        details = _details(messages, model, timings, output)
        checked = check_short(output, quotes, question, lang, required_values(reading, answer, best), yes_no, refusals)
        if checked.refused and yes_no:  # small models balk at yes/no over a negative sentence: the quote answers
            yield _fallback(extractive, "it could not tell yes or no from the quoted sentence", details)
            return
        if checked.refused:
            continue  # this candidate does not answer, by the model's reading: try the next one
        if checked.echoed:  # no answer from this sentence, by the model's line; the reader's may still stand
            reader_stands = reader_stands or (checked.problem, details)
            continue
        if checked.passed and not answer.short and _none_of_asked_kind(reading, best, quotes):
            # e.g. a name the reader ruled out (the question's own, or part of a longer one: "Los Andželo „Lakers“")
            kind = reading.question.answer_type
            missing = "gives no cause" if kind is AnswerType.REASON else f"gives no {kind.value} that answers"
            reader_stands = reader_stands or (f"the quoted sentence {missing}", details)
            continue
        if not checked.passed:  # the reader's own answer stands
            yield _fallback(extractive, checked.problem, details)
            return
        # a name the model writes its own way in the asker's language ("Chris Rock" for the source's "Chrisas
        # Rockas"); anything else as the reader renders the same value ("£125 million", not "125,000,000";
        # "Greece" from CLDR; "Andrejus Belousovas" where the model copies "Andrejaus Belousovo")
        own_name_form = bool(answer.short) and answer.span is not None \
            and _kind_within(reading.ranked[best], answer.span) == "name" \
            and checked.text.casefold() not in answer.citations[0].text.casefold()
        if answer.short and not own_name_form:
            yield replace(answer, short_by="reader", candidate_rank=best + 1, **details)
            return
        span = answer.span if own_name_form else None
        if span is None and checked.matched is not None:
            matched = reading.ranked[best].answer_spans[checked.matched]
            span = (matched.start, matched.end)
        citations = [replace(answer.citations[0], span=span), *answer.citations[1:]]
        holder = supporting_quote(checked.text, quotes, lang)
        if holder:  # the line's name or number is in a later quote: that one is cited first
            span = _span_holding(checked.text, reading, citations[holder].sentence_id, lang)
            citations = [citations[holder], *citations[:holder], *citations[holder + 1:]]
            citations = [replace(c, n=n, span=span if n == 1 else None) for n, c in enumerate(citations, start=1)]
        quote = " ".join(f"{c.text} [{c.n}]" for c in citations)
        yield replace(answer, answer=f"{checked.text} [1]\n{quote}", short=checked.text, span=span, citations=citations,
                      short_by="model", candidate_rank=best + 1, **details)
        return
    if reader_stands is not None:
        yield _fallback(extractive, *reader_stands)
        return
    refused = abstention(question, lang, load_prompt("refusal.model", lang))
    yield replace(refused, confidence=extractive.confidence, **details)


def _one_line(model, messages, timings: dict, started: float) -> str:
    """The model's answer: its first line, read as it streams (llama.cpp in this process: one at a time).

    llama.cpp in this process stops at the end of the first line. A server's stream is read to its end
    (at most `llm_max_tokens`): an HTTP stream left open is closed later by the garbage collector, which
    can run inside the connection pool's lock on the next request and deadlock there."""
    output = ""
    in_process = model.lock is not None
    if in_process:
        model.lock.acquire()
    try:
        timings.setdefault("wait_model", _ms(started))
        for chunk in model.llm.stream_chat(messages):
            if "first_token" not in timings and chunk.delta:
                timings["first_token"] = _ms(started)
            output += chunk.delta or ""
            if in_process and "\n" in output.strip():  # one line is the whole answer
                break
    finally:
        if in_process:
            model.lock.release()
    timings["generate"] = _ms(started)
    return output.strip().split("\n", 1)[0]


def _quoted(reading: Reading, answer: Answer):
    by_id = {c.evidence.sentence_id: c.evidence for c in reading.ranked}
    return [by_id[c.sentence_id] for c in answer.citations]


def _none_of_asked_kind(reading: Reading, best: int, quotes: list[GivenSentence]) -> bool:
    """For a typed question (a number, amount, date, time, person, place, organisation, name or cause): the
    reader found nothing of that kind in the candidate. Names only in a script that writes them with
    capitals, where it can tell."""
    kind = reading.question.answer_type
    if kind not in TYPED | COVERED_TYPES or reading.ranked[best].answer_spans:
        return False
    return kind not in COVERED_TYPES or all(latin_script(q.text) for q in quotes)


def _span_holding(line: str, reading: Reading, sentence_id: str, lang: str) -> tuple[int, int] | None:
    """The offsets of the answer span of that sentence which holds the line's name or number, if one does."""
    candidate = next((c for c in reading.ranked if c.evidence.sentence_id == sentence_id), None)
    spans = [s for s in candidate.answer_spans if values_held(line, s.text, lang)] if candidate else []
    return (spans[0].start, spans[0].end) if spans else None


def _span_kind(candidate, span: tuple[int, int]) -> str:
    """The kind of the typed span inside the short answer's span (which may start with a qualifier)."""
    return _kind_within(candidate, span) or "name"


def _kind_within(candidate, span: tuple[int, int]) -> str:
    """The kind of the typed span inside `span`, or "" (a yes/no answer's span holds none)."""
    return next((s.kind for s in candidate.answer_spans if s.start < span[1] and span[0] < s.end), "")


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _details(messages, model, timings: dict, output: str) -> dict:
    prompt = "\n".join(m.content for m in messages)
    return {"prompt_chars": len(prompt), "prompt_tokens": model.count_tokens(prompt), "llm_timings_ms": dict(timings),
            "draft": output.strip()}


def _fallback(answer: Answer, problem: str, details: dict) -> Answer:
    return replace(answer, fallback=True, rejected=[problem], **details)
