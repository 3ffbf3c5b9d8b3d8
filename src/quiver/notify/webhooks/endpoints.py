"""Changing webhook endpoints (admins, through the views): each change is audited, the secret never is."""

from quiver.core import audit

from ..models import WebhookEndpoint
from .signing import new_secret
from .transport import check_url

AUDITED = ["name", "url", "events", "active"]


def create_endpoint(actor, name: str, url: str, events: list[str], active: bool = True) -> WebhookEndpoint:
    check_url(url)
    endpoint = WebhookEndpoint.objects.create(
        name=name, url=url, events=sorted(set(events)), active=active, secret=new_secret()
    )
    audit.record(actor, "webhook.create", endpoint, after=audit.snapshot(endpoint, AUDITED))
    return endpoint


def update_endpoint(actor, endpoint: WebhookEndpoint, *, rotate_secret: bool = False, **changes) -> WebhookEndpoint:
    before = audit.snapshot(WebhookEndpoint.objects.get(pk=endpoint.pk), AUDITED)
    if "url" in changes:
        check_url(changes["url"])
    if "events" in changes:
        changes["events"] = sorted(set(changes["events"]))
    for key, value in changes.items():
        setattr(endpoint, key, value)
    if rotate_secret:
        endpoint.secret = new_secret()
    endpoint.save()
    after = audit.snapshot(endpoint, AUDITED)
    if rotate_secret:
        before["secret"], after["secret"] = "(old)", "(new)"
    audit.record(actor, "webhook.update", endpoint, before=before, after=after)
    return endpoint


def delete_endpoint(actor, endpoint: WebhookEndpoint) -> None:
    audit.record(actor, "webhook.delete", endpoint, before=audit.snapshot(endpoint, AUDITED))
    endpoint.delete()
