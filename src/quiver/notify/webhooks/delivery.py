"""Deliveries: one row per (event, endpoint), attempted by the `deliver_webhook` task after commit and retried
with exponential backoff until a 2xx answer or MAX_ATTEMPTS.

Each attempt first claims the row (a conditional UPDATE pushing `next_attempt_at` a lease ahead), so a deferred
retry and the sweeper (a periodic job picking up retries whose task was lost) never send the same attempt twice.
"""

import logging
import time
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from ..models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from . import payload as payloads
from .signing import sign
from .transport import RefusedURL, post

log = logging.getLogger(__name__)

# Wait after attempt 1, 2, ... before the next one; MAX_ATTEMPTS attempts in all.
BACKOFF = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10), timedelta(hours=1), timedelta(hours=6))
MAX_ATTEMPTS = len(BACKOFF) + 1
LEASE = timedelta(minutes=2)  # an attempt in flight holds the row this long (well above the HTTP timeout)
EXCERPT_CHARS = 1000


def queue_event(event: str, asset, actor, data: dict | None = None, now: datetime | None = None) -> list[int]:
    """A delivery for every active endpoint subscribed to `event`, each enqueued when the transaction commits."""
    now = now or timezone.now()
    endpoints = [e for e in WebhookEndpoint.objects.filter(active=True) if e.wants(event)]
    if not endpoints:
        return []
    body = payloads.encode(payloads.build(event, asset, actor, data, now))
    ids = []
    for endpoint in endpoints:
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint, event=event, asset=asset, body=body, created_at=now, next_attempt_at=now
        )
        ids.append(delivery.pk)
    for pk in ids:
        _enqueue_on_commit(pk)
    return ids


def send_test(endpoint: WebhookEndpoint, actor, now: datetime | None = None) -> WebhookDelivery:
    """A `test` event to one endpoint (whatever it subscribes to), to check the URL and the signature check."""
    now = now or timezone.now()
    payload = payloads.build("test", None, actor, {}, now)
    payload["text"] = payload["blocks"][0]["text"]["text"] = "Quiver webhook test: this endpoint is reachable."
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="test", body=payloads.encode(payload), created_at=now, next_attempt_at=now
    )
    _enqueue_on_commit(delivery.pk)
    return delivery


def redeliver(delivery: WebhookDelivery, now: datetime | None = None) -> WebhookDelivery:
    """Send the same body again as a new delivery (the old one stays in the log as it was)."""
    now = now or timezone.now()
    again = WebhookDelivery.objects.create(
        endpoint=delivery.endpoint,
        event=delivery.event,
        asset=delivery.asset,
        body=delivery.body,
        created_at=now,
        next_attempt_at=now,
    )
    _enqueue_on_commit(again.pk)
    return again


def _enqueue_on_commit(pk: int, run_after: datetime | None = None) -> None:
    from ..tasks import deliver_webhook

    def enqueue():
        task = deliver_webhook
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return  # no deferred tasks here: the sweeper (periodic job) picks the retry up when due
            task = task.using(run_after=run_after)
        task.enqueue(pk)

    transaction.on_commit(enqueue)


def _claim(pk: int, now: datetime) -> bool:
    return bool(
        WebhookDelivery.objects.filter(pk=pk, status=DeliveryStatus.PENDING, next_attempt_at__lte=now).update(
            next_attempt_at=now + LEASE
        )
    )


def attempt(pk: int, now: datetime | None = None) -> WebhookDelivery | None:
    """One attempt at delivery `pk`, if it is pending and due at `now`; None when there was nothing to do."""
    now = now or timezone.now()
    if not _claim(pk, now):
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=pk)
    endpoint = delivery.endpoint
    code, excerpt, error = None, "", ""
    started = time.monotonic()
    if not endpoint.active:
        error = "endpoint disabled"
    else:
        body = delivery.body.encode()
        try:
            response = post(endpoint.url, body, sign(endpoint.secret, body, int(now.timestamp())))
            code, excerpt = response.status, response.body[:EXCERPT_CHARS]
            if not 200 <= code < 300:
                error = f"HTTP {code}" + (" (redirects are not followed)" if 300 <= code < 400 else "")
        except RefusedURL as exc:
            error = str(exc)
        except (OSError, ValueError) as exc:  # connection refused, timeout, TLS, malformed answer
            error = f"{type(exc).__name__}: {exc}"[:500]
    _record(
        delivery,
        now,
        code,
        excerpt,
        error,
        int((time.monotonic() - started) * 1000),
        final=bool(error) and not endpoint.active,
    )
    return delivery


def _record(delivery, now, code, excerpt, error, ms, final=False):
    delivery.attempts += 1
    delivery.attempt_log = [*delivery.attempt_log, {"at": now.isoformat(), "code": code, "error": error, "ms": ms}]
    delivery.last_attempt_at, delivery.response_code = now, code
    delivery.response_excerpt, delivery.error = excerpt, error
    if not error:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.SUCCEEDED, None
    elif final or delivery.attempts >= MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
        log.warning(
            "webhook delivery %s to %s failed for good after %s attempts: %s",
            delivery.pk,
            delivery.endpoint.url,
            delivery.attempts,
            error,
        )
    else:
        delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1]
        log.warning(
            "webhook delivery %s to %s failed (attempt %s): %s; next attempt at %s",
            delivery.pk,
            delivery.endpoint.url,
            delivery.attempts,
            error,
            delivery.next_attempt_at,
        )
    delivery.save(
        update_fields=[
            "attempts",
            "attempt_log",
            "last_attempt_at",
            "response_code",
            "response_excerpt",
            "error",
            "status",
            "next_attempt_at",
        ]
    )
    if delivery.status == DeliveryStatus.PENDING:
        _enqueue_on_commit(delivery.pk, run_after=delivery.next_attempt_at)


def sweep(now: datetime | None = None, grace: timedelta = timedelta(minutes=1)) -> int:
    """Enqueue pending deliveries overdue by more than `grace` (their deferred task was lost, or the backend
    cannot defer); the claim in `attempt` keeps a late original task from sending twice."""
    now = now or timezone.now()
    ids = list(
        WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now - grace).values_list(
            "pk", flat=True
        )[:500]
    )
    for pk in ids:
        _enqueue_on_commit(pk)
    return len(ids)
