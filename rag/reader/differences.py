"""A difference is not a level: "Omahos temperatūra beveik 20 laipsnių skiriasi nuo Sent Luiso" (Omaha's
temperature differs by almost 20 degrees from St. Louis's) does not say what the temperature in Omaha was.

`gives_difference` says when every figure of a sentence is the size of a difference, from a word for
differing right beside it, and the question does not ask for a difference or a comparison.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rag.reader.spans import Span

# differing, as a verb or a noun (Lithuanian "skirtis", "skirtumas"; English; German); not "different"
_DIFFERENCE = re.compile(
    r"(?<!\w)(?:skiriasi|skyrėsi|skirsis|skirtis|skirtum(?:as|o|ą|u|ai|ų)|differ(?:s|ed|ing)?|difference"
    r"|unterschied(?:e|en)?|unterscheidet|unterschieden)(?!\w)", re.IGNORECASE)
# a question about a difference or a comparison ("How much warmer…", "What was the gap…", "Kiek daugiau…")
_ASKS_COMPARISON = re.compile(
    r"(?<!\w)(?:differ\w*|gap|apart|more|less|fewer|higher|lower|warmer|colder|bigger|smaller|than"
    r"|skir\w*|daugiau|mažiau|nei|negu|unterschied\w*|mehr|weniger|als)(?!\w)", re.IGNORECASE)
WORDS_AROUND = 2  # "20 laipsnių skiriasi": the unit, then the verb


def _beside(text: str, span: Span) -> str:
    """The word for differing right before or after the figure (past its unit), or ""."""
    after = text[span.end:].split()[:WORDS_AROUND]
    before = text[:span.start].split()[-WORDS_AROUND:]
    for word in after + before:
        found = _DIFFERENCE.fullmatch(word.strip(".,;:!?„“\"'()"))
        if found:
            return found.group(0)
    return ""


def gives_difference(question: str, text: str, spans: Iterable[Span]) -> str:
    """When every figure of the sentence `text` (its `spans`) is the size of a difference and `question`
    asks for no difference or comparison: the words saying so ("skiriasi"); "" otherwise."""
    spans = list(spans)
    if not spans or _ASKS_COMPARISON.search(question):
        return ""
    words = [_beside(text, span) for span in spans]
    return ", ".join(dict.fromkeys(words)) if all(words) else ""
