"""Evaluation: `rag eval` metrics and the `rag bench` comparison."""
