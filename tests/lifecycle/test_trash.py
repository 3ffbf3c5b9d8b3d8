"""Deletion moves to a trash (admins only) restorable for 30 days; the purge then deletes the row, and the stored
files unless another version holds the same bytes (storage is content-addressed)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from quiver.core.models import AuditEntry
from quiver.insights.models import UsageEvent
from quiver.insights.services import record_usage
from quiver.library import services as library
from quiver.library.models import Asset
from quiver.lifecycle import selectors, services
from quiver.search.engine import Permission, SearchQuery
from tests.search.index_fixtures import search_index  # noqa: F401  (fixture)

from .conftest import T0, pdf_file


def test_only_admins_trash_and_restore(published, editor, viewer, admin_user, events):
    for who in (viewer, editor):
        with pytest.raises(PermissionDenied):
            services.trash(who, published)
    services.trash(admin_user, published, now=T0)
    assert not Asset.objects.visible_to(admin_user).filter(pk=published.pk).exists()  # out of every listing
    assert not Asset.objects.visible_to(viewer).filter(pk=published.pk).exists()
    assert [a.pk for a in selectors.trashed_assets(admin_user)] == [published.pk]
    assert list(selectors.trashed_assets(editor)) == []
    with pytest.raises(ValidationError):
        services.trash(admin_user, published)
    with pytest.raises(PermissionDenied):
        services.restore_from_trash(editor, published)
    services.restore_from_trash(admin_user, published, now=T0 + timedelta(days=29))
    assert Asset.objects.visible_to(viewer).filter(pk=published.pk).exists()
    assert [e[0] for e in events] == ["trashed", "restored"]
    assert {"asset.trash", "asset.untrash"} <= set(AuditEntry.objects.values_list("action", flat=True))


def test_purge_after_30_days_exactly(published, admin_user, viewer, events):
    record_usage(viewer, published, "view")  # append-only events go with the asset
    services.trash(admin_user, published, now=T0)
    assert services.purge_trash(now=T0 + timedelta(days=30) - timedelta(seconds=1)) == 0
    assert Asset.objects.filter(pk=published.pk).exists()
    assert services.purge_trash(now=T0 + timedelta(days=30)) == 1
    assert not Asset.objects.filter(pk=published.pk).exists()
    assert not UsageEvent.objects.filter(asset_id=published.pk).exists()
    assert events[-1][0] == "purged"
    entry = AuditEntry.objects.get(action="asset.purge")
    assert entry.object_id == str(published.pk) and entry.before["title"] == "Battlecard"


def test_purge_deletes_files_no_other_version_holds(editor, admin_user, root, django_capture_on_commit_callbacks):
    lone = library.create_asset(
        editor, title="Lone", collections=[root], file=pdf_file("lone.pdf", "only here"), enqueue=False
    )
    same = pdf_file("a.pdf", "same bytes").read()  # one rendering: a PDF embeds its creation time
    twin_a = library.create_asset(
        editor, title="A", collections=[root], file=SimpleUploadedFile("a.pdf", same), enqueue=False
    )
    twin_b = library.create_asset(
        editor, title="B", collections=[root], file=SimpleUploadedFile("a.pdf", same), enqueue=False
    )
    lone_file, shared_file = lone.current_version.file.name, twin_a.current_version.file.name
    assert shared_file == twin_b.current_version.file.name and default_storage.exists(lone_file)
    for asset in (lone, twin_a):
        services.trash(admin_user, asset, now=T0)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.purge_trash(now=T0 + timedelta(days=31)) == 2
    assert not default_storage.exists(lone_file)
    assert default_storage.exists(shared_file)  # B still holds the same bytes
    twin_b.current_version.refresh_from_db()
    assert default_storage.open(shared_file).read()[:5] == b"%PDF-"


def test_trashed_assets_leave_the_search_index(
    search_index,  # noqa: F811 (the fixture)
    editor,
    admin_user,
    root,
    django_capture_on_commit_callbacks,
):
    def found():
        result = search_index.search(SearchQuery(text="zebra", permission=Permission.everything(), relax_below=0))
        return {hit.id for hit in result.hits}

    with django_capture_on_commit_callbacks(execute=True):
        asset = library.create_asset(editor, title="Zebra pricing", link_url="https://e.com/z", collections=[root])
    assert found() == {asset.pk}
    with django_capture_on_commit_callbacks(execute=True):
        services.trash(admin_user, asset)
    assert found() == set()
    with django_capture_on_commit_callbacks(execute=True):
        services.restore_from_trash(admin_user, asset)
    assert found() == {asset.pk}
