"""Follow-up questions: turn "and did Moscow confirm it?" into a query that stands on its own.

Without an LLM the rewrite is lexical: a question that leans on the conversation
(a leading "and"/"ir", a pronoun, or no more than two words) is searched together
with the previous question, so the retrieval query carries the topic the user is
still talking about. The answer is still checked against the new question alone.
"""

from __future__ import annotations

import re

FOLLOW_UP_START = re.compile(
    r"^\s*(?:and|but|so|also|what about|how about|then|ir|o|bet|tai|taip pat|und|aber|y|pero|и|а|но)\b", re.IGNORECASE
)
PRONOUN = re.compile(
    r"\b(?:it|its|they|them|their|he|him|his|she|her|this|that|these|those|there"
    r"|jis|ji|jie|jos|jo|jų|tai|tas|ta|šis|ši|ten|er|sie|es|ihn|ihm|ihr|él|ella|ellos|он|она|они|это)\b",
    re.IGNORECASE,
)
MAX_FRAGMENT_WORDS = 2  # "why?", "and Moscow?"


def is_follow_up(question: str) -> bool:
    """Whether a question probably depends on the previous turn."""
    return bool(
        FOLLOW_UP_START.search(question) or PRONOUN.search(question)
        or len(re.findall(r"\w+", question)) <= MAX_FRAGMENT_WORDS
    )


def retrieval_query(question: str, previous_questions: list[str]) -> str:
    """The text to search with: the question, preceded by the last question when it is a follow-up."""
    if not previous_questions or not is_follow_up(question):
        return question
    return f"{previous_questions[-1]} {question}"
