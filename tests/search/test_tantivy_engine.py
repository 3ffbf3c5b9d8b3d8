"""What only the embedded engine has: one writer, readers in other processes that pick up its commits."""

from quiver.search.backends.tantivy import TantivyBackend
from quiver.search.engine import Permission, SearchQuery, get_backend

from .conftest import doc


def test_a_reader_sees_the_writers_commits(tmp_path):
    writer, reader = TantivyBackend(tmp_path), TantivyBackend(tmp_path)
    query = SearchQuery(text="handbook", permission=Permission.everything())
    assert reader.search(query).total == 0
    writer.index([doc(1, "Sales handbook")])
    assert [h.id for h in reader.search(query).hits] == [1]
    writer.remove([1])
    assert reader.search(query).total == 0
    writer.close_writer()


def test_the_configured_backend_lives_in_the_data_directory(settings, tmp_path):
    settings.QUIVER_SEARCH_DIR = tmp_path / "search"
    from quiver.search import engine

    engine._instances.pop("tantivy", None)
    backend = get_backend("tantivy")
    try:
        assert backend.path.parent == tmp_path / "search" and get_backend() is backend
    finally:
        engine._instances.pop("tantivy", None)
