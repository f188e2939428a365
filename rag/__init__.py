"""Cited question answering over news articles: question -> evidence sentences -> cited answer."""

from rag.offline import enforce_offline

enforce_offline()
