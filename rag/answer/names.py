"""Names in answers: a Lithuanian name in the nominative where that is certain, and a foreign name as its
own language spells it.

Lithuanian gives foreign names its own endings: "Chris Rock" is written "Chrisas Rockas", "Charles
Czeisler" "Charlesʼas Czeisleris" (the apostrophe keeps a silent letter apart), and inflects them
("Czeisleriui"). An English answer names the person as English does; a Lithuanian answer keeps the
article's form.
"""

from __future__ import annotations

import re

from rag.text import facts

# Lithuanian case endings of names, longest first, and the nominative endings a name may have
_LT_CASE_ENDINGS = ("iui", "ių", "io", "ią", "ui", "į", "ą", "o", "ę", "os", "ės", "ei", "u")
_LT_NOMINATIVE_ENDINGS = ("as", "is", "ys", "us", "a", "ė")
_LT_GENITIVE_ENDINGS = frozenset({"io", "o", "os", "ės"})  # "ui", "ei", "ą"... are other cases


def lithuanian_nominative(name: str, context: str, before: str = "") -> str:
    """A Lithuanian name in the nominative where that is certain: each inflected word's nominative as the
    article writes it elsewhere ("Czeisleriui" -> "Czeisleris", seen in `context`), else an accusative
    in -į, which only an -is/-ys name has ("Kenny Milerį" -> "Kenny Mileris"), or, after "su" (with:
    `before`, the word before the name), an instrumental in -u, which only an -as name has ("su … No Kwang
    Cholu" -> "No Kwang Cholas"). The words of a name agree in case: once one is a certain genitive
    ("Belousovo" of the attested "Belousovas"), a first name in -aus is the genitive of one in -us
    ("Andrejaus" -> "Andrejus"). Other words as written: "Belousovo" alone could be "Belousovas" or
    "Belousovo", and foreign names ("Kenny", "Klaus") are not inflected."""
    seen = set(facts.WORD.findall(context))
    instrumental = before.casefold() == "su"
    words, genitive = [], False
    for word in name.split():
        stems = [(word[: -len(e)], e) for e in _LT_CASE_ENDINGS if word.endswith(e) and len(word) - len(e) >= 2]
        attested = [(stem + n, e) for stem, e in stems for n in _LT_NOMINATIVE_ENDINGS if stem + n in seen and stem + n != word]
        if attested:
            word, ending = attested[0]
            genitive = genitive or ending in _LT_GENITIVE_ENDINGS
        elif word.endswith("į") and len(word) > 4:
            word = word[:-1] + "is"
        elif instrumental and word.endswith("u") and not word.endswith("iu") and len(word) > 3:
            word = word[:-1] + "as"
        words.append(word)
    if genitive:
        words = [w[:-3] + "us" if w.endswith("aus") and len(w) - 3 >= 4 and w[:1].isupper() else w for w in words]
    return " ".join(words)


# a letter or letter pair Lithuanian spelling never has: the name is foreign ("Rockas", "Mattas", "Czeisleris")
_FOREIGN_SPELLING = re.compile(r"[wqxäöüéèáíóúñçßå]|ck|th|ph|sh|wh|gh|cz|sz|oo|ee|([bdfgklmnprstz])\1",
                               re.IGNORECASE)
_APOSTROPHE_ENDING = re.compile(r"[ʼ'’]\w{1,3}$")  # "Charlesʼas" -> "Charles"


def original_spelling(name: str) -> str:
    """A foreign name written with Lithuanian nominative endings, as its own language writes it: the
    ending after an apostrophe goes ("Charlesʼas" -> "Charles"), and, when a word of the name is spelt
    in a way Lithuanian never is, the -as every consonant-final name takes ("Chrisas Rockas" -> "Chris
    Rock") and the -is after -er ("Czeisleris" -> "Czeisler"). Lithuanian names, and foreign ones that
    could be either ("Kim Jong Unas", "Davisas"), are kept as written."""
    words = name.split()
    # each word without its ending: the one after an apostrophe, else the one a foreign name takes
    bare = [_APOSTROPHE_ENDING.sub("", w) for w in words]
    apostrophe = bare != words
    bare = [b if b != w else _without_ending(w) for b, w in zip(bare, words)]
    if not apostrophe and not any(_FOREIGN_SPELLING.search(b) for b in bare):
        return name
    return " ".join(bare)


def _without_ending(word: str) -> str:
    """A capitalised word without the Lithuanian ending a foreign name gets ("Rockas" -> "Rock",
    "Czeisleris" -> "Czeisler"); other words as they are."""
    if not word[:1].isupper():
        return word
    if word.endswith("as") and len(word) >= 5 and word[-3] not in "aeiouyąęėįųū":
        return word[:-2]
    if word.endswith("eris") and len(word) >= 6:
        return word[:-2]
    return word
