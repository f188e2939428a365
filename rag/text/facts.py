"""Facts a sentence states -- numbers, months/weekdays, names -- and whether a source sentence states them too.

Used by the answer checker (`rag/answer/verify.py`). Matching is deliberately tolerant of how the
same fact is written in another language or case: "10,000" = "10 tūkst." = "10.000",
"November" = "lapkričio", "Belousov" = "Belousovo", "North Korea" = "Šiaurės Korėja" (names of
countries and cities in every language come from the Unicode CLDR data shipped with Babel).
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import Indel

MARKER = re.compile(r"\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\]")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
HAN = re.compile(r"[\u4e00-\u9fff]+")  # Chinese characters (CJK unified ideographs): words without spaces

# a number, with its thousands separators / decimal mark, and an optional scale word after it
NUMBER = re.compile(r"(?<![\d.,])(?<![A-Za-zÀ-ɏͰ-ӿ])(\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?![\d])|\d+(?:[.,]\d+)?)(?:\s*([^\W\d_]+\.?))?")
# scale words after a number, matched by how they start (so every inflected form counts)
SCALE_PREFIXES = {
    1_000: ("thousand", "tūkst", "tukst", "tausend", "тыс", "千"),
    10_000: ("万", "萬"),
    1_000_000: ("million", "mln", "milijon", "millón", "millon", "млн", "миллион"),
    100_000_000: ("亿", "億"),
    1_000_000_000: ("billion", "mlrd", "milijard", "milliard", "млрд", "миллиард"),
}
SCALE_EXACT = {"tsd": 1_000, "mil": 1_000, "mio": 1_000_000, "mrd": 1_000_000_000}
# only written onto the number ("£125m", "$2bn"): "1939 m." is a Lithuanian year, "48 m" a distance
SCALE_ATTACHED = {"k": 1_000, "m": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000}

NAME_MIN_PREFIX = 4         # "Belousov" ~ "Belousovo": same first letters, different ending
NAME_MAX_ENDING = 3         # letters an inflected ending may replace: "Korea" ~ "Korėjos"
NAME_MIN_SIMILARITY = 0.8   # "Russia" ~ "Rusija"


def plain(word: str) -> str:
    """Lowercase, without diacritics: 'Korėjos' -> 'korejos'."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def without_markers(text: str) -> str:
    return MARKER.sub(" ", text)


# ---------------------------------------------------------------- numbers

def _readings(digits: str) -> set[float]:
    """Every value a written number can have: '10,000' is 10000 (en) or 10.0 (lt decimal comma)."""
    compact = re.sub(r"[ \u00a0\u202f]", "", digits)
    values = set()
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", compact):
        values.add(float(re.sub(r"[,.]", "", compact)))  # thousands separators
    if re.fullmatch(r"\d+[.,]\d+", compact):
        values.add(float(compact.replace(",", ".")))  # a decimal mark
    if re.fullmatch(r"\d+", compact):
        values.add(float(compact))
    return values


def number_values(digits: str, word_after: str = "", attached: bool = False) -> set[float]:
    """The values a number can have, its scale word applied ("10", "tūkst." -> {10000})."""
    values = _readings(digits)
    scale = scale_of(word_after, attached)
    return {v * scale for v in values} if scale else values  # "10 tūkst." is 10000, never 10


def numbers(text: str) -> list[tuple[str, set[float]]]:
    """(as written, possible values) of each number in `text`, scale words applied ("10 tūkst." -> 10000)."""
    return [(written, values) for written, values, _unit in numbers_with_units(text)]


def numbers_with_units(text: str) -> list[tuple[str, set[float], str]]:
    """`numbers`, each with the word after it -- after a scale word, the word after that ("10 thousand
    miles" -> "miles")."""
    plain = without_markers(text)
    found = []
    for match in NUMBER.finditer(plain):
        digits, word = match.group(1), match.group(2) or ""
        attached = bool(word) and match.end(1) == match.start(2)
        unit = word
        if scale_of(word, attached):
            after = re.match(r"\s*([^\W\d_]+)", plain[match.end():])
            unit = after.group(1) if after else ""
        found.append((f"{digits} {word}" if scale_of(word, attached) else digits, number_values(digits, word, attached),
                      unit.rstrip(".")))
    return found


def scale_of(word: str, attached: bool = False) -> int | None:
    """The multiplier a scale word after a number stands for ('tūkst.' -> 1000), or None;
    `attached`: written onto the number, as in '£125m'."""
    word = word.rstrip(".").casefold()
    if word in SCALE_EXACT:
        return SCALE_EXACT[word]
    if word in SCALE_ATTACHED:
        return SCALE_ATTACHED[word] if attached else None
    matches = [(len(p), scale) for scale, prefixes in SCALE_PREFIXES.items() for p in prefixes if word.startswith(p)]
    return max(matches)[1] if matches else None


def number_supported(values: set[float], sources: list[set[float]]) -> bool:
    return any(abs(v - s) <= 1e-9 * max(1.0, abs(s)) for v in values for source in sources for s in source)


# ---------------------------------------------------------------- months and weekdays

@lru_cache(maxsize=None)
def _calendar_words(lang: str) -> dict[str, str]:
    """plain word -> 'month:N' / 'day:N' for every month and weekday name of a language (CLDR; the table is
    kept in the cache folder, as loading a Babel locale costs a cold process ~0.13 s)."""
    from importlib.metadata import version

    from rag.cache import cache_home, json_cached

    name = re.sub(r"[^\w-]", "_", lang)
    return json_cached(cache_home() / "cldr" / f"calendar-{version('babel')}-{CALENDAR_TABLE}-{name}.json",
                       lambda: _cldr_calendar_words(lang))


CALENDAR_MAX_ENDING = 4  # letters an inflected month or weekday name may differ in at its end
CALENDAR_TABLE = 1  # raise when _cldr_calendar_words changes what it returns


def _cldr_calendar_words(lang: str) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return {}
    words = {}
    for kind, table in (("month", locale.months), ("day", locale.days)):
        for context in table.values():
            for width in ("wide", "abbreviated"):
                for number, name in context.get(width, {}).items():
                    key = plain(name).rstrip(".")
                    if len(key) >= 3:
                        words[key] = f"{kind}:{number}"
    return words


# languages whose short month names change their last letters by case, which CLDR's nominative and genitive
# forms do not cover: Russian "в марте", "в июне", "в июле" (March, June, July). Matched by Snowball stem, of
# months only and stems of 3 letters or more: among simplemma's 1.36 million Russian forms those stems meet
# only the months' own forms and "мартен"; a weekday's would meet "среди" (among), May's "Мао". Elsewhere
# stems meet common words: Lithuanian "kova" (a fight, kovas March), Spanish "luna", "maya", English "Julie".
STEMMED_MONTHS = frozenset({"ru"})
MIN_MONTH_STEM = 3

SNOWBALL = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german", "el": "greek", "en": "english",
    "es": "spanish", "et": "estonian", "eu": "basque", "fi": "finnish", "fr": "french", "ga": "irish",
    "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "nl": "dutch", "no": "norwegian", "pl": "polish", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish",
}


@lru_cache(maxsize=64)
def stemmer(lang: str):
    """The Snowball stemmer of a language (ISO 639-1), or None where Snowball has none."""
    import snowballstemmer

    name = SNOWBALL.get(lang)
    return snowballstemmer.stemmer(name) if name else None


@lru_cache(maxsize=None)
def _month_stems(lang: str) -> dict[str, str]:
    """Snowball stem -> 'month:N' for a language of `STEMMED_MONTHS` (stems of 3 letters or more, of names
    longer than an abbreviation)."""
    stems = {}
    for name, value in _calendar_words(lang).items():
        stem = stemmer(lang).stemWord(name)
        if value.startswith("month") and len(name) > MIN_MONTH_STEM and len(stem) >= MIN_MONTH_STEM:  # not "мар", "май"
            stems.setdefault(stem, value)
    return stems


@lru_cache(maxsize=100_000)
def _calendar_key(word: str, lang: str) -> str | None:
    table = _calendar_words(lang)
    key = plain(word)
    if len(key) < 3:
        return None
    if key in table:
        return table[key]
    if lang in STEMMED_MONTHS:
        month = _month_stems(lang).get(stemmer(lang).stemWord(key))
        if month:
            return month
    if len(key) < 5:  # short words ("we", "mar") count only when they are a name or abbreviation exactly
        return None
    # inflected forms: 'lapkričio'/'lapkritį' ~ 'lapkritis', 'penktadienį' ~ 'penktadienis'; only endings
    # differ (a near spelling is another word: 'šalies', of a country, is not 'spalis', October)
    for name, value in table.items():
        if len(name) >= 5 and _same_stem(key, name, min_prefix=5, fuzzy=False) \
                and len(os.path.commonprefix([key, name])) >= len(name) - CALENDAR_MAX_ENDING:
            return value  # the whole name but its ending: 'antrajam' (second) is not 'antradienis' (Tuesday)
    return None


def calendar_facts(text: str, lang: str) -> dict[str, str]:
    """{word as written: 'month:N' / 'day:N'} for the month and weekday names in `text`."""
    facts = {}
    for word in WORD.findall(without_markers(text)):
        key = _calendar_key(word, lang)
        if key:
            facts[word] = key
    return facts


YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# words a dateline may hold beside its place and date: Lithuanian 'm.'/'d.' (metai, diena), times of day, zones
DATELINE_FILLERS = frozenset({"m", "d", "val", "h", "min", "laiku", "vakare", "ryte", "rytą", "vidurdienį", "popiet",
                              "naktį", "am", "pm", "gmt", "utc", "est", "edt", "bst", "cet", "time", "local", "on"})
DATELINE_MAX_OTHER_WORDS = 3


def is_dateline(text: str, lang: str) -> bool:
    """A dateline: a place and/or time of day, then a full date ("Makedonija, 2018 m. rugsėjo 30 d.",
    "WASHINGTON, Saturday, September 29, 2018"). It dates the story; it answers nothing."""
    if "," not in text or not YEAR.search(text):
        return False
    calendar = calendar_facts(text, lang)
    if not any(value.startswith("month") for value in calendar.values()):
        return False
    other = [w for w in WORD.findall(without_markers(text)) if w not in calendar and w.casefold() not in DATELINE_FILLERS]
    return len(other) <= DATELINE_MAX_OTHER_WORDS and all(w[0].isupper() for w in other)  # a place, a zone


# ---------------------------------------------------------------- negation

NEGATION_WORDS = {
    "en": {"not", "no", "never", "neither", "nor", "none", "nobody", "nothing", "without", "cannot", "denied", "denies",
           "deny", "refused", "didnt", "doesnt", "dont", "wasnt", "werent", "isnt", "arent", "hasnt", "havent", "wont"},
    "lt": {"ne", "nei", "nera", "nebuvo", "niekada", "niekas", "nieko", "jokio", "jokios", "jokiu", "be"},
    "de": {"nicht", "kein", "keine", "keinen", "keiner", "nie", "niemals", "weder", "noch", "ohne", "niemand", "nichts"},
    "es": {"no", "nunca", "ni", "ningun", "ninguna", "ninguno", "nadie", "nada", "sin", "jamas"},
    "ru": {"не", "ни", "нет", "никогда", "никто", "ничего", "без"},
}
LT_NEGATED_VERB = re.compile(r"^ne[^i]\w{4,}$")  # nepatvirtino, nesiuntė: the 'ne-' prefix negates Lithuanian verbs


def negated(text: str, lang: str) -> bool | None:
    """Whether a sentence is negative (None when its language has no rules here).

    Deliberately coarse: a mismatch between an answer and its source makes the checker drop the
    sentence, so a false alarm costs fluency (the extractive answer is shown), never accuracy.
    """
    words = NEGATION_WORDS.get(lang)
    if words is None:
        return None
    # a capitalised word inside a sentence is a name, not a negation: "the minister is No Kwang Chol"
    kept = " ".join(word for sentence_start, word in _words_with_starts(without_markers(text))
                    if sentence_start or not word[:1].isupper())
    tokens = [w.replace("'", "") for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", plain(kept).replace("’", "'"))]
    if any(t in words or t.endswith("n't") or t.endswith("nt") and t[:-2] + "n't" in words for t in tokens):
        return True
    return lang == "lt" and any(LT_NEGATED_VERB.match(t) for t in tokens)


# ---------------------------------------------------------------- names

def _same_stem(a: str, b: str, min_prefix: int = NAME_MIN_PREFIX, fuzzy: bool = True) -> bool:
    """Two plain words that are forms of one name: equal, or a long shared prefix, or (`fuzzy`) nearly equal."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < NAME_MIN_PREFIX:  # short: only the same word plus an ending ("Un" ~ "Unas")
        return shorter >= 2 and (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= NAME_MAX_ENDING
    prefix = 0
    while prefix < shorter and a[prefix] == b[prefix]:
        prefix += 1
    if prefix >= min(min_prefix, shorter) and prefix >= shorter - NAME_MAX_ENDING:
        return True
    head = b[: len(a) + 2]  # compare a with b's same-length head: endings differ by case
    return fuzzy and shorter >= 5 and Indel.normalized_similarity(a, head) >= NAME_MIN_SIMILARITY


def names(text: str, lang: str) -> list[str]:
    """Capitalised words that look like names (a sentence's first word only if it is not a common word;
    month and weekday names are dates, checked by `calendar_facts`)."""
    found = []
    for sentence_start, word in _words_with_starts(without_markers(text)):
        if not word[:1].isupper() or len(word) < 2:
            continue
        if sentence_start and plain(word) in (stopwords(lang) | stopwords("en")):
            continue
        if _calendar_key(word, lang):
            continue
        found.append(word)
    return found


def is_acronym(word: str) -> bool:
    """A word of three letters or more written in capitals throughout ("DEC", "NASA"; not "US", "Dec")."""
    return len(word) >= 3 and word.isupper() and word.isalpha()


def _words_with_starts(text: str):
    previous_end = None
    for match in WORD.finditer(text):
        gap = text[previous_end:match.start()] if previous_end is not None else ""
        yield previous_end is None or bool(re.search(r"[.!?:]\s*$", gap)), match.group(0)
        previous_end = match.end()


@lru_cache(maxsize=None)
def stopwords(lang: str) -> frozenset[str]:
    """Common words of a language (stopwords-iso), without diacritics; empty for languages it lacks."""
    import stopwordsiso

    words = stopwordsiso.stopwords(lang) if stopwordsiso.has_lang(lang) else set()
    if lang in _MISDECODED:  # stopwords-iso's Lithuanian list is cp1257 text read as Latin-1 ("dël" for "dėl")
        words = {_redecode(w, _MISDECODED[lang]) for w in words}
    return frozenset(plain(w) for w in words)


_MISDECODED = {"lt": "cp1257"}


def _redecode(word: str, encoding: str) -> str:
    try:
        return word.encode("latin-1").decode(encoding)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return word


@lru_cache(maxsize=None)
def function_words(lang: str) -> frozenset[str]:
    """Grammatical words of a language (NLTK's short lists, which llama-index ships; stopwords-iso for
    languages NLTK lacks), without diacritics. Unlike `stopwords` it keeps content words such as
    "year", "fire" or "first" that stopwords-iso's long English list drops."""
    import importlib.util
    import zipfile
    from pathlib import Path

    spec = importlib.util.find_spec("llama_index.core")
    names = {"en": "english", "de": "german", "es": "spanish", "ru": "russian", "fr": "french", "it": "italian",
             "pt": "portuguese", "nl": "dutch", "sv": "swedish", "da": "danish", "fi": "finnish", "no": "norwegian",
             "hu": "hungarian", "ro": "romanian", "tr": "turkish", "el": "greek", "zh": "chinese", "ar": "arabic",
             "id": "indonesian", "sl": "slovene"}
    if spec and spec.submodule_search_locations and lang in names:
        bundle = Path(list(spec.submodule_search_locations)[0]) / "_static" / "nltk_cache" / "corpora" / "stopwords.zip"
        if bundle.exists():
            with zipfile.ZipFile(bundle) as archive:
                return frozenset(plain(w) for w in archive.read(f"stopwords/{names[lang]}").decode("utf-8").split())
    return stopwords(lang)


def name_in(word: str, source_words: list[str]) -> bool:
    """Whether a name occurs (in any inflected form) among the plain words of a source."""
    key = plain(word)
    return any(_same_stem(key, w) for w in source_words)


@lru_cache(maxsize=None)
def place_names(lang: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """entity -> its names in `lang` as tuples of plain words: countries and CLDR exemplar cities."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return {}
    table: dict[str, set[tuple[str, ...]]] = {}
    for code, name in locale.territories.items():
        if code.isalpha():  # skip numeric regions ("001" = World)
            table.setdefault(f"territory:{code}", set()).add(tuple(plain(w) for w in WORD.findall(name)))
    for zone, info in locale.time_zones.items():
        city = info.get("city")
        if city:
            table.setdefault(f"city:{zone}", set()).add(tuple(plain(w) for w in WORD.findall(city)))
    if lang == "en":  # English city names are the zone ids themselves: Asia/Pyongyang
        import zoneinfo

        for zone in zoneinfo.available_timezones():
            if "/" in zone:
                city = zone.split("/")[-1].replace("_", " ")
                table.setdefault(f"city:{zone}", set()).add(tuple(plain(w) for w in WORD.findall(city)))
    for entity, aliases in _ALIASES.items():
        table.setdefault(entity, set()).update(tuple(plain(w) for w in WORD.findall(a)) for a in aliases)
    return {entity: tuple(sorted(forms)) for entity, forms in table.items()}


# short forms CLDR lacks (it has "United States" / "Jungtinės Valstijos", not "US" / "JAV")
_ALIASES = {
    "territory:US": ("US", "USA", "U S", "JAV", "America", "Amerika"),
    "territory:GB": ("UK", "Britain", "Britanija", "JK"),
    "territory:EU": ("EU", "ES"),
}


def _phrase_in(phrase: tuple[str, ...], words: list[str]) -> bool:
    return bool(phrase) and all(any(_same_stem(p, w) for w in words) for p in phrase)


def places_supported(answer_words: list[str], answer_lang: str, source_words: list[str], source_langs: set[str]) -> set[str]:
    """Answer words (plain) that name a place which the source also names, in any of its languages."""
    covered: set[str] = set()
    answer_table = place_names(answer_lang)
    for entity, forms in answer_table.items():
        used = [f for f in forms if _phrase_in(f, answer_words) and all(len(p) >= 2 for p in f)]
        if not used:
            continue
        source_forms = {f for lang in source_langs | {answer_lang} for f in place_names(lang).get(entity, ())}
        if any(_phrase_in(f, source_words) for f in source_forms):
            for form in used:
                covered.update(w for w in answer_words if any(_same_stem(p, w) for p in form))
    return covered


def source_words(text: str) -> list[str]:
    return [plain(w) for w in WORD.findall(without_markers(text))]
