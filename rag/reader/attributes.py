"""The attribute a question asks of something it names: "What is the capital of Australia?" asks for
Australia's capital, "Who is the mayor of the Šilutė district?" for its mayor, "Who is the chief
executive of Medena?" for its chief executive.

A sentence that never speaks of that attribute answers another question, however well it matches the
name: "After the founding of … New South Wales in 1788, Australia was divided …" says nothing of a
capital. `missing_attribute` says when the reader's best sentence lacks the attribute's word, in the
question's language or translated by the word lists. Only for questions asking a name, a person, a
place or an organisation (a question asking for a figure is judged by its figure), and only where the
word can be looked for: a sentence in the question's language, or one the word lists translate the word into.
"""

from __future__ import annotations

import re

from rag.reader import terms
from rag.text import facts

# "What is the capital of", "Who was the chief executive of"; the attribute
# is written in lower case (a capitalised run is a name: "What is the Saxon Garden in Polish?")
_ASKS_ATTRIBUTE = re.compile(r"^(?:[Ww]hat|[Ww]ho|[Ww]hich)\s+(?:is|was|are|were)\s+the\s+"
                             r"((?:[a-z][a-z-]+\s+){0,2}[a-z][a-z-]+)\s+(?:of|for|at|in)\s+")
# words that name no attribute of their own: the answer's kind, a rank, a part
GENERIC = frozenset({"name", "names", "title", "number", "type", "kind", "part", "first", "last", "main",
                     "other", "role", "one", "same", "best", "term", "word", "full", "official"})


def asked_attribute(question: str) -> str:
    """The attribute a question asks for, as written ("capital", "mayor", "chief executive"); "" for none."""
    found = _ASKS_ATTRIBUTE.match(question.strip())
    if not found:
        return ""
    words = found.group(1).split()
    if words[-1] in GENERIC or words[-1] in facts.function_words("en"):
        return ""  # "the job title of": a title is any name; "the hymn known as": no attribute
    return " ".join(words)


def missing_attribute(question: str, question_lang: str, sentence: str, lang: str,
                      lexicon: terms.Lexicon = terms.NO_LEXICON) -> str:
    """The attribute `question` asks for when `sentence` never names it (its last word, in any form or
    translated: "mayor" ↔ "meras"); "" when it does, when the question asks none, or when the sentence's
    language cannot be searched for it (no word list translates the word into it)."""
    attribute = asked_attribute(question) if question_lang == "en" else ""
    if not attribute:
        return ""
    word = attribute.split()[-1]  # "chief executive": the executive
    keys = terms.text_keys(sentence, lang)
    if lang == question_lang:
        return "" if terms.key_in(terms.word_key(word, question_lang), keys) else attribute
    translations = lexicon.translations(word, question_lang, lang)
    if not translations:
        return ""  # the word lists do not translate it (FreeDict has no "capital" → "sostinė"): unknown
    return "" if translations & keys else attribute
