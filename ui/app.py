"""The Gradio chat: ask with sources, follow-ups, and an Articles tab. Presentation only: it calls the Engine."""

from __future__ import annotations

from pathlib import Path

from ingest.uploads import save_upload
from ui.format import article_rows, chat_markdown, escape_markdown, sources_html

CSS = """
.rag-source { border-left: 3px solid #999; padding: 4px 10px; margin: 8px 0; }
.rag-meta { color: #666; font-size: 0.9em; }
.rag-paragraph mark, .rag-article-text mark { background: #ffe58a; }
.rag-empty { color: #666; font-style: italic; }
.rag-span { text-decoration: underline; }
"""


def message_text(message: dict) -> str:
    """Plain text of a chat message (Gradio gives a string or a list of {'type': 'text', 'text': ...} parts)."""
    content = message.get("content")
    if isinstance(content, str):
        return content
    parts = content if isinstance(content, list) else [content]
    return " ".join(p.get("text", "") for p in parts if isinstance(p, dict) and p.get("type", "text") == "text")


NOT_ASKED = "<div class='rag-sources rag-empty'>No sources: the question was not asked.</div>"


def build_app(engine):
    """The Blocks app over a loaded Engine."""
    import gradio as gr

    def previous_questions(history: list[dict]) -> list[str]:
        return [message_text(m) for m in history if m.get("role") == "user"]

    def respond(message: str, history: list[dict], since: str = "", until: str = ""):
        from rag.answer.answer import Answer, check_note
        from rag.engine import EmptyStore, QuestionError
        from rag.models.llm import LLMUnavailable
        from rag.news.dates import DateError

        history = list(history or [])
        asked = previous_questions(history)
        history.append({"role": "user", "content": message})
        history.append({"role": "assistant", "content": "Searching the articles…"})
        yield history, "<div class='rag-sources rag-empty'>Searching…</div>", ""
        answer = None
        try:
            dates = engine.date_range(since or "", until or "")
            for event in engine.ask_stream(message, asked, dates=dates):
                if isinstance(event, Answer):
                    answer = event
                    continue
                # a language model is writing the short answer: nothing unchecked is shown
                history[-1] = {"role": "assistant", "content": "Writing the short answer…"}
                yield history, "<div class='rag-sources rag-empty'>Checking…</div>", ""
        except EmptyStore:
            history[-1] = {"role": "assistant", "content": "The collection holds no articles yet: add some on the "
                                                          "Articles tab, then ask again."}
            yield history, NOT_ASKED, ""
            return
        except (QuestionError, LLMUnavailable, DateError) as exc:
            history[-1] = {"role": "assistant", "content": f"Can't ask that: {exc}."}
            yield history, NOT_ASKED, ""
            return
        text = chat_markdown(answer)
        note = check_note(answer)
        if note:
            text += "\n\n*" + escape_markdown(note) + "*"
        history[-1] = {"role": "assistant", "content": text}  # shown whole: only generated text streams
        yield history, sources_html(answer, engine.article), ""

    def refresh_articles():
        articles = engine.articles()
        return gr.update(value=article_rows(articles, engine.stories() if articles else {})), gr.update(choices=[(f"{a.title} ({a.id})", a.id) for a in articles], value=None)

    def upload(files, progress=gr.Progress()):
        if not files:
            return "Choose one or more files first.", *refresh_articles(), None
        folder = engine.uploads_folder()
        paths = []
        for f in files:
            source = Path(f if isinstance(f, str) else f.name)
            paths.append(save_upload(source, getattr(f, "orig_name", None) or source.name, folder))
        progress(0.1, desc="Reading and embedding")
        report = engine.ingest(paths)
        lines = [f"{len(report.added)} added, {len(report.replaced)} replaced, {len(report.unchanged)} unchanged."]
        lines += [f"⚠ {e.replace(str(folder.resolve()) + '/', '')}" for e in report.errors]
        return "\n\n".join(lines), *refresh_articles(), None  # clear the picker: nothing is added twice

    def ask_to_delete(article_id):
        """First step of a deletion: say what will go and show the confirm and cancel buttons."""
        article = next((a for a in engine.articles() if a.id == article_id), None)
        if article is None:
            return "Pick an article to delete.", gr.update(visible=False), gr.update(visible=False)
        upload_note = " and the file you uploaded" if engine.is_upload(article.source_path) else ""
        prompt = (f"Delete “{escape_markdown(article.title)}” ({escape_markdown(article.id)}): its "
                  f"{article.sentences} sentences{upload_note}? This cannot be undone.")
        return prompt, gr.update(visible=True), gr.update(visible=True)

    def delete(article_id):
        hidden = (gr.update(visible=False), gr.update(visible=False))
        if not article_id:
            return "Pick an article to delete.", *refresh_articles(), *hidden
        deleted = engine.delete(article_id)
        message = f"Deleted {', '.join(deleted)}." if deleted else f"No article {article_id}."
        return escape_markdown(message), *refresh_articles(), *hidden

    def cancel_delete():
        return "Nothing was deleted.", gr.update(visible=False), gr.update(visible=False)

    with gr.Blocks(title="Cited answers from news articles", analytics_enabled=False) as app:
        with gr.Tab("Ask"):
            with gr.Row():
                with gr.Column(scale=3):
                    chat = gr.Chatbot(label="Answers", height=460, buttons=["copy"])  # no share button
                    question = gr.Textbox(placeholder="Ask about the articles, e.g. how many troops were sent?",
                                          show_label=False, lines=1)
                    with gr.Row():
                        send = gr.Button("Ask", variant="primary")
                        clear = gr.Button("Clear conversation")
                    with gr.Row():  # the evidence: articles published within these dates (empty = any)
                        since = gr.Textbox(value=engine.settings.since, label="Published from (YYYY-MM-DD)",
                                           placeholder="any date", lines=1, elem_id="rag-since")
                        until = gr.Textbox(value=engine.settings.until, label="Published until (YYYY-MM-DD)",
                                           placeholder="any date", lines=1, elem_id="rag-until")
                with gr.Column(scale=2):
                    gr.Markdown("### Sources")
                    sources = gr.HTML("<div class='rag-sources rag-empty'>Sources of the latest answer appear here.</div>")
        with gr.Tab("Articles"):
            files = gr.File(label="Add articles (.txt .md .html .jsonl)", file_count="multiple",
                            file_types=[".txt", ".md", ".html", ".htm", ".jsonl"])
            add = gr.Button("Add to the collection", variant="primary")
            status = gr.Markdown()
            table = gr.Dataframe(headers=["title", "date", "language", "sentences", "story", "id"], interactive=False,
                                 elem_id="rag-articles")
            with gr.Row():
                choice = gr.Dropdown(label="Article", choices=[])
                remove = gr.Button("Delete article", variant="stop")
                confirm = gr.Button("Yes, delete it", variant="stop", visible=False)
                cancel = gr.Button("Cancel", visible=False)
        asked = [question, chat, since, until]
        question.submit(respond, asked, [chat, sources, question], api_name="ask")  # gradio_client: /ask
        send.click(respond, asked, [chat, sources, question], api_name=False)
        clear.click(lambda: ([], "<div class='rag-sources rag-empty'>Conversation cleared.</div>"), None, [chat, sources])
        add.click(upload, [files], [status, table, choice, files])
        remove.click(ask_to_delete, [choice], [status, confirm, cancel])  # nothing goes before "Yes, delete it"
        confirm.click(delete, [choice], [status, table, choice, confirm, cancel])
        cancel.click(cancel_delete, None, [status, confirm, cancel])
        app.load(refresh_articles, None, [table, choice])
    return app, CSS


def serve(engine, host: str, port: int, announce=print) -> None:
    """Run the app until interrupted (no share links, no analytics). The page is up first; the models warm
    up behind it (a question asked meanwhile waits for what it needs)."""
    app, css = build_app(engine)
    import gradio as gr

    # system fonts only: the default theme would fetch Google Fonts, and this runs offline
    theme = gr.themes.Default(font=["ui-sans-serif", "system-ui", "sans-serif"],
                              font_mono=["ui-monospace", "monospace"])
    app.queue(default_concurrency_limit=engine.settings.serve_concurrency).launch(
        server_name=host, server_port=port, share=False, show_error=True, css=css, theme=theme, inbrowser=False,
        max_file_size=engine.settings.max_file_bytes,  # refused by the server before anything is written
        quiet=True, prevent_thread_lock=True,
    )
    announce(f"chat UI on http://{host}:{port}/ ({len(engine.articles())} article(s) in the store; Ctrl+C stops it)")
    import threading

    threading.Thread(target=_warm_up, args=(engine,), name="warm-up", daemon=True).start()
    app.block_thread()


def _warm_up(engine) -> None:
    """The question path first (encoder, store, reader, the language model's fixed prompt prefix), then the
    ingest encoder (torch, ~10 s) that only uploads need."""
    engine.warm_up()
    engine.embedder  # noqa: B018
