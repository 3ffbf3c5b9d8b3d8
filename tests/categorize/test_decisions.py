"""Accept and reject one or many (only what the user may edit), bulk retagging, and the learning hook."""

import pytest
from django.core.exceptions import PermissionDenied

from quiver.categorize import selectors, services
from quiver.categorize.models import FieldPolicy, Suggestion
from quiver.core.models import AuditEntry
from quiver.library import services as library
from quiver.library.models import AssetTag
from quiver.taxonomy.models import AssetFacetValue

from .conftest import rule, run


@pytest.fixture
def world(ingest, admin_user, editor):
    """Two assets in the root (editor edits) and one in a collection only admins see, each with a pending
    suggestion of the tag "banking" and of the industry "Financial services"."""
    secret = library.create_collection(admin_user, name="Board", parent=None)
    FieldPolicy.objects.create(field="tags", auto_threshold=1.01)
    FieldPolicy.objects.create(field="industry", auto_threshold=1.01)
    rule("tags", "banking", "any", "banking")
    rule("industry", "Financial services", "any", "banking")
    assets = {
        name: ingest(["retail banking"], title=name, **kw)
        for name, kw in (("one", {}), ("two", {}), ("hidden", {"user": admin_user, "collections": [secret]}))
    }
    for asset in assets.values():
        run(asset)
    return assets


def test_viewers_may_not_decide(world, viewer):
    for action in (services.accept, services.reject, services.revert):
        with pytest.raises(PermissionDenied):
            action(viewer, world["one"], "tags", "banking")
    assert set(Suggestion.objects.values_list("status", flat=True)) == {"pending"}


def test_accept_many_skips_what_the_user_may_not_edit(world, editor):
    items = [
        (world["one"].pk, "tags", "banking"),
        (world["two"].pk, "industry", "Financial services"),
        (world["hidden"].pk, "tags", "banking"),
        (world["one"].pk, "tags", "no such tag"),
    ]
    assert services.accept_many(editor, items) == {"done": 2, "skipped": 2}
    assert world["one"].tags.filter(name="banking").exists()
    assert AssetFacetValue.objects.filter(asset=world["two"], value__name="Financial services").exists()
    assert not world["hidden"].tags.exists()


def test_reject_many(world, editor):
    items = [(a.pk, "tags", "banking") for a in world.values()]
    assert services.reject_many(editor, items) == {"done": 2, "skipped": 1}
    assert Suggestion.objects.filter(status="rejected").count() == 2
    assert Suggestion.objects.get(asset=world["hidden"], tag__name="banking").status == "pending"


def test_review_queue_and_counts_show_only_editable_assets(world, editor, viewer, admin_user):
    assert {s.asset_id for s in selectors.review_queue(editor)} == {world["one"].pk, world["two"].pk}
    assert not selectors.review_queue(viewer).exists()
    assert {s.asset_id for s in selectors.review_queue(admin_user)} == {a.pk for a in world.values()}
    assert {s.field for s in selectors.review_queue(editor, {"field": "industry"})} == {"industry"}
    assert selectors.pending_count([world["one"].pk, 999999]) == {world["one"].pk: 2, 999999: 0}


def test_pending_for_asset_is_empty_for_an_invisible_asset(world, editor, viewer):
    assert len(selectors.pending_for_asset(editor, world["one"])) == 2
    assert not selectors.pending_for_asset(editor, world["hidden"]).exists()
    assert len(selectors.pending_for_asset(viewer, world["one"])) == 2  # a published asset in the root


def test_bulk_edit_adds_and_removes_tags_and_values(world, editor):
    one, two, hidden = world["one"], world["two"], world["hidden"]
    one.tags.add(rule("tags", "old", "none").tag)
    result = services.bulk_edit(
        editor,
        [one.pk, two.pk, hidden.pk],
        add_tags=["q3", "pricing"],
        remove_tags=["old"],
        add_values={"industry": ["Retail"], "persona": ["CFO"]},
    )
    assert result == {"changed": 2, "skipped": 1}
    assert {t.name for t in one.tags.all()} == {"q3", "pricing"}
    assert AssetTag.objects.get(asset=two, tag__name="q3").assigned_by == editor
    assert not hidden.tags.exists()
    assert set(
        AssetFacetValue.objects.filter(asset=two, value__field__slug__in=["industry", "persona"]).values_list(
            "value__name", flat=True
        )
    ) == {"Retail", "CFO"}
    result = services.bulk_edit(
        editor, [one.pk, two.pk], remove_values={"industry": ["Retail"]}, add_values={"asset-type": ["Case study"]}
    )
    assert result == {"changed": 2, "skipped": 0}
    one.refresh_from_db()
    assert one.asset_type == "case_study"
    assert not AssetFacetValue.objects.filter(asset=one, value__name="Retail").exists()
    assert AuditEntry.objects.filter(action="asset.facets", actor=editor, object_id=str(two.pk)).exists()


def test_bulk_edit_with_nothing_to_change_changes_nothing(world, editor):
    before = AuditEntry.objects.count()
    assert services.bulk_edit(editor, [world["one"].pk], remove_tags=["absent"]) == {"changed": 0, "skipped": 0}
    assert AuditEntry.objects.count() == before


def test_rejections_mark_the_model_for_retraining(world, editor, django_capture_on_commit_callbacks):
    from quiver.categorize.models import TrainingState as state

    state.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(editor, world["one"], "tags", "banking")
    assert state.objects.get().dirty


def test_bad_ids_in_a_batch_are_skipped(world, editor):
    items = [("x", "tags", "banking"), (2**70, "tags", "banking"), (str(world["one"].pk), "tags", "banking")]
    assert services.accept_many(editor, items) == {"done": 1, "skipped": 2}
