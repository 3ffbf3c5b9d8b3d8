"""Scheduled publication and expiry at their boundaries (fixed clock), and the periodic job's events."""

from datetime import timedelta

from django.utils import timezone

from quiver.core.periodic import run_due
from quiver.library import availability
from quiver.library.models import AssetStatus
from quiver.lifecycle import services
from quiver.lifecycle.models import LifecycleNotice

from .conftest import T0


def _approved_for(draft, editor, approver, when):
    services.schedule_publish(editor, draft, when, now=T0)
    services.submit_for_review(editor, draft, now=T0)
    services.approve(approver, draft, now=T0)


def test_scheduled_publish_at_the_boundary_minute(draft, editor, approver, events):
    when = T0 + timedelta(hours=2)
    _approved_for(draft, editor, approver, when)
    assert services.publish_due(now=when - timedelta(seconds=1)) == []
    draft.refresh_from_db()
    assert draft.status == AssetStatus.DRAFT
    assert [a.pk for a in services.publish_due(now=when)] == [draft.pk]  # exactly at publish_at
    draft.refresh_from_db()
    assert draft.status == AssetStatus.PUBLISHED
    assert events[-1][0] == "published" and events[-1][3]["scheduled"] is True
    assert services.publish_due(now=when + timedelta(minutes=1)) == []  # once


def test_an_unapproved_draft_is_never_published_by_its_date(draft, editor):
    services.schedule_publish(editor, draft, T0, now=T0 - timedelta(days=1))
    assert services.publish_due(now=T0 + timedelta(days=1)) == []
    services.submit_for_review(editor, draft, now=T0)
    assert services.publish_due(now=T0 + timedelta(days=1)) == []  # in review, not approved


def test_rescheduling_an_approved_draft_into_the_past_publishes_it(draft, editor, approver):
    _approved_for(draft, editor, approver, T0 + timedelta(days=3))
    services.schedule_publish(editor, draft, T0, now=T0 + timedelta(minutes=5))
    draft.refresh_from_db()
    assert draft.status == AssetStatus.PUBLISHED


def test_expired_from_exactly_expires_at(published, editor):
    services.set_expiry(editor, published, T0, now=T0 - timedelta(days=1))
    assert not availability.is_expired(published, T0 - timedelta(microseconds=1))
    assert availability.is_expired(published, T0)
    assert availability.is_expired(published, T0 + timedelta(days=400))
    services.set_expiry(editor, published, None)
    assert not availability.is_expired(published, T0 + timedelta(days=400))


def test_sweep_fires_expiring_then_expired_once_each(published, editor, events):
    services.set_expiry(editor, published, T0 + timedelta(days=10), now=T0)
    assert services.sweep(now=T0, expiring_days=7) == {"published": 0, "expiring": 0, "expired": 0}
    assert services.sweep(now=T0 + timedelta(days=3), expiring_days=7)["expiring"] == 1  # 7 days before
    assert services.sweep(now=T0 + timedelta(days=4), expiring_days=7)["expiring"] == 0  # once
    at = T0 + timedelta(days=10)
    assert services.sweep(now=at - timedelta(seconds=1), expiring_days=7)["expired"] == 0
    assert services.sweep(now=at, expiring_days=7)["expired"] == 1
    assert services.sweep(now=at + timedelta(days=1), expiring_days=7)["expired"] == 0
    assert [e[0] for e in events] == ["expiring", "expired"]
    assert events[-1][3]["expires_at"] == at.isoformat()
    # a new expiry date is announced again
    services.set_expiry(editor, published, at + timedelta(days=30), now=at)
    assert services.sweep(now=at + timedelta(days=31), expiring_days=7)["expired"] == 1
    assert LifecycleNotice.objects.filter(asset=published, event="expired").count() == 2


def test_the_periodic_job_runs_the_sweep(draft, editor, approver, django_capture_on_commit_callbacks):
    """Wired through quiver.core.periodic: the worker's run_due enqueues the task (run at once in tests)."""
    now = timezone.now()
    _approved_for(draft, editor, approver, now + timedelta(days=1))
    type(draft).objects.filter(pk=draft.pk).update(publish_at=now - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        names = run_due(now=now)
    assert "lifecycle.sweep" in names and "lifecycle.purge_trash" in names
    draft.refresh_from_db()
    assert draft.status == AssetStatus.PUBLISHED
    assert "lifecycle.sweep" not in run_due(now=now + timedelta(seconds=30))  # every minute
