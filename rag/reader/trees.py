"""Gradient-boosted trees (trained with LightGBM by `rag/reader/train.py`) evaluated with numpy.

The trained ensemble is stored as plain arrays in the reader's model file, so answering a
question needs neither LightGBM nor its import time; `from_lightgbm` converts a booster's
`dump_model()` into this form, and `predict` agrees with `Booster.predict(raw_score=True)`.
"""

from __future__ import annotations

import numpy as np


class TreeEnsemble:
    """Trees as arrays: per node a feature, a threshold and two children; leaves are ~index (negative)."""

    def __init__(self, trees: list[dict]):
        self.trees = [{key: np.asarray(value) for key, value in tree.items()} for tree in trees]

    @classmethod
    def from_lightgbm(cls, dump: dict) -> "TreeEnsemble":
        """From `Booster.dump_model()`."""
        trees = []
        for info in dump["tree_info"]:
            feature, threshold, left, right, default_left, leaves = [], [], [], [], [], []

            def walk(node: dict) -> int:
                if "leaf_value" in node:
                    leaves.append(float(node["leaf_value"]))
                    return ~(len(leaves) - 1)
                if node.get("decision_type", "<=") != "<=":
                    raise ValueError(f"unsupported split {node.get('decision_type')}")
                index = len(feature)
                feature.append(int(node["split_feature"]))
                threshold.append(float(node["threshold"]))
                default_left.append(bool(node.get("default_left", True)))
                left.append(0)
                right.append(0)
                left[index] = walk(node["left_child"])
                right[index] = walk(node["right_child"])
                return index

            root = walk(info["tree_structure"])
            trees.append({"feature": feature, "threshold": threshold, "left": left, "right": right,
                          "default_left": default_left, "leaf": leaves, "root": [root]})
        return cls(trees)

    def to_json(self) -> list[dict]:
        """The arrays as lists (thresholds and leaf values rounded to 7 significant digits)."""
        out = []
        for tree in self.trees:
            out.append({key: [float(f"{v:.7g}") if isinstance(v, float) else v for v in value.tolist()]
                        for key, value in tree.items()})
        return out

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Raw scores (sum of leaf values) for each row of `features`."""
        features = np.asarray(features, dtype=np.float64)
        rows = np.arange(len(features))
        total = np.zeros(len(features))
        for tree in self.trees:
            node = np.full(len(features), int(tree["root"][0]))
            if node[0] < 0:  # a tree that is a single leaf
                total += tree["leaf"][~node]
                continue
            while True:
                inner = node >= 0
                if not inner.any():
                    break
                at = node[inner]
                values = features[rows[inner], tree["feature"][at]]
                go_left = np.where(np.isnan(values), tree["default_left"][at], values <= tree["threshold"][at])
                node[inner] = np.where(go_left, tree["left"][at], tree["right"][at])
            total += tree["leaf"][~node]
        return total
