"""Fixtures for the search web/API/indexing tests: the configured engine on a fresh index per test (Tantivy in a
temporary directory; PostgreSQL tables roll back with the test database), and a small indexed library."""

import pytest

from quiver.search import engine


def _close_all():
    for backend in engine._instances.values():
        close = getattr(backend, "close_writer", None)
        if close:
            close()
    engine._instances.clear()


@pytest.fixture
def search_index(settings, tmp_path):
    _close_all()
    if settings.QUIVER_SEARCH_BACKEND == "tantivy":
        settings.QUIVER_SEARCH_DIR = tmp_path / "search-index"
    backend = engine.get_backend()
    backend.clear()
    yield backend
    _close_all()
