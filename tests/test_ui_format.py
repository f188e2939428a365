from rag.answer.answer import Answer, Citation
from ui.format import (answer_text, chat_markdown, escape_markdown, highlighted_full_text,
                       sources_html, surrounding_paragraph)

ARTICLE = "Antraštė\n\nPirmas sakinys. <script>alert(1)</script> sakė jis.\n\nKita pastraipa."


class Stored:
    source = "news.txt"


def cited(text: str, start: int) -> Answer:
    c = Citation(1, "a", "Title <b>", "2024-11", "news.txt", "a#s1", text, start, start + len(text), 0.8)
    return Answer("q", f"{text} [1]", False, [c])


def test_sources_escape_article_html_and_mark_the_sentence():
    start = ARTICLE.index("<script>")
    sentence = "<script>alert(1)</script> sakė jis."
    html = sources_html(cited(sentence, start), lambda _id: (Stored(), ARTICLE))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Title &lt;b&gt;" in html
    assert "<mark>&lt;script&gt;alert(1)&lt;/script&gt; sakė jis.</mark>" in html
    assert "Pirmas sakinys. <mark>" in html  # the surrounding paragraph, not the whole article
    assert "<b>[1]</b>" in html and "Open the full article" in html


def test_paragraph_bounds_and_full_text():
    start = ARTICLE.index("Pirmas")
    assert ARTICLE[slice(*surrounding_paragraph(ARTICLE, start, start + 15))].startswith("Pirmas sakinys.")
    full = highlighted_full_text(ARTICLE, start, start + 15)
    assert full.count("<p>") == 3 and "<mark>Pirmas sakinys.</mark>" in full


def test_abstention_is_shown_as_such_never_empty():
    answer = Answer("q", "The articles don't say.", True)
    assert answer_text(answer).startswith("The articles don't say.")
    assert "No sources" in sources_html(answer, lambda _id: None)


def test_markdown_is_neutralised():
    assert escape_markdown("<script>x</script> *bold* [1]") == "\\<script\\>x\\</script\\> \\*bold\\* \\[1\\]"


def test_the_short_answer_leads_and_its_span_is_highlighted_in_chat_and_sources():
    article = "Antraštė\n\nKorėja nusiuntė daugiau kaip 10 tūkst. karių (*ne* mažiau).\n\nKita."
    sentence = "Korėja nusiuntė daugiau kaip 10 tūkst. karių (*ne* mažiau)."
    start = article.index(sentence)
    answer = cited(sentence, start)
    answer.short = "More than 10,000 troops"
    answer.span = (sentence.index("daugiau"), sentence.index(" karių"))
    chat = chat_markdown(answer)
    first, quote = chat.split("\n\n")
    assert first == "**More than 10,000 troops** \\[1\\]"
    assert "**daugiau kaip 10 tūkst.**" in quote and "\\*ne\\*" in quote  # article text stays escaped
    html = sources_html(answer, lambda _id: (Stored(), article))
    assert "<mark>Korėja nusiuntė <b class='rag-span'>daugiau kaip 10 tūkst.</b> karių" in html
    plain = cited(sentence, start)  # no short answer: the quote is the message
    assert chat_markdown(plain) == escape_markdown(answer_text(plain))
