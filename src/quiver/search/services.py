"""Keeping the index in step with the library. Called by the worker (one writer), never inside a request."""

from __future__ import annotations

from collections.abc import Iterable

from .documents import documents_by_ids, documents_for
from .engine import SearchBackend, get_backend

BATCH = 500


def index_assets(ids: Iterable[int], backend: SearchBackend | None = None) -> int:
    """(Re)index the given assets; ids that no longer exist are removed from the index."""
    backend = backend or get_backend()
    ids = sorted({int(pk) for pk in ids})
    indexed = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        docs = documents_by_ids(chunk)
        backend.index(docs)
        gone = set(chunk) - {doc.id for doc in docs}
        if gone:
            backend.remove(sorted(gone))
        indexed += len(docs)
    return indexed


def rebuild_index(backend: SearchBackend | None = None) -> int:
    """Empty the index and load every asset again (`quiver reindex`)."""
    backend = backend or get_backend()
    backend.clear()
    count, batch = 0, []
    for doc in documents_for():
        batch.append(doc)
        if len(batch) == BATCH:
            backend.index(batch)
            count, batch = count + len(batch), []
    if batch:
        backend.index(batch)
        count += len(batch)
    return count
