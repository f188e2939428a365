"""The chat UI in a real browser: Debian's headless Chromium driven by Playwright, against the real server."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SEED_ARTICLE, record_metrics
from tests.servers import free_port, running

pytestmark = pytest.mark.real_model
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-output" / "ui"
UPLOAD_LIMIT = 100_000  # bytes; the server is started with this limit so an oversized upload is cheap to make
CONCURRENT_CHATS = 4


def _rag_command(store: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "rag.cli", "--store", str(store), *args]


ENV = {**os.environ, "RAG_MAX_FILE_BYTES": str(UPLOAD_LIMIT)}
SERVED: dict[str, Path] = {}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: .ci/run installs it with apt-get")
    store = tmp_path_factory.mktemp("ui") / "store"
    ingest = subprocess.run(_rag_command(store, "ingest", "--no-progress", str(SEED_ARTICLE)), env=ENV, timeout=600)
    assert ingest.returncode == 0
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with running(_rag_command(store, "serve", "--port", str(port)), url, store.parent / "server.log", 300, env=ENV):
        SERVED["store"] = store
        yield url


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def _open(browser, url: str):
    """A fresh tab (own browser context: own Gradio session) with the app loaded."""
    tab = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    tab.goto(url, wait_until="load")
    tab.wait_for_selector('textarea[data-testid="textbox"]', timeout=60_000)
    return tab


@pytest.fixture(scope="module")
def page(browser, server):
    return _open(browser, server)


def _ask(page, question: str, expect: str, timeout: int = 60_000):
    bots_before = page.locator('[data-testid="bot"]').count()
    box = page.locator('textarea[data-testid="textbox"]').first
    box.fill(question)
    box.press("Enter")
    try:
        page.wait_for_function(
            "([n, text]) => { const b = document.querySelectorAll('[data-testid=\"bot\"]');"
            " return b.length > n && b[b.length - 1].innerText.includes(text); }",
            arg=[bots_before, expect], timeout=timeout,
        )
        page.wait_for_function("() => !document.querySelector('.rag-sources').innerText.includes('Searching')",
                               timeout=timeout)
    except Exception:
        page.screenshot(path=str(SCREENSHOTS / "failed.png"), full_page=True)
        bots = page.locator('[data-testid="bot"]').all_inner_texts()
        raise AssertionError(f"no answer containing {expect!r} to {question!r}; bot messages: {bots[-2:]}") from None
    page.wait_for_timeout(500)
    return page.locator('[data-testid="bot"]').last.inner_text()


# JS predicates over the last bot message and the sources panel of a page
SHOWS_SOMETHING = "(n) => document.querySelectorAll('[data-testid=\"bot\"]').length > n"
ANSWER_COMPLETE = ("(n) => { const b = document.querySelectorAll('[data-testid=\"bot\"]');"
                   " const s = document.querySelector('.rag-sources');"
                   " return b.length > n && b[b.length - 1].innerText.includes('[1]')"
                   " && s && s.querySelector('.rag-source') !== null; }")


def _timed_ask(page, question: str) -> tuple[float, float]:
    """Seconds from pressing Enter to the first visible reply, and to the full answer with its sources."""
    bots_before = page.locator('[data-testid="bot"]').count()
    box = page.locator('textarea[data-testid="textbox"]').first
    box.fill(question)
    start = time.perf_counter()
    box.press("Enter")
    page.wait_for_function(SHOWS_SOMETHING, arg=bots_before, timeout=60_000, polling=20)
    first = time.perf_counter() - start
    page.wait_for_function(ANSWER_COMPLETE, arg=bots_before, timeout=60_000, polling=20)
    return first, time.perf_counter() - start


def test_chat_answers_with_markers_and_sources(page):
    first, full = _timed_ask(page, "how many troops were sent?")  # the first question after start-up
    warm = [_timed_ask(page, "how many troops were sent?") for _ in range(3)]
    record_metrics("ui demo question (browser)", {
        "first_output_s": round(first, 2), "full_answer_s": round(full, 2),
        "warm_first_output_s": round(sorted(w[0] for w in warm)[1], 2),
        "warm_full_answer_s": round(sorted(w[1] for w in warm)[1], 2)})
    assert full < 60
    page.get_by_role("button", name="Clear conversation").click()
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"bot\"]').length === 0")

    answer = _ask(page, "how many troops were sent?", "[1]")
    assert "10" in answer and "[1]" in answer
    sources = page.locator(".rag-sources").inner_text()
    assert "10 tūkst. karių" in sources and "[1]" in sources
    assert page.locator(".rag-source mark").first.inner_text().startswith("JAV, Ukrainos")
    page.screenshot(path=str(SCREENSHOTS / "1-answer-with-sources.png"), full_page=True)

    follow = _ask(page, "and did Moscow confirm it?", "[")
    assert follow.strip()
    page.screenshot(path=str(SCREENSHOTS / "2-follow-up.png"), full_page=True)


def test_abstention_is_visible(page):
    answer = _ask(page, "What is the capital of Australia?", "The articles don")  # Markdown may curl the '
    assert "The articles don" in answer and "say" in answer and "[1]" not in answer
    assert "No sources" in page.locator(".rag-sources").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "3-abstention.png"), full_page=True)


def _article_table(page) -> str:
    """The Articles table's rows as shown. Gradio draws them a moment after the tab opens, so wait for the
    seed article's row (always in this store) before reading: an undrawn table would pass any "not in"."""
    page.wait_for_function("() => (document.querySelector('#rag-articles')?.innerText || '').includes('belousov-')")
    return page.locator("#rag-articles").inner_text()


def test_upload_ask_delete_and_bad_upload(page, tmp_path):
    article = tmp_path / "harbour-strike.en.md"
    article.write_text(
        "date 2024-11-20\n# Harbour workers strike in Klaipeda\n\n"
        "Dock workers in Klaipeda stopped work on Wednesday, demanding a 15 percent pay rise. "
        "The port authority said 42 ships were waiting to be unloaded.\n", encoding="utf-8")
    page.get_by_role("tab", name="Articles").click()
    page.locator('input[type="file"]').first.set_input_files(str(article))
    page.get_by_role("button", name="Add to the collection").click()
    page.wait_for_function("() => document.body.innerText.includes('1 added')", timeout=120_000)
    page.wait_for_function("() => document.body.innerText.includes('Harbour workers strike in Klaipeda')")
    page.screenshot(path=str(SCREENSHOTS / "4-uploaded.png"), full_page=True)

    page.get_by_role("tab", name="Ask").click()
    answer = _ask(page, "How many ships were waiting to be unloaded?", "42")
    assert "42 ships" in answer
    page.screenshot(path=str(SCREENSHOTS / "5-answer-from-upload.png"), full_page=True)

    page.get_by_role("tab", name="Articles").click()
    dropdown = page.get_by_label("Article", exact=True)
    dropdown.click()
    page.get_by_role("option", name="Harbour workers strike in Klaipeda", exact=False).click()
    page.get_by_role("button", name="Delete article").click()  # asks first, and says what will go
    page.wait_for_function("() => document.body.innerText.includes('cannot be undone')", timeout=60_000)
    assert "the file you uploaded" in page.locator("body").inner_text()
    page.get_by_role("button", name="Cancel").click()
    page.wait_for_function("() => document.body.innerText.includes('Nothing was deleted')", timeout=60_000)
    assert "Harbour workers strike in Klaipeda" in _article_table(page)
    page.get_by_role("button", name="Delete article").click()
    page.get_by_role("button", name="Yes, delete it").click()
    page.wait_for_function("() => document.body.innerText.includes('Deleted')", timeout=60_000)
    page.wait_for_timeout(1000)
    assert "Harbour workers strike in Klaipeda" not in _article_table(page)
    page.screenshot(path=str(SCREENSHOTS / "6-deleted.png"), full_page=True)

    page.get_by_role("tab", name="Ask").click()
    gone = _ask(page, "How many ships were waiting to be unloaded in Klaipeda harbour?", "")
    assert "42 ships" not in gone

    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02 not text")
    page.get_by_role("tab", name="Articles").click()
    page.locator('input[type="file"]').first.set_input_files(str(broken))
    page.get_by_role("button", name="Add to the collection").click()
    page.wait_for_function("() => document.body.innerText.includes('binary file')", timeout=60_000)
    assert "broken.txt" in page.locator("body").inner_text()
    assert "0 added" in page.locator("body").inner_text()  # the earlier upload is not sent again
    assert "Harbour workers strike in Klaipeda" not in _article_table(page)
    page.screenshot(path=str(SCREENSHOTS / "7-bad-upload.png"), full_page=True)


def test_upload_limits_name_the_file(page, tmp_path):
    page.get_by_role("tab", name="Articles").click()
    before = _article_table(page)
    too_big = tmp_path / "too-big.txt"
    too_big.write_text("Labas rytas. " * (UPLOAD_LIMIT // 10), encoding="utf-8")
    page.locator('input[type="file"]').first.set_input_files(str(too_big))
    page.wait_for_function("() => document.body.innerText.includes('exceed the maximum allowed size')", timeout=30_000)
    assert "too-big.txt" in page.locator("body").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "8-too-large.png"), full_page=True)

    script = tmp_path / "evil.sh"
    script.write_text("echo hi\n", encoding="utf-8")
    page.locator('input[type="file"]').first.set_input_files(str(script))
    page.wait_for_function("() => document.body.innerText.includes('Invalid file type')", timeout=30_000)
    assert "evil.sh" in page.locator("body").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "9-wrong-type.png"), full_page=True)
    page.get_by_role("button", name="Add to the collection").click()
    page.wait_for_function("() => document.body.innerText.includes('Choose one or more files first')", timeout=30_000)
    assert _article_table(page) == before


def test_several_chats_at_once(browser, server):
    """CONCURRENT_CHATS separate sessions ask at the same moment; each gets its own right answer."""
    questions = ["how many troops were sent?", "Kiek karių nusiuntė Šiaurės Korėja?",
                 "Who visited North Korea?", "what did Belousov say about Ukraine?"]
    tabs = [_open(browser, server) for _ in range(CONCURRENT_CHATS)]
    starts, done = {}, {}
    for i, tab in enumerate(tabs):
        box = tab.locator('textarea[data-testid="textbox"]').first
        box.fill(questions[i % len(questions)])
    for i, tab in enumerate(tabs):
        starts[i] = time.perf_counter()
        tab.locator('textarea[data-testid="textbox"]').first.press("Enter")
    deadline = time.time() + 120
    while len(done) < len(tabs) and time.time() < deadline:
        for i, tab in enumerate(tabs):
            if i not in done and tab.evaluate(ANSWER_COMPLETE, 0):
                done[i] = time.perf_counter() - starts[i]
        time.sleep(0.02)
    tabs[0].screenshot(path=str(SCREENSHOTS / "10-concurrent-chat.png"), full_page=True)
    assert len(done) == len(tabs), f"only {len(done)} of {len(tabs)} chats answered in 120 s"
    answers = [tab.locator('[data-testid="bot"]').last.inner_text() for tab in tabs]
    assert "10 tūkst" in answers[0] and "10 tūkst" in answers[1]
    assert all(a.count("[1]") >= 1 for a in answers)  # no chat got another chat's (or an empty) answer
    latencies = sorted(done.values())
    record_metrics(f"ui {len(tabs)} chats at once (browser)", {
        "full_answer_min_s": round(latencies[0], 2), "full_answer_max_s": round(latencies[-1], 2),
        "full_answer_mean_s": round(sum(latencies) / len(latencies), 2)})
    for tab in tabs:
        tab.context.close()


LOAD_CHATS = 20


def test_twenty_concurrent_chats_through_gradio_client(server):
    """A bounded load test: LOAD_CHATS API clients ask at once; every one gets its right answer, no errors."""
    from concurrent.futures import ThreadPoolExecutor

    from gradio_client import Client

    questions = ["how many troops were sent?", "Kiek karių nusiuntė Šiaurės Korėja?"]

    def chat(i: int) -> tuple[float, str]:
        client = Client(server, verbose=False)
        started = time.perf_counter()
        history, _sources, _box = client.predict(questions[i % 2], [], "", "", api_name="/ask")
        return time.perf_counter() - started, history[-1]["content"]

    with ThreadPoolExecutor(LOAD_CHATS) as pool:
        results = list(pool.map(chat, range(LOAD_CHATS), timeout=300))
    latencies = sorted(seconds for seconds, _ in results)
    # the chat shows Markdown: the marker arrives escaped as \\[1\\]
    texts = [answer if isinstance(answer, str) else " ".join(part.get("text", "") for part in answer)
             for _, answer in results]  # Gradio sends message content as text parts
    wrong = [text for text in texts if not ("10 tūkst" in text and re.search(r"\\?\[1\\?\]", text))]
    assert not wrong, wrong
    record_metrics(f"load: {LOAD_CHATS} concurrent chats (gradio_client)", {
        "errors": 0, "p50_s": round(latencies[len(latencies) // 2], 2),
        "p95_s": round(latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))], 2),
        "max_s": round(latencies[-1], 2)})


def test_a_second_writer_is_refused_while_serve_owns_the_store(server, tmp_path):
    """`rag ingest` on the store `rag serve` is using: one clear line, non-zero exit, store untouched."""
    article = tmp_path / "extra.txt"
    article.write_text("date 2024-11 Papildomas straipsnis. Jame du sakiniai.", encoding="utf-8")
    result = subprocess.run(_rag_command(SERVED["store"], "ingest", "--no-progress", str(article)),
                            env={**ENV, "RAG_LOCK_WAIT": "1"}, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "waiting up to 1 s for the store" in result.stderr
    assert "the store is in use by pid" in result.stderr and "(rag serve)" in result.stderr


@pytest.fixture(scope="module")
def news_page(browser, tmp_path_factory):
    """A second server over the story set (tests/data/stories): dated reports of three events."""
    store = tmp_path_factory.mktemp("ui-news") / "store"
    stories = Path(__file__).resolve().parent / "data" / "stories" / "articles.jsonl"
    assert subprocess.run(_rag_command(store, "ingest", "--no-progress", str(stories)), env=ENV, timeout=600).returncode == 0
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with running(_rag_command(store, "serve", "--port", str(port)), url, store.parent / "server.log", 300, env=ENV):
        yield _open(browser, url)


def test_news_dates_reports_copies_and_stories(news_page):
    page = news_page
    answer = _ask(page, "How many residents have been evacuated so far in the Šilutė district?", "Latest")
    assert "Latest: 410 residents (LRT English, 2025-03-15) [1]" in answer and "earlier: 340" in answer
    sources = page.locator(".rag-sources").inner_text()
    assert "[3]" in sources and "2025-03-10" in sources
    page.screenshot(path=str(SCREENSHOTS / "10-news-latest.png"), full_page=True)

    page.locator("#rag-until textarea").fill("2025-03-12")
    dated = _ask(page, "How many residents have been evacuated so far in the Šilutė district?", "Latest")
    assert "Latest: 340" in dated and "410" not in dated
    page.locator("#rag-until textarea").fill("2025-13-01")
    refused = _ask(page, "How many residents were evacuated?", "is not a date")
    assert "--until '2025-13-01' is not a date" in refused
    page.locator("#rag-until textarea").fill("")

    _ask(page, "How many boats were the rescuers using?", "[1]")
    assert "also in 1 other article" in page.locator(".rag-sources").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "11-news-copies.png"), full_page=True)

    page.get_by_role("tab", name="Articles").click()
    page.wait_for_function("() => (document.querySelector('#rag-articles')?.innerText || '').includes('flood-bns-0310 (2)')")
    table = page.locator("#rag-articles").inner_text()
    assert table.index("Kaunas bridge repairs delayed") < table.index("Aleksoto tiltas bus atvertas")  # newest first
    page.screenshot(path=str(SCREENSHOTS / "12-news-stories.png"), full_page=True)
    page.get_by_role("tab", name="Ask").click()
