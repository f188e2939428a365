"""Small deterministic stand-ins for the real models, so unit tests run fast and offline."""

from __future__ import annotations

import hashlib
import re

import numpy as np
from llama_index.core.embeddings import BaseEmbedding

DIM = 256


def _features(text: str) -> list[str]:
    words = re.findall(r"\w+", text.casefold())
    # word prefixes stand in for a multilingual model's tolerance of inflection (karių ~ kariai)
    return [w[:5] for w in words if len(w) > 2]


def hash_vector(text: str) -> list[float]:
    """Bag of hashed word prefixes, L2-normalised: texts sharing words are close."""
    vector = np.zeros(DIM, dtype=np.float32)
    for feature in _features(text):
        digest = hashlib.md5(feature.encode("utf-8")).digest()
        vector[int.from_bytes(digest[:4], "little") % DIM] += 1.0
    norm = np.linalg.norm(vector)
    if norm == 0:
        vector[0] = 1.0
        norm = 1.0
    return (vector / norm).tolist()


class FakeEmbedder(BaseEmbedding):
    """A llama-index embedding with the real one's interface and no model behind it."""

    calls: int = 0

    def _get_query_embedding(self, query: str) -> list[float]:
        return hash_vector(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        self.calls += 1
        return hash_vector(text)

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        self.calls += len(texts)
        return [hash_vector(t) for t in texts]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return hash_vector(query)

    def late_chunk(self, chunks: list[str], spans: list[list[tuple[int, int]]]):
        """Late chunking's shape: one pass per chunk; a sentence's vector mixes its words with its chunk's."""
        self.calls += len(chunks)
        chunk_vectors = np.array([hash_vector(c) for c in chunks], dtype=np.float32)
        sentences = []
        for text, vector, cuts in zip(chunks, chunk_vectors, spans):
            own = np.array([hash_vector(text[start:end]) for start, end in cuts], dtype=np.float32)
            mixed = 0.8 * own + 0.2 * vector
            sentences.append(mixed / np.linalg.norm(mixed, axis=1, keepdims=True))
        return chunk_vectors, sentences


class ScriptedLLM:
    """A language model that answers by a script: `script(prompt) -> text`, streamed a few characters at a time.

    Built on llama-index's `CustomLLM`, so the engine drives it exactly like the real ones.
    """

    def __init__(self, script, fail: Exception | None = None):
        from llama_index.core.llms import CompletionResponse, CustomLLM, LLMMetadata

        outer = self

        class _LLM(CustomLLM):
            @property
            def metadata(self) -> LLMMetadata:
                return LLMMetadata(is_chat_model=False)

            def complete(self, prompt: str, formatted: bool = False, **kwargs) -> CompletionResponse:
                return CompletionResponse(text=outer._text(prompt))

            def stream_complete(self, prompt: str, formatted: bool = False, **kwargs):
                text = outer._text(prompt)
                shown = ""
                for start in range(0, len(text), 7):
                    delta = text[start:start + 7]
                    shown += delta
                    yield CompletionResponse(text=shown, delta=delta)

        self.script, self.fail, self.prompts = script, fail, []
        self.llm = _LLM()
        self.lock = None

    def _text(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if self.fail:
            raise self.fail
        return self.script(prompt)

    def count_tokens(self, text: str) -> int:
        return len(text.split())


def evidence_number(prompt: str, needle: str) -> int:
    """The [n] under which the prompt lists the evidence sentence containing `needle`."""
    for line in prompt.splitlines():
        match = re.match(r"\[(\d+)\] ", line)
        if match and needle in line:
            return int(match.group(1))
    raise AssertionError(f"no evidence line with {needle!r} in the prompt:\n{prompt}")


def _stump(feature: int, threshold: float, below: float, above: float) -> dict:
    """One split: rows with feature <= threshold get `below`, the others `above` (TreeEnsemble's array form)."""
    return {"feature": [feature], "threshold": [threshold], "left": [~0], "right": [~1],
            "default_left": [True], "leaf": [below, above], "root": [0]}


def fake_reader_model(answerable_dense: float = 0.2):
    """A deterministic stand-in for the trained reader (`rag/reader/model.json`), for tests with the fake
    embedder: candidates rank by their dense score (in steps of 0.01), a sentence holding an answer of the
    asked type ranks first among close ones, and a question is answered when the best dense score
    reaches `answerable_dense` -- unless it asks for a number that the best sentence does not hold."""
    from rag.reader.features import feature_names
    from rag.reader.reader import ReaderModel

    names = feature_names()
    dense, spans = names.index("dense"), names.index("answer_spans_loose")
    ranker = [_stump(dense, t / 100, 0.0, 0.01) for t in range(-100, 100)] + [_stump(spans, 0.5, 0.0, 0.05)]
    answer_names = ["best_dense", "best_answer_spans_loose", "question_numeric"]
    answerability = [_stump(0, answerable_dense, -20.0, 20.0),  # logit: far below / above the threshold
                     {"feature": [2, 1], "threshold": [0.5, 0.5], "left": [~0, ~1], "right": [1, ~2],
                      "default_left": [True, True], "leaf": [0.0, -100.0, 0.0], "root": [0]}]
    return ReaderModel({"features": names, "answer_features": answer_names, "ranker": ranker,
                        "answerability": answerability, "background": {"*": {"=": 0.0, "*": 0.0}},
                        "threshold": 0.5})
