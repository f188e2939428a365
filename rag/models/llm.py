"""The language models that can write answers: a local GGUF through llama.cpp, or any OpenAI-compatible server.

Both are llama-index LLMs used the same way: `stream_chat(messages)`. Which one (if any) is
used is `settings.answerer`: "extractive" (no LLM), "local", "openai", or "auto" = openai when a
base URL is configured, else local when its model file and llama-cpp-python are installed, else extractive.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from pathlib import Path

ANSWERERS = ("auto", "extractive", "local", "openai")


class LLMUnavailable(RuntimeError):
    """The configured answerer cannot run here (model file missing, package not installed, no URL)."""


def resolve_answerer(settings, requested: str | None = None) -> str:
    """The answerer to use: the requested one, or what "auto" finds configured/installed."""
    choice = requested or settings.answerer
    if choice not in ANSWERERS:
        raise LLMUnavailable(f"unknown answerer {choice!r}; choose one of {', '.join(ANSWERERS)}")
    if choice != "auto":
        return choice
    if settings.openai_base_url:
        return "openai"
    if Path(settings.llm_model_path).expanduser().exists() and importlib.util.find_spec("llama_cpp") is not None:
        return "local"
    return "extractive"


def chatml(messages, next_turn: str = "assistant") -> str:
    """ChatML, the chat format of Qwen2.5 and SmolLM2: the messages, then the start of `next_turn`'s turn."""
    text = "".join(f"<|im_start|>{m.role.value}\n{m.content}<|im_end|>\n" for m in messages)
    return text + f"<|im_start|>{next_turn}\n"


class LocalModel:
    """A GGUF model in this process. llama.cpp runs one generation at a time: callers take `lock`."""

    def __init__(self, settings):
        path = Path(settings.llm_model_path).expanduser()
        if not path.exists():
            raise LLMUnavailable(f"no local model at {path}: run `rag install-llm` (or set RAG_LLM_MODEL_PATH)")
        try:
            from llama_index.llms.llama_cpp import LlamaCPP
        except ImportError as exc:
            raise LLMUnavailable("the local answerer needs llama-cpp-python: `make llm` installs it") from exc
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self.lock = threading.Lock()
        stat = path.stat()
        self.path_stamp = (str(path), stat.st_size, stat.st_mtime_ns)  # names the saved prompt-prefix states
        self.state_dir = Path(settings.llm_state_dir).expanduser()
        self.llm = LlamaCPP(
            model_path=str(path), temperature=settings.llm_temperature, max_new_tokens=settings.llm_max_tokens,
            context_window=settings.llm_context, messages_to_prompt=chatml,
            completion_to_prompt=lambda text: text, verbose=False,
            model_kwargs={"n_threads": settings.llm_threads, "n_batch": 512, "seed": 0},
        )

    def count_tokens(self, text: str) -> int | None:
        return len(self.llm._model.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def hold_prefix(self, fixed_messages, evaluate) -> None:
        """Have llama.cpp hold the prompt's fixed part (`fixed_messages`, up to the user's turn) evaluated.
        Evaluating it takes ~5 s on one thread, so its state (the prefix's tokens and their KV cache, ~15 MB)
        is kept in `settings.llm_state_dir`: a later process restores it in milliseconds. Without a saved state,
        `evaluate()` runs a prompt that starts with the prefix, and the prefix's part is saved."""
        import ctypes
        import hashlib
        from importlib.metadata import version

        import llama_cpp

        llama = self.llm._model
        prefix = llama.tokenize(chatml(fixed_messages, next_turn="user").encode("utf-8"), add_bos=False,
                                special=True)
        key = hashlib.sha1(repr((self.path_stamp, version("llama-cpp-python"), llama.n_ctx(), prefix)).encode())
        path = self.state_dir / f"{key.hexdigest()[:20]}.state"
        if path.exists():
            tokens = (llama_cpp.llama_token * llama.n_ctx())()
            count = ctypes.c_size_t(0)
            llama._ctx.kv_cache_seq_rm(-1, 0, -1)
            read = llama_cpp.llama_state_seq_load_file(llama._ctx.ctx, str(path).encode(), 0, tokens, llama.n_ctx(),
                                                       ctypes.byref(count))
            if read and list(tokens[: count.value]) == prefix:
                llama.input_ids[: len(prefix)] = prefix
                llama.n_tokens = len(prefix)
                llama._requires_eval = True  # the next prompt evaluates at least its own part
                return
            llama._ctx.kv_cache_seq_rm(-1, 0, -1)
            llama.n_tokens = 0
        evaluate()
        if list(llama.input_ids[: len(prefix)]) != prefix:  # the prompt did not start with these tokens
            return
        llama._ctx.kv_cache_seq_rm(-1, len(prefix), -1)  # keep the prefix's part only
        llama.n_tokens = len(prefix)
        llama._requires_eval = True
        partial = path.with_name(f"{path.name}.partial-{os.getpid()}")
        try:  # a cache that cannot be written only costs time
            path.parent.mkdir(parents=True, exist_ok=True)
            saved = llama_cpp.llama_state_seq_save_file(llama._ctx.ctx, str(partial).encode(), 0,
                                                        (llama_cpp.llama_token * len(prefix))(*prefix), len(prefix))
            if saved:
                partial.replace(path)
            else:
                partial.unlink(missing_ok=True)
        except OSError:
            pass


class OpenAIModel:
    """Any OpenAI-compatible chat server (Ollama, vLLM, llama.cpp's server, a hosted API)."""

    def __init__(self, settings):
        if not settings.openai_base_url:
            raise LLMUnavailable("the openai answerer needs RAG_OPENAI_BASE_URL (e.g. http://127.0.0.1:11434/v1)")
        from llama_index.llms.openai_like import OpenAILike

        key = settings.openai_api_key or os.environ.get("OPENAI_API_KEY") or "none"
        self.lock = None  # the server serialises or batches requests itself
        self.llm = OpenAILike(
            model=settings.openai_model, api_base=settings.openai_base_url, api_key=key,
            is_chat_model=True, temperature=settings.llm_temperature, max_tokens=settings.llm_max_tokens,
            timeout=settings.openai_timeout, max_retries=0, context_window=settings.llm_context,
        )

    def count_tokens(self, text: str) -> int | None:
        return None  # the server's tokenizer is unknown here; prompt_chars is reported instead


def load_llm(settings, answerer: str):
    """The model behind an answerer ("local" or "openai")."""
    if answerer == "local":
        return LocalModel(settings)
    if answerer == "openai":
        return OpenAIModel(settings)
    raise LLMUnavailable(f"answerer {answerer!r} uses no language model")
