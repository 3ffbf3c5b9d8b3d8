import pytest

from quiver.library import services as library
from quiver.taxonomy.models import FacetField, FacetValue


def value(field_slug: str, name: str) -> FacetValue:
    return FacetValue.objects.get(field__slug=field_slug, name=name)


@pytest.fixture
def products(db):
    field = FacetField.objects.get(slug="product")
    return {
        name: FacetValue.objects.create(field=field, name=name, slug=name.lower(), position=i)
        for i, name in enumerate(["Ledger", "Pulse", "Shield"])
    }


@pytest.fixture
def make_link(editor, root, committed):
    """A web link created as a request does it: its automatic facets and smart collections follow the commit."""

    def _make(title="An asset", *, tags=(), asset_type="deck", collections=None, user=None, **kw):
        with committed():
            return library.create_asset(
                user or editor,
                title=title,
                link_url="https://example.com/" + title.replace(" ", "-"),
                asset_type=asset_type,
                tags=list(tags),
                collections=[root] if collections is None else collections,
                **kw,
            )

    return _make


@pytest.fixture
def api(db):
    """`api(user)` -> a test client authenticated with a fresh token of user."""
    from django.test import Client

    from quiver.accounts.services import issue_token

    return lambda user: Client(headers={"Authorization": f"Bearer {issue_token(user)}"})
