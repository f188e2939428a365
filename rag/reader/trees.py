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
        self._pack()

    def _pack(self) -> None:
        """All trees' nodes in one set of arrays (children renumbered), so `predict` walks every tree at once."""
        parts: dict[str, list] = {"feature": [], "threshold": [], "left": [], "right": [], "default_left": [], "leaf": []}
        roots = []
        nodes = leaves = 0

        def moved(child: np.ndarray) -> np.ndarray:
            child = child.astype(np.int64)
            return np.where(child >= 0, child + nodes, ~(~child + leaves))

        for tree in self.trees:
            for key in ("feature", "threshold", "default_left"):
                parts[key].append(tree[key])
            parts["left"].append(moved(tree["left"]) if len(tree["left"]) else tree["left"].astype(np.int64))
            parts["right"].append(moved(tree["right"]) if len(tree["right"]) else tree["right"].astype(np.int64))
            parts["leaf"].append(tree["leaf"])
            roots.append(int(moved(np.asarray(tree["root"][:1]))[0]))
            nodes += len(tree["feature"])
            leaves += len(tree["leaf"])
        self._packed = {key: np.concatenate([np.asarray(v, dtype=dtype) for v in values]) if values else np.zeros(0, dtype)
                        for (key, values), dtype in zip(parts.items(), (np.int64, np.float64, np.int64, np.int64, bool,
                                                                        np.float64))}
        self._roots = np.array(roots, dtype=np.int64)

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
        """Raw scores (sum of leaf values, tree by tree) for each row of `features`."""
        features = np.asarray(features, dtype=np.float64)
        packed = self._packed
        node = np.tile(self._roots, (len(features), 1))  # rows x trees: where each row is in each tree
        while True:
            rows, trees = np.nonzero(node >= 0)
            if not len(rows):
                break
            at = node[rows, trees]
            values = features[rows, packed["feature"][at]]
            go_left = np.where(np.isnan(values), packed["default_left"][at], values <= packed["threshold"][at])
            node[rows, trees] = np.where(go_left, packed["left"][at], packed["right"][at])
        leaf_values = packed["leaf"][~node]
        total = np.zeros(len(features))
        for column in leaf_values.T:  # summed in tree order, as the trees were trained
            total += column
        return total
