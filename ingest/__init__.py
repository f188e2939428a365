"""Files -> articles -> sentences -> chunks -> vectors in the store."""

from rag.offline import enforce_offline

enforce_offline()
