"""Retrieval: a question (and its conversation) -> candidate evidence sentences with their scores."""
