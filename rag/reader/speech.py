"""A question about what someone said asks for their words: "What did Steven Gerrard say after Rangers lost
1-0 at Livingston?" is not answered by the sentence reporting the defeat, however well it matches the
names and the score. `reports_no_speech` says when the reader's best sentence quotes no one and reports
no saying, in the languages whose speech verbs it knows (Lithuanian, English, German).

The other way round, a question asking who did something (`asked_act`: "Who designed Harvard's new
course?") is not answered by whoever is quoted about the deed (`reports_saying`: "… Paulas Barreira sakė,
kad universitetas nusprendė siūlyti šį kursą").
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


# "Who designed…?" asks who did something; "Who said…?", "Who is…?", "Who criticised…?" may be answered by
# whoever is quoted
_ASKS_WHO_DID = re.compile(r"^\s*(?:who|kas)\s+(\w+)", re.IGNORECASE)
_NOT_AN_ACT = frozenset("""
    is was are were be been being has have had did does do will would can could should may might must
    said says say told tells stated added announced claimed warned described called praised criticised
    criticized admitted confirmed denied reported asked urged accused blamed argued suggested insisted
    explained wrote tweeted posted commented spoke speaks testified revealed predicted promised vowed
    threatened defended condemned welcomed questioned thanked apologised apologized responded replied
    answered mentioned noted believes believed thinks thought expects expected
    yra buvo bus būtų sakė sako pasakė teigė teigia pareiškė pranešė pažymėjo kalbėjo tvirtino kritikavo
    paragino pavadino""".split())


def asked_act(question: str) -> str:
    """The verb of a question asking who did something other than say or be something ("Who designed
    Harvard's new course?" → "designed"); "" otherwise. Whoever is quoted about the deed need not be its
    doer: "… Paulas Barreira sakė, kad universitetas nusprendė siūlyti šį kursą" does not answer it."""
    found = _ASKS_WHO_DID.match(question)
    verb = found.group(1).lower() if found else ""
    return "" if verb in _NOT_AN_ACT else verb


# "pasak jo" (according to him) attributes a sentence whose doer is named elsewhere in it: "Charlesʼas
# Czeisleris … parengė kursą, kuris, pasak jo, yra pirmas tokio tipo JAV"
_ATTRIBUTIONS = frozenset({"pasak", "according to", "laut"})


def reports_saying(sentence: str, lang: str) -> bool:
    """Whether `sentence` (in `lang`) reports someone's saying with a verb of speech ("… sakė, kad …");
    False for languages whose speech verbs are not listed."""
    return lang in SPEECH and any(found.group(0).lower() not in _ATTRIBUTIONS
                                  for found in SPEECH[lang].finditer(sentence))


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
