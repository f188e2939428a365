"""Acronyms a question names ("How many people watched the hearing on PBS?").

An acronym is written alike in every language of the Latin script, so a chunk in one that lacks it does
not speak of it -- unless the chunk names the thing in the words the acronym stands for ("die Börse" after
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


# small words an acronym's long form may hold without a letter for them ("Bank of England", "Verband der Automobilindustrie")
_SKIPPED = frozenset({"of", "and", "for", "the", "on", "in", "de", "del", "der", "des", "die", "und", "für", "la", "le", "et"})


def latin_script(text: str) -> bool:
    """Whether most of a text's letters are Latin ones, the script the acronyms of questions are written in."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch < "\u0250" for ch in letters) * 2 >= len(letters)


def spelled_out(acronym: str, text: str) -> bool:
    """Whether `text` writes out the capitalised words whose initials spell `acronym` ("United Methodist
    Church" or "United_Methodist_Church" for UMC), small words like "of" between them aside."""
    words = re.findall(r"[^\W\d_]+", text)
    letters = acronym.replace("&", "")
    for start, word in enumerate(words):
        if word[:1] != letters[:1]:
            continue
        initials = ""
        for following in words[start:]:
            if following[:1].isupper():
                initials += following[0]
            elif following.casefold() not in _SKIPPED:
                break
            if len(initials) == len(letters):
                break
        if initials == letters:
            return True
    return False


def absent_acronyms(question: Question, best: Candidate, ranked: list[Candidate]) -> list[str]:
    """The question's acronyms ("PBS") that neither the best sentence's chunk nor its title holds, in
    letters, written out ("United Methodist Church" for UMC), or in the words it stands for where one of
    the `ranked` candidates' chunks spells it out."""
    chunk = f"{best.evidence.title} {best.evidence.chunk_text}"
    if not latin_script(best.evidence.chunk_text):
        return []  # Chinese or Russian write NASA as 美国宇航局 or НАСА: there an absent acronym proves nothing
    return [a for a in question_acronyms(question) if not holds_acronyms(best, [a]) and not spelled_out(a, chunk)
            and not any(re.search(rf"(?<!\w){re.escape(w)}", chunk, re.IGNORECASE) for w in long_form_words(a, ranked))]
