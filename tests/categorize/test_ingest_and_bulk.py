"""Categorization on ingest (a version becoming ready enqueues it on commit) and bulk runs with progress."""

import io

import pytest
from django.core.exceptions import PermissionDenied

from quiver.categorize import services
from quiver.categorize.models import BulkRun, Suggestion
from quiver.core.events import VersionReady
from quiver.demo.files import make_pdf
from quiver.ingest.pipeline import process_version
from quiver.library import services as library
from quiver.library.models import AssetVersion

from .conftest import rule


def _pdf(pages):
    buf = io.BytesIO(make_pdf(pages))
    buf.name = "deck.pdf"
    return buf


def test_a_processed_upload_is_categorized_after_commit(editor, root, django_capture_on_commit_callbacks):
    rule("tags", "banking", "exact", "retail banking")
    with django_capture_on_commit_callbacks(execute=True):
        asset = library.create_asset(
            editor, title="Deck", file=_pdf(["Intro", "Built for retail banking"]), collections=[root]
        )
    asset.refresh_from_db()
    assert asset.current_version.status == "ready"
    tag = asset.tags.get()
    assert tag.name == "banking"
    s = Suggestion.objects.get(asset=asset, tag=tag)
    assert s.status == "auto_applied" and s.page == 2 and s.evidence[0] == {"text": "retail banking", "page": 2}


def _ready(callbacks):
    """The VersionReady events these callbacks deliver (what categorizing on ingest listens to)."""
    return [e for cb in callbacks for e in getattr(cb, "events", ()) if isinstance(e, VersionReady)]


def test_saves_that_do_not_finish_processing_do_not_categorize(editor, root, django_capture_on_commit_callbacks):
    rule("tags", "banking", "any", "banking")
    asset = library.create_asset(editor, title="Deck", file=_pdf(["banking"]), collections=[root], enqueue=False)
    with django_capture_on_commit_callbacks(execute=False) as processed:
        process_version(asset.current_version_id)
    assert [e.version_id for e in _ready(processed)] == [asset.current_version_id]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        version = AssetVersion.objects.get(pk=asset.current_version_id)
        version.save(update_fields=["thumbnail", "metadata", "steps"])  # what the previews step saves
        version.status = "failed"
        version.save(update_fields=["status"])
        version.status = "ready"
        version.save(update_fields=["status", "processed_at"])  # a bare save says nothing: the pipeline publishes
    assert _ready(callbacks) == [] and not asset.tags.filter(name="banking").exists()
    with django_capture_on_commit_callbacks(execute=True):
        for callback in processed:  # the processing's commit: VersionReady, then the categorizing task
            callback()
    assert asset.tags.filter(name="banking").exists()


@pytest.fixture
def library_of(ingest):
    def _make(n, text="retail banking", **kw):
        return [ingest([f"page of asset {i}", text], title=f"Asset {i}", **kw) for i in range(n)]

    return _make


def test_bulk_apply_runs_in_the_background_with_progress(library_of, editor, django_capture_on_commit_callbacks):
    assets = library_of(3)
    other = library_of(1, text="manufacturing")[0]
    rule("tags", "banking", "any", "banking")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = services.apply_rules_bulk(editor)
    assert (run.status, run.total, run.done) == ("queued", 4, 0)
    assert len(callbacks) == 1
    callbacks[0]()  # the worker picks it up
    run.refresh_from_db()
    assert (run.status, run.done, run.applied, run.suggested) == ("done", 4, 3, 0)
    assert run.percent == 100 and run.finished_at and run.started_by == editor
    assert all(a.tags.filter(name="banking").exists() for a in assets)
    assert not other.tags.exists()


def test_bulk_apply_only_touches_assets_the_starter_may_edit(
    library_of, editor, admin_user, root, django_capture_on_commit_callbacks
):
    secret = library.create_collection(admin_user, name="Board", parent=None)
    mine = library_of(1)[0]
    hidden = library_of(1, user=admin_user, collections=[secret])[0]
    rule("tags", "banking", "any", "banking")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.apply_rules_bulk(editor)
    run.refresh_from_db()
    assert run.total == 1 and run.done == 1
    assert mine.tags.exists() and not hidden.tags.exists()


def test_bulk_apply_of_chosen_rules_and_assets(library_of, editor, django_capture_on_commit_callbacks):
    first, second = library_of(2)
    banking = rule("tags", "banking", "any", "banking")
    rule("tags", "retail", "any", "retail")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.apply_rules_bulk(editor, asset_ids=[first.pk], rule_ids=[banking.pk])
    assert BulkRun.objects.get(pk=run.pk).done == 1
    assert [t.name for t in first.tags.all()] == ["banking"] and not second.tags.exists()


def test_viewers_may_not_apply_rules(viewer):
    with pytest.raises(PermissionDenied):
        services.apply_rules_bulk(viewer)
    assert not BulkRun.objects.exists()


def test_a_new_web_link_is_categorized_from_its_title(editor, root, django_capture_on_commit_callbacks):
    rule("tags", "banking", "any", "banking")
    with django_capture_on_commit_callbacks(execute=True):
        link = library.create_asset(
            editor, title="Banking partner portal", link_url="https://example.com/bank", collections=[root]
        )
    assert link.tags.filter(name="banking").exists()


def test_an_upload_is_not_categorized_before_its_text_is_there(editor, root, django_capture_on_commit_callbacks):
    from quiver.categorize.tasks import categorize_asset_task

    rule("tags", "deck", "any", "deck")
    asset = library.create_asset(editor, title="Deck", file=_pdf(["text"]), collections=[root], enqueue=False)
    assert categorize_asset_task.call(asset.pk) == 0  # still processing
    assert not asset.tags.exists()
