"""PNG charts of a `rag bench` report: retrieval quality per dataset, latency per system."""

from __future__ import annotations

from pathlib import Path


def _grouped_bars(axis, groups: list[str], systems: list[str], value, ylabel: str, title: str) -> None:
    width = 0.8 / max(len(systems), 1)
    for i, system in enumerate(systems):
        values = [value(group, system) for group in groups]
        positions = [g + (i - (len(systems) - 1) / 2) * width for g in range(len(groups))]
        bars = axis.bar(positions, [v or 0 for v in values], width, label=system)
        axis.bar_label(bars, labels=["–" if v is None else f"{v:.2f}" if v < 10 else f"{v:.0f}" for v in values],
                       fontsize=7, padding=1)
    axis.set_xticks(range(len(groups)), groups)
    axis.set_ylabel(ylabel)
    axis.set_title(title)
    axis.legend(fontsize=8)


def write_charts(report: dict, folder: Path) -> list[Path]:
    """quality.png (sentence hit@1 and hit@5 per dataset and system) and latency.png (retrieval p50/p95 per system)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    results = {(r["dataset"], r["system"]): r for r in report["results"]}
    datasets = list(report["datasets"])
    systems = report["systems"]

    def metric(key):
        return lambda dataset, system: results.get((dataset, system), {}).get(key)

    quality, axes = plt.subplots(2, 1, figsize=(max(8, 1.6 * len(datasets)), 8))
    _grouped_bars(axes[0], datasets, systems, metric("sentence_hit@1"), "hit@1", "Evidence sentence hit@1")
    _grouped_bars(axes[1], datasets, systems, metric("sentence_hit@5"), "hit@5", "Evidence sentence hit@5")
    for axis in axes:
        axis.set_ylim(0, 1.1)
    quality.tight_layout()
    latency, axis = plt.subplots(figsize=(8, 4))
    _grouped_bars(axis, ["p50", "p95"], systems,
                  lambda q, system: max((r.get(f"retrieval_{q}_ms") or 0 for (d, s), r in results.items() if s == system),
                                        default=None),
                  "ms (worst dataset)", "Retrieval latency per question (query embedding + search)")
    latency.tight_layout()
    paths = [folder / "quality.png", folder / "latency.png"]
    for figure, path in zip((quality, latency), paths):
        figure.savefig(path, dpi=110)
        plt.close(figure)
    return paths
