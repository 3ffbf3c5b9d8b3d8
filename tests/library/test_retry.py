"""Retry (service, web, API): failed versions and versions stuck past their lease are processed again; a version
being processed, waiting for a worker, or ready is refused with a message saying which."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quiver.accounts.services import issue_token
from quiver.core.models import AuditEntry
from quiver.library import services
from quiver.library.models import AssetVersion

pytestmark = pytest.mark.django_db


def _set(asset, **fields):
    AssetVersion.objects.filter(pk=asset.current_version_id).update(**fields)
    return AssetVersion.objects.get(pk=asset.current_version_id)


def stuck(asset):
    """Its worker stopped mid-parse: still processing, the claim expired a minute ago."""
    now = timezone.now()
    return _set(
        asset,
        status="processing",
        attempts=1,
        claimed_at=now - timedelta(minutes=5),
        lease_expires_at=now - timedelta(minutes=1),
        interruptions=1,
    )


def active(asset):
    now = timezone.now()
    return _set(asset, status="processing", attempts=1, claimed_at=now, lease_expires_at=now + timedelta(minutes=2))


def test_service_retries_a_stuck_version(pdf_asset, editor, django_capture_on_commit_callbacks):
    version = stuck(pdf_asset)
    assert version.processing_state() == "stuck"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.retry_version(editor, version)
    version.refresh_from_db()
    assert (version.status, version.lease_expires_at, version.interruptions) == ("processing", None, 0)
    assert version.processing_state() == "queued" and len(callbacks) == 1
    assert AuditEntry.objects.get(action="version.retry").after == {"version": 1, "was": "stuck"}


@pytest.mark.parametrize(
    "state, message",
    [
        ("active", "Version 1 is being processed right now"),
        ("queued", "Version 1 is waiting for a worker"),
        ("ready", "Version 1 is ready (not failed); there is nothing to retry."),
    ],
)
def test_service_refuses_what_is_not_stopped(pdf_asset, editor, state, message):
    version = {
        "active": active,
        "queued": lambda a: _set(a, status="processing", queued_at=timezone.now()),
        "ready": lambda a: a.current_version,
    }[state](pdf_asset)
    assert version.processing_state() == state
    with pytest.raises(ValidationError) as error:
        services.retry_version(editor, version)
    assert error.value.messages[0].startswith(message)
    assert AssetVersion.objects.get(pk=version.pk).status == version.status
    assert not AuditEntry.objects.filter(action="version.retry").exists()


def test_never_claimed_for_long_is_stuck(pdf_asset, settings):
    settings.QUIVER_INGEST_QUEUED_STALE_SECONDS = 600
    version = _set(pdf_asset, status="processing", queued_at=timezone.now() - timedelta(seconds=601))
    assert version.processing_state() == "stuck"


def test_service_refuses_when_a_worker_moved_meanwhile(pdf_asset, editor):
    version = stuck(pdf_asset)
    _set(pdf_asset, lease_expires_at=None, queued_at=timezone.now())  # the sweep re-queued it meanwhile
    with pytest.raises(ValidationError, match="changed meanwhile"):
        services.retry_version(editor, version)


def test_web_retry_of_a_stuck_version_runs_it_again(logged_in, editor, pdf_asset, django_capture_on_commit_callbacks):
    stuck(pdf_asset)
    client = logged_in(editor)
    retry = reverse("library:version_retry", args=[pdf_asset.pk, 1])
    page = client.get(pdf_asset.get_absolute_url()).content.decode()
    assert "Processing seems to have stalled" in page and retry in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry)
    assert response.status_code == 302
    version = AssetVersion.objects.get(pk=pdf_asset.current_version_id)
    assert version.status == "ready" and version.attempts == 2 and version.pages.count() == 3


def test_web_retry_refuses_an_active_version(logged_in, editor, pdf_asset, django_capture_on_commit_callbacks):
    active(pdf_asset)
    client = logged_in(editor)
    assert "Processing seems to have stalled" not in client.get(pdf_asset.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("library:version_retry", args=[pdf_asset.pk, 1]))
    assert response.status_code == 302 and not callbacks
    assert [str(m) for m in get_messages(response.wsgi_request)][0].startswith("Version 1 is being processed right now")
    assert AssetVersion.objects.get(pk=pdf_asset.current_version_id).attempts == 1


def test_api_retry_stuck_accepted_active_refused(pdf_asset, editor, viewer, django_capture_on_commit_callbacks):
    def api(user):
        return Client(headers={"Authorization": f"Bearer {issue_token(user)}"})

    url = f"/api/v1/assets/{pdf_asset.pk}/retry"
    active(pdf_asset)
    response = api(editor).post(url)
    assert response.status_code == 400 and "being processed right now" in response.json()["detail"]
    stuck(pdf_asset)
    assert api(viewer).post(url).status_code == 403
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = api(editor).post(url)
    assert response.status_code == 200 and response.json()["status"] == "processing" and len(callbacks) == 1
