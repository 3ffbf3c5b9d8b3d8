"""Processing claims (ingest.leases) with the clock moved: claim, heartbeat, sweep of expired claims and lost tasks,
bounded attempts, a late worker that must not overwrite a newer attempt, previews."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from quiver.ingest import leases, pipeline
from quiver.ingest.pipeline import process_version, render_previews
from quiver.library import services
from quiver.library.models import AssetVersion, ProcessingStatus
from quiver.similarity.models import Fingerprint
from tests.factories import make_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(editor, root, upload):
    """A stored version waiting for a worker (its task not run)."""
    asset = services.create_asset(
        editor, file=upload(make_pdf(["Lease test\nalpha beta"]), "lease.pdf"), collections=[root], enqueue=False
    )
    return AssetVersion.objects.get(pk=asset.current_version_id)


def later(version, seconds=1):
    version.refresh_from_db()
    return version.lease_expires_at + timedelta(seconds=seconds)


def test_claim_is_exclusive_and_a_duplicate_task_does_nothing(waiting):
    claim = leases.claim_text(waiting.pk)
    assert claim.attempts == 1 and claim.lease_expires_at > timezone.now()
    assert leases.claim_text(waiting.pk) is None
    assert process_version(waiting.pk) == "skipped"  # a duplicate task while the claim is live
    waiting.refresh_from_db()
    assert waiting.status == "processing" and waiting.attempts == 1
    assert waiting.processing_state() == "active"


def test_hold_renews_the_lease_and_fails_once_swept(waiting, settings):
    settings.QUIVER_INGEST_LEASE_SECONDS = 30
    claim = leases.claim_text(waiting.pk)
    first = claim.lease_expires_at
    time.sleep(0.01)
    leases.hold(claim)
    assert later(waiting, 0) > first
    leases.sweep(now=later(waiting))
    with pytest.raises(leases.Superseded):
        leases.hold(claim)


def test_expired_claim_is_requeued_and_processed(waiting, django_capture_on_commit_callbacks):
    leases.claim_text(waiting.pk)  # a worker took it, then stopped (nothing renews the lease)
    assert leases.sweep(now=later(waiting, -1))["requeued"] == 0  # not expired yet: left alone
    with django_capture_on_commit_callbacks(execute=True):  # the re-queued task runs (ImmediateBackend)
        assert leases.sweep(now=later(waiting)) == {"requeued": 1, "failed": 0, "released": 0, "lost": 0}
    waiting.refresh_from_db()
    assert waiting.status == "ready", waiting.failure_reason
    assert (waiting.attempts, waiting.interruptions, waiting.lease_expires_at) == (2, 0, None)
    assert "alpha beta" in waiting.pages.get().text
    assert Fingerprint.objects.filter(version=waiting).exists()  # "ready" was saved: the post_save listeners ran


def test_two_sweeps_requeue_once(waiting, django_capture_on_commit_callbacks):
    leases.claim_text(waiting.pk)
    now = later(waiting)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert leases.sweep(now=now)["requeued"] == 1
        assert leases.sweep(now=now)["requeued"] == 0
    assert len(callbacks) == 1


def test_attempts_are_bounded_then_failed_with_a_reason(waiting, settings, django_capture_on_commit_callbacks):
    settings.QUIVER_INGEST_MAX_ATTEMPTS = 3
    with django_capture_on_commit_callbacks(execute=False):  # the re-queued tasks never run: the worker keeps dying
        for expected in ("requeued", "requeued", "failed"):
            assert leases.claim_text(waiting.pk) is not None
            assert leases.sweep(now=later(waiting))[expected] == 1
    waiting.refresh_from_db()
    assert waiting.status == "failed" and waiting.lease_expires_at is None
    assert waiting.failure_reason.startswith("Processing was interrupted 3 times (the worker stopped")
    assert "Retry when the worker runs steadily" in waiting.failure_reason
    assert (waiting.attempts, waiting.interruptions) == (3, 3)
    assert process_version(waiting.pk) == "skipped"


def test_a_late_worker_does_not_overwrite_the_newer_attempt(waiting, django_capture_on_commit_callbacks):
    stale = leases.claim_text(waiting.pk)
    with django_capture_on_commit_callbacks(execute=False):
        leases.sweep(now=later(waiting))  # its lease expired: re-queued
    with django_capture_on_commit_callbacks(execute=True):
        assert process_version(waiting.pk) == "ready"  # the newer attempt
    waiting.refresh_from_db()
    pages, steps = list(waiting.pages.values_list("text", flat=True)), waiting.steps
    # the stale worker comes back and tries to save its (different) result: refused, nothing changes
    stale.metadata = {"kind": "stale"}
    with pytest.raises(leases.Superseded):
        pipeline._finish(stale, pipeline.Steps(), time.monotonic(), ProcessingStatus.FAILED, "stale result")
    with pytest.raises(leases.Superseded):
        pipeline._run(stale, pipeline.Steps(), time.monotonic())
    waiting.refresh_from_db()
    assert waiting.status == "ready" and waiting.failure_reason == "" and waiting.metadata["kind"] == "pdf"
    assert list(waiting.pages.values_list("text", flat=True)) == pages and waiting.steps == steps


def test_lost_task_is_enqueued_again_without_using_an_attempt(waiting, settings, django_capture_on_commit_callbacks):
    settings.QUIVER_INGEST_QUEUED_STALE_SECONDS = 600
    soon, late = timezone.now() + timedelta(seconds=300), timezone.now() + timedelta(seconds=700)
    assert leases.sweep(now=soon)["lost"] == 0  # waiting, not lost yet
    assert waiting.processing_state(soon) == "queued" and waiting.processing_state(late) == "stuck"
    with django_capture_on_commit_callbacks(execute=True):
        assert leases.sweep(now=late)["lost"] == 1
    waiting.refresh_from_db()
    assert waiting.status == "ready" and waiting.attempts == 1 and waiting.interruptions == 0


def test_lost_task_waits_while_the_queue_works_on_older_versions(
    waiting, editor, root, upload, settings, django_capture_on_commit_callbacks
):
    settings.QUIVER_INGEST_QUEUED_STALE_SECONDS = 600
    now = timezone.now()
    older = services.create_asset(
        editor, file=upload(make_pdf(["older"]), "older.pdf"), collections=[root], enqueue=False
    ).current_version
    AssetVersion.objects.filter(pk=older.pk).update(queued_at=now - timedelta(hours=3))
    AssetVersion.objects.filter(pk=waiting.pk).update(queued_at=now - timedelta(hours=2))
    assert leases.claim_text(older.pk) is not None  # the worker is busy with a version queued before ours
    assert leases.sweep(now=now)["lost"] == 0
    newer = services.create_asset(
        editor, file=upload(make_pdf(["newer"]), "newer.pdf"), collections=[root], enqueue=False
    ).current_version
    assert leases.claim_text(newer.pk) is not None  # a version queued after ours was claimed: ours was skipped
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert leases.sweep(now=now)["lost"] == 1
    assert len(callbacks) == 1


def test_stranded_previews_are_requeued_then_given_up(waiting, settings, previews, django_capture_on_commit_callbacks):
    settings.QUIVER_INGEST_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=False):  # the preview task is not run
        assert process_version(waiting.pk) == "ready"
    waiting.refresh_from_db()
    assert waiting.metadata["preview"] == "pending"
    claim = leases.claim_previews(waiting.pk)
    assert claim is not None and leases.claim_previews(waiting.pk) is None
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert leases.sweep(now=later(waiting))["requeued"] == 1
    assert len(callbacks) == 1
    assert leases.claim_previews(waiting.pk) is not None
    assert leases.sweep(now=later(waiting))["failed"] == 1
    waiting.refresh_from_db()
    assert waiting.status == "ready"  # the text stays searchable
    assert (
        waiting.metadata["preview"] == "unavailable: drawing the previews was interrupted 2 times (the worker stopped)"
    )
    assert render_previews(waiting.pk) == "skipped"


def test_lost_preview_task_is_enqueued_again_when_idle(waiting, settings, previews, django_capture_on_commit_callbacks):
    settings.QUIVER_INGEST_QUEUED_STALE_SECONDS = 600
    with django_capture_on_commit_callbacks(execute=False):
        assert process_version(waiting.pk) == "ready"
    late = timezone.now() + timedelta(seconds=700)
    with django_capture_on_commit_callbacks(execute=True):
        assert leases.sweep(now=late)["lost"] == 1
    waiting.refresh_from_db()
    assert "preview" not in waiting.metadata and waiting.thumbnail


@pytest.mark.django_db(transaction=True)
def test_heartbeat_thread_renews_the_claim(editor, root, upload, settings):
    settings.QUIVER_INGEST_LEASE_SECONDS = 1  # a beat every third of a second
    asset = services.create_asset(
        editor, file=upload(make_pdf(["beat"]), "beat.pdf"), collections=[root], enqueue=False
    )
    claim = leases.claim_text(asset.current_version_id)
    seen = set()
    with leases.Heartbeat(claim) as beat:
        for _ in range(12):
            time.sleep(0.1)
            seen.add(AssetVersion.objects.get(pk=claim.pk).lease_expires_at)
    assert len(seen) >= 2 and not beat.lost
    assert max(seen) > claim.lease_expires_at
