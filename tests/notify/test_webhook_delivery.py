"""Webhook deliveries against a real local HTTP receiver: signature, Slack-compatible body, retries with
growing delays (the task run directly, the clock moved to each run_after), failures logged, no redirects."""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend

from quiver.notify.models import DeliveryStatus, WebhookDelivery
from quiver.notify.tasks import deliver_webhook
from quiver.notify.webhooks import delivery as deliveries
from quiver.notify.webhooks.signing import verify

from .conftest import NOW


def _queue(asset, actor, event="published", now=NOW, **data):
    ids = deliveries.queue_event(event, asset, actor, data, now=now)
    return WebhookDelivery.objects.get(pk=ids[0])


def test_delivery_is_signed_with_the_secret_and_slack_compatible(receiver, endpoint, asset, editor):
    delivery = _queue(asset, editor, "approved", comment="Looks <good>")
    assert deliveries.attempt(delivery.pk, now=NOW).status == DeliveryStatus.SUCCEEDED
    (got,) = receiver.requests
    assert got.path == "/hook"
    ts, sig = got.headers["x-quiver-timestamp"], got.headers["x-quiver-signature"]
    assert ts == str(int(NOW.timestamp())) and sig.startswith("sha256=")
    assert verify(endpoint.secret, got.body, ts, sig, now=NOW.timestamp())
    assert not verify("another secret", got.body, ts, sig, now=NOW.timestamp())
    assert not verify(endpoint.secret, got.body + b" ", ts, sig, now=NOW.timestamp())  # body tampered
    assert not verify(endpoint.secret, got.body, ts, sig, now=NOW.timestamp() + 3600)  # replayed an hour later
    body = json.loads(got.body)
    assert got.headers["content-type"].startswith("application/json")
    assert isinstance(body["text"], str) and "Pricing <2026> & co" in body["text"]
    assert all(block["type"] in ("section", "context") for block in body["blocks"])
    section = body["blocks"][0]["text"]
    assert section["type"] == "mrkdwn"
    assert "&lt;2026&gt; &amp; co" in section["text"] and "<2026>" not in section["text"]  # no Slack injection
    assert body["blocks"][1]["text"]["text"] == "> Looks &lt;good&gt;"
    assert body["quiver"] == {
        "event": "approved",
        "actor": editor.username,
        "timestamp": NOW.isoformat(),
        "asset": {"id": asset.pk, "title": asset.title, "url": f"http://127.0.0.1:8000/assets/{asset.pk}/"},
        "data": {"comment": "Looks <good>"},
    }


def test_500_twice_then_200_is_three_attempts_with_growing_delays(
    receiver, endpoint, asset, editor, settings, django_capture_on_commit_callbacks
):
    receiver.statuses = [500, 500, 200]
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": []}
    }  # keeps what is enqueued
    default_task_backend.clear()
    delivery = _queue(asset, editor)
    clock, delays = NOW, []
    for _ in range(3):
        assert deliveries.attempt(delivery.pk, now=clock - timedelta(seconds=1)) is None  # not due yet
        with django_capture_on_commit_callbacks(execute=True):
            result = deliveries.attempt(delivery.pk, now=clock)
        delivery.refresh_from_db()
        if delivery.status == DeliveryStatus.PENDING:
            retry = default_task_backend.results[-1]  # the retry, deferred until the next attempt
            assert retry.task.func is deliver_webhook.func and retry.args == [delivery.pk]
            assert retry.task.run_after == delivery.next_attempt_at
            delays.append(delivery.next_attempt_at - clock)
            clock = retry.task.run_after  # time-travel to when the retry may run
        assert result is not None
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 3
    assert delays == [timedelta(seconds=30), timedelta(minutes=2)]
    assert [a["code"] for a in delivery.attempt_log] == [500, 500, 200]
    assert [a["error"] for a in delivery.attempt_log] == ["HTTP 500", "HTTP 500", ""]
    assert len(receiver.requests) == 3
    signatures = {r.headers["x-quiver-signature"] for r in receiver.requests}
    assert len(signatures) == 3  # each attempt signed with its own timestamp


def test_failures_are_logged_and_give_up_after_six_attempts(receiver, endpoint, asset, editor, caplog):
    receiver.statuses = [503]
    delivery = _queue(asset, editor)
    clock = NOW
    for _ in range(deliveries.MAX_ATTEMPTS):
        deliveries.attempt(delivery.pk, now=clock)
        delivery.refresh_from_db()
        clock = delivery.next_attempt_at or clock
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 6
    assert delivery.next_attempt_at is None and delivery.response_code == 503
    assert delivery.response_excerpt == "answer 503"
    gaps = [b - a for a, b in zip(_times(delivery), _times(delivery)[1:])]
    assert gaps == list(deliveries.BACKOFF) and gaps == sorted(gaps)
    assert deliveries.attempt(delivery.pk, now=clock + timedelta(days=1)) is None  # nothing more
    assert len(receiver.requests) == 6
    assert "failed for good after 6 attempts" in caplog.text


def _times(delivery):
    from datetime import datetime

    return [datetime.fromisoformat(a["at"]) for a in delivery.attempt_log]


def test_redirects_are_not_followed(receiver, endpoint, asset, editor):
    receiver.statuses = [302]
    receiver.redirect_to = receiver.url.replace("/hook", "/stolen")
    delivery = deliveries.attempt(_queue(asset, editor).pk, now=NOW)
    assert delivery.status == DeliveryStatus.PENDING and delivery.response_code == 302
    assert "redirects are not followed" in delivery.error
    assert [r.path for r in receiver.requests] == ["/hook"]


def test_connection_refused_is_an_error_and_retried(receiver, endpoint, asset, editor):
    port = receiver.server.server_address[1]
    endpoint.url = f"http://127.0.0.1:{port}/hook"
    receiver.server.shutdown()
    receiver.server.server_close()
    delivery = deliveries.attempt(_queue(asset, editor).pk, now=NOW)
    assert delivery.status == DeliveryStatus.PENDING and delivery.response_code is None
    assert "ConnectionRefused" in delivery.error
    assert delivery.next_attempt_at == NOW + timedelta(seconds=30)
    receiver.server = type("S", (), {"shutdown": lambda s: None, "server_close": lambda s: None})()


def test_only_subscribed_active_endpoints_get_the_event(receiver, endpoint, asset, editor):
    assert deliveries.queue_event("archived", asset, editor, {}, now=NOW) == []  # not subscribed
    endpoint.active = False
    endpoint.save()
    assert deliveries.queue_event("published", asset, editor, {}, now=NOW) == []


def test_a_disabled_endpoint_fails_its_pending_delivery_without_a_request(receiver, endpoint, asset, editor):
    delivery = _queue(asset, editor)
    endpoint.active = False
    endpoint.save()
    delivery = deliveries.attempt(delivery.pk, now=NOW)
    assert delivery.status == DeliveryStatus.FAILED and delivery.error == "endpoint disabled"
    assert receiver.requests == []


def test_enqueued_on_commit_and_delivered_by_the_task(
    receiver, endpoint, asset, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        delivery = _queue(asset, editor, now=None)  # the real clock: the task attempts at once
    assert receiver.requests == [] and len(callbacks) == 1  # nothing sent before the commit
    for callback in callbacks:
        callback()  # the test backend runs the task at once
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and len(receiver.requests) == 1


def test_the_sweeper_picks_up_retries_the_backend_could_not_defer(
    receiver, endpoint, asset, editor, django_capture_on_commit_callbacks
):
    receiver.statuses = [500, 200]
    an_hour_ago = timezone.now() - timedelta(hours=1)
    delivery = _queue(asset, editor, now=an_hour_ago)
    deliveries.attempt(delivery.pk, now=an_hour_ago)  # failed an hour ago: its retry is long overdue
    with django_capture_on_commit_callbacks(execute=True):
        assert deliveries.sweep() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2


def test_redeliver_sends_the_same_body_as_a_new_delivery(
    receiver, endpoint, asset, editor, django_capture_on_commit_callbacks
):
    first = _queue(asset, editor, now=None)
    deliveries.attempt(first.pk)
    with django_capture_on_commit_callbacks(execute=True):
        again = deliveries.redeliver(first)
    again.refresh_from_db()
    assert again.pk != first.pk and again.status == DeliveryStatus.SUCCEEDED
    assert receiver.requests[0].body == receiver.requests[1].body


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x", "javascript:x"])
def test_non_http_urls_are_refused(url, admin_user):
    from quiver.notify.webhooks import endpoints
    from quiver.notify.webhooks.transport import RefusedURL

    with pytest.raises(RefusedURL):
        endpoints.create_endpoint(admin_user, "bad", url, ["published"])


def test_the_readme_verification_recipe_accepts_a_real_delivery(receiver, endpoint, asset, editor):
    """The receiver-side code in the README, run as documented, on what a real delivery sent."""
    import pathlib
    import re

    readme = (pathlib.Path(__file__).resolve().parents[2] / "README.md").read_text()
    recipe = re.search(r"A receiver verifies it.*?```python\n(.*?)```", readme, re.S).group(1)
    namespace: dict = {}
    exec(recipe, namespace)
    deliveries.attempt(_queue(asset, editor, now=None).pk)
    (got,) = receiver.requests
    args = (got.body, got.headers["x-quiver-timestamp"], got.headers["x-quiver-signature"])
    assert namespace["verify"](endpoint.secret, *args)
    assert not namespace["verify"]("wrong", *args)
