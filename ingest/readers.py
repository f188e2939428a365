"""Read files into Articles: .txt/.md (optional `date YYYY-MM[-DD]` header), .html, .jsonl records."""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.documents import Article, slugify
from ingest.language import detect_language

LEGACY_MAX_CHAOS = 0.2  # charset-normalizer "mess" ratio above which bytes are not text
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

DATE_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*\n?[ \t]*", re.IGNORECASE)
DATE_VALUE = re.compile(r"\A\d{4}-\d{2}(?:-\d{2})?\Z")
MARKDOWN_HEADING = re.compile(r"\A#{1,6}\s+(.+)")
HEADLINE_MAX_CHARS = 150
LEAD_TITLE_CHARS = 90  # a title made from the lead is cut near this length


class ReadError(Exception):
    """Bad input: carries the file (and line) it came from; `str()` is the one-line message for the user."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")
        self.path, self.problem, self.line = str(path), problem, line


@dataclass
class ReadResult:
    """What one file gave: its articles and the problems found in it (e.g. bad JSONL lines)."""

    path: Path
    articles: list[Article]
    errors: list[ReadError]


@dataclass(frozen=True)
class SkippedFile:
    """A file inside a given folder that is not an article format (.pdf, .rst, ...): counted, not read."""

    path: Path


def iter_input_files(paths: list[Path]) -> Iterator[Path | ReadError | SkippedFile]:
    """Expand files and folders (recursively, sorted) into supported files; a named file of another type
    is a ReadError, one found inside a folder a SkippedFile."""
    for path in paths:
        if not path.exists():
            yield ReadError(path, "no such file or folder")
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                yield child if child.suffix.lower() in SUPPORTED_SUFFIXES else SkippedFile(child)
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
            yield ReadError(path, f"unsupported file type '{path.suffix or '(none)'}' (use .txt, .md, .html or .jsonl)")
        else:
            yield path


def file_article_id(path: Path) -> str:
    """Stable id for a file's article: readable slug of its name + hash of its absolute path."""
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:8]
    return f"{slugify(path.stem)}-{digest}"


def _decode(path: Path, max_bytes: int) -> str:
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(path, f"file is {size} bytes, over the limit of {max_bytes} (RAG_MAX_FILE_BYTES)")
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="strict")
    if b"\x00" in data[:8192]:
        raise ReadError(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _decode_legacy(path, data, exc.start)


def _decode_legacy(path: Path, data: bytes, bad_byte: int) -> str:
    """Text in a legacy 8-bit encoding (cp1257 Lithuanian, cp1251, cp1252, …): charset-normalizer's
    readable candidates, the one whose language the identifier is surest of (cp1250 and cp1257 both
    read Lithuanian bytes without "mess", but only cp1257 gives Lithuanian letters)."""
    from charset_normalizer import from_bytes

    from ingest.language import language_confidence

    candidates = [str(match) for match in from_bytes(data) if match.chaos <= LEGACY_MAX_CHAOS]
    if not candidates:
        raise ReadError(path, f"not valid UTF-8 (byte {bad_byte}) and not text in a known legacy encoding")
    return max(candidates, key=language_confidence)


def _title_from_lead(text: str) -> str:
    """An article without a headline is titled by its lead: the first sentence, cut at a word near
    LEAD_TITLE_CHARS ("Rusijos karinė delegacija, vadovaujama gynybos ministro Andrejaus Belousovo, …")."""
    lead = re.split(r"(?<=[.!?])\s|\n", text.strip(), maxsplit=1)[0].strip()
    if len(lead) <= LEAD_TITLE_CHARS:
        return lead
    return lead[:LEAD_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:–- ") + " …"


def _looks_like_headline(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= HEADLINE_MAX_CHARS and line[-1] not in ".!?…:;,"


def _finish(article_id: str, title: str, text: str, source: str, date: str, path: Path, lang: str = "") -> Article:
    return Article(
        id=article_id, title=title.strip(), text=text, source=source, date=date,
        lang=lang or detect_language(text), source_path=str(path.resolve()),
    )


def read_text_file(path: Path, max_bytes: int) -> Article:
    """A .txt/.md article. A leading `date YYYY-MM[-DD]` header sets the date and is dropped from the text."""
    raw = _decode(path, max_bytes)
    date = ""
    header = DATE_HEADER.match(raw)
    if header:
        date, raw = header.group(1), raw[header.end() :]
    text = raw.strip()
    if not text:
        raise ReadError(path, "no text (empty or whitespace only)")
    first_line = text.split("\n", 1)[0]
    heading = MARKDOWN_HEADING.match(first_line)
    if heading:
        title = heading.group(1)
    elif _looks_like_headline(first_line) and "\n" in text:
        title = first_line
    else:
        title = _title_from_lead(text)
    return _finish(file_article_id(path), title, text, path.name, date, path)


def read_html_file(path: Path, max_bytes: int) -> Article:
    """The main text of an HTML page (boilerplate removed by trafilatura), with its title and date."""
    import trafilatura

    raw = _decode(path, max_bytes)
    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, favor_recall=True)
    text = (doc.text or "").strip() if doc else ""
    if not text:
        raise ReadError(path, "no article text found in the HTML")
    date = (doc.date or "")[:10] if doc else ""
    title = (doc.title if doc and doc.title else "") or _title_from_lead(text)
    return _finish(file_article_id(path), title, text, doc.sitename or path.name if doc else path.name, date, path)


def read_jsonl_file(path: Path, max_bytes: int) -> ReadResult:
    """Article records, one JSON object per line; bad lines are reported by number, good ones kept."""
    raw = _decode(path, max_bytes)
    articles, errors = [], []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(ReadError(path, f"invalid JSON: {exc.msg}: column {exc.colno}", number))
            continue
        if not isinstance(record, dict):
            errors.append(ReadError(path, "record is not a JSON object", number))
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            errors.append(ReadError(path, "record has no 'text'", number))
            continue
        date = str(record.get("date") or "")
        if date and not DATE_VALUE.match(date):
            errors.append(ReadError(path, f"date '{date}' is not YYYY-MM[-DD]; date left empty", number))
            date = ""
        record_id = str(record.get("id") or f"{file_article_id(path)}-{number}")
        title = str(record.get("title") or text.strip().split("\n", 1)[0][:HEADLINE_MAX_CHARS])
        articles.append(
            _finish(slugify(record_id, 120) if not re.fullmatch(r"[\w.\-]+", record_id) else record_id,
                    title, text.strip(), str(record.get("source") or path.name), date, path,
                    lang=str(record.get("lang") or ""))
        )
    return ReadResult(path, articles, errors)


def read_file(path: Path, max_bytes: int) -> ReadResult:
    """Read one supported file; a file-level problem raises ReadError."""
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            return read_jsonl_file(path, max_bytes)
        if suffix in HTML_SUFFIXES:
            return ReadResult(path, [read_html_file(path, max_bytes)], [])
        return ReadResult(path, [read_text_file(path, max_bytes)], [])
    except OSError as exc:
        raise ReadError(path, exc.strerror or str(exc)) from None
