import datetime as dt

import pytest
from django.contrib.auth.models import Group

from quiver.accounts.services import create_user
from quiver.library import services
from quiver.library.models import Asset, CollectionGrant, GrantLevel

NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)
LONG_AGO = NOW - dt.timedelta(days=400)
RECENT = NOW - dt.timedelta(days=10)  # too new to be "unused"


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def secret(admin_user):
    """A top-level collection no group holds a grant on: only admins see what is in it."""
    return services.create_collection(admin_user, name="Board room", parent=None)


@pytest.fixture
def make(editor, root):
    """A link asset (fast: no file), created recently, with enough tags: flagged by no signal unless told."""
    counter = iter(range(1, 10_000))

    def _make(title=None, *, actor=None, collections=None, tags=("alpha", "beta"), created_at=RECENT, **fields):
        n = next(counter)
        asset = services.create_asset(
            actor or editor,
            title=title or f"Asset {n}",
            link_url=f"https://example.com/{n}",
            tags=list(tags),
            collections=[root] if collections is None else collections,
            created_at=created_at,
        )
        if fields:
            Asset.objects.filter(pk=asset.pk).update(**fields)
            asset.refresh_from_db()
        return asset

    return _make


@pytest.fixture
def viewer_grant(root):
    group = Group.objects.get(name="Sales")
    CollectionGrant.objects.get_or_create(collection=root, group=group, defaults={"level": GrantLevel.VIEW})
    return group


@pytest.fixture
def other_editor(db):
    return create_user("olga", "editor", "pw-editor-123")
