"""Words and names matched across languages and inflections: Mickelson ~ Mickelsonas, Syria ~ Sirijoje,
Cromwell ~ Kromvelio, Greece ~ Graikija.

Every word gets a key: its Snowball stem (in its own language), transliterated to ASCII
(anyascii: Кромвель -> Kromvel'), with spellings that differ between languages folded together
(c/k, w/v, y/i/j, ph/f, th/t, doubled letters). Keys match when equal, when one extends the other
by an inflected ending, or when they are nearly the same (Jaro-Winkler). Country and city names
that differ entirely between languages come from the Unicode CLDR data in Babel.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path

from rag.text import facts

MIN_PREFIX = 4  # "Sirij" ~ "Siria": a key may extend another by an ending when both are this long
MAX_ENDING = 3
MIN_SIMILAR_LENGTH = 5
MIN_SIMILARITY = 0.9  # Jaro-Winkler between keys of at least MIN_SIMILAR_LENGTH letters
# Lithuanian verb prefixes: "išbandyti" is a form of "bandyti" (try), "nusiuntė" of "siuntė" (sent)
LT_PREFIXES = ("per", "nu", "pa", "iš", "is", "su", "at", "už", "uz", "ap", "pri", "į", "i", "ne", "nebe", "be", "te")
_FOLDS = [("ph", "f"), ("th", "t"), ("ck", "k"), ("c", "k"), ("q", "k"), ("w", "v"), ("y", "i"), ("j", "i"),
          ("x", "ks"), ("z", "s")]


@lru_cache(maxsize=200_000)
def word_key(word: str, lang: str, stem: bool = True) -> str:
    """The cross-language key of a word: stem, ASCII, folded spelling ('Kromvelio' -> 'kromvel')."""
    from anyascii import anyascii

    if facts.HAN.fullmatch(word):
        return word  # Chinese characters are their own key: their pinyin, without tones, is shared by many words
    lowered = re.sub(r"['’]s$", "", word.casefold())
    stemmer = facts.stemmer(lang) if stem else None
    if stemmer is not None and lowered.isalpha():
        lowered = stemmer.stemWord(lowered)
    key = re.sub(r"[^a-z0-9]", "", anyascii(lowered).lower())
    for old, new in _FOLDS:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


def keys_match(a: str, b: str) -> bool:
    """Whether two word keys are forms of one word."""
    if a == b:
        return bool(a)
    shorter = min(len(a), len(b))
    if shorter >= MIN_PREFIX and (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= MAX_ENDING:
        return True
    if shorter >= MIN_SIMILAR_LENGTH:
        from rapidfuzz.distance import JaroWinkler

        return JaroWinkler.similarity(a, b) >= MIN_SIMILARITY
    return False


_CYRILLIC_OR_GREEK = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
HAN_WORD_LENGTHS = (2, 3, 4)  # Chinese is written without spaces: every run of 2-4 characters may be a word
SOUND_MARK = "~"  # sound keys sit among a text's word keys with this mark, so no word key matches them
MIN_SOUND_LENGTH = 2


def sound_key(key: str) -> str:
    """A name's consonant skeleton, for names transliterated into another script: the key's first letter,
    then its consonants, with the spellings of one sound folded ('kuekhli' (Kuechly) and 'kikl' (Кикли)
    -> 'kl'; 'iosh' (Josh) and 'dshosh' (Джош) -> 'is')."""
    for old, new in (("dsh", "i"), ("skh", "s"), ("sh", "s"), ("kh", "k"), ("ts", "s"), ("h", "g")):
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key[:1] + re.sub(r"[aeiou]", "", key[1:]))


@lru_cache(maxsize=50_000)
def text_keys(text: str, lang: str) -> frozenset[str]:
    """The keys of every word of a text, stemmed and as written (a stemmer may cut a foreign name: 'Palu');
    for Lithuanian also without a verb prefix ('išbandyti' -> 'bandyti')."""
    words = facts.WORD.findall(facts.without_markers(text))
    # each part of a hyphenated compound is a word too: "Turing" in "Turing-Maschine", "BSkyB" in "BSkyB-Sendungen"
    words += [part for w in words if "-" in w for part in w.split("-") if len(part) > 1]
    keys = {word_key(w, lang) for w in words} | {word_key(w, lang, stem=False) for w in words}
    lowercase = [w for w in words if w[:1].islower()]
    keys |= {lemma_key(w, lang) for w in lowercase}  # 'nusiuntė' -> 'nusiųsti', the form word lists give
    if lang == "lt":
        for word in lowercase:
            for form in {word.casefold(), _lemma(word, lang)}:
                for prefix in LT_PREFIXES:
                    if form.startswith(prefix) and len(form) - len(prefix) >= 5:
                        keys.add(word_key(form[len(prefix):], lang))  # 'nusiųsti' -> 'siųsti' ('send')
                        break
    for run in facts.HAN.findall(text):  # "条约" (treaty) inside "两国签署了条约"
        keys |= {run[i:i + n] for n in HAN_WORD_LENGTHS for i in range(len(run) - n + 1)}
    for word in words:  # names written in another script: "Кикли" for "Kuechly"
        if word[:1].isupper() and _CYRILLIC_OR_GREEK.match(word):
            keys |= {SOUND_MARK + sound_key(word_key(word, lang, stem)) for stem in (True, False)}
    return frozenset(keys)


# what a measured quantity is written in ("how heavy" -> "250 kilogramų"); matched by key like other words
MEASURE_UNITS = {
    "weight": ("kilogram", "kg", "pound", "lb", "tonne", "ton", "gram", "kilogramas", "svaras", "tona", "gramas"),
    "temperature": ("degree", "celsius", "fahrenheit", "laipsnis", "grad", "градус"),
    "distance": ("kilometre", "kilometer", "km", "mile", "metre", "meter", "yard", "foot", "feet", "kilometras",
                 "mylia", "metras", "jardas", "pėda"),
    "height": ("metre", "meter", "foot", "feet", "metras", "pėda", "aukštis"),
    "speed": ("km/h", "mph", "kilometre", "mile", "kilometras", "mylia"),
    "time": ("hour", "minute", "day", "week", "month", "year", "valanda", "minutė", "diena", "para", "savaitė",
             "mėnuo", "metai"),
    "minute": ("minute", "minutė", "min"),
    "age": ("year", "old", "metai", "amžius"),
    "score": ("point", "goal", "taškas", "įvartis", "rezultatas"),
}


@lru_cache(maxsize=4096)
def unit_keys(word: str, lang: str) -> frozenset[str]:
    """Keys of the units a measured thing is written in, in `lang` and English ('weight' -> kg, kilogramų ...)."""
    units = MEASURE_UNITS.get(word.casefold(), ())
    return frozenset(word_key(u, lang) for u in units) | frozenset(word_key(u, "en") for u in units)


_PERSON_ROLES = re.compile(r"(?:komik|profesor|atstov|ministr|prezident|trener|žaidėj|dainin|vadov|pirminink|direktor"
                           r"|mokslinink|specialist|rašytoj|aktor|teisėj|kapiton|vedėj|žvaigžd|spokes|professor|minister"
                           r"|president|coach|player|singer|director|chairman|comedian|scientist|actor|judge|captain)\w*\s+$",
                           re.IGNORECASE)


def looks_like_person(name: str, sentence: str, lang: str) -> bool:
    """Whether a name span reads as a person: first and last name, or a role word before it; not a country,
    a city or a quoted brand."""
    words = name.split()
    if any(places_in(name, lang)):
        return False
    start = sentence.find(name)
    before = sentence[max(0, start - 40):start] if start >= 0 else ""
    after = sentence[start + len(name):start + len(name) + 1] if start >= 0 else ""
    if before.rstrip().endswith(("„", '"', "“")) or after in ("“", "”", '"', "»"):  # „The Sunday Telegraph“
        return False
    return len(words) >= 2 and all(w[:1].isupper() and not w.isupper() for w in words) or bool(_PERSON_ROLES.search(before))


@lru_cache(maxsize=500_000)
def key_in(key: str, keys: frozenset[str]) -> bool:
    """Whether a key, or another form of its word, is among `keys` (forms share their first two letters)."""
    if key in keys:
        return True
    head = key[:2]
    return any(keys_match(key, other) for other in keys if other[:2] == head and abs(len(other) - len(key)) <= 6)


TRANSLITERATED_PART_MIN = 5  # letters a transliterated word needs to be found inside a compound


@lru_cache(maxsize=500_000)
def key_inside(key: str, keys: frozenset[str]) -> bool:
    """Whether a key is part of a longer word among `keys`: 'radio' in 'radioperedach' (радиопередачу),
    'atlantik' in 'transatlantikhesk' (трансатлантическую)."""
    return len(key) >= TRANSLITERATED_PART_MIN and any(key in other for other in keys if len(other) > len(key))


def transliterated(text: str) -> bool:
    """Whether a text is written in Cyrillic or Greek: a Latin-script question's words meet it only as
    transliterations."""
    return bool(_CYRILLIC_OR_GREEK.search(text))


@lru_cache(maxsize=4096)
def name_forms(name: str, lang: str, other_langs: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The ways a name may be written, as tuples of word keys: itself, and, for a country or city,
    its CLDR name in each of `other_langs` ('Greece' -> ('graik',) in Lithuanian)."""
    own = tuple(_with_sounds(w, lang) for w in facts.WORD.findall(name) if len(w) > 1 or w.isupper())
    forms = {own} if own else set()
    words = tuple(facts.plain(w) for w in facts.WORD.findall(name))
    for entity, names in facts.place_names(lang).items():
        if any(_contains(words, form) for form in names):  # "New York City" holds "New York"
            for other in other_langs:
                for form in facts.place_names(other).get(entity, ()):
                    forms.add(tuple(word_key(w, other) for w in form))
    return tuple(sorted(f for f in forms if f))


def _with_sounds(word: str, lang: str) -> str:
    """A name word's key, unstemmed too, with its sound keys as alternatives ("kuekh|kuekhli|~kl" for
    "Kuechly"; "ture|turing|…" for "Turing", which German does not stem): the sound keys match the name
    as written in Cyrillic or Greek."""
    stemmed, plain = word_key(word, lang), word_key(word, lang, stem=False)
    sounds = sorted({sound_key(k) for k in (stemmed, plain)} if len(plain) >= 3 else set())
    keys = sorted({stemmed, plain}, key=lambda k: (len(k), k))
    return "|".join(keys + [SOUND_MARK + s for s in sounds if len(s) >= MIN_SOUND_LENGTH])


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return bool(n) and any(words[i:i + n] == part for i in range(len(words) - n + 1))


@lru_cache(maxsize=64)
def _place_index(lang: str) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """key of a place name's first word -> (entity, keys of all its words), for the places of a language."""
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for entity, forms in facts.place_names(lang).items():
        for form in forms:
            keys = tuple(word_key(w, lang) for w in form)
            if keys and len(keys[0]) >= 3:
                index.setdefault(keys[0], []).append((entity, keys))
    return index


def places_in(text: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, entity) of every country or city a text names (CLDR, inflected forms included), written
    with a capital (in scripts that have one)."""
    index = _place_index(lang)
    function_words = facts.function_words(lang)
    matches = list(facts.WORD.finditer(text))
    # keyed as the index is, from plain words: the stemmer cuts "Korėja" to "kor" but "koreja" to "korei"
    keys = [word_key(facts.plain(m.group(0)), lang) for m in matches]
    found = []
    for i, key in enumerate(keys):
        word = matches[i].group(0)
        if word[:1].islower() or (facts.plain(word) in function_words and not word.isupper()):  # "kad", "Kitą" (that, next)
            continue
        for entity, form in index.get(key, ()):
            if tuple(keys[i:i + len(form)]) == form:
                found.append((matches[i].start(), matches[i + len(form) - 1].end(), entity))
                break
    return found


def name_coverage(forms: tuple[tuple[str, ...], ...], keys: frozenset[str]) -> float:
    """How much of a name (best of its forms) is in a text with these keys: 1.0 all its words, 0.0 none.
    A form's word may list alternatives ("raudon|raudonas"); a sound key ("~kl") must be among them as it is."""
    best = 0.0
    for form in forms:
        found = sum(any(k in keys if k.startswith(SOUND_MARK) else key_in(k, keys) for k in word.split("|"))
                    for word in form)
        best = max(best, found / len(form))
    return best



@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    """A word's dictionary form by simplemma ('nusiuntė' -> 'nusiųsti'); the word itself if unknown."""
    from rag.text.lemmas import lemmatize

    try:
        return lemmatize(word.casefold(), lang)
    except ValueError:  # a language simplemma does not know
        return word.casefold()


@lru_cache(maxsize=100_000)
def lemma_key(word: str, lang: str) -> str:
    """The key of a word's dictionary form ('took' -> key of 'take'), for looking it up in a word list."""
    return word_key(_lemma(word, lang), lang)


def key_fingerprint() -> str:
    """What word keys depend on: this module, the function-word lists and the stemmer, lemmatiser and
    transliterator versions. A cached lexicon index is valid only under the same fingerprint."""
    import hashlib
    from importlib.metadata import version
    from pathlib import Path

    digest = hashlib.sha1()
    from rag.text import lemmas

    for module in (__file__, facts.__file__, lemmas.__file__):
        digest.update(Path(module).read_bytes())
    for package in ("snowballstemmer", "simplemma", "anyascii"):
        digest.update(version(package).encode())
    return digest.hexdigest()[:16]


class Lexicon:
    """Word lists between languages (`rag/models/lexicons.py`), looked up by word keys.

    `tables` are the lists, or a function that loads them. Keying a language pair's list takes ~1.4 s
    (every headword stemmed and lemmatised); given a `cache` path prefix, each pair's keyed index (and
    its index of proper names, `name_translations`) is kept in a JSON file beside it and the lists are not
    even loaded while those files serve."""

    def __init__(self, tables, cache: Path | None = None):
        self._source = tables
        self._cache = cache
        self._keyed: dict[tuple[str, str, bool], dict[str, frozenset[str]]] = {}

    @cached_property
    def _tables(self) -> dict[tuple[str, str], dict[str, list[str]]]:
        return self._source() if callable(self._source) else self._source

    def _index(self, source: str, target: str, names: bool = False) -> dict[str, frozenset[str]]:
        entry = (source, target, names)
        if entry not in self._keyed:
            from rag.cache import json_cached

            suffix = "-names" if names else ""
            path = self._cache.with_name(f"{self._cache.name}-{source}-{target}{suffix}.json") if self._cache else None
            keyed = json_cached(path, lambda: self._keyed_table((source, target), names))
            self._keyed[entry] = {k: frozenset(v) for k, v in keyed.items()}
        return self._keyed[entry]

    def _keyed_table(self, pair: tuple[str, str], names: bool = False) -> dict[str, list[str]]:
        source, target = pair
        keyed: dict[str, set[str]] = {}
        for word, translations in self._tables.get(pair, {}).items():
            targets = {word_key(w, target) for t in translations for w in facts.WORD.findall(t)
                       if (len(w) > 2 or facts.HAN.fullmatch(w)) and facts.plain(w) not in facts.function_words(target)
                       and (not names or w[:1].isupper() or (facts.HAN.fullmatch(w) and word[:1].isupper()))}
            if names:  # a proper name's key short enough to be a common word's is no evidence ("Egėjo" -> "eg")
                targets = {t for t in targets if len(t) >= MIN_PREFIX or facts.HAN.fullmatch(t)}  # 丹佛 (Denver) is one
            if not targets:
                continue
            for key in {word_key(word, source), lemma_key(word, source)}:
                keyed.setdefault(key, set()).update(targets)
        return {k: sorted(v) for k, v in keyed.items()}

    def translations(self, word: str, source: str, target: str) -> frozenset[str]:
        """Keys of the words `word` may translate to in `target` (empty when the lists don't say)."""
        if source == target:
            return frozenset()
        index = self._index(source, target)
        return index.get(lemma_key(word, source), frozenset()) | index.get(word_key(word, source), frozenset())

    def phrase_translations(self, first: str, second: str, source: str, target: str) -> frozenset[str]:
        """Keys of what two words standing together translate to, where the lists give the pair as one
        headword: "took part" -> "take part" -> "dalyvauti" (neither "take" nor "part" alone gives it)."""
        if source == target:
            return frozenset()
        index = self._index(source, target)
        return frozenset().union(*(index.get(word_key(f"{head} {second}", source), frozenset())
                                   for head in {first, _lemma(first, source)}))

    def name_translations(self, word: str, source: str, target: str) -> frozenset[str]:
        """Keys of the proper names the lists give for `word` in `target` ("Cologne" -> "Kelnas"): only
        translations written with a capital, so a name that is also a common word ("Rock", "Chase")
        gets none of the common word's senses."""
        if source == target:
            return frozenset()
        index = self._index(source, target, names=True)
        return index.get(word_key(word, source), frozenset())


NO_LEXICON = Lexicon({})
