"""Evaluate the engine on a questions JSONL file (format in shared/data/README.md)."""

from __future__ import annotations

import json
import re
import statistics
import time
import unicodedata
from pathlib import Path


def normalise(text: str) -> str:
    """Case-, whitespace- and Unicode-normalised text for answer matching."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def load_questions(path: Path, limit: int | None = None) -> list[dict]:
    """Question records from a JSONL file (first `limit` if given)."""
    records = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: invalid JSON: {exc.msg}: column {exc.colno}") from None
            if limit and len(records) >= limit:
                break
    return records


def contains_any(text: str, needles: list[str]) -> bool:
    """Does `text` contain one of `needles` (after `normalise`)?"""
    hay = normalise(text)
    return any(normalise(n) in hay for n in needles if n.strip())


def cites_evidence(citation: str, question: dict) -> bool:
    """Whether a cited sentence is the question's evidence: it contains an evidence string, or -- where the
    evidence is a passage of several sentences (XQuAD-R's unit) -- it is the sentence of that passage that
    holds an answer."""
    if contains_any(citation, question["evidence"]):
        return True
    cited = normalise(citation)
    return bool(cited) and any(cited in normalise(e) for e in question["evidence"]) \
        and contains_any(citation, question.get("answers") or [])


def first_hit(texts: list[str], evidence: list[str]) -> int | None:
    """1-based rank of the first text containing one of the evidence strings, or None."""
    for rank, text in enumerate(texts, start=1):
        if contains_any(text, evidence):
            return rank
    return None


def percentile(values: list[float], q: float) -> float:
    """The `q` quantile (0..1) of `values`, nearest rank; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def score_results(questions: list[dict], results: list[dict]) -> dict:
    """The metrics of a run: answer accuracy, citation precision, hit@k/MRR, abstention, latency."""
    answerable = [(q, r) for q, r in zip(questions, results) if not q.get("abstain")]
    unanswerable = [(q, r) for q, r in zip(questions, results) if q.get("abstain")]
    with_answers = [(q, r) for q, r in answerable if q.get("answers")]
    with_evidence = [(q, r) for q, r in answerable if q.get("evidence")]
    correct = [not r["abstained"] and contains_any(r["answer"], q["answers"]) for q, r in with_answers]
    english = [(q, r) for q, r in answerable if q.get("answers_en")]
    firsts = [direct_answer(r["answer"]) for _, r in english]
    correct_en = [not r["abstained"] and contains_any(first, q["answers_en"]) and reads_as_english(first)
                  for (q, r), first in zip(english, firsts)]
    typed_en = [c for (q, _), c in zip(english, correct_en) if asks_typed(q)]
    first_cited = [bool(r["citations"]) and cites_evidence(r["citations"][0]["text"], q) for q, r in with_evidence]
    cited = [(c["text"], q) for q, r in with_evidence for c in r["citations"]]
    near_miss = [(q, r) for q, r in unanswerable if is_near_miss(q)]
    off_topic = [(q, r) for q, r in unanswerable if not is_near_miss(q)]
    chunk_ranks = [first_hit([c["text"] for c in r["retrieved"]], q["evidence"]) for q, r in with_evidence]
    latencies = [r["latency_ms"] for r in results]
    answered = [(q, r) for q, r in zip(questions, results) if not r["abstained"]]
    generated = [r for _, r in answered if r.get("answerer", "extractive") != "extractive"]
    first_tokens = [r["timings_ms"]["first_token"] for r in generated if "first_token" in r["timings_ms"]]
    prompt_tokens = [r["prompt"]["tokens"] for r in generated if r.get("prompt", {}).get("tokens")]

    def mean(values):
        return round(statistics.fmean(values), 4) if values else None

    news = news_metrics(questions, results)

    return {
        "questions": len(results),
        "answer_accuracy": mean([float(c) for c in correct]),
        "answer_accuracy_en": mean([float(c) for c in correct_en]),
        "answer_accuracy_en_typed": mean([float(c) for c in typed_en]),
        "first_citation_right": mean([float(c) for c in first_cited]),
        "citation_precision": mean([float(cites_evidence(t, q)) for t, q in cited]),
        "evidence_hit@1": mean([float(r == 1) for r in chunk_ranks]),
        "evidence_hit@5": mean([float(r is not None and r <= 5) for r in chunk_ranks]),
        "evidence_mrr": mean([1.0 / r if r else 0.0 for r in chunk_ranks]),
        "abstention_accuracy": mean([float(r["abstained"]) for _, r in unanswerable]),
        "near_miss_refused": mean([float(r["abstained"]) for _, r in near_miss]),
        "off_topic_refused": mean([float(r["abstained"]) for _, r in off_topic]),
        "false_abstention_rate": mean([float(r["abstained"]) for _, r in answerable]),
        "latency_p50_ms": round(percentile(latencies, 0.5), 1),
        "latency_p95_ms": round(percentile(latencies, 0.95), 1),
        "in_question_language": mean([float(_answer_language(r) == (q.get("lang") or _question_language(q)))
                                      for q, r in answered]),
        "fallback_rate": mean([float(r["fallback"]) for r in generated]) if generated else None,
        "first_token_p50_ms": round(percentile(first_tokens, 0.5), 1) if first_tokens else None,
        "prompt_tokens_mean": mean(prompt_tokens) if prompt_tokens else None,
        **{name: mean(values) for name, values in news.items()},
    }


def asks_typed(question: dict) -> bool:
    """Whether a question has a typed answer the reader can write as a short answer (a number,
    date, time, age, person, organisation, place or name; yes or no: `rag/answer/short.py`)."""
    from rag.answer.short import TYPED
    from rag.reader.question import AnswerType, analyse

    answer_type = analyse(question["question"], question.get("lang") or "en").answer_type
    return answer_type in TYPED or answer_type is AnswerType.YES_NO


def news_metrics(questions: list[dict], results: list[dict]) -> dict[str, list[float]]:
    """Per-question scores of the news behaviours a record asks for (docs/news.md):
    `newest`: that value is the first one the answer's first line gives; `values`: every one appears;
    `agree`: the answer says the value is reported by that many articles; `copies`: a citation says
    the sentence is also in that many other articles. Over every answer: no sentence cited twice."""
    newest, values, agree, copies, duplicates = [], [], [], [], []
    for q, r in zip(questions, results):
        first = normalise(direct_answer(r["answer"]))
        if q.get("newest"):
            shown = [first.find(normalise(v)) for v in q.get("values", [q["newest"]]) if normalise(v) in first]
            at = first.find(normalise(q["newest"]))
            newest.append(float(not r["abstained"] and at >= 0 and at == min(shown)))
        if q.get("values"):
            values.append(float(not r["abstained"] and all(contains_any(r["answer"], [v]) for v in q["values"])))
        if q.get("agree"):
            agree.append(float(r.get("reports") == "agree" and re.search(rf"\b{q['agree']}\b", first) is not None))
        if q.get("copies"):
            copies.append(float(any(len(c.get("also_in", ())) == q["copies"] for c in r["citations"])))
        if not r["abstained"]:
            keys = [normalise(c["text"]) for c in r["citations"]]
            duplicates.append(float(len(keys) != len(set(keys))))
    return {"newest_given": newest, "values_shown": values, "agreement_shown": agree, "copies_noted": copies,
            "duplicate_citations": duplicates}


def direct_answer(answer: str) -> str:
    """The answer's first line without citation markers: the short answer, or all of a one-line answer."""
    from rag.text.facts import without_markers

    return " ".join(without_markers(answer.strip().split("\n", 1)[0]).split())


def reads_as_english(text: str) -> bool:
    """English prose: identified as English when it has three words or more; a shorter answer (a name,
    a number with its unit) only in English letters."""
    from ingest.language import detect_language

    words = re.findall(r"[^\W\d_]{2,}", text)  # single letters are units and initials ("27°C", "J. Smith")
    if len(words) >= 3:
        return detect_language(text, default="en") == "en"
    return all(word.isascii() for word in words)


def is_near_miss(record: dict) -> bool:
    """An unanswerable question about something the articles do discuss (it names its article or says why)."""
    return bool(record.get("article") or record.get("why")) or "-near-" in str(record.get("id", ""))


def failures(questions: list[dict], results: list[dict]) -> list[dict]:
    """The questions a run got wrong, each with what went wrong: a wrong or uncited answer, a needless
    refusal, or an answer where the articles don't say."""
    out = []
    for q, r in zip(questions, results):
        if q.get("abstain"):
            problem = "" if r["abstained"] else "answered, but the articles don't say"
        elif r["abstained"]:
            problem = "refused, but the articles answer it"
        elif q.get("evidence") and not (r["citations"] and cites_evidence(r["citations"][0]["text"], q)):
            problem = "cited the wrong sentence"
        elif q.get("answers") and not contains_any(r["answer"], q["answers"]):
            problem = "the answer lacks the expected words"
        else:
            problem = ""
        if problem:
            out.append({"id": q.get("id"), "question": q["question"], "problem": problem,
                        "cited": r["citations"][0]["text"] if r["citations"] else ""})
    return out


def _answer_language(result: dict) -> str:
    from ingest.language import detect_language
    from rag.text.facts import without_markers

    return detect_language(without_markers(result["answer"].strip().split("\n", 1)[0]), default="und")


def _question_language(record: dict) -> str:
    from ingest.language import detect_language

    return detect_language(record["question"], default="en")


def evaluate(engine, questions: list[dict], progress: bool = False) -> dict:
    """Ask every question; return `{"metrics": ..., "results": [...]}` (results carry the `ask --json` fields)."""
    from tqdm import tqdm

    engine.warm_up()  # latency figures are for a loaded engine, as in the UI or a long-running process
    results = []
    for record in tqdm(questions, desc="eval", unit="q", disable=not progress):
        started = time.perf_counter()
        dates = engine.date_range(record.get("since"), record.get("until")) \
            if record.get("since") or record.get("until") else None  # a question asked of a period
        answer = engine.ask(record["question"], dates=dates).to_dict()
        latency = round((time.perf_counter() - started) * 1000, 1)
        results.append({"id": record.get("id"), **answer, "latency_ms": latency})
    return {"metrics": score_results(questions, results), "results": results, "failures": failures(questions, results)}


METRIC_LABELS = {
    "questions": "questions",
    "answer_accuracy": "answer accuracy",
    "answer_accuracy_en": "right in English (answers_en, first line in English)",
    "answer_accuracy_en_typed": "right in English, typed questions (how many, when, who, where, which …, yes/no)",
    "first_citation_right": "first citation right",
    "citation_precision": "citation precision",
    "evidence_hit@1": "evidence hit@1",
    "evidence_hit@5": "evidence hit@5",
    "evidence_mrr": "evidence MRR",
    "abstention_accuracy": "abstention accuracy (abstain items)",
    "near_miss_refused": "near-miss questions refused",
    "off_topic_refused": "off-topic questions refused",
    "false_abstention_rate": "false abstention rate (answerable)",
    "latency_p50_ms": "latency p50 (ms)",
    "latency_p95_ms": "latency p95 (ms)",
    "in_question_language": "answers in the question's language",
    "fallback_rate": "generated answers replaced by extractive (failed checks)",
    "first_token_p50_ms": "time to first token p50 (ms)",
    "prompt_tokens_mean": "prompt size (tokens, mean)",
    "newest_given": "newest value given first (questions with `newest`)",
    "values_shown": "every differing value shown (questions with `values`)",
    "agreement_shown": "agreement of N articles said (questions with `agree`)",
    "copies_noted": "copies of the cited sentence noted (questions with `copies`)",
    "duplicate_citations": "answers citing one sentence twice",
}
