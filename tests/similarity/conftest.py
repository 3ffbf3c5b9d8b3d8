import os

import pytest

from quiver.library import services
from quiver.library.models import Asset
from tests.conftest import SHARED, require

CRANFIELD = os.path.join(SHARED, "data", "search", "cranfield", "cran.all.1400")
CORPUS_PDF = os.path.join(
    SHARED, "data", "corpus", "unstructured-example-docs", "example-docs", "pdf", "layout-parser-paper-fast.pdf"
)


def cranfield_abstracts(n: int) -> list[str]:
    """Real English text: the first `n` abstracts of the Cranfield collection (one paragraph each)."""
    require(os.path.exists(CRANFIELD), f"shared test data is missing: {CRANFIELD}")
    with open(CRANFIELD, encoding="utf-8") as fh:
        docs = fh.read().split("\n.I ")
    out = []
    for doc in docs:
        body = doc.split("\n.W\n", 1)[-1]
        text = " ".join(body.split())
        if len(text.split()) >= 60:
            out.append(text)
        if len(out) == n:
            break
    return out


def corpus_pdf() -> bytes:
    require(os.path.exists(CORPUS_PDF), f"shared test data is missing: {CORPUS_PDF}")
    with open(CORPUS_PDF, "rb") as fh:
        return fh.read()


@pytest.fixture
def ingest(db, upload, django_capture_on_commit_callbacks):
    """Upload bytes through the real service and run ingest (and everything queued after it) at commit."""

    def _ingest(user, data: bytes, name: str, collections=(), title: str = "") -> Asset:
        with django_capture_on_commit_callbacks(execute=True):
            asset = services.create_asset(user, file=upload(data, name), collections=list(collections), title=title)
        asset.refresh_from_db()
        return asset

    return _ingest


@pytest.fixture(autouse=True)
def _no_previews(settings):
    settings.QUIVER_PREVIEWS = False
