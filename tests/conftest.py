"""Shared fixtures: a fake-embedder engine for unit tests, and one real engine per dataset per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.engine import Engine
from rag.settings import Settings
from tests.fakes import FakeEmbedder

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLES = ROOT / "samples"
SEED_ARTICLE = SAMPLES / "belousov-north-korea-2024-11.lt.txt"


def fake_settings(tmp_path: Path, **overrides) -> Settings:
    """Settings for unit tests: a temporary store and thresholds suited to the fake embedder."""
    values = {"store": tmp_path / "store", "model_dir": tmp_path / "no-model", "abstain_below": 0.2}
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def fake_engine(tmp_path) -> Engine:
    """An engine with the deterministic fake embedder and a fresh on-disk Chroma store."""
    return Engine(fake_settings(tmp_path), embedder=FakeEmbedder())


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, skipping the test when that data is not present."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path
