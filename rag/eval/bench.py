"""`rag bench`: this pipeline against the stock llama-index pipeline and BM25 alone, on the same data.

The realistic set (`news-qa`: short English questions over 60 Lithuanian articles, a third of them
unanswerable) is the main yardstick; the others measure retrieval across languages.

Every system ingests the same articles with the same embedder and answers the same questions in
one process. Retrieval is scored at sentence level: a system's evidence is the list of sentences
it hands on, best first (for the stock pipeline: the sentences of its retrieved chunks, in order),
and a hit is a sentence containing one of the question's `evidence` strings, or a sentence of at
least `PART_MIN_CHARS` characters inside one (gold evidence that spans two sentences, as some
NTREX translations do, or that the splitter cut after "proc."). Chunk-level hit rates (which
flatter big chunks) are reported beside them, never instead.
"""

from __future__ import annotations

import random
import resource
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from rag.eval.evaluate import first_hit, load_questions, normalise, percentile

SYSTEMS = ("pipeline", "stock-llama-index", "bm25")
PART_MIN_CHARS = 25


def is_evidence(sentence: str, evidence: list[str]) -> bool:
    """Does this sentence hold the gold evidence, or is it a (not tiny) part of it?"""
    text = normalise(sentence)
    gold = [normalise(e) for e in evidence if e.strip()]
    return any(g in text for g in gold) or (len(text) >= PART_MIN_CHARS and any(text in g for g in gold))


def sentence_rank(sentences: list[str], evidence: list[str]) -> int | None:
    """1-based rank of the first evidence sentence, or None."""
    return next((rank for rank, s in enumerate(sentences, 1) if is_evidence(s, evidence)), None)


class BenchError(RuntimeError):
    """The benchmark data could not be ingested as it is."""


@dataclass(frozen=True)
class Dataset:
    """Articles plus questions about them; `lang` is the articles' language."""

    name: str
    articles: Path
    questions: Path
    lang: str


def shared_datasets(data: Path) -> dict[str, Dataset]:
    """The benchmark sets under `shared/data` (see its README), by name."""
    sets = {f"xquad-{lang}": Dataset(f"xquad-{lang}", data / "xquad_r" / f"{lang}.articles.jsonl",
                                     data / "xquad_r" / f"{lang}.questions-en.jsonl", lang)
            for lang in ("de", "es", "ru", "zh", "en")}
    sets["news-qa"] = Dataset("news-qa", data / "ntrex128" / "lt.articles.jsonl", data / "ntrex128" / "news_qa.jsonl", "lt")
    sets["ntrex-lt"] = Dataset("ntrex-lt", data / "ntrex128" / "lt.articles.jsonl",
                               data / "ntrex128" / "en-sentence-queries.jsonl", "lt")
    seed = data / "seed"
    sets["seed"] = Dataset("seed", min(seed.glob("*.txt"), default=seed / "article.txt"), seed / "questions.jsonl", "lt")
    return sets


def sample_questions(path: Path, size: int | None, seed: int = 2) -> list[dict]:
    """`size` questions drawn with a fixed seed (all of them when `size` is None or larger), in id order."""
    questions = load_questions(path)
    if size is None or size >= len(questions):
        return questions
    return sorted(random.Random(seed).sample(questions, size), key=lambda q: q["id"])


@dataclass
class Retrieval:
    """What a system hands on for one question: sentences best first, the chunks they came in, its size."""

    sentences: list[str]
    chunks: list[str]
    context_tokens: int


def _tokens(text: str) -> int:
    """Tokens as llama-index counts them (its default tokenizer, the one its splitter cuts 1024-token chunks with)."""
    from llama_index.core.utils import get_tokenizer

    return len(get_tokenizer()(text))


class PipelineSystem:
    """This project's pipeline: sentence + chunk vectors, sentence-level evidence, extractive cited answers."""

    name = "pipeline"
    encodes = True  # its ingest runs the encoder

    def __init__(self, settings, embedder):
        from rag.engine import Engine

        self.engine = Engine(settings, embedder=embedder)

    def ingest(self, paths: list[Path]) -> tuple[int, float]:
        report = self.engine.ingest(paths)
        if report.errors:
            raise BenchError("; ".join(report.errors))
        return report.sentences, report.seconds

    def encoder_seconds(self) -> float:
        """The encoder's own time for the stored sentences, each embedded once, in llama-index batches: the
        ceiling an ingest pipeline on this encoder can reach."""
        from rag.models.embedder import embed_passages

        store = self.engine.store
        ids = store.sentence_ids([a.id for a in store.list_articles()])
        texts = [text for text, _meta, _vector in store.get("sentences", ids).values()]
        started = time.perf_counter()
        embed_passages(self.engine.embedder, texts)
        return time.perf_counter() - started

    def retrieve(self, question: str) -> Retrieval:
        from ingest.language import question_language
        from rag.models.embedder import embed_query
        from rag.prompts import spoken_languages
        from rag.retrieval.retriever import retrieved_chunks

        lang = question_language(question, spoken_languages())
        evidence = self.engine.retriever.evidence(question, embed_query(self.engine.embedder, question), lang)
        ranked = [c.evidence for c in self.engine.reader.read(question, lang, evidence).ranked]  # the reader's order
        handed_on = ranked[: self.engine.settings.max_citations]
        return Retrieval([e.text for e in ranked], [c.text for c in retrieved_chunks(ranked, 5)],
                         sum(_tokens(e.text) for e in handed_on))

    def answers(self, questions: list[dict], progress: bool) -> dict:
        """`rag eval`'s metrics of the extractive (or configured) answerer on these questions."""
        from rag.eval.evaluate import evaluate

        return evaluate(self.engine, questions, progress)["metrics"]


class StockSystem:
    """What the llama-index starter tutorial builds: `VectorStoreIndex` over whole articles with its
    default splitter, `similarity_top_k=2`, the same embedder, in memory."""

    name = "stock-llama-index"
    encodes = True

    def __init__(self, settings, embedder):
        self.settings, self.embedder = settings, embedder
        self.retriever = None
        self.lang: dict[str, str] = {}

    def ingest(self, paths: list[Path]) -> tuple[int, float]:
        from llama_index.core import Document, VectorStoreIndex

        from ingest.pipeline import IngestReport, read_articles
        from ingest.segment import split_sentences

        started = time.perf_counter()
        report = IngestReport()
        articles = read_articles(paths, self.settings.max_file_bytes, report)
        documents = [Document(text=a.text, id_=a.id, metadata={"title": a.title}) for a in articles]
        index = VectorStoreIndex.from_documents(documents, embed_model=self.embedder)
        self.retriever = index.as_retriever(similarity_top_k=2)
        self.lang = {a.id: a.lang for a in articles}
        sentences = sum(len(split_sentences(a.id, a.text, a.lang)) for a in articles)
        return sentences, time.perf_counter() - started

    def retrieve(self, question: str) -> Retrieval:
        from ingest.segment import split_sentences

        nodes = self.retriever.retrieve(question)
        chunks = [n.node.get_content() for n in nodes]
        sentences = [s.text for n, text in zip(nodes, chunks)
                     for s in split_sentences("chunk", text, self.lang.get(n.node.ref_doc_id, ""))]
        return Retrieval(sentences, chunks, sum(_tokens(c) for c in chunks))


class BM25System:
    """BM25 alone (bm25s, this project's tokenizer) over the pipeline's stored sentences."""

    name = "bm25"
    encodes = False  # it indexes the words of the sentences the pipeline stored

    def __init__(self, settings, store):
        from rag.store.lexical import LexicalIndex

        self.settings, self.store = settings, store
        self.index = LexicalIndex(store, settings.lexical_prefix)

    def ingest(self, paths: list[Path]) -> tuple[int, float]:
        started = time.perf_counter()
        self.index.search("warm up", "en", 1)  # builds the index over what the pipeline stored
        return self.store.count()["sentences"], time.perf_counter() - started

    def retrieve(self, question: str) -> Retrieval:
        from ingest.language import detect_language

        hits = self.index.search(question, detect_language(question, default="en"), 20)
        found = self.store.get("sentences", list(hits))
        sentences = [found[sid][0] for sid in sorted(hits, key=lambda s: -hits[s]) if sid in found]
        handed_on = sentences[: self.settings.max_citations]
        return Retrieval(sentences, [], sum(_tokens(s) for s in handed_on))


def _rate(ranks: list[int | None], k: int) -> float:
    return round(statistics.fmean(r is not None and r <= k for r in ranks), 4) if ranks else None


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_system(system, dataset: Dataset, questions: list[dict], progress: bool = False, timed: bool = True) -> dict:
    """Ingest the dataset into `system`, then retrieve (and, where the system answers, answer) every question;
    one report row. Not `timed` (an encoder answering from a cache), its ingest speeds are None: they would
    be the cache's, not the encoder's."""
    from tqdm import tqdm

    sentences, seconds = system.ingest([dataset.articles])
    scored = [q for q in questions if q.get("evidence") and not q.get("abstain")]
    sentence_ranks, chunk_ranks, context, latencies = [], [], [], []
    for q in tqdm(scored, desc=f"{dataset.name} {system.name}", unit="q", disable=not progress):
        started = time.perf_counter()
        found = system.retrieve(q["question"])
        latencies.append((time.perf_counter() - started) * 1000)
        sentence_ranks.append(sentence_rank(found.sentences, q["evidence"]))
        chunk_ranks.append(first_hit(found.chunks, q["evidence"]) if found.chunks else None)
        context.append(found.context_tokens)
    encoder = system.encoder_seconds() if timed and hasattr(system, "encoder_seconds") else None
    metrics = {
        "questions": len(scored),
        "sentence_hit@1": _rate(sentence_ranks, 1),
        "sentence_hit@5": _rate(sentence_ranks, 5),
        "sentence_mrr": round(statistics.fmean(1 / r if r else 0.0 for r in sentence_ranks), 4) if scored else None,
        "chunk_hit@1": _rate(chunk_ranks, 1) if any(chunk_ranks) else None,
        "chunk_hit@2": _rate(chunk_ranks, 2) if any(chunk_ranks) else None,
        "chunk_hit@5": _rate(chunk_ranks, 5) if any(chunk_ranks) else None,
        "context_tokens_mean": round(statistics.fmean(context), 1) if context else None,
        "retrieval_p50_ms": round(percentile(latencies, 0.5), 1),
        "retrieval_p95_ms": round(percentile(latencies, 0.95), 1),
        "ingest_sentences": sentences,
        "ingest_seconds": round(seconds, 2) if timed else None,
        "ingest_sentences_per_s": round(sentences / seconds, 1) if timed and seconds else None,
        "encoder_sentences_per_s": round(sentences / encoder, 1) if encoder else None,
        "ingest_vs_encoder": round(encoder / seconds, 2) if encoder and seconds else None,
    }
    if hasattr(system, "answers") and any(q.get("answers") or q.get("abstain") for q in questions):
        answered = system.answers(questions, progress)
        metrics.update({key: answered[key] for key in (
            "answer_accuracy", "answer_accuracy_en", "first_citation_right", "citation_precision",
            "abstention_accuracy", "near_miss_refused", "off_topic_refused", "false_abstention_rate")})
        metrics.update({"answer_p50_ms": answered["latency_p50_ms"], "answer_p95_ms": answered["latency_p95_ms"],
                        "first_token_p50_ms": answered["first_token_p50_ms"], "fallback_rate": answered["fallback_rate"]})
    metrics["peak_rss_mb"] = _peak_rss_mb()
    return {"system": system.name, "dataset": dataset.name, **metrics}


def run_bench(datasets: list[Dataset], settings, embedder, workdir: Path, questions: int | None = 300,
              systems: tuple[str, ...] = SYSTEMS, progress: bool = False, cold_runs: int = 0) -> dict:
    """Run `systems` on every dataset (a fresh store per dataset under `workdir`); the JSON-ready report.
    With `cold_runs`, whole `rag ask` processes are timed that many times on the first dataset's store."""
    from rag.eval.coldstart import cold_start
    from rag.models.embedder import embed_query, is_cached

    embed_query(embedder, "warm up")
    timed = not is_cached(embedder)
    results: list[dict] = []
    cold = None
    for dataset in datasets:
        asked = sample_questions(dataset.questions, questions)
        pipeline = PipelineSystem(settings.model_copy(update={"store": workdir / dataset.name}), embedder)
        built = {"pipeline": pipeline,
                 "stock-llama-index": StockSystem(settings, embedder),
                 "bm25": BM25System(settings, pipeline.engine.store)}
        if "bm25" in systems and "pipeline" not in systems:
            pipeline.ingest([dataset.articles])  # BM25 indexes the sentences the pipeline stores
        for name in systems:
            results.append(run_system(built[name], dataset, asked, progress, timed or not built[name].encodes))
        if cold_runs and cold is None and pipeline.engine.store_exists():
            cold = {"dataset": dataset.name, **cold_start(
                settings, workdir / dataset.name, [q["question"] for q in asked[:cold_runs]], settings.answerer)}
    return {
        "systems": list(systems),
        "datasets": {d.name: {"articles": str(d.articles), "questions": str(d.questions), "lang": d.lang} for d in datasets},
        "questions_per_dataset": questions,
        "settings": settings.model_dump(mode="json", include={
            "chunk_sentences", "sentence_weight", "top_chunks", "top_sentences", "hybrid", "lexical_weight",
            "fusion", "max_citations", "embed_batch_size", "torch_threads", "answerer", "late_chunking"}),
        "results": results,
        "cold_start": cold,
    }


TABLE_COLUMNS = (
    ("dataset", "dataset"), ("system", "system"), ("questions", "q"),
    ("sentence_hit@1", "sent hit@1"), ("sentence_hit@5", "sent hit@5"), ("sentence_mrr", "sent MRR"),
    ("chunk_hit@1", "chunk hit@1"), ("context_tokens_mean", "context tok"),
    ("answer_accuracy", "answer acc"), ("first_citation_right", "1st cite"), ("answer_accuracy_en", "EN acc"),
    ("near_miss_refused", "near-miss refused"), ("off_topic_refused", "off-topic refused"),
    ("false_abstention_rate", "false abstain"),
    ("retrieval_p50_ms", "retr p50 ms"), ("retrieval_p95_ms", "retr p95 ms"),
    ("answer_p50_ms", "ask p50 ms"), ("answer_p95_ms", "ask p95 ms"), ("first_token_p50_ms", "1st token p50 ms"),
    ("ingest_sentences_per_s", "ingest sent/s"), ("ingest_vs_encoder", "ingest/encoder"),
    ("peak_rss_mb", "peak RSS MB"),
)


def table_rows(report: dict) -> list[list[str]]:
    """The report as table rows (header first); missing values shown as '–'."""
    rows = [[label for _, label in TABLE_COLUMNS]]
    for result in report["results"]:
        rows.append(["–" if result.get(key) is None else str(result[key]) for key, _ in TABLE_COLUMNS])
    return rows
