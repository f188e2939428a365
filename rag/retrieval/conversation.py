"""Follow-up questions: "and did Moscow confirm it?" read in the context of the conversation.

Without an LLM the rewrite is lexical: a question that leans on the conversation (a leading
"and"/"ir", a pronoun, or no more than two words) gets the previous question as its context.
The engine searches with the follow-up alone and with the context before it, and the reader
takes the answer type from the follow-up ("did ... confirm" wants a yes/no sentence, whatever
the previous question asked) and the names and words from both: the same evidence as the
question written out in full.
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


def conversation_context(question: str, previous_questions: list[str]) -> str:
    """The previous question when `question` is a follow-up of it, else ""."""
    if not previous_questions or not is_follow_up(question):
        return ""
    return previous_questions[-1]


def retrieval_query(question: str, previous_questions: list[str]) -> str:
    """The text to search with: the question, preceded by the last question when it is a follow-up."""
    context = conversation_context(question, previous_questions)
    return f"{context} {question}" if context else question
