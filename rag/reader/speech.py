"""A question about what someone said asks for their words: "What did Steven Gerrard say after Rangers lost
1-0 at Livingston?" is not answered by the sentence reporting the defeat, however well it matches the
names and the score. `reports_no_speech` says when the reader's best sentence quotes no one and reports
no saying, in the languages whose speech verbs it knows (Lithuanian, English, German).
"""

from __future__ import annotations

import re

# not "tell": "What did Luther tell monks…?" is answered by "He assured monks…"
_ASKS_SAYING = re.compile(r"^\s*what\s+(?:did|does|do|has|have|had|will|would)\s+(.+?)\s+(?:say|said)\b",
                          re.IGNORECASE)
# a quotation of four words or more (Lithuanian quotes one-word names too: „Rangers“), and verbs of saying
_QUOTE = re.compile(r"[„“”\"«»][^„“”\"«»]*(?:\s[^„“”\"«»]*){3}[„“”\"«»]")
SPEECH = {
    "lt": re.compile(r"(?<!\w)(?:sakė|sako|teigė|teigia|pareiškė|pažymėjo|kalbėjo|pridūrė|tvirtino|tvirtina|pasak"
                     r"|pranešė|aiškino|paaiškino|sakydamas|sakydama|teigdamas|teigdama|žurnalistams)(?!\w)",
                     re.IGNORECASE),
    "en": re.compile(r"\b(?:said|says|say|told|tells|stated|added|according to|explained|insisted|remarked)\b",
                     re.IGNORECASE),
    "de": re.compile(r"\b(?:sagte|sagt|erklärte|erklärt|betonte|fügte|laut|meinte|sagten)\b", re.IGNORECASE),
}


def asked_speaker(question: str) -> str:
    """Who the question asks the words of ("What did Steven Gerrard say after…?" → "Steven Gerrard");
    "" when it does not ask what someone said."""
    found = _ASKS_SAYING.match(question)
    return found.group(1) if found else ""


def reports_no_speech(question: str, sentence: str, lang: str) -> str:
    """When `question` asks what someone said and `sentence` (in `lang`) neither quotes anyone nor reports
    a saying: the speaker asked about; "" otherwise, and for languages whose speech verbs are not listed."""
    speaker = asked_speaker(question) if lang in SPEECH else ""
    if not speaker or _QUOTE.search(sentence) or SPEECH[lang].search(sentence):
        return ""
    return speaker
