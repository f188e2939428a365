"""The attribute a question asks of something it names: "What is the capital of Australia?" asks for
Australia's capital, "Who is the mayor of the Šilutė district?" for its mayor, "Who is the chief
executive of Medena?" for its chief executive.

A passage that never speaks of that attribute answers another question, however well it matches the
name: "After the founding of … New South Wales in 1788, Australia was divided …" says nothing of a
capital. `missing_attribute` says when the reader's best passage lacks the attribute's word. Only for
questions asking a person or a place (a role, a capital): what a name is called ("the nickname for …")
is seldom written beside it. Only in the question's own language: word lists translate a role into
senses it does not have ("chair" → a seat).
"""

from __future__ import annotations

import re

from rag.reader import terms
from rag.text import facts

# "What is the capital of", "Who was the chief executive of"; the attribute
# is written in lower case (a capitalised run is a name: "What is the Saxon Garden in Polish?")
_ASKS_ATTRIBUTE = re.compile(r"^(?:[Ww]hat|[Ww]ho|[Ww]hich)\s+(?:is|was|are|were)\s+the\s+"
                             r"((?:[a-z][a-z-]+\s+){0,2}[a-z][a-z-]+)\s+(?:of|for|at|in)\s+")
# words that name no attribute of their own: the answer's kind, a rank, a part, what it is called, a group
# answered by its members' names ("the main crew of Apollo 1": Grissom, White and Chaffee)
GENERIC = frozenset({"name", "names", "title", "number", "type", "kind", "part", "first", "last", "main",
                     "other", "role", "one", "same", "best", "term", "word", "full", "official", "nickname",
                     "called", "known", "named", "crew", "team", "members", "group", "cast"})


def asked_attribute(question: str) -> str:
    """The attribute a question asks for, as written ("capital", "mayor", "chief executive"); "" for none."""
    found = _ASKS_ATTRIBUTE.match(question.strip())
    if not found:
        return ""
    words = found.group(1).split()
    if words[-1] in GENERIC or words[-1] in facts.function_words("en"):
        return ""  # "the job title of": a title is any name; "the hymn known as": no attribute
    return " ".join(words)


def missing_attribute(question: str, question_lang: str, passage: str, lang: str) -> str:
    """The attribute `question` asks for when `passage`, in the question's language, never names it (its
    last word, in any form: "capital", "capitals"); "" when it does, when the question asks none, or when
    the passage is in another language."""
    attribute = asked_attribute(question) if question_lang == "en" == lang else ""
    if not attribute:
        return ""
    word = attribute.split()[-1]  # "chief executive": the executive
    return "" if terms.key_in(terms.word_key(word, lang), terms.text_keys(passage, lang)) else attribute
