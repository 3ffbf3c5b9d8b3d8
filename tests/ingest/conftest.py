import os

import pytest

from quiver.library import services
from quiver.library.models import AssetVersion
from tests.conftest import SHARED

CORPUS = os.path.join(SHARED, "data", "corpus")
HOSTILE = os.path.join(SHARED, "data", "hostile")


def corpus_file(*parts: str) -> str:
    return os.path.join(CORPUS, *parts)


def hostile_file(*parts: str) -> str:
    return os.path.join(HOSTILE, *parts)


@pytest.fixture
def ingest(db, editor, root, upload, django_capture_on_commit_callbacks):
    """Upload bytes (or a shared file read in place) through the real service; return the processed version."""

    def _ingest(data: bytes | None = None, name: str = "file.bin", path: str | None = None) -> AssetVersion:
        if path is not None:
            with open(path, "rb") as fh:
                data = fh.read()
            name = name if name != "file.bin" else os.path.basename(path)
        with django_capture_on_commit_callbacks(execute=True):  # the task runs at commit (ImmediateBackend)
            asset = services.create_asset(editor, file=upload(data, name), collections=[root])
        return AssetVersion.objects.get(pk=asset.current_version_id)

    return _ingest


@pytest.fixture
def fast_limits(settings):
    """Short limits so hostile inputs cannot slow the suite down."""
    settings.QUIVER_PARSE_TIMEOUT_SECONDS = 20
    settings.QUIVER_PARSE_CPU_SECONDS = 15
    settings.QUIVER_PARSE_MEMORY_MB = 1024
    settings.QUIVER_PREVIEW_PAGES = 3
    return settings


@pytest.fixture(autouse=True)
def _no_previews(settings):
    """Previews (LibreOffice, rendering) are off unless a test asks for them with the `previews` fixture."""
    settings.QUIVER_PREVIEWS = False


@pytest.fixture
def previews(settings, _no_previews):
    settings.QUIVER_PREVIEWS = True
    return settings
