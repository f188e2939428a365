"""Sentences in articles that address the assistant instead of reporting news ("ignore previous instructions ...").

Article text is data. Such sentences are still quoted and searchable like any other, but an
answer that cites one is rejected by the checker (`rag/answer/verify.py`).
"""

from __future__ import annotations

import re

from rag.text.facts import plain

# written without diacritics and lowercase: matched against `facts.plain(sentence)`
PATTERNS = [
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instruction|prompt|rule|context|above|previous|prior)",
    r"\b(system|developer)\s+(prompt|message|instruction)",
    r"\byou\s+(are\s+now|must\s+(now\s+)?(answer|reply|say|respond)|should\s+(answer|reply|respond))\b",
    r"\b(answer|reply|respond)\s+(only\s+)?(with|that)\b.{0,40}\b(regardless|no matter|always|instead)\b",
    r"\b(as\s+an?\s+)?(ai|language\s+model|assistant|chatbot|llm)\b.{0,30}\b(must|should|answer|reply|ignore)",
    r"\bignoruok\w*\b.{0,40}\b(instrukcij|nurodym|taisykl)",   # lt
    r"\b(ignoriere|vergiss)\w*\b.{0,40}\b(anweisung|instruktion|regel)",  # de
    r"\b(ignora|olvida)\w*\b.{0,40}\b(instruccion|regla)",  # es
    r"\b(игнорир|забудь)\w*\b.{0,40}\b(инструкц|правил)",  # ru
]
_COMPILED = [re.compile(p) for p in PATTERNS]


def looks_like_instruction(sentence: str) -> bool:
    """Whether a sentence reads as an instruction to an AI assistant rather than as reporting."""
    text = plain(sentence)
    return any(p.search(text) for p in _COMPILED)
