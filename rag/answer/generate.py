"""Evidence -> an answer written by a language model in the question's language, checked before it is shown.

The model sees only the numbered evidence sentences (with their article's title and date) and the
question (`prompts/answer.*.txt`). Its draft streams out as it is written; the finished text is
checked sentence by sentence (`rag/answer/verify.py`): what fails is dropped, and if too little is left
the extractive answer is returned instead, with the reasons.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import replace

from rag.answer.answer import Answer, Citation, language_name
from rag.prompts import load_prompt
from rag.retrieval.retriever import Evidence
from rag.answer.verify import CITATION, GivenSentence, check_answer


def evidence_for_model(evidence: list[Evidence], chosen: list[Evidence], limit: int) -> list[Evidence]:
    """The best `limit` sentences by score, always including the ones the extractive answer chose."""
    picked = list(evidence[:limit])
    for sentence in chosen:
        if sentence in picked:
            continue
        weakest = next((i for i in range(len(picked) - 1, -1, -1) if picked[i] not in chosen), None)
        if weakest is None:
            picked.append(sentence)
        else:
            picked[weakest] = sentence
    best = {}
    for e in picked:
        best[e.article_id] = max(best.get(e.article_id, 0.0), e.score)
    # grouped by article (best article first), each article's sentences in reading order
    return sorted(picked, key=lambda e: (-best[e.article_id], e.article_id, e.start))


def build_messages(question: str, lang: str, given: list[Evidence]):
    """The chat messages sent to the model, and the prompt as one text (for its size)."""
    from llama_index.core.llms import ChatMessage, MessageRole

    language = language_name(lang or "en", "en")
    lines, article = [], None
    for n, e in enumerate(given, start=1):
        if e.article_id != article:  # each article's title and date once, above its sentences
            article = e.article_id
            lines.append(f"Article: {', '.join(part for part in (e.title, e.date) if part)}")
        lines.append(f"[{n}] {e.text}")
    system = load_prompt("answer.system").format(language=language, refusal=load_prompt("abstain", lang))
    user = load_prompt("answer.user").format(evidence="\n".join(lines), question=question, language=language)
    messages = [ChatMessage(role=MessageRole.SYSTEM, content=system), ChatMessage(role=MessageRole.USER, content=user)]
    return messages, f"{system}\n{user}"


def generate(question: str, lang: str, evidence: list[Evidence], extractive: Answer, model, settings,
             similarity=None) -> Iterator[str | Answer]:
    """Yield the growing draft (str), then the checked `Answer` (or the extractive one, marked as fallback).

    `similarity(claim, evidence sentences) -> [cosine]` lets the checker compare meanings."""
    given = evidence_for_model(evidence, _chosen(extractive, evidence), settings.llm_evidence_sentences)
    messages, prompt = build_messages(question, lang, given)
    started = time.perf_counter()
    timings: dict[str, float] = {}
    draft = ""
    try:
        if model.lock is not None:
            yield ""  # may wait here while another question is being written
            model.lock.acquire()
        try:
            timings["wait_model"] = round((time.perf_counter() - started) * 1000, 1)
            for chunk in model.llm.stream_chat(messages):
                if not draft and chunk.delta:
                    timings["first_token"] = round((time.perf_counter() - started) * 1000, 1)
                draft += chunk.delta or ""
                yield draft
        finally:
            if model.lock is not None:
                model.lock.release()
    except Exception as exc:  # server down, timeout, model error: the extractive answer still stands
        reason = f"the language model failed: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
        yield _fallback(extractive, [reason], prompt, model, timings, started)
        return
    timings["generate"] = round((time.perf_counter() - started) * 1000, 1)

    abstain_texts = [load_prompt("abstain", "en"), load_prompt("abstain", lang)]
    numbered = [GivenSentence(n, e.text, e.lang) for n, e in enumerate(given, start=1)]
    support = (lambda claim, _texts: similarity(claim, given)) if similarity else None  # same order as `numbered`
    checked = check_answer(draft, numbered, question, lang, abstentions=abstain_texts,
                           support=support, min_support=settings.llm_min_support,
                           closer_margin=settings.llm_closer_margin)
    if checked.refused:
        reason = f"the model found no answer in the evidence (best sentence scored {evidence[0].score:.3f})"
        yield _fallback(extractive, [reason], prompt, model, timings, started, draft)
        return
    enough = checked.kept and len(checked.kept) >= settings.llm_min_kept * checked.total
    if not enough:
        yield _fallback(extractive, checked.rejected or ["the model wrote nothing"], prompt, model,
                        timings, started, draft)
        return

    renumber = {old: new for new, old in enumerate(checked.cited, start=1)}
    text = " ".join(_renumbered(sentence, renumber) for sentence in checked.kept)
    citations = [_citation(new, given[old - 1]) for old, new in renumber.items()]
    yield Answer(question=question, answer=text, abstained=False, citations=citations,
                 rejected=checked.rejected, draft=draft, **_prompt_size(prompt, model, timings))


def _chosen(extractive: Answer, evidence: list[Evidence]) -> list[Evidence]:
    ids = {c.sentence_id for c in extractive.citations}
    return [e for e in evidence if e.sentence_id in ids]


def _renumbered(sentence: str, renumber: dict[int, int]) -> str:
    def swap(match: re.Match) -> str:
        numbers = [int(n) for n in re.split(r"[,;]", match.group(1)) if n.strip()]
        return "".join(f"[{renumber[n]}]" for n in numbers)

    return CITATION.sub(swap, sentence)


def _citation(n: int, e: Evidence) -> Citation:
    return Citation(n, e.article_id, e.title, e.date, e.source, e.sentence_id, e.text, e.start, e.end, round(e.score, 4))


def _prompt_size(prompt: str, model, timings: dict) -> dict:
    return {"prompt_chars": len(prompt), "prompt_tokens": model.count_tokens(prompt), "llm_timings_ms": timings}


def _fallback(extractive: Answer, reasons: list[str], prompt: str, model, timings: dict,
              started: float, draft: str = "") -> Answer:
    timings.setdefault("generate", round((time.perf_counter() - started) * 1000, 1))
    return replace(extractive, fallback=True, rejected=reasons, draft=draft,
                   **_prompt_size(prompt, model, timings))
