"""The chat UI in a real browser: Debian's headless Chromium driven by Playwright, against the real server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import SEED_ARTICLE

pytestmark = pytest.mark.real_model
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-output" / "ui"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _rag(store: Path, *args: str, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "rag.cli", "--store", str(store), *args], **kwargs)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: .ci/run installs it with apt-get")
    store = tmp_path_factory.mktemp("ui") / "store"
    assert _rag(store, "ingest", "--no-progress", str(SEED_ARTICLE)).wait(timeout=600) == 0
    port = _free_port()
    log = open(store.parent / "server.log", "w")
    proc = _rag(store, "serve", "--port", str(port), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 300
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"server exited: {(store.parent / 'server.log').read_text()[-2000:]}")
            time.sleep(1)
    else:
        proc.kill()
        pytest.fail("server did not start in 300 s")
    yield url
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        tab.goto(server, wait_until="load")
        tab.wait_for_selector('textarea[data-testid="textbox"]', timeout=60_000)
        yield tab
        browser.close()


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


def test_chat_answers_with_markers_and_sources(page):
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
    page.get_by_role("button", name="Delete article").click()
    page.wait_for_function("() => document.body.innerText.includes('Deleted')", timeout=60_000)
    page.wait_for_timeout(1000)
    assert "Harbour workers strike in Klaipeda" not in page.locator("table").first.inner_text()
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
    assert "Harbour workers strike in Klaipeda" not in page.locator("table").first.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "7-bad-upload.png"), full_page=True)
