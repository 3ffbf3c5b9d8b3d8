"""One commit's events are delivered as one batch, in one transaction: facet sync and the index task once per
asset whatever the number of events; savepoints rolled back drop exactly their events; listeners' own events join
the batch; savepoints are spent only when a listener fails."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks.signals import task_enqueued

from quiver import listeners as table
from quiver.core import events
from quiver.core.events import bus
from quiver.library import services as library


@pytest.fixture
def enqueued(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": []}
    }  # count, do not run
    names = []

    def record(sender, task_result, **kwargs):
        names.append(task_result.task.name)

    task_enqueued.connect(record, dispatch_uid="test_events_batching")
    yield names
    task_enqueued.disconnect(dispatch_uid="test_events_batching")


@pytest.fixture
def deliveries(monkeypatch):
    """Every batch delivered: [[event, ...], ...]."""
    seen = []
    real = bus.deliver

    def spy(batch):
        seen.append(list(batch))
        return real(batch)

    monkeypatch.setattr(bus, "deliver", spy)
    return seen


@pytest.fixture
def link(editor, root, committed):
    with committed():
        return library.create_asset(
            editor, title="Deck", link_url="https://example.com/d", collections=[root], tags=["old"]
        )


def test_retagging_update_enqueues_one_index_task_and_syncs_once(
    link, editor, enqueued, deliveries, monkeypatch, committed
):
    from quiver.taxonomy import services as taxonomy

    synced = []
    real_sync = taxonomy.sync_automatic_facets
    monkeypatch.setattr(
        taxonomy, "sync_automatic_facets", lambda assets: synced.append([a.pk for a in assets]) or real_sync(assets)
    )
    enqueued.clear()
    with committed():
        with transaction.atomic():  # the request
            library.update_asset(editor, link, title="Deck 2", asset_type="battlecard", tags=["new"])
    assert [type(e).__name__ for e in deliveries[-1]] == ["AssetChanged", "AssetRetagged"]
    assert len(deliveries) == 1 and synced == [[link.pk]]
    assert enqueued == ["update_index"]  # AssetChanged and AssetRetagged name the asset: one task


def test_a_second_commit_while_the_index_task_waits_enqueues_no_other(link, editor, enqueued, committed):
    enqueued.clear()
    with committed():
        library.update_asset(editor, link, title="Deck 2")
    with committed():
        library.update_asset(editor, link, title="Deck 3")
    assert enqueued == ["update_index"]  # the first task has not run: it indexes the asset as it is then


def test_one_commit_one_batch_and_rolled_back_savepoints_drop_their_events(link, editor, deliveries, committed):
    with committed():
        with transaction.atomic():  # the request: two service calls and a savepoint that rolls back
            library.update_asset(editor, link, title="First")
            try:
                with transaction.atomic():
                    library.update_asset(editor, link, title="Never")
                    raise ValueError("roll back")
            except ValueError:
                pass
            library.archive_asset(editor, link)
    [batch] = deliveries
    assert [(type(e).__name__, getattr(e, "step", None)) for e in batch] == [
        ("AssetChanged", None),
        ("AssetChanged", None),
        ("LifecycleChanged", "archived"),
    ]
    assert [e.fields for e in batch[:2]] == [frozenset({"title", "updated_at"}), frozenset({"status", "updated_at"})]


def test_events_of_a_released_savepoint_are_delivered_once(link, editor, deliveries, committed):
    with committed():
        with transaction.atomic():
            with transaction.atomic():
                library.update_asset(editor, link, title="Inner")
            library.update_asset(editor, link, title="Outer")
    assert [[e.fields for e in batch] for batch in deliveries] == [[frozenset({"title", "updated_at"})] * 2]


def test_a_listeners_events_join_the_batch_without_savepoints(link, editor, admin_user, root, committed, enqueued):
    from quiver.taxonomy import smart
    from quiver.taxonomy.models import SmartMembership

    cards = library.create_collection(admin_user, name="Cards", parent=root)
    smart.set_rule(admin_user, cards, {"asset_types": ["battlecard"]})
    with CaptureQueriesContext(connection) as queries:
        with committed():
            library.update_asset(editor, link, asset_type="battlecard")
    assert SmartMembership.objects.filter(collection=cards, asset=link).exists()  # re-filed after commit
    savepoints = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SAVEPOINT")]
    assert len(savepoints) == 1  # the delivery's transaction (a savepoint inside the test's): none per listener


def test_a_failing_listener_costs_a_replay_with_savepoints_and_keeps_the_others_work(link, editor, caplog, committed):
    from quiver.taxonomy import selectors

    def broken(event):
        raise RuntimeError("listener bug")

    events.register({**table.LISTENERS, events.AssetChanged: [broken, *table.LISTENERS[events.AssetChanged]]})
    try:
        with committed():
            library.update_asset(editor, link, asset_type="battlecard")
    finally:
        events.register(table.LISTENERS)
    assert selectors.asset_facet_map(link)["asset-type"] == ["Battlecard"]  # facet sync ran after the failure
    assert "listener tests.core.test_events_batching" in caplog.text and "listener bug" in caplog.text
