"""Models: building and loading the e5 embedder, installing and loading the optional LLMs."""
