import pytest
from django.contrib.auth.models import Group
from django.test import Client

from quiver.accounts.services import create_user, issue_token
from quiver.demo.files import make_pdf, make_pptx
from quiver.library import services


@pytest.fixture
def token_client(db):
    """`token_client(user)` -> a test client sending `Authorization: Bearer <a fresh token of user>`."""

    def make(user):
        return Client(headers={"Authorization": f"Bearer {issue_token(user)}"})

    return make


@pytest.fixture
def as_admin(token_client, admin_user):
    return token_client(admin_user)


@pytest.fixture
def as_editor(token_client, editor):
    return token_client(editor)


@pytest.fixture
def as_viewer(token_client, viewer):
    return token_client(viewer)


@pytest.fixture
def outsider(db):
    """An editor who holds no collection grant at all."""
    user = create_user("otto", "editor", "pw-outsider-123")
    user.groups.remove(Group.objects.get(name="Marketing"))
    return user


@pytest.fixture
def pdf():
    return make_pdf(["Acme cloud platform overview", "Pricing and packaging for enterprise"])


@pytest.fixture
def pptx():
    return make_pptx([("Why Acme", ["Faster onboarding", "Lower cost"]), ("Customers", ["Globex", "Initech"])])


@pytest.fixture
def link_asset(editor, root):
    return services.create_asset(
        editor, title="Competitor page", link_url="https://example.com/battle", collections=[root], tags=["competitive"]
    )


def upload(client, data: bytes, name: str, **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/api/v1/assets", {"file": SimpleUploadedFile(name, data), **fields})
