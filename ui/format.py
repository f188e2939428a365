"""Turn the engine's Answer and articles into what the chat shows. Everything from articles is HTML-escaped."""

from __future__ import annotations

import html
import re

PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


def answer_text(answer) -> str:
    """The chat message for an answer: the answer with its [n] markers, or the abstention, never empty."""
    if answer.abstained:
        return f"{answer.answer} (no sentence in the articles answers this; nothing is cited)"
    return answer.answer


def chat_markdown(answer) -> str:
    """The chat message as Markdown: the short answer in bold on the first line, then the quoted
    sentence(s) with the answer span in bold; every piece of article text escaped."""
    if answer.reports and answer.citations:  # several articles compared: the comparison, then each cited sentence
        head = answer.answer.split("\n", 1)[0]
        quotes = [_quote_markdown(c) for c in answer.citations]
        return f"**{escape_markdown(head)}**\n\n" + "\n\n".join(quotes)
    if answer.abstained or not answer.short or answer.span is None or not answer.citations:
        return escape_markdown(answer_text(answer))
    first = answer.citations[0]
    start, end = answer.span
    quote = [escape_markdown(first.text[:start]) + "**" + escape_markdown(first.text[start:end]) + "**"
             + escape_markdown(first.text[end:]) + f" \\[{first.n}\\]"]
    quote += [escape_markdown(c.text) + f" \\[{c.n}\\]" for c in answer.citations[1:]]
    return f"**{escape_markdown(answer.short)}** \\[{first.n}\\]\n\n" + " ".join(quote)


def _quote_markdown(citation) -> str:
    """A cited sentence, its answer span in bold, then its marker."""
    if not citation.span:
        return escape_markdown(citation.text) + f" \\[{citation.n}\\]"
    a, b = citation.span
    return (escape_markdown(citation.text[:a]) + "**" + escape_markdown(citation.text[a:b]) + "**"
            + escape_markdown(citation.text[b:]) + f" \\[{citation.n}\\]")


def escape_markdown(text: str) -> str:
    """Text shown as-is inside a Markdown chat bubble: HTML escaped, Markdown syntax neutralised."""
    return re.sub(r"([\\`*_{}\[\]<>()#+\-!|~])", r"\\\1", text) if text else text


def surrounding_paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the paragraph (line or blank-line block) that holds text[start:end]."""
    left = max((m.end() for m in PARAGRAPH_BREAK.finditer(text, 0, start)), default=0)
    right_match = PARAGRAPH_BREAK.search(text, end)
    right = right_match.start() if right_match else len(text)
    return left, right


def highlighted_paragraph(text: str, start: int, end: int, span: tuple[int, int] | None = None) -> str:
    """HTML of the paragraph around a cited sentence, with the sentence in <mark> and, given `span`
    (offsets inside the sentence), the answer in it in <b class='rag-span'>."""
    left, right = surrounding_paragraph(text, start, end)
    sentence = text[start:end]
    if span:
        a, b = span
        marked = (html.escape(sentence[:a]) + "<b class='rag-span'>" + html.escape(sentence[a:b]) + "</b>"
                  + html.escape(sentence[b:]))
    else:
        marked = html.escape(sentence)
    return html.escape(text[left:start]) + "<mark>" + marked + "</mark>" + html.escape(text[end:right])


def sources_html(answer, article_lookup) -> str:
    """The sources panel: one entry per citation, numbered like the markers, with the full article on demand.

    `article_lookup(article_id)` returns (StoredArticle, full text) or None.
    """
    if answer.abstained or not answer.citations:
        return "<div class='rag-sources rag-empty'>No sources: the articles don't answer this question.</div>"
    parts = ["<div class='rag-sources'>"]
    for c in answer.citations:
        found = article_lookup(c.article_id)
        stored, text = found if found else (None, "")
        meta = " · ".join(html.escape(x) for x in (c.date, stored.source if stored else c.source) if x)
        span = c.span or (answer.span if c.n == 1 else None)
        paragraph = highlighted_paragraph(text, c.start, c.end, span) if text[c.start : c.end] == c.text else (
            "<mark>" + html.escape(c.text) + "</mark>")
        full = ""
        if text:
            full = ("<details class='rag-article'><summary>Open the full article</summary><div class='rag-article-text'>"
                    + highlighted_full_text(text, c.start, c.end) + "</div></details>")
        parts.append(
            f"<div class='rag-source' data-n='{c.n}'><div class='rag-source-head'><b>[{c.n}]</b> "
            f"{html.escape(c.title)}<span class='rag-meta'> — {meta}</span></div>"
            f"<p class='rag-paragraph'>{paragraph}</p>{copies_html(c)}{full}</div>"
        )
    parts.append("</div>")
    return "".join(parts)


def copies_html(citation) -> str:
    """"also in 2 other articles: a, b" under a source whose sentence other articles carry word for word."""
    from rag.answer.answer import also_in_note

    note = also_in_note(citation)
    if not note:
        return ""
    return f"<p class='rag-copies'>{html.escape(note)}: {html.escape(', '.join(citation.also_in))}</p>"


def highlighted_full_text(text: str, start: int, end: int) -> str:
    """The whole article as escaped HTML paragraphs, the cited sentence marked (also across paragraphs)."""
    out, pos = [], 0
    for brk in [*PARAGRAPH_BREAK.finditer(text), None]:
        para_end = brk.start() if brk else len(text)
        if text[pos:para_end].strip():
            a, b = max(pos, start), min(para_end, end)
            if a < b:
                body = (html.escape(text[pos:a]) + "<mark>" + html.escape(text[a:b]) + "</mark>"
                        + html.escape(text[b:para_end]))
            else:
                body = html.escape(text[pos:para_end])
            out.append(f"<p>{body}</p>")
        pos = brk.end() if brk else len(text)
    return "".join(out)


def article_rows(articles, stories: dict[str, str] | None = None) -> list[list]:
    """Rows for the articles table (newest first, as given); `story`: the first article of the story an
    article is a copy or version of, with the number of articles in it ('' for an article alone)."""
    from rag.news.stories import story_labels

    labels = story_labels(stories or {})
    return [[a.title, a.date, a.lang, a.sentences, labels.get(a.id, ""), a.id] for a in articles]
