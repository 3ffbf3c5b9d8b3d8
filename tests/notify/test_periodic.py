"""The periodic jobs are registered with quiver.core.periodic and do their work when the worker runs them."""

from datetime import timedelta

from django.utils import timezone

from quiver.core import periodic
from quiver.library.models import Asset
from quiver.notify.models import DigestRun, Notification


def test_jobs_are_registered():
    names = {job.name: job.every for job in periodic.jobs()}
    assert names["notify.remind_due"] == timedelta(hours=1)
    assert names["notify.send_digests"] == timedelta(minutes=30)
    assert names["notify.sweep_webhooks"] == timedelta(minutes=1)


def test_run_due_sends_reminders_and_digests(asset, editor, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.QUIVER_DIGEST_HOUR = 0
    editor.email = "eddie@example.com"
    editor.save()
    Asset.objects.filter(pk=asset.pk).update(owner=editor, verified_until=timezone.localdate() - timedelta(days=1))
    enqueued = periodic.run_due(now=timezone.now())
    assert {"notify.remind_due", "notify.send_digests", "notify.sweep_webhooks"} <= set(enqueued)
    assert Notification.objects.filter(recipient=editor, kind="verification_overdue").count() == 1
    assert DigestRun.objects.filter(user=editor).count() == 1 and len(mailoutbox) == 1
    soon = periodic.run_due(now=timezone.now() + timedelta(seconds=30))
    assert not [name for name in soon if name.startswith("notify.")]  # not due again yet
    later = periodic.run_due(now=timezone.now() + timedelta(minutes=31))
    assert "notify.send_digests" in later and len(mailoutbox) == 1  # ran again, but this period is done
