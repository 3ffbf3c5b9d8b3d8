"""Rows for tests/test_permission_matrix.py (owned by the notify engineer): every notify route and every
notifications API endpoint. Each row is Case(*row): (url name, method, expected codes in ROLES order
"anon viewer editor outsider admin", url kwargs, data builder, kind, note).

The world has no webhook endpoint or delivery, so the builders make one with a fixed id (4242) before the
request (every role's request runs in its own savepoint, rolled back after). Notifications, endpoints and
deliveries are not in the matrix's state snapshot: changes to them alone are marked `~`; tests/notify checks
that refusals change nothing.
    MATRIX = ... + [Case(*row) for row in NOTIFY_ROWS]
"""

from django.utils import timezone

from quiver.notify.models import WebhookDelivery, WebhookEndpoint

ADMIN_ONLY, ADMIN_POST = "L 403 403 403 200", "L 403 403 403 302"
ANY_LOGIN = "L 200 200 200 200"
EP, DL, NONE = {"pk": 4242}, {"pk": 4242}, {"pk": 999999}


def _endpoint(w) -> WebhookEndpoint:
    endpoint, _ = WebhookEndpoint.objects.get_or_create(
        pk=4242,
        defaults={"name": "Matrix hook", "url": "http://127.0.0.1:9/hook", "secret": "s", "events": ["published"]},
    )
    return endpoint


def _with_endpoint(w):
    _endpoint(w)
    return {}


def _endpoint_form(w):
    _endpoint(w)
    return {
        "name": "Renamed hook",
        "url": "https://example.com/hook",
        "events": ["published", "expired"],
        "active": "on",
    }


def _with_delivery(w):
    WebhookDelivery.objects.get_or_create(
        pk=4242,
        defaults={
            "endpoint": _endpoint(w),
            "event": "published",
            "asset": w["hidden"],
            "body": '{"text": "Hidden plan"}',
            "created_at": timezone.now(),
        },
    )
    return {}


def _new_endpoint(w):
    return {"name": "New hook", "url": "https://example.com/new", "events": ["published"], "active": "on"}


def _bad_endpoint(w):
    return {"name": "Bad hook", "url": "file:///etc/passwd", "events": ["published"]}


NOTIFY_ROWS = [
    # My notifications (web)
    ("notify:inbox", "get", ANY_LOGIN),
    ("notify:read", "post", "L 404 404 404 404", NONE, None, "form", "not mine"),
    ("notify:read", "get", "L 405 405 405 405", NONE),
    ("notify:read_all", "post", "L 302~ 302~ 302~ 302~"),
    ("notify:preferences", "get", ANY_LOGIN),
    (
        "notify:preferences",
        "post",
        "L 302~ 302~ 302~ 302~",
        {},
        lambda w: {"digest": "weekly", "shown": ["published"]},
        "form",
    ),
    ("notify:preferences", "post", "L 400= 400= 400= 400=", {}, lambda w: {"digest": "hourly"}, "form", "bad"),
    # Webhooks: admins only
    ("notify:webhooks", "get", ADMIN_ONLY),
    ("notify:webhook_create", "get", ADMIN_ONLY),
    ("notify:webhook_create", "post", ADMIN_POST, {}, _new_endpoint, "form"),
    ("notify:webhook_create", "post", "L 403 403 403 400=", {}, _bad_endpoint, "form", "file url"),
    ("notify:webhook", "get", ADMIN_ONLY, EP, _with_endpoint),
    ("notify:webhook", "get", "L 403 403 403 404", NONE, None, "json", "unknown"),
    ("notify:webhook", "post", ADMIN_POST, EP, _endpoint_form, "form"),
    ("notify:webhook_delete", "post", ADMIN_POST, EP, _with_endpoint, "form"),
    ("notify:webhook_delete", "get", "L 403 403 403 405", EP, _with_endpoint),
    ("notify:webhook_test", "post", "L 403 403 403 302~", EP, _with_endpoint, "form"),
    ("notify:webhook_test", "post", "L 403 403 403 404", NONE, None, "form", "unknown"),
    ("notify:deliveries", "get", ADMIN_ONLY),
    ("notify:delivery", "get", ADMIN_ONLY, DL, _with_delivery),
    ("notify:redeliver", "post", "L 403 403 403 302~", DL, _with_delivery, "form"),
    # API: the caller's own notifications
    ("api:notifications", "get", "401 200 200 200 200"),
    ("api:notifications_read_all", "post", "401 200~ 200~ 200~ 200~"),
    ("api:notification_read", "post", "401 404 404 404 404", {"notification_id": 999999}),
]
