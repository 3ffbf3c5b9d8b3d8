"""The pages: my notifications (visible only, unread first, open/mark read), the bell, settings; webhook pages for
admins only (refusals change nothing), creating an endpoint, the delivery log and redelivery; the API."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quiver.library import services as library
from quiver.notify import services
from quiver.notify.models import Notification, NotificationPreference, WebhookDelivery, WebhookEndpoint

from .matrix_rows import NOTIFY_ROWS


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def hidden(admin_user):
    secret = library.create_collection(admin_user, name="Board room", parent=None)
    return library.create_asset(admin_user, title="Hidden plan", link_url="https://example.com/h", collections=[secret])


def test_inbox_shows_mine_unread_first_and_the_bell_counts(asset, viewer, editor, hidden):
    services.notify(viewer, "published", asset, "First <b>news</b>")
    second = services.notify(viewer, "expired", asset, "Second")
    services.notify(editor, "published", asset, "For eddie only")
    Notification.objects.create(
        recipient=viewer, kind="published", asset=hidden, message="Hidden plan leaked", created_at=timezone.now()
    )  # made behind the policy's back: still not shown
    services.mark_read(viewer, second.pk)
    page = _client(viewer).get(reverse("notify:inbox")).content.decode()
    assert "First &lt;b&gt;news&lt;/b&gt;" in page and "<b>news" not in page
    assert page.index("First") < page.index("Second")  # unread first
    assert "For eddie only" not in page and "Hidden plan" not in page
    assert 'class="badge badge-current">1<' in page  # the bell: one unread, the hidden one not counted


def test_no_bell_number_when_nothing_is_unread(viewer):
    page = _client(viewer).get(reverse("library:home")).content.decode()
    assert reverse("notify:inbox") in page and "badge-current" not in page


def test_open_marks_read_and_goes_to_the_asset(asset, viewer):
    note = services.notify(viewer, "published", asset, "Open me")
    response = _client(viewer).post(reverse("notify:read", args=[note.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == f"/assets/{asset.pk}/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_an_outside_url_is_not_followed(asset, viewer):
    note = services.notify(viewer, "published", asset, "Phish", url="https://evil.example/")
    response = _client(viewer).post(reverse("notify:read", args=[note.pk]), {"open": "1"})
    assert response["Location"] == reverse("notify:inbox")


def test_someone_elses_notification_is_a_404_and_stays_unread(asset, viewer, editor):
    note = services.notify(editor, "published", asset, "Eddie's")
    assert _client(viewer).post(reverse("notify:read", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_read_all(asset, viewer):
    for i in range(3):
        services.notify(viewer, "published", asset, f"n{i}")
    assert _client(viewer).post(reverse("notify:read_all")).status_code == 302
    assert not Notification.objects.filter(recipient=viewer, read_at__isnull=True).exists()


def test_settings_mute_kinds_and_choose_the_digest(viewer):
    client = _client(viewer)
    shown = ["published", "expired"]
    assert client.post(reverse("notify:preferences"), {"shown": shown, "digest": "weekly"}).status_code == 302
    pref = NotificationPreference.objects.get(user=viewer)
    assert pref.digest == "weekly" and "submitted" in pref.muted_kinds and "published" not in pref.muted_kinds
    page = client.get(reverse("notify:preferences")).content.decode()
    ticked = set(re.findall(r'<input type="checkbox" name="shown" value="([a-z_]+)"[^>]* checked>', page))
    assert ticked == {"published", "expired"}
    assert re.search(r'<option value="weekly" selected>', page)


WEBHOOK_PAGES = [("notify:webhooks", {}), ("notify:webhook_create", {}), ("notify:deliveries", {})]


@pytest.mark.parametrize("name,kwargs", WEBHOOK_PAGES)
def test_webhook_pages_are_for_admins_only(name, kwargs, viewer, editor, admin_user):
    assert _client(viewer).get(reverse(name)).status_code == 403
    assert _client(editor).get(reverse(name)).status_code == 403
    assert _client(admin_user).get(reverse(name)).status_code == 200


def test_editors_cannot_create_change_or_redeliver(editor, endpoint, asset):
    client = _client(editor)
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="published", asset=asset, body="{}", created_at=timezone.now()
    )
    posts = [
        (reverse("notify:webhook_create"), {"name": "x", "url": "https://e.com", "events": ["published"]}),
        (reverse("notify:webhook", args=[endpoint.pk]), {"name": "x", "url": "https://e.com", "events": ["published"]}),
        (reverse("notify:webhook_delete", args=[endpoint.pk]), {}),
        (reverse("notify:redeliver", args=[delivery.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403
    assert list(WebhookEndpoint.objects.values_list("name", flat=True)) == ["Slack #content"]
    assert WebhookDelivery.objects.count() == 1


def test_admin_creates_an_endpoint_and_sees_its_secret(admin_user):
    client = _client(admin_user)
    response = client.post(
        reverse("notify:webhook_create"),
        {"name": "Ops", "url": "https://hooks.example.com/q", "events": ["expired", "published"], "active": "on"},
    )
    endpoint = WebhookEndpoint.objects.get(name="Ops")
    assert response["Location"] == reverse("notify:webhook", args=[endpoint.pk])
    assert endpoint.events == ["expired", "published"] and endpoint.secret.startswith("whsec_")
    page = client.get(response["Location"]).content.decode()
    assert endpoint.secret in page and "X-Quiver-Signature" in page
    refused = client.post(
        reverse("notify:webhook_create"), {"name": "Bad", "url": "ftp://x.example.com/", "events": ["expired"]}
    )
    assert refused.status_code == 400 and not WebhookEndpoint.objects.filter(name="Bad").exists()


def test_rotating_the_secret(admin_user, endpoint):
    old = endpoint.secret
    _client(admin_user).post(
        reverse("notify:webhook", args=[endpoint.pk]),
        {"name": endpoint.name, "url": endpoint.url, "events": endpoint.events, "active": "on", "new_secret": "on"},
    )
    endpoint.refresh_from_db()
    assert endpoint.secret != old


def test_delivery_log_filters_and_shows_payload_and_response(admin_user, endpoint, asset, editor, receiver):
    from quiver.notify.webhooks import delivery as deliveries

    receiver.statuses = [500]
    ok_id = deliveries.queue_event("published", asset, editor, {})[0]
    deliveries.attempt(ok_id)
    other = WebhookEndpoint.objects.create(name="Other", url="https://o.example.com", secret="s", events=["published"])
    WebhookDelivery.objects.create(endpoint=other, event="published", body="{}", created_at=timezone.now())
    client = _client(admin_user)
    listing = client.get(reverse("notify:deliveries"), {"endpoint": endpoint.pk, "status": "pending"})
    rows = listing.content.decode()
    assert reverse("notify:delivery", args=[ok_id]) in rows and "Other" not in rows.split("<tbody>")[1]
    detail = client.get(reverse("notify:delivery", args=[ok_id])).content.decode()
    assert "answer 500" in detail and "HTTP 500" in detail
    assert "Pricing &lt;2026&gt; &amp; co" in detail  # the payload, escaped


def test_redeliver_makes_a_new_delivery(
    admin_user, endpoint, asset, editor, receiver, django_capture_on_commit_callbacks
):
    from quiver.notify.webhooks import delivery as deliveries

    first = deliveries.queue_event("published", asset, editor, {})[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(admin_user).post(reverse("notify:redeliver", args=[first]))
    again = WebhookDelivery.objects.exclude(pk=first).get()
    assert response["Location"] == reverse("notify:delivery", args=[again.pk])
    assert again.status == "succeeded" and len(receiver.requests) == 1


def test_api_lists_only_mine_and_marks_read(asset, viewer, editor, hidden):
    from quiver.accounts.services import issue_token

    note = services.notify(viewer, "published", asset, "Yours")
    services.notify(editor, "published", asset, "Not yours")
    Notification.objects.create(
        recipient=viewer, kind="published", asset=hidden, message="Hidden", created_at=timezone.now()
    )
    api = Client(headers={"Authorization": f"Bearer {issue_token(viewer)}"})
    body = api.get("/api/v1/notifications").json()
    assert body["count"] == 1 and body["unread"] == 1
    assert body["items"][0] | {"created_at": None} == {
        "id": note.pk,
        "kind": "published",
        "message": "Yours",
        "url": f"/assets/{asset.pk}/",
        "asset_id": asset.pk,
        "created_at": None,
        "read": False,
    }
    assert api.post(f"/api/v1/notifications/{note.pk}/read").json()["read"] is True
    assert api.get("/api/v1/notifications?unread=true").json()["count"] == 0
    other = Notification.objects.get(message="Not yours")
    assert api.post(f"/api/v1/notifications/{other.pk}/read").status_code == 404
    assert json.loads(api.post("/api/v1/notifications/read-all").content) == {"marked": 0}


def test_every_notify_route_has_a_matrix_row():
    from tests.api.world import all_routes

    names = {
        r.name for r in all_routes() if r.name.startswith("notify:") or r.route.startswith("/api/v1/notifications")
    }
    assert names and names <= {row[0] for row in NOTIFY_ROWS}


def test_inbox_and_delivery_log_queries_do_not_grow_with_rows(
    asset, viewer, admin_user, endpoint, django_assert_max_num_queries
):
    from quiver.notify.webhooks import delivery as deliveries

    for i in range(30):
        services.notify(viewer, "published", asset, f"n{i}")
        deliveries.queue_event("published", asset, admin_user, {})
    client, admin = _client(viewer), _client(admin_user)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("notify:inbox")).status_code == 200
    with django_assert_max_num_queries(12):
        assert admin.get(reverse("notify:deliveries")).status_code == 200


def test_send_a_test_event(admin_user, endpoint, receiver, django_capture_on_commit_callbacks):
    from quiver.notify.webhooks.signing import verify

    with django_capture_on_commit_callbacks(execute=True):
        response = _client(admin_user).post(reverse("notify:webhook_test", args=[endpoint.pk]))
    sent = WebhookDelivery.objects.get(event="test")
    assert response["Location"] == reverse("notify:delivery", args=[sent.pk]) and sent.status == "succeeded"
    (got,) = receiver.requests
    body = json.loads(got.body)
    assert body["quiver"]["event"] == "test" and body["quiver"]["asset"] is None
    assert body["text"] == "Quiver webhook test: this endpoint is reachable."
    assert verify(endpoint.secret, got.body, got.headers["x-quiver-timestamp"], got.headers["x-quiver-signature"])
