import os

import pytest

from quiver.library import services
from quiver.library.models import AssetVersion
from tests.conftest import SHARED, require

CORPUS = os.path.join(SHARED, "data", "corpus")
HOSTILE = os.path.join(SHARED, "data", "hostile")


def _shared(path: str) -> str:
    require(os.path.exists(path), f"shared test data is missing: {path} (set QUIVER_SHARED_DIR)")
    return path


def corpus_file(*parts: str) -> str:
    return _shared(os.path.join(CORPUS, *parts))


def hostile_file(*parts: str) -> str:
    return os.path.join(HOSTILE, *parts)  # may be a glob pattern, used at collection time


@pytest.fixture
def ingest(db, editor, root, upload, django_capture_on_commit_callbacks):
    """Upload bytes (or a shared file read in place) through the real service; return the processed version."""

    def _ingest(data: bytes | None = None, name: str = "file.bin", path: str | None = None) -> AssetVersion:
        if path is not None:
            _shared(path)
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
