"""Sentence segmentation with exact character offsets.

`syntok` handles Lithuanian and English abbreviations ("10 tūkst. karių", "A. Belousovas",
"mln.", "proc.", "Dr.", "U.S.") by not breaking before a lower-case continuation; scripts
without spaces (Chinese, Japanese, Thai) go to `sentencex`. A line break starts a new
sentence unless the next line continues in lower case (hard-wrapped text), so
headlines and one-sentence-per-line corpora keep their lines.
"""

from __future__ import annotations

import re

from ingest.documents import Sentence, sentence_id

SCRIPTIO_CONTINUA = {"zh", "ja", "th", "lo", "km", "my", "bo"}

# Lithuanian abbreviations syntok doesn't know. Titles and language labels never end a sentence;
# units end one only when the next "sentence" doesn't start with a number or an acronym
# ("09.30 val. BVL", "12 val. 55 min.").
LT_NEVER_FINAL = {"liet", "angl", "vok", "rus", "pranc", "lot", "pvz", "gen", "prof", "doc", "dr", "gerb",
                  "nr", "žr", "plg", "šv", "kun", "p", "pan", "vad", "red"}
LT_UNITS = {"val", "min", "sek", "tūkst", "mln", "mlrd", "proc", "m", "d", "mėn", "sav", "km", "vnt", "ct", "cm",
            "mm", "kg", "t", "a", "str", "pr", "kr"}
_LAST_WORD = re.compile(r"(\w+)\.\Z")
_NUMBER_OR_ACRONYM = re.compile(r"\A(?:\d|[A-ZĄČĘĖĮŠŲŪŽ]{2,}\b)")
_LINE_BREAK = re.compile(r"\n\s*")


def _blocks(text: str) -> list[tuple[int, int]]:
    """Split at line breaks, except where the next line starts in lower case (a wrapped line)."""
    spans, start = [], 0
    for match in _LINE_BREAK.finditer(text):
        nxt = text[match.end() : match.end() + 1]
        blank_line = match.group().count("\n") >= 2
        if nxt and nxt.islower() and not blank_line:
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _syntok_spans(text: str) -> list[tuple[int, int]]:
    import syntok.segmenter as segmenter

    spans = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            tokens = [tok for tok in sentence if tok.value]
            if tokens:
                spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
    return spans


def _sentencex_spans(text: str, lang: str) -> list[tuple[int, int]]:
    import sentencex

    spans, cursor = [], 0
    for piece in sentencex.segment(lang, text):
        found = text.find(piece, cursor)
        if found < 0:
            continue
        spans.append((found, found + len(piece)))
        cursor = found + len(piece)
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str, lang: str = "") -> list[tuple[int, int]]:
    """(start, end) of every sentence in `text`, in order, whitespace-trimmed, never empty."""
    spans = []
    for block_start, block_end in _blocks(text):
        block = text[block_start:block_end]
        inner = _sentencex_spans(block, lang) if lang in SCRIPTIO_CONTINUA else _syntok_spans(block)
        for start, end in inner:
            start, end = _trim(text, block_start + start, block_start + end)
            if end > start:
                spans.append((start, end))
    spans = _cover_gaps(text, spans)
    return _merge_abbreviation_splits(text, spans) if lang == "lt" else spans


def _merge_abbreviation_splits(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Re-join Lithuanian sentences wrongly split after an abbreviation (see LT_NEVER_FINAL, LT_UNITS)."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and "\n" not in text[merged[-1][1] : start]:
            last = _LAST_WORD.search(text[merged[-1][0] : merged[-1][1]])
            word = last.group(1).casefold() if last else ""
            if word in LT_NEVER_FINAL or (word in LT_UNITS and _NUMBER_OR_ACRONYM.match(text[start:end])):
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return merged


def _cover_gaps(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Attach stray non-space characters the segmenter skipped (e.g. a lone quote) to a neighbour."""
    fixed: list[tuple[int, int]] = []
    for start, end in spans:
        if fixed and text[fixed[-1][1] : start].strip() and "\n" not in text[fixed[-1][1] : start]:
            fixed[-1] = (fixed[-1][0], end)
        else:
            fixed.append((start, end))
    return fixed


MARKDOWN_HEADING = re.compile(r"#{1,6}\s")


def is_heading(sentence: str, index: int, title: str, text: str, start: int) -> bool:
    """A Markdown heading, or the article's first line when it is its title (a headline)."""
    line_start = text.rfind("\n", 0, start) + 1
    if MARKDOWN_HEADING.match(text[line_start:]):
        return True
    plain_title = " ".join(title.lstrip("#").split())
    return index == 0 and bool(plain_title) and " ".join(sentence.lstrip("#").split()) == plain_title


def split_sentences(article_id: str, text: str, lang: str = "", title: str = "") -> list[Sentence]:
    """The sentences of an article with stable ids and exact offsets into `text`; headings marked."""
    return [
        Sentence(sentence_id(article_id, i), article_id, i, start, end, text[start:end],
                 is_heading(text[start:end], i, title, text, start))
        for i, (start, end) in enumerate(sentence_spans(text, lang))
    ]
