"""Merging a duplicate into its twin: everything moves, nothing is lost, old URLs lead to the twin."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from quiver.accounts.services import issue_token
from quiver.core.models import AuditEntry
from quiver.insights.models import UsageEvent
from quiver.insights.services import record_usage
from quiver.library import services as library
from quiver.library.models import Asset, AssetTag
from quiver.lifecycle import services
from quiver.similarity.models import DuplicateFlag
from quiver.taxonomy.models import AssetFacetValue, FacetValue
from quiver.taxonomy.services import add_facet_values

from .conftest import T0, pdf_file


@pytest.fixture
def pair(editor, admin_user, root):
    products = library.create_collection(admin_user, name="Products", parent=root)
    twin = library.create_asset(
        editor,
        title="ROI calculator",
        collections=[root],
        tags=["roi"],
        file=pdf_file("roi.pdf", "ROI v1"),
        enqueue=False,
    )
    library.add_version(editor, twin, pdf_file("roi2.pdf", "ROI v2"), enqueue=False)
    duplicate = library.create_asset(
        editor,
        title="ROI calculator (copy)",
        collections=[products],
        tags=["roi", "finance"],
        file=pdf_file("roi-copy.pdf", "ROI copy"),
        enqueue=False,
    )
    duplicate.tags.add(*library.tags_from_names(["auto-found"]), through_defaults={"source": "automatic"})
    return duplicate, twin, products


def test_merge_moves_everything_and_redirects(pair, editor, viewer, events):
    duplicate, twin, products = pair
    record_usage(viewer, duplicate, "view")
    record_usage(viewer, duplicate, "download", version=duplicate.current_version)
    flag = DuplicateFlag.objects.create(asset=duplicate, twin=twin, kind="near", score=0.93)
    industry = FacetValue.objects.filter(field__slug="industry").first()
    add_facet_values(editor, duplicate, [industry], source="manual")
    moved_version = duplicate.current_version
    before_current = twin.current_version_id

    services.merge(editor, duplicate, twin, now=T0)

    duplicate.refresh_from_db()
    twin.refresh_from_db()
    assert duplicate.merged_into == twin and duplicate.current_version is None
    assert set(twin.tags.values_list("name", flat=True)) == {"roi", "finance", "auto-found"}
    assert AssetTag.objects.get(asset=twin, tag__name="auto-found").source == "automatic"  # provenance kept
    assert products in twin.collections.all()
    assert AssetFacetValue.objects.filter(asset=twin, value=industry).exists()
    # its file history: appended after the twin's versions, the twin's current version unchanged
    moved_version.refresh_from_db()
    assert (moved_version.asset_id, moved_version.number) == (twin.pk, 3)
    assert "Merged from “ROI calculator (copy)”" in moved_version.change_note
    assert twin.current_version_id == before_current
    assert UsageEvent.objects.filter(asset=twin).count() == 2
    assert not UsageEvent.objects.filter(asset=duplicate).exists()
    flag.refresh_from_db()
    assert flag.status == "merged" and flag.decided_by == editor
    assert not Asset.objects.visible_to(viewer).filter(pk=duplicate.pk).exists()
    assert AuditEntry.objects.filter(action="asset.merge", object_id=str(duplicate.pk)).exists()
    assert AuditEntry.objects.get(action="asset.merged_from", object_id=str(twin.pk)).after["versions"] == 1
    assert events[-1][0] == "merged" and events[-1][3]["into"] == twin.pk

    web = Client()
    web.force_login(viewer)
    response = web.get(f"/assets/{duplicate.pk}/")
    assert response.status_code == 301 and response["Location"] == twin.get_absolute_url()
    assert web.get(response["Location"]).status_code == 200
    api = Client(headers={"Authorization": f"Bearer {issue_token(viewer)}"})
    response = api.get(f"/api/v1/assets/{duplicate.pk}")
    assert response.status_code == 301 and response.json()["merged_into"] == twin.pk
    assert response["Location"].endswith(f"/api/v1/assets/{twin.pk}")
    assert api.get(f"/api/v1/assets/{twin.pk}/versions").json()[0]["number"] == 3


def test_links_to_the_duplicate_follow_it(pair, editor, admin_user, root):
    duplicate, twin, _ = pair
    old = library.create_asset(editor, title="Old ROI", collections=[root], link_url="https://e.com/old")
    services.set_expiry(editor, old, T0, duplicate)
    services.merge(editor, duplicate, twin, now=T0)
    old.refresh_from_db()
    assert old.replaced_by == twin
    third = library.create_asset(editor, title="ROI final", collections=[root], link_url="https://e.com/final")
    services.merge(editor, twin, third, now=T0)  # a merge of a merge: the first URL still leads somewhere
    client = Client()
    client.force_login(admin_user)
    assert client.get(f"/assets/{duplicate.pk}/")["Location"] == third.get_absolute_url()


def test_who_may_merge(pair, editor, viewer, admin_user):
    duplicate, twin, _ = pair
    with pytest.raises(PermissionDenied):
        services.merge(viewer, duplicate, twin)
    with pytest.raises(ValidationError):
        services.merge(editor, twin, twin)
    services.trash(admin_user, twin)
    with pytest.raises(ValidationError):
        services.merge(editor, duplicate, twin)


def test_collections_the_actor_cannot_edit_are_not_added(editor, admin_user, root):
    secret = library.create_collection(admin_user, name="Board room")
    twin = library.create_asset(editor, title="Deck", collections=[root], link_url="https://e.com/a")
    duplicate = library.create_asset(
        admin_user, title="Deck copy", collections=[root, secret], link_url="https://e.com/b"
    )
    services.merge(editor, duplicate, twin)
    assert list(twin.collections.all()) == [root]  # the twin's readers did not change behind the owner's back
    entry = AuditEntry.objects.get(action="asset.merged_from")
    assert entry.after["collections_skipped"] == 1
