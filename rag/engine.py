"""The engine every front end shares: settings + the loaded embedder + the store, loaded once per process."""

from __future__ import annotations

import time

from collections.abc import Iterator
from functools import cached_property
from pathlib import Path

from ingest.language import detect_language
from rag.answer.answer import Answer, extractive_answer
from rag.answer.generate import generate
from rag.models.embedder import embed_query, load_embedder
from rag.retrieval.conversation import conversation_context
from rag.retrieval.retriever import Retriever, retrieved_chunks
from rag.settings import Settings


class QuestionError(ValueError):
    """A question that cannot be asked (empty or too long)."""


class Engine:
    """Ingest articles and answer questions with citations. Models and store load lazily, once."""

    def __init__(self, settings: Settings | None = None, embedder=None, store=None, llms: dict | None = None,
                 reader_model=None):
        self.settings = settings or Settings()
        self._llms = dict(llms or {})  # answerer -> loaded model (tests pass scripted ones)
        for name, given in (("embedder", embedder), ("store", store), ("reader_model", reader_model)):
            if given is not None:  # tests pass fakes
                self.__dict__[name] = given

    @cached_property
    def embedder(self):
        return load_embedder(self.settings)

    @cached_property
    def store(self):
        from rag.store.chroma import Store

        return Store(self.settings.store, self.settings.collection, self.settings.chroma_url)

    @cached_property
    def writer(self):
        """The single-writer lock of an embedded store (none needed for a Chroma server)."""
        from rag.store.lock import NoWriterLock, WriterLock

        if self.settings.chroma_url:
            return NoWriterLock()
        return WriterLock(self.settings.store.expanduser(), self.settings.lock_wait)

    def uploads_folder(self) -> Path:
        """Where files uploaded through the UI are kept (inside the store's folder)."""
        from ingest.uploads import UPLOADS_FOLDER

        return self.settings.store.expanduser() / UPLOADS_FOLDER

    def hold_store(self) -> None:
        """Own the store for writing until the process ends (`rag serve`); raises StoreBusy if another does."""
        self.writer.hold("rag serve")

    @cached_property
    def reader_model(self):
        """The trained reader (`rag/reader/model.json`): ranking and answerability models, language calibration."""
        from rag.reader.reader import ReaderModel

        return ReaderModel.load()

    @cached_property
    def lexicon(self):
        """The bilingual word lists `rag install-model` put in place (empty, and weaker answers, without them)."""
        from rag.models.lexicons import load_lexicons
        from rag.reader.terms import Lexicon

        return Lexicon(load_lexicons(self.settings.lexicon_dir.expanduser()))

    @cached_property
    def reader(self):
        from rag.reader.reader import Reader

        threshold = self.settings.answerable_above
        return Reader(self.reader_model, self.embedder, self.lexicon,
                      self.reader_model.threshold if threshold is None else threshold)

    @cached_property
    def retriever(self) -> Retriever:
        return Retriever(self.store, self.embedder, self.settings, self.reader_model.background)

    def warm_up(self) -> None:
        """Load the embedder, the store, the reader and the configured language model and run one query
        through each, so later timings are warm (a local model keeps its fixed prompt prefix evaluated)."""
        embed_query(self.embedder, "warm up")
        self.retriever  # noqa: B018
        self.reader.lexicon.translations("warm", "en", "lt")
        kind = self.answerer()
        if kind != "extractive":
            from rag.answer.generate import warm_prefix

            warm_prefix(self.llm(kind))

    def ingest(self, paths: list[Path], progress: bool = False):
        """Ingest files/folders; returns an `IngestReport`."""
        from ingest.pipeline import ingest_paths

        with self.writer:
            report = ingest_paths([Path(p) for p in paths], self.store, self.embedder, self.settings, progress=progress)
        self._store_changed()
        return report

    def _store_changed(self) -> None:
        retriever = self.__dict__.get("retriever")
        if retriever is not None and retriever.lexical is not None:
            retriever.lexical.invalidate()

    def articles(self):
        """The stored articles (id, title, date, language, sentences, source path)."""
        return self.store.list_articles()

    def article(self, article_id: str):
        """(StoredArticle, full text) of one article, or None."""
        return self.store.article(article_id)

    def delete(self, reference: str) -> list[str]:
        """Delete the article with this id, or the articles ingested from this file path; returns their ids."""
        path = str(Path(reference).expanduser().resolve())
        with self.writer:
            self.store.recover(self.settings.recover_after)
            ids = [a.id for a in self.store.list_articles() if a.id == reference or a.source_path == path]
            for article_id in ids:
                self.store.delete_article(article_id)
        self._store_changed()
        return ids

    def llm(self, answerer: str):
        """The language model behind an answerer, loaded once per process."""
        from rag.models.llm import load_llm

        if answerer not in self._llms:
            self._llms[answerer] = load_llm(self.settings, answerer)
        return self._llms[answerer]

    def answerer(self, requested: str | None = None) -> str:
        """The answerer a question will get: requested, or what settings/installed models make of "auto"."""
        from rag.models.llm import resolve_answerer

        return resolve_answerer(self.settings, requested)

    def ask(self, question: str, previous_questions: list[str] | None = None, answerer: str | None = None) -> Answer:
        """Answer `question` from the stored articles, with citations, or abstain.

        `previous_questions` (oldest first) lets a follow-up such as "and did Moscow confirm it?"
        be searched in the context of the conversation. `answerer` overrides `settings.answerer`.
        """
        for event in self.ask_stream(question, previous_questions, answerer):
            if isinstance(event, Answer):
                return event
        raise RuntimeError("ask_stream ended without an answer")

    def ask_stream(self, question: str, previous_questions: list[str] | None = None,
                   answerer: str | None = None) -> Iterator[str | Answer]:
        """Like `ask`, for front ends that show progress: yields the generated draft as it grows
        (str; unchecked, never the answer), then the final checked `Answer`."""
        question = " ".join(question.split())
        if not question:
            raise QuestionError("the question is empty")
        if len(question) > self.settings.max_question_chars:
            raise QuestionError(
                f"the question is {len(question)} characters long; the limit is {self.settings.max_question_chars}"
            )
        kind = self.answerer(answerer)
        model = self.llm(kind) if kind != "extractive" else None
        timings: dict[str, float] = {}
        clock = time.perf_counter()
        lang = detect_language(question, default="en")

        def lap(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            timings[name] = round((now - clock) * 1000, 1)
            clock = now

        context = conversation_context(question, previous_questions or [])
        query = f"{context} {question}" if context else question  # a follow-up, read with what it follows
        vector = embed_query(self.embedder, query)
        also = [embed_query(self.embedder, question)] if context else []  # ... and searched on its own too
        lap("embed")
        evidence = self.retriever.evidence(query, vector, lang, also)
        lap("retrieve")
        reading = self.reader.read(question, lang, evidence, context)
        lap("read")
        answer = extractive_answer(question, lang, reading, self.settings)
        lap("answer")
        ranked = [c.evidence for c in reading.ranked]
        if model is not None and not answer.abstained:
            for event in generate(question, lang, reading, answer, model, self.settings):
                if isinstance(event, Answer):
                    answer = event
                else:
                    yield event
            lap("generate")
        answer.answerer = kind
        answer.retrieved = retrieved_chunks(ranked or evidence, self.settings.retrieved_shown)
        timings["total"] = round(sum(timings.values()), 1)
        answer.timings_ms = timings
        yield answer
