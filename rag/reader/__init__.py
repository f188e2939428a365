"""The reader: which candidate sentence answers the question, and whether any does."""
