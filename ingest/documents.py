"""The nouns of ingest: an Article, its Sentences (exact offsets) and its Chunks (runs of sentences)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One news article as read from a file or a JSONL record."""

    id: str
    title: str
    text: str
    source: str
    date: str = ""
    lang: str = ""
    source_path: str = ""

    def content_hash(self, pipeline_version: str = "") -> str:
        """Hash of everything that ends up in the store; equal hashes mean re-ingest is a no-op."""
        payload = json.dumps(
            [self.title, self.text, self.source, self.date, self.lang, pipeline_version], ensure_ascii=False
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


    def text_hash(self) -> str:
        """Hash of the text alone: recognises a renamed or moved file by its content."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: `text == article.text[start:end]`."""

    id: str
    article_id: str
    index: int
    start: int
    end: int
    text: str
    heading: bool = False  # the article's headline or a Markdown heading: context, never an answer


@dataclass(frozen=True)
class Chunk:
    """A run of consecutive sentences of an article (the `index`-th run); context for retrieving them."""

    id: str
    article_id: str
    index: int
    start: int
    end: int
    text: str
    sentence_ids: tuple[str, ...] = field(default_factory=tuple)


def sentence_id(article_id: str, index: int) -> str:
    """Stable id of the `index`-th sentence of an article."""
    return f"{article_id}#s{index}"


def chunk_id(article_id: str, index: int) -> str:
    """Stable id of the `index`-th chunk of an article."""
    return f"{article_id}#c{index}"


def slugify(value: str, max_len: int = 60) -> str:
    """ASCII slug for ids: 'Šiaurės Korėja' -> 'siaures-koreja'."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", ascii_text).strip("-").lower()
    return slug[:max_len].strip("-") or "article"
