import importlib
import io
import os

import pytest

from quiver.accounts.services import create_user
from quiver.library.models import Collection

CI = os.environ.get("CI") == "true"
SHARED = os.path.abspath(
    os.environ.get("QUIVER_SHARED_DIR") or os.path.join(os.path.dirname(__file__), "..", "..", "shared")
)


def require(condition: bool, reason: str):
    """Skip with a printed reason when a service or file is absent locally; fail instead under CI=true."""
    if condition:
        return
    if CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): service(...)`: what waits for the commit (domain events and their listeners, index
    updates, tasks) runs at the end of the block, as when a request's transaction commits. A non-transactional
    test never commits, so without it those never run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def root(db):
    """The library root (made by a data migration; a transactional test's flush removes it: put it back)."""
    root = Collection.objects.filter(parent=None, name="Library").first()
    if root is None:
        from django.apps import apps

        importlib.import_module("quiver.library.migrations.0002_root_and_groups").forwards(apps, None)
        root = Collection.objects.get(parent=None, name="Library")
    return root


@pytest.fixture
def admin_user(db):
    return create_user("ada", "admin", "pw-admin-123")


@pytest.fixture
def editor(db):
    return create_user("eddie", "editor", "pw-editor-123")


@pytest.fixture
def viewer(db):
    return create_user("vera", "viewer", "pw-viewer-123")


def pdf_bytes(pages: list[str]) -> bytes:
    """A real PDF with one line of text per page, made by pypdfium2-independent code (reportlab-free)."""
    from tests.factories import make_pdf

    return make_pdf(pages)


@pytest.fixture
def upload():
    def _upload(data: bytes, name: str):
        buf = io.BytesIO(data)
        buf.name = name
        return buf

    return _upload


@pytest.fixture(autouse=True)
def _own_search_index(settings, tmp_path_factory):
    """Every test gets its own search index (created only if the test indexes or searches): changes are indexed
    at commit, and ids are reused between tests, so a shared index would show one test's assets in another."""
    import shutil
    import uuid

    from quiver.search import engine, indexing

    indexing.reset()  # ids scheduled by an earlier test whose transaction rolled back

    def close_all():
        for backend in engine._instances.values():
            getattr(backend, "close_writer", lambda: None)()
        engine._instances.clear()

    close_all()
    path = tmp_path_factory.getbasetemp() / "search-indexes" / uuid.uuid4().hex
    settings.QUIVER_SEARCH_DIR = path
    yield
    close_all()
    shutil.rmtree(path, ignore_errors=True)
