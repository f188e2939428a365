"""Evidence -> a cited extractive answer, or an abstention.

The answer is made of source sentences, verbatim, each followed by its `[n]`
marker; citations carry the article, the sentence id and its exact offsets.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

from rag.answer.short import short_answer
from rag.prompts import load_prompt
from rag.reader.antecedents import continues
from rag.reader.reader import Reading
from rag.retrieval.retriever import Evidence, RetrievedChunk


@dataclass(frozen=True)
class Citation:
    """One cited sentence: `text == article.text[start:end]`."""

    n: int
    article_id: str
    title: str
    date: str
    source: str
    sentence_id: str
    text: str
    start: int
    end: int
    score: float
    span: tuple[int, int] | None = None  # the answer's offsets inside `text`, when the short answer is read from it
    also_in: tuple[str, ...] = ()  # other stored articles that carry this same sentence (syndicated copies)


@dataclass
class Answer:
    """What every front end shows: the answer text with markers, its citations, and what was retrieved."""

    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    retrieved: list[RetrievedChunk] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    reason: str = ""
    answerer: str = "extractive"
    fallback: bool = False  # the model's short answer failed its checks: this is the extractive answer instead
    rejected: list[str] = field(default_factory=list)  # why, in plain words
    draft: str = ""  # the model's unchecked output (in --json only, never shown as the answer)
    prompt_chars: int | None = None
    prompt_tokens: int | None = None
    llm_timings_ms: dict[str, float] = field(default_factory=dict)
    confidence: float | None = None  # the reader's probability that the first citation answers (None when a
    # language model found no answer in the reader's choice and the answer comes from a later candidate)
    short: str = ""  # the one-line direct answer in the question's language ("" when the quote is the answer)
    span: tuple[int, int] | None = None  # the answer span's offsets inside citations[0].text
    short_by: str = "reader"  # who wrote the short line: the reader (from the span) or the "model"
    candidate_rank: int = 1  # which of the reader's candidates is quoted (a model may pass over the first)
    reports: str = ""  # several articles compared (rag/news/reports.py): "differ", "latest" or "agree"; "" = one sentence

    def to_dict(self) -> dict:
        """The `ask --json` contract."""
        result = {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "reason": self.reason,
            "confidence": self.confidence,
            "short_answer": self.short,
            "short_answer_by": self.short_by,
            "candidate_rank": self.candidate_rank,
            "reports": self.reports,
            "answer_span": None if self.span is None or not self.citations else {
                "citation": self.citations[0].n, "start": self.span[0], "end": self.span[1],
                "text": self.citations[0].text[self.span[0]:self.span[1]]},
            "quote": " ".join(c.text for c in self.citations),
            "answerer": self.answerer,
            "fallback": self.fallback,
            "rejected": self.rejected,
            "citations": [asdict(c) for c in self.citations],
            "retrieved": [asdict(r) for r in self.retrieved],
            "timings_ms": {**self.timings_ms, **self.llm_timings_ms},
        }
        if self.prompt_chars is not None:
            result["prompt"] = {"chars": self.prompt_chars, "tokens": self.prompt_tokens}
            result["draft"] = self.draft
        return result


def abstention(question: str, lang: str, reason: str) -> Answer:
    """The "articles don't say" answer: no citations; `reason` says in plain words what was missing."""
    text = load_prompt("abstain", lang)
    if reason:
        text = f"{text} {reason}"
    return Answer(question=question, answer=text, abstained=True, reason=reason)


def _citation(n: int, e: Evidence) -> Citation:
    return Citation(n, e.article_id, e.title, e.date, e.source, e.sentence_id, e.text, e.start, e.end, round(e.score, 4))


def choose_sentences(reading: Reading, settings, best: int = 0) -> list[Evidence]:
    """The sentences to cite, best first: the candidate ranked `best` (the reader's choice unless a
    language model found no answer in it), and a second one only from the same chunk, ranked right
    behind it and holding an answer of the asked type as well, or the sentence right after the first that
    says what was asked of the person the first names ("He is also the oldest quarterback …")."""
    first = reading.ranked[best]
    chosen = [first]
    for candidate, score in zip(reading.ranked[best + 1:], reading.scores[best + 1:]):
        if len(chosen) >= settings.max_citations or reading.scores[best] - score > settings.second_citation_margin:
            break
        if continues(first.evidence, candidate.evidence) or (
                candidate.evidence.chunk_id == first.evidence.chunk_id and (candidate.answer_spans or not first.answer_spans)):
            chosen.append(candidate)
    return [c.evidence for c in chosen]


def extractive_answer(question: str, question_lang: str, reading: Reading, settings, best: int = 0) -> Answer:
    """Answer with the sentence(s) the reader chose, verbatim, each followed by its citation marker;
    or refuse, saying why, when the reader finds that no sentence answers. `best` > 0 answers from a
    later candidate (the language model found no answer in the earlier ones)."""
    if not reading.decision:
        return abstention(question, question_lang, refusal_text(reading, question_lang))
    citations = [_citation(n, e) for n, e in enumerate(choose_sentences(reading, settings, best), start=1)]
    quote = " ".join(f"{c.text} [{c.n}]" for c in citations)
    first = reading.ranked[best]
    short = short_answer(reading.question, first, question_lang)
    if short is not None:
        citations[0] = replace(citations[0], span=(short.start, short.end))
    if short is not None:
        text = f"{short.text} [1]\n{quote}"
    elif first.evidence.lang != question_lang:
        source_language = language_name(first.evidence.lang, question_lang)
        text = f"{load_prompt('quoted', question_lang).format(language=source_language)}\n{quote}"
    else:
        text = quote
    return Answer(question=question, answer=text, abstained=False, citations=citations,
                  confidence=round(reading.answerable, 3) if best == 0 else None,
                  short=short.text if short else "", span=(short.start, short.end) if short else None)


def also_in_note(citation: Citation) -> str:
    """"also in 2 other articles": where else the cited sentence was published word for word ('' if nowhere)."""
    count = len(citation.also_in)
    if not count:
        return ""
    return f"also in {count} other article{'' if count == 1 else 's'}"


def check_note(answer: Answer) -> str:
    """One plain line under an answer saying what the language model did ('' when none was asked).
    It never repeats a rejected answer or a score."""
    if answer.answerer == "extractive" or answer.abstained:
        return ""
    moved = (" The reader's first choice did not answer the question, by the language model's reading;"
             " this is its next candidate." if answer.candidate_rank > 1 else "")
    if answer.fallback:
        rest = ("the short answer above is the reader's own, from the quoted sentence" if answer.short
                else "the quoted sentence is the answer")
        return f"The language model's short answer was not shown: {'; '.join(answer.rejected)}; {rest}.{moved}"
    if answer.short_by == "model":
        return f"Short answer written by the language model and checked against the quoted sentence.{moved}"
    return f"The language model read the quoted sentence and found the same answer.{moved}"


def language_name(lang: str, in_lang: str) -> str:
    """"Lithuanian" / "lietuvių": a language's name in another language (CLDR)."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(in_lang).languages.get(lang, lang)
    except (UnknownLocaleError, ValueError):
        return lang


def refusal_text(reading: Reading, lang: str) -> str:
    """What the articles lack, in the question's language ("" when nothing close was found)."""
    if not reading.reason:
        return ""
    kind, _, detail = reading.reason.partition(":")
    try:
        return load_prompt(f"refusal.{kind}", lang).format(detail=detail.strip())
    except FileNotFoundError:
        return ""
