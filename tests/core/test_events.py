"""Domain events: every event of the listener table is delivered after commit, never on rollback; a failing
listener is logged and the others still run; the real table does its work (facets, index, tasks) after commit."""

import dataclasses

import pytest
from django.db import transaction

from quiver import listeners as table
from quiver.core import events

EXAMPLES = {
    events.AssetCreated: dict(asset_id=1, version_id=2, tag_ids=(3,)),
    events.AssetChanged: dict(asset_id=1, fields=frozenset({"title"})),
    events.AssetRetagged: dict(asset_ids=(1,), added=(3,), sources=frozenset({"manual"})),
    events.AssetPurged: dict(asset_id=1),
    events.LifecycleChanged: dict(asset_id=1, step="archived"),
    events.VersionAdded: dict(version_id=2, asset_id=1),
    events.VersionReady: dict(version_id=2, asset_id=1),
    events.FacetsChanged: dict(asset_ids=(1,), source="manual"),
    events.SmartMembersChanged: dict(asset_ids=(1,)),
}


@pytest.fixture
def recorded():
    """Replace the listener table by recorders (and one failing listener) for every event type; put it back."""
    seen = []

    # What a listener does must be in the database or on commit (a batch one listener failed is delivered again,
    # with savepoints): the recorders note what they saw when the delivery commits.
    def first(event):
        transaction.on_commit(lambda: seen.append(("first", event)))

    def boom(event):
        raise RuntimeError("listener bug")

    def last(event):
        transaction.on_commit(lambda: seen.append(("last", event)))

    events.register({t: [first, boom, last] for t in table.LISTENERS})
    yield seen
    events.register(table.LISTENERS)


def test_every_event_type_has_listeners_and_an_example():
    assert set(table.LISTENERS) == set(EXAMPLES)
    for event_type, funcs in table.LISTENERS.items():
        assert funcs and all(callable(f) for f in funcs), event_type
        event = event_type(actor_id=7, **EXAMPLES[event_type])
        assert dataclasses.is_dataclass(event) and event.actor_id == 7
        with pytest.raises(dataclasses.FrozenInstanceError):
            event.actor_id = 8


@pytest.mark.parametrize("event_type", list(EXAMPLES), ids=lambda t: t.__name__)
def test_listeners_run_after_commit_and_not_on_rollback(
    db, recorded, event_type, caplog, django_capture_on_commit_callbacks
):
    event = event_type(actor_id=None, **EXAMPLES[event_type])
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            events.publish(event)
            assert recorded == []  # nothing before commit
        try:
            with transaction.atomic():
                events.publish(event_type(actor_id=99, **EXAMPLES[event_type]))
                raise ValueError("roll back")
        except ValueError:
            pass
    assert recorded == [("first", event), ("last", event)]  # the rolled-back one never arrives; boom is skipped
    assert "listener bug" in caplog.text and "boom" in caplog.text


def test_publish_refuses_what_is_not_an_event():
    with pytest.raises(TypeError):
        events.publish({"asset_id": 1})
    with pytest.raises(TypeError):
        events.register({dict: []})


def test_upload_facets_and_index_follow_the_commit(editor, root, django_capture_on_commit_callbacks):
    from quiver.library import services
    from quiver.taxonomy.models import AssetFacetValue

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        asset = services.create_asset(
            editor, title="Battlecard", link_url="https://example.com/b", collections=[root], tags=["pricing"]
        )
        assert not AssetFacetValue.objects.filter(asset=asset).exists()  # not on save any more
    assert len(callbacks) == 1  # one AssetCreated delivery
    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()
    assert AssetFacetValue.objects.filter(asset=asset, value__field__slug="asset-type").exists()
