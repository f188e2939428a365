"""Ordinals and the thing they order: "the first quarter", "antruoju ketvirčiu", "2-ojo turo".

A question asking about the first quarter is not answered by a sentence about the second one, however
close its figure is. `ordinals` finds ordinal words (English and Lithuanian, 1-10, in words or digits)
with the word they order; `other_ordinal` says when a sentence orders the question's thing by another
number only.
"""

from __future__ import annotations

import re
from collections.abc import Callable

EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
               "ninth": 9, "tenth": 10}
LT_STEMS = {"pirm": 1, "antr": 2, "treči": 3, "ketvirt": 4, "penkt": 5, "šešt": 6, "septint": 7, "aštunt": 8,
            "devint": 9, "dešimt": 10}
# the endings of a Lithuanian ordinal adjective, plain and definite, every gender and case ("antruoju",
# "pirmąjį", "trečiojo"); not those of "ketvirtis" (quarter: "ketvirčiu") or of "antradienis" (Tuesday)
LT_ENDINGS = ("as", "asis", "o", "ojo", "am", "ajam", "ą", "ąjį", "u", "uoju", "ame", "ajame", "a", "oji", "os",
              "osios", "ai", "ajai", "ąja", "oje", "ojoje", "ieji", "ų", "ųjų", "iems", "iesiems", "us", "uosius",
              "ais", "aisiais", "uose", "uosiuose", "ąsias", "omis", "osiomis", "ose", "osiose", "ąją")
_LT_WORD = re.compile(rf"^({'|'.join(LT_STEMS)})({'|'.join(sorted(LT_ENDINGS, key=len, reverse=True))})$")
_DIGITS = re.compile(r"^(\d{1,3})(?:-?(?:st|nd|rd|th)|-(?:" + "|".join(LT_ENDINGS) + "))$")
_TOKEN = re.compile(r"\d{1,3}-?[^\W\d_]+|[^\W\d_]+")
WORDS_TO_THING = 3  # "pirmasis svarbiausias procesinis balsavimas": the ordered thing stands within three words
MIN_THING_LETTERS = 3


LAST = 1000  # "the final vote", "paskutinis turas": whatever its number, it is not the first
_LAST_WORD = re.compile(r"^(?:final|last|paskutin\w*|galutin\w*|letzte\w*|finale\w*)$")


def ordinal_value(word: str) -> int | None:
    """1-10 for an ordinal word ("first", "antruoju", "2nd", "2-ojo"), `LAST` for "final"/"paskutinis",
    else None."""
    lowered = word.casefold()
    if lowered in EN_ORDINALS:
        return EN_ORDINALS[lowered]
    if _LAST_WORD.match(lowered):
        return LAST
    match = _LT_WORD.match(lowered) or _DIGITS.match(lowered)
    if match is None:
        return None
    return LT_STEMS[match.group(1)] if match.group(1) in LT_STEMS else int(match.group(1))


def ordinals(text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """Each ordinal in `text`: its value, the word as written, and the words after it that may be the thing
    it orders."""
    tokens = _TOKEN.findall(text)
    found = []
    for i, token in enumerate(tokens):
        value = ordinal_value(token)
        if value is not None:
            found.append((value, token, tuple(tokens[i + 1:i + 1 + WORDS_TO_THING])))
    return found


def other_ordinal(question: str, sentence: str, same_word: Callable[[str, str], bool]) -> str:
    """The question's ordered thing as written ("first quarter") when `sentence` orders that thing by other
    numbers only ("antruoju ketvirčiu"), else "". `same_word(question_word, sentence_word)` says whether two
    words are one word across languages."""
    asked = ordinals(question)
    if not asked:
        return ""
    written = ordinals(sentence)
    for value, word, after in asked:
        # "pirmąjį 2018 metų ketvirtį": the thing may stand a word further; short words are no thing ("of")
        for thing in [w for w in after if len(w) > MIN_THING_LETTERS]:
            given = {v for v, _, words in written if any(same_word(thing, w) for w in words)}
            if given and value not in given:
                return f"{word} {thing}"
    return ""
