"""Evidence -> a cited extractive answer, or an abstention.

The answer is made of source sentences, verbatim, each followed by its `[n]`
marker; citations carry the article, the sentence id and its exact offsets.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from rag.answer_types import REQUIRED_TYPES, AnswerType, can_answer, expected_answer_type, has_digits
from rag.prompts import load_prompt
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
    fallback: bool = False  # a generated answer failed its checks: this is the extractive answer instead
    rejected: list[str] = field(default_factory=list)  # why generated sentences were dropped
    draft: str = ""  # the model's unchecked text (never shown as the answer)
    prompt_chars: int | None = None
    prompt_tokens: int | None = None
    llm_timings_ms: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The `ask --json` contract."""
        result = {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
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
    """The "articles don't say" answer: no citations."""
    return Answer(question=question, answer=load_prompt("abstain", lang), abstained=True, reason=reason)


def choose_sentences(question: str, evidence: list[Evidence], settings) -> tuple[list[Evidence], str]:
    """The sentences to cite (best first), or [] and the reason to abstain."""
    if not evidence:
        return [], "nothing retrieved"
    best = evidence[0]
    if best.score < settings.abstain_below:
        return [], f"best evidence {best.score:.3f} < {settings.abstain_below}"
    answer_type = expected_answer_type(question)
    if answer_type is not AnswerType.OTHER:
        fitting = [e for e in evidence if e.score >= best.score - settings.type_margin and can_answer(e.text, answer_type)]
        if fitting:
            # "how many": an explicit figure ("10 tūkst.") beats a vague one ("tūkstančius") among close candidates
            best = max(fitting, key=lambda e: (answer_type in REQUIRED_TYPES and has_digits(e.text), e.score))
        elif answer_type in REQUIRED_TYPES:
            return [], f"no close evidence holds a {answer_type.value}"
    chosen = [best]
    for other in evidence:
        if len(chosen) >= settings.max_citations:
            break
        if other is best or other.score < best.score - settings.second_citation_margin:
            continue
        if other.chunk_id != best.chunk_id:
            continue
        if _as_good_a_fit(other, best, answer_type):
            chosen.append(other)
    return chosen, ""


def _as_good_a_fit(other: Evidence, best: Evidence, answer_type: AnswerType) -> bool:
    """A further citation must answer the question's type at least as well as the best one."""
    if not can_answer(other.text, answer_type):
        return False
    return not (answer_type in REQUIRED_TYPES and has_digits(best.text) and not has_digits(other.text))


def extractive_answer(question: str, question_lang: str, evidence: list[Evidence], settings) -> Answer:
    """Answer with the best supporting sentence(s), verbatim, each followed by its citation marker."""
    chosen, reason = choose_sentences(question, evidence, settings)
    if not chosen:
        return abstention(question, question_lang, reason)
    citations = [
        Citation(n, e.article_id, e.title, e.date, e.source, e.sentence_id, e.text, e.start, e.end, round(e.score, 4))
        for n, e in enumerate(chosen, start=1)
    ]
    text = " ".join(f"{c.text} [{c.n}]" for c in citations)
    return Answer(question=question, answer=text, abstained=False, citations=citations)
