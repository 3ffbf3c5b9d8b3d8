"""The index follows the library: create, edit, retag, move, archive, delete, facet changes -- through the real
signals, tasks (run at commit in tests) and engine."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quiver.library import services
from quiver.search.engine import Permission, SearchQuery
from quiver.search.permissions import permission_for

pytestmark = pytest.mark.django_db


def find(backend, text="", user=None, **kwargs):
    perm = permission_for(user) if user is not None else Permission.everything()
    return backend.search(SearchQuery(text=text, permission=perm, relax_below=0, **kwargs))


def ids(result):
    return {hit.id for hit in result.hits}


def test_created_asset_is_indexed_after_commit(search_index, editor, root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        asset = services.create_asset(
            editor, title="Zebra pricing playbook", link_url="https://example.com/z", collections=[root], tags=["zoo"]
        )
        assert ids(find(search_index, "zebra")) == set()  # nothing before commit
    assert len(callbacks) >= 1
    assert ids(find(search_index, "zebra")) == {asset.pk}
    assert ids(find(search_index, "", filters={"tag": ("zoo",)})) == {asset.pk}


def test_edits_retag_move_archive_and_delete_reach_the_index(
    search_index, library, editor, viewer, admin_user, django_capture_on_commit_callbacks
):
    a = library["assets"]
    roi = a["roi"]
    with django_capture_on_commit_callbacks(execute=True):
        services.update_asset(editor, roi, title="Quokka value guide")
    assert ids(find(search_index, "quokka")) == {roi.pk}
    assert ids(find(search_index, "calculator")) == set()

    def tag_counts():
        result = find(search_index, "", viewer, facets=("tag",))
        return dict(result.facets["tag"])

    assert tag_counts()["retail"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.update_asset(editor, roi, tags=["wholesale"])
    counts = tag_counts()
    assert "retail" not in counts and counts["wholesale"] == 1 and counts["pricing"] == 1  # the battlecard

    with django_capture_on_commit_callbacks(execute=True):  # moved where viewers have no grant
        services.update_asset(admin_user, roi, collections=[library["secret"]])
    assert roi.pk not in ids(find(search_index, "quokka", viewer))
    assert roi.pk in ids(find(search_index, "quokka", admin_user))

    battle = a["battle"]
    with django_capture_on_commit_callbacks(execute=True):
        services.archive_asset(editor, battle)
    assert battle.pk not in ids(find(search_index, "battlecard", viewer))
    assert battle.pk in ids(find(search_index, "battlecard", editor))  # editors still find their archive
    with django_capture_on_commit_callbacks(execute=True):
        battle.delete()
    assert battle.pk not in ids(find(search_index, "battlecard", admin_user))


def test_facet_changes_and_renames_reach_the_index(
    search_index, library, viewer, admin_user, django_capture_on_commit_callbacks
):
    from quiver.library.models import Tag
    from quiver.taxonomy.models import FacetValue
    from quiver.taxonomy.services import set_asset_facets

    case = library["assets"]["case"]

    def industry():
        return dict(find(search_index, "", viewer, facets=("industry",)).facets["industry"])

    assert industry() == {"Healthcare": 2, "Retail": 1}
    with django_capture_on_commit_callbacks(execute=True):
        set_asset_facets(admin_user, case, {"industry": ["Retail"]})  # sends facets_changed
    assert industry() == {"Healthcare": 1, "Retail": 2}
    with django_capture_on_commit_callbacks(execute=True):
        value = FacetValue.objects.get(field__slug="industry", name="Retail")
        value.name = "Retail and consumer goods"
        value.save()
    assert industry() == {"Healthcare": 1, "Retail and consumer goods": 2}
    with django_capture_on_commit_callbacks(execute=True):
        tag = Tag.objects.get(name="healthcare")
        tag.name = "hospitals"
        tag.save()
    assert ids(find(search_index, "", viewer, filters={"tag": ("hospitals",)})) == {case.pk}


def test_sales_stage_facet_is_indexed_under_an_engine_name(
    search_index, library, admin_user, django_capture_on_commit_callbacks
):
    from quiver.taxonomy.services import set_asset_facets

    deck = library["assets"]["deck"]
    with django_capture_on_commit_callbacks(execute=True):
        set_asset_facets(admin_user, deck, {"sales-stage": ["Discovery"]})
    assert ids(find(search_index, "", filters={"sales_stage": ("Discovery",)})) == {deck.pk}


def test_changes_in_one_transaction_make_one_task(search_index, editor, root, django_capture_on_commit_callbacks):
    from django_tasks.signals import task_enqueued

    enqueued = []

    def listen(sender, task_result, **kwargs):
        if task_result.task.name == "update_index":
            enqueued.append(task_result.args)

    task_enqueued.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            made = [
                services.create_asset(
                    editor, title=f"Batch {i}", link_url=f"https://example.com/{i}", collections=[root], tags=["batch"]
                )
                for i in range(5)
            ]
            for asset in made:
                services.update_asset(editor, asset, description="edited")
    finally:
        task_enqueued.disconnect(listen)
    assert enqueued == [[sorted(a.pk for a in made)]]
    assert ids(find(search_index, "batch")) == {a.pk for a in made}


def test_queued_changes_are_drained_by_one_task_and_later_tasks_do_nothing(search_index, editor, root):
    from quiver.search.models import PendingIndex
    from quiver.search.tasks import update_index

    made = [
        services.create_asset(editor, title=f"Queued {i}", link_url=f"https://example.com/q{i}", collections=[root])
        for i in range(3)
    ]
    # Rows as web processes leave them after commit, before the worker runs.
    PendingIndex.objects.bulk_create([PendingIndex(asset_id=a.pk) for a in made], ignore_conflicts=True)
    assert update_index.call([made[0].pk]) == 3
    assert not PendingIndex.objects.exists()
    assert ids(find(search_index, "queued")) == {a.pk for a in made}
    assert update_index.call([made[1].pk]) == 0  # already taken: no index commit at all


def test_a_failed_index_run_puts_the_ids_back(search_index, editor, root, monkeypatch):
    from quiver.search import services as search_services
    from quiver.search.models import PendingIndex
    from quiver.search.tasks import update_index

    asset = services.create_asset(editor, title="Retry me", link_url="https://example.com/r", collections=[root])
    PendingIndex.objects.get_or_create(asset_id=asset.pk)

    def boom(ids, backend=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr(search_services, "index_assets", boom)
    with pytest.raises(RuntimeError):
        update_index.call([asset.pk])
    assert PendingIndex.objects.filter(asset_id=asset.pk).exists()


def test_a_burst_of_changes_enqueues_one_task_while_the_queue_waits(
    search_index, editor, root, django_capture_on_commit_callbacks
):
    from django_tasks.signals import task_enqueued

    from quiver.search import indexing
    from quiver.search.models import PendingIndex

    enqueued = []

    def listen(sender, task_result, **kwargs):
        if task_result.task.name == "update_index":
            enqueued.append(task_result.args)

    waiting = services.create_asset(editor, title="Waiting", link_url="https://example.com/w", collections=[root])
    indexing.reset()  # its own commit never happened in this test transaction
    PendingIndex.objects.create(asset_id=waiting.pk)  # queued a moment ago; its task has not run yet
    task_enqueued.connect(listen)
    try:
        for i in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                services.create_asset(
                    editor, title=f"Burst {i}", link_url=f"https://example.com/b{i}", collections=[root]
                )
        assert enqueued == []
        assert PendingIndex.objects.count() == 4
        # Once the waiting row is stale, the next change enqueues again (nothing stays stuck).
        PendingIndex.objects.filter(asset_id=waiting.pk).update(
            created_at=timezone.now() - timedelta(seconds=indexing.STALE_SECONDS + 1)
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.create_asset(editor, title="Late", link_url="https://example.com/late", collections=[root])
    finally:
        task_enqueued.disconnect(listen)
    assert len(enqueued) == 1
    assert not PendingIndex.objects.exists()  # the task ran (immediately, in tests) and drained everything
