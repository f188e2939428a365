"""Questions written by rule from the English originals of the NTREX news, for training the reader in domain.

NTREX-128 gives every Lithuanian development sentence its English original. A sentence holding a
typed fact becomes a short question about it, the way a reader would ask: the fact is replaced by a
question phrase and only the clause around it is kept --

    "According to Catalan authorities almost 1000 people were injured last year after police ..."
    -> "How many people were injured last year?"

with the Lithuanian translation as its gold evidence. A reader names the story he asks about, and
takes the name from its headline or lead, not from the sentence that answers ("What bond was set for
Dyteon Simpson?" is answered by "His bond is $350,000"): a question whose clause names nothing gets
the article's most mentioned name -- "How many people were injured last year in Barcelona?". The news questions written for this project
(`news_qa.jsonl`) stay the yardstick; these only give the reader many more questions of that kind.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rag.reader.spans import typed_spans
from rag.text import facts

CLAUSE_BREAK = re.compile(r"[,;:()\"“”‘’]|\s[–—-]\s")
CLAUSE_WORDS = {"after", "while", "because", "but", "although", "when", "as", "which", "who", "according",
                "since", "before", "whereas", "though", "if", "unless"}
QUALIFIERS = {"almost", "about", "around", "nearly", "more", "than", "over", "some", "roughly", "least", "at", "up",
              "to", "approximately", "just", "only", "a", "an", "the", "some", "fewer", "less", "under"}
MAX_SIDE_WORDS = 6
UNIT_WORDS = re.compile(r"^(?:%|percent|per|cent|pounds?|dollars?|euros?|million|billion|bn|m|years?|months?|weeks?"
                        r"|days?|hours?|minutes?|seconds?|-year-old|old)[.,]?$", re.IGNORECASE)
ROLE_BEFORE_NAME = re.compile(r"(?:star|stylist|minister|president|spokesman|spokeswoman|spokesperson|manager|coach"
                              r"|chief|director|leader|comedian|designer|professor|secretary|captain|chairman|singer"
                              r"|player|striker|official|analyst|expert|mayor|governor|senator|ambassador)\s*$", re.IGNORECASE)
# (span kind, question phrase) in order of preference
TEMPLATES = [("money", "How much money"), ("percent", "What percentage"), ("age", "How old"),
             ("duration", "How long"), ("year", "In what year"), ("number", "How many"), ("person", "Who")]


def _clause_words(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """The words of the clause around text[start:end]: up to a clause break on each side."""
    left = CLAUSE_BREAK.split(text[:start])[-1].split()
    right = CLAUSE_BREAK.split(text[end:])[0].split()
    for i, word in enumerate(left[::-1]):
        if word.casefold() in CLAUSE_WORDS:
            left = left[len(left) - i:]
            break
    for i, word in enumerate(right):
        if word.casefold() in CLAUSE_WORDS:
            right = right[:i]
            break
    return left[-MAX_SIDE_WORDS:], right[:MAX_SIDE_WORDS]


def _counted_noun(words: list[str]) -> int:
    """How many of `words` (after a number) name the thing counted: 'people', 'new HIV cases'."""
    count = 0
    for word in words[:3]:
        plain = facts.plain(word.strip(".,"))
        if not plain.isalpha() or plain in facts.function_words("en"):
            break
        count += 1
    return count


def _subject_person(sentence: str, span) -> bool:
    """A person's name that is the subject of its clause: 'Chris Rock posted ...', 'stylist Luke Armitage told'."""
    words = span.text.split()
    if len(words) < 2 or span.text.isupper() or any(w.lower() in ("of", "and") for w in words):
        return False
    before = CLAUSE_BREAK.split(sentence[:span.start])[-1]
    return not before.strip() or bool(ROLE_BEFORE_NAME.search(before))


def topic_names(sentences: list[str]) -> list[tuple[str, str]]:
    """(name, kind) of an article's names, most mentioned first (kind: "place" or "name")."""
    counts: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], int] = {}
    for sentence in sentences:
        for span in typed_spans(sentence, "en"):
            if span.kind in ("name", "place") and not span.text.isupper() and span.start > 0:
                name = re.sub(r"['’]s$", "", span.text.strip(".,"))
                if len(name) < 4:
                    continue
                key = (name, span.kind)
                counts[key] = counts.get(key, 0) + 1
                first.setdefault(key, len(first))
    return sorted(counts, key=lambda key: (-counts[key], first[key]))


def _with_topic(question: str, topic: list[tuple[str, str]]) -> str:
    """The question naming the story it is about, when its own words name nothing."""
    body = question[:-1]
    if any(w[:1].isupper() for w in body.split()[1:]) or not topic:
        return question
    name, kind = topic[0]
    return f"{body} {'in' if kind == 'place' else 'for'} {name}?"


def question_about(sentence: str, topic: list[tuple[str, str]] = ()) -> tuple[str, str] | None:
    """(question, answer as written) for the most question-worthy fact of an English sentence, or None;
    `topic` (`topic_names` of its article) names the story when the question would name nothing."""
    spans = typed_spans(sentence, "en")
    places = {(s.start, s.end) for s in spans if s.kind == "place"}
    persons = [s for s in spans if s.kind == "name" and (s.start, s.end) not in places and _subject_person(sentence, s)]
    for kind, phrase in TEMPLATES:
        pool = persons if kind == "person" else [s for s in spans if s.kind == kind and any(ch.isdigit() for ch in s.text)]
        for span in pool:
            if re.match(r"(?:st|nd|rd|th)\b", sentence[span.end:span.end + 3]):
                continue  # "19th century": an ordinal, not a count
            left, right = _clause_words(sentence, span.start, span.end)
            if kind == "person":
                left = []  # the name was the subject: "Who" + what follows it
            right = [w for w in right if not w.startswith("-")]
            if kind in ("percent", "money", "duration", "age"):  # the unit belongs to the answer
                while right and (UNIT_WORDS.match(right[0]) or right[0].casefold() in ("per", "cent")):
                    right = right[1:]
            while left and left[-1].casefold().strip(".,") in QUALIFIERS:
                left = left[:-1]
            if kind in ("year", "duration") and left and left[-1].casefold() in ("in", "for", "since", "of"):
                left = left[:-1]
            if kind == "number":
                noun = _counted_noun(right)
                if not noun or not span.values or min(span.values) < 2:
                    continue
                words = right[:noun] + left + right[noun:]
            else:
                words = left + right
            words = [w.strip(".,!?") for w in words if w.strip(".,!?")]
            content = [w for w in words if facts.plain(w) not in facts.function_words("en")]
            if len(content) < 2:
                continue
            body = " ".join(words)
            return _with_topic(f"{phrase} {body[:1].lower() + body[1:]}?", list(topic)), span.text
    return None


def synthetic_news_questions(data: Path) -> list[dict]:
    """Rule-written questions over the NTREX development articles, in the `rag eval` format."""
    path = Path(data) / "ntrex128" / "en-sentence-queries.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences: dict[str, list[str]] = {}
    for record in records:
        sentences.setdefault(record["article"], []).append(record["question"])
    topics = {article: topic_names(texts) for article, texts in sentences.items()}
    questions = []
    for record in records:
        made = question_about(record["question"], topics[record["article"]])
        if made is None:
            continue
        question, answer = made
        questions.append({"id": f"synthetic-{record['id']}", "lang": "en", "question": question,
                          "answers": [answer], "evidence": record["evidence"], "article": record["article"],
                          "source_sentence": record["question"]})
    return questions
