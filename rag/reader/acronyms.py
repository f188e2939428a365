"""Acronyms a question names ("How many people watched the hearing on PBS?").

An acronym is written alike in every language the articles come in, so a chunk that lacks it does not
speak of it -- unless the chunk names the thing in the words the acronym stands for ("die Börse" after
"Warschauer Börse (WSE)"), or the acronym is one that languages translate (the UN is "JT" in Lithuanian).
"""

from __future__ import annotations

import re

from rag.reader.features import Candidate
from rag.reader.question import Question

_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{2,5}")
# acronyms other languages translate ("JAV", "JT", "PSO", "ŽIV", "BVP" in Lithuanian): their absence proves nothing
TRANSLATED_ACRONYMS = frozenset({"USA", "WHO", "IMF", "WTO", "GDP", "ECB", "OSCE", "UAE", "USSR", "DNA", "HIV", "CEO",
                                 "MPS", "NHS", "ICC", "OPEC", "UNESCO", "UNICEF", "NGO", "EEC", "FIFA"})


def question_acronyms(question: Question) -> list[str]:
    """The question's acronyms of three letters or more ("PBS", "NSF"), written alike in every language."""
    return [name for name in question.names if _ACRONYM.fullmatch(name) and name not in TRANSLATED_ACRONYMS]


def holds_acronyms(candidate: Candidate, acronyms: list[str], sentence: bool = False) -> bool:
    """Whether the candidate's chunk or title (or, if `sentence`, the sentence itself) holds every one of
    `acronyms` as written ("MLS赛季" too)."""
    e = candidate.evidence
    text = e.text if sentence else f"{e.title} {e.chunk_text}"
    return all(re.search(rf"(?<![A-Za-z]){re.escape(a)}(?![A-Za-z])", text) for a in acronyms)


def long_form_words(acronym: str, ranked: list[Candidate]) -> list[str]:
    """The words an acronym abbreviates where a candidate's chunk spells it out ("Warschauer Börse (WSE)"
    -> ["Warschauer", "Börse"]): a sentence that says "die Börse" speaks of the WSE."""
    pattern = re.compile(rf"((?:[^\W\d_][\w'’-]*\s+){{1,4}})\(\s*{re.escape(acronym)}\s*\)")
    words = []
    for chunk in dict.fromkeys(c.evidence.chunk_text for c in ranked):
        for match in pattern.finditer(chunk):
            spelled = match.group(1).split()
            lower = [i for i, w in enumerate(spelled) if not w[:1].isupper()]
            words += [w for w in spelled[lower[-1] + 1 if lower else 0:] if len(w) >= 4]  # the capitalised run
    return list(dict.fromkeys(words))


def absent_acronyms(question: Question, best: Candidate, ranked: list[Candidate]) -> list[str]:
    """The question's acronyms ("PBS") that neither the best sentence's chunk nor its title holds, in
    letters or in the words it stands for (spelled out in one of the `ranked` candidates' chunks)."""
    chunk = f"{best.evidence.title} {best.evidence.chunk_text}"
    return [a for a in question_acronyms(question) if not holds_acronyms(best, [a])
            and not any(re.search(rf"(?<!\w){re.escape(w)}", chunk, re.IGNORECASE) for w in long_form_words(a, ranked))]
