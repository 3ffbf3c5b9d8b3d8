import io
import os

import pytest

from quiver.accounts.services import create_user
from quiver.library.models import Collection

CI = os.environ.get("CI") == "true"
SHARED = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "shared"))


def require(condition: bool, reason: str):
    """Skip with a printed reason when a service or file is absent locally; fail instead under CI=true."""
    if condition:
        return
    if CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture
def root(db):
    return Collection.objects.get(parent=None, name="Library")


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
