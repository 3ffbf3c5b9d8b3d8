"""Retraining after label changes: marked dirty at commit by people's and rules' changes (not the classifier's
own), queued by the periodic job once quiet for QUIVER_TRAIN_DEBOUNCE_SECONDS (fixed clock), run as a task."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quiver.categorize import services
from quiver.categorize.learning import dirty
from quiver.categorize.models import TrainingRun, TrainingState
from quiver.core import periodic
from quiver.library import services as library
from quiver.library.models import Tag
from quiver.taxonomy import services as taxonomy


@pytest.fixture
def asset(editor, root):
    return library.create_asset(
        editor,
        title="Firewall brief",
        description="Encryption and firewall audit.",
        link_url="https://example.com/a",
        collections=[root],
    )


def labelled(editor, root, n=3):
    for i in range(n):
        library.create_asset(
            editor,
            title=f"Security {i}",
            description="Firewall encryption audit.",
            link_url=f"https://example.com/s{i}",
            collections=[root],
            tags=["Security"],
        )
        library.create_asset(
            editor,
            title=f"Pricing {i}",
            description="Discount invoice seat price.",
            link_url=f"https://example.com/p{i}",
            collections=[root],
            tags=["Pricing"],
        )


def state():
    return TrainingState.objects.filter(pk=1).first()


def test_manual_tagging_marks_dirty_at_commit(editor, asset, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        library.update_asset(editor, asset, tags=["Security"])
        library.update_asset(editor, asset, tags=["Security", "Audit"])
    assert state() is None or not state().dirty  # nothing before commit
    with django_capture_on_commit_callbacks(execute=True) as after_commit:
        for callback in callbacks:  # the commit: the retagging events are delivered, in one batch
            callback()
    marks = [c for c in after_commit if getattr(c, "quiver_training", False)]
    assert len(marks) == 1  # once per transaction
    assert state().dirty and state().changed_at is not None


def test_the_classifiers_own_tags_do_not_mark_dirty(asset, committed):
    from quiver.categorize.targets import Target, assign, unassign

    tag = Tag.objects.create(name="Guessed")
    with committed():
        assign(None, asset, Target.of(tag=tag), source="automatic")  # what the classifier does
    assert state() is None or not state().dirty
    with committed():
        unassign(None, asset, Target.of(tag=tag))  # removing an automatic tag is no label change either
    assert state() is None or not state().dirty
    with committed():
        assign(None, asset, Target.of(tag=tag), source="rule")
    assert state().dirty


def test_manual_facet_values_and_rejections_mark_dirty(editor, asset, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        taxonomy.set_asset_facets(editor, asset, {"industry": ["Healthcare"]})
    assert state().dirty
    TrainingState.objects.filter(pk=1).update(dirty=False)
    Tag.objects.create(name="Security")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(editor, asset, "tags", "Security")
    assert state().dirty
    TrainingState.objects.filter(pk=1).update(dirty=False)
    with django_capture_on_commit_callbacks(execute=True):
        taxonomy.set_asset_facets(editor, asset, {"industry": []})  # a manual value taken off
    assert state().dirty


def test_training_waits_for_the_debounce_then_runs_once(settings, editor, root, django_capture_on_commit_callbacks):
    settings.QUIVER_TRAIN_DEBOUNCE_SECONDS = 60
    with django_capture_on_commit_callbacks(execute=True):
        labelled(editor, root)
    changed = state().changed_at
    with django_capture_on_commit_callbacks(execute=True):
        assert dirty.retrain_if_due(now=changed + timedelta(seconds=30)) is False
    assert not TrainingRun.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        dirty.mark_dirty(now=changed + timedelta(seconds=50))  # another change restarts the quiet period
    with django_capture_on_commit_callbacks(execute=True):
        assert dirty.retrain_if_due(now=changed + timedelta(seconds=100)) is False
    with django_capture_on_commit_callbacks(execute=True):
        assert dirty.retrain_if_due(now=changed + timedelta(seconds=111)) is True  # the task runs (immediate)
    run = TrainingRun.objects.get()
    assert run.status == "succeeded" and run.labels == 2
    assert not state().dirty and state().queued_at is None
    with django_capture_on_commit_callbacks(execute=True):
        assert dirty.retrain_if_due(now=changed + timedelta(seconds=500)) is False  # clean: nothing to do
    assert TrainingRun.objects.count() == 1


def test_a_queued_training_is_not_queued_twice(settings, editor, root):
    settings.QUIVER_TRAIN_DEBOUNCE_SECONDS = 60
    now = timezone.now()
    TrainingState.objects.create(pk=1, dirty=True, changed_at=now - timedelta(minutes=5))
    assert dirty.retrain_if_due(now=now) is True  # queued at commit (the test's transaction never commits)
    assert dirty.retrain_if_due(now=now + timedelta(seconds=30)) is False
    assert dirty.retrain_if_due(now=now + dirty.STALE_QUEUE + timedelta(seconds=1)) is True  # lost: queue again


def test_changes_during_training_keep_it_dirty(editor, root):
    before = timezone.now() - timedelta(minutes=2)
    TrainingState.objects.create(pk=1, dirty=True, changed_at=before)
    dirty.trained(before - timedelta(seconds=1))  # the labels changed after the training read them
    assert state().dirty
    dirty.trained(before)
    assert not state().dirty


def test_the_periodic_job_trains_through_the_task(settings, editor, root, django_capture_on_commit_callbacks):
    settings.QUIVER_TRAIN_DEBOUNCE_SECONDS = 0
    assert "categorize.retrain" in [job.name for job in periodic.jobs()]
    with django_capture_on_commit_callbacks(execute=True):
        labelled(editor, root)
    with django_capture_on_commit_callbacks(execute=True):
        enqueued = periodic.run_due(now=timezone.now() + timedelta(days=1))
    assert "categorize.retrain" in enqueued
    assert TrainingRun.objects.filter(status="succeeded", labels=2).exists()
    assert not state().dirty
