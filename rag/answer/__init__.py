"""Answers: the cited extractive answer, the optional generated answer and its checker."""
