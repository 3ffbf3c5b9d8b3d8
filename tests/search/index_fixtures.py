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


@pytest.fixture(params=["tantivy", "postgres"])
def search_index_each_engine(request, settings, tmp_path, db):
    """search_index on each engine (PostgreSQL in the PostgreSQL pass): a module overrides `search_index` with it."""
    from django.db import connection

    from tests.search.conftest import _postgres_backend

    if request.param == "postgres" and connection.vendor != "postgresql":
        _postgres_backend()  # skips (or fails under CI without the PostgreSQL pass)
    _close_all()
    settings.QUIVER_SEARCH_BACKEND = request.param
    settings.QUIVER_SEARCH_DIR = tmp_path / "search-index"
    backend = engine.get_backend()
    backend.clear()
    yield backend
    _close_all()


@pytest.fixture
def search_index(settings, tmp_path):
    _close_all()
    if settings.QUIVER_SEARCH_BACKEND == "tantivy":
        settings.QUIVER_SEARCH_DIR = tmp_path / "search-index"
    backend = engine.get_backend()
    backend.clear()
    yield backend
    _close_all()


@pytest.fixture
def library(search_index, admin_user, editor, viewer, root, django_capture_on_commit_callbacks):
    """A small indexed library: a real 3-page PDF (processed by ingest) and web links with facets and tags, in
    the root (viewers see it), a sub-collection, and a top-level collection viewers have no grant on."""
    from quiver.demo.files import make_pdf
    from quiver.library import services
    from quiver.taxonomy.services import set_asset_facets

    def link(title, description, collections, tags=(), facets=None, **kwargs):
        asset = services.create_asset(
            editor if collections != [secret] else admin_user,
            title=title,
            description=description,
            link_url="https://example.com/" + title.replace(" ", "-"),
            collections=collections,
            tags=list(tags),
            **kwargs,
        )
        if facets:
            set_asset_facets(admin_user, asset, facets)
        return asset

    import io

    with django_capture_on_commit_callbacks(execute=True):
        secret = services.create_collection(admin_user, name="Board room", parent=None)
        products = services.create_collection(admin_user, name="Products", parent=root)
        pdf = io.BytesIO(
            make_pdf(
                [
                    "Company overview\nWho we are",
                    "Customers\nA hospital network",
                    "Pricing\nThe zephyr plan costs less than you think",
                ]
            )
        )
        pdf.name = "zephyr.pdf"
        deck = services.create_asset(
            editor, title="Zephyr launch deck", file=pdf, collections=[products], tags=["launch"], asset_type="deck"
        )
        set_asset_facets(admin_user, deck, {"topic": ["Pricing"], "industry": ["Healthcare"]})
        assets = {
            "deck": deck,
            "roi": link(
                "ROI calculator guide",
                "Pricing and ROI for retail buyers",
                [root],
                ["pricing", "retail"],
                {"topic": ["ROI", "Pricing"], "industry": ["Retail"]},
                asset_type="one_pager",
            ),
            "case": link(
                "Hospital case study",
                "How a hospital cut costs with pricing analytics",
                [products],
                ["healthcare"],
                {"topic": ["ROI"], "industry": ["Healthcare"]},
                asset_type="case_study",
            ),
            "battle": link(
                "Competitor battlecard",
                "Pricing objections and answers",
                [root],
                ["pricing"],
                {"topic": ["Pricing"]},
                asset_type="battlecard",
            ),
            "draft": link(
                "Draft pricing memo",
                "Pricing draft not yet published",
                [root],
                ["pricing"],
                {"topic": ["Pricing"]},
                status="draft",
            ),
            "secret": link(
                "Secret pricing plan",
                "Board pricing strategy",
                [secret],
                ["pricing", "board"],
                {"topic": ["Pricing"], "industry": ["Retail"]},
            ),
        }
    for asset in assets.values():
        asset.refresh_from_db()
    return {"assets": assets, "products": products, "secret": secret}
