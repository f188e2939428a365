"""Ingest: files -> articles -> sentences -> chunks -> vectors -> store, idempotently."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ingest.chunking import sentence_chunks
from ingest.documents import Article, Chunk, Sentence
from ingest.fingerprints import article_signature
from ingest.readers import ReadError, SkippedFile, iter_input_files, read_file
from ingest.segment import split_sentences

if TYPE_CHECKING:
    from rag.store.chroma import StoredArticle

SEGMENTER_VERSION = "syntok-lt-2+text+runs+headings"  # bump when cutting or stored fields change


@dataclass
class IngestReport:
    """What an ingest run did; `errors` are one-line messages naming file (and line) and problem."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)  # "old path -> new path": same text, file moved
    recovered: list[str] = field(default_factory=list)  # articles an interrupted earlier run left half-written
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files inside the folders that are not articles (.pdf, ...)
    sentences: int = 0
    seconds: float = 0.0

    @property
    def sentences_per_second(self) -> float:
        return self.sentences / self.seconds if self.seconds else 0.0


def pipeline_version(chunk_sentences: int, late_chunking: bool = False) -> str:
    """Part of every content hash: changing how text is cut or embedded re-ingests it."""
    return f"{SEGMENTER_VERSION}/c{chunk_sentences}" + ("/late" if late_chunking else "")


def read_articles(paths: list[Path], max_file_bytes: int, report: IngestReport) -> list[Article]:
    """All articles under `paths`; problems go to `report.errors` and never stop the run."""
    articles: dict[str, Article] = {}
    for item in iter_input_files(paths):
        if isinstance(item, SkippedFile):
            report.skipped.append(str(item.path))
            continue
        if isinstance(item, ReadError):
            report.errors.append(str(item))
            continue
        try:
            result = read_file(item, max_file_bytes)
        except ReadError as exc:
            report.errors.append(str(exc))
            continue
        report.errors.extend(str(e) for e in result.errors)
        for article in result.articles:
            earlier = articles.get(article.id)
            if earlier is not None and earlier.text != article.text:
                report.errors.append(f"{item}: duplicate article id '{article.id}' with different text; kept the first")
                continue
            articles[article.id] = article
    return list(articles.values())


@dataclass
class PendingArticle:
    """An article cut into sentences and chunks, waiting for its vectors."""

    article: Article
    content_hash: str
    sentences: list[Sentence]
    chunks: list[Chunk]
    replaces_stored: bool
    renamed_from: StoredArticle | None = None


def _renamed_from(article: Article, store) -> StoredArticle | None:
    """The stored article this one is a renamed or moved file of: same text, and its file is gone."""
    if not article.source_path:
        return None
    for stored in store.articles_with_text(article.text_hash()):
        if stored.source_path and stored.source_path != article.source_path and not Path(stored.source_path).exists():
            return stored
    return None


def _batches(todo: list[PendingArticle], max_texts: int) -> list[list[PendingArticle]]:
    """Group articles so each embedding call gets up to `max_texts` passages (whole articles only)."""
    groups: list[list[PendingArticle]] = [[]]
    size = 0
    for item in todo:
        texts = len(item.sentences) + len(item.chunks)
        if groups[-1] and size + texts > max_texts:
            groups.append([])
            size = 0
        groups[-1].append(item)
        size += texts
    return [g for g in groups if g]


def _embed(group: list[PendingArticle], embedder, settings) -> list[tuple[np.ndarray, np.ndarray]]:
    """(sentence vectors, chunk vectors) of each article: by late chunking (each chunk through the encoder
    once, its sentences pooled from its token vectors), or each sentence and chunk embedded on its own."""
    from rag.models.embedder import embed_late, embed_passages

    chunks = [chunk for item in group for chunk in item.chunks]
    if settings.late_chunking:
        spans = [[(s.start - c.start, s.end - c.start) for s in item.sentences if s.id in c.sentence_ids]
                 for item in group for c in item.chunks]
        chunk_vectors, per_chunk = embed_late(embedder, [c.text for c in chunks], spans, settings.passage_prefix,
                                              settings.embed_batch_size)
        sentence_vectors = np.concatenate(per_chunk)
    else:
        vectors = embed_passages(embedder, [s.text for item in group for s in item.sentences] + [c.text for c in chunks])
        sentence_vectors, chunk_vectors = vectors[: len(vectors) - len(chunks)], vectors[len(vectors) - len(chunks):]
    result, n, m = [], 0, 0
    for item in group:
        result.append((sentence_vectors[n : n + len(item.sentences)], chunk_vectors[m : m + len(item.chunks)]))
        n, m = n + len(item.sentences), m + len(item.chunks)
    return result


def ingest_paths(paths: list[Path], store, embedder, settings, progress: bool = True) -> IngestReport:
    """Ingest files and folders into `store`; unchanged articles are skipped, changed ones replaced."""
    from tqdm import tqdm

    report = IngestReport()
    started = time.perf_counter()
    report.recovered = store.recover(settings.recover_after)  # finish an interrupted earlier write
    version = pipeline_version(settings.chunk_sentences, settings.late_chunking)
    todo: list[PendingArticle] = []
    for article in read_articles(paths, settings.max_file_bytes, report):
        digest = article.content_hash(version)
        stored = store.article_hash(article.id)
        if stored == digest:
            report.unchanged.append(article.id)
            continue
        sentences = split_sentences(article.id, article.text, article.lang, article.title)
        if not sentences:
            report.errors.append(f"{article.source_path}: article '{article.id}' has no sentences")
            continue
        chunks = sentence_chunks(article.id, article.text, sentences, settings.chunk_sentences)
        todo.append(PendingArticle(article, digest, sentences, chunks, stored is not None,
                                   None if stored is not None else _renamed_from(article, store)))
    total = sum(len(item.sentences) for item in todo)
    with tqdm(total=total, unit="sent", desc="ingest", disable=not progress or not total) as bar:
        for group in _batches(todo, settings.embed_group_texts):
            for item, (sentence_vectors, chunk_vectors) in zip(group, _embed(group, embedder, settings)):
                n = len(item.sentences)
                store.put_article(item.article, item.content_hash, item.sentences, sentence_vectors,
                                  item.chunks, chunk_vectors, article_signature(item.article.text))
                if item.renamed_from:  # written under its new name first, so the text never disappears
                    store.delete_article(item.renamed_from.id)
                    report.renamed.append(f"{item.renamed_from.source_path} -> {item.article.source_path}")
                (report.replaced if item.replaces_stored else report.added).append(item.article.id)
                report.sentences += n
                bar.update(n)
    report.seconds = time.perf_counter() - started
    return report
