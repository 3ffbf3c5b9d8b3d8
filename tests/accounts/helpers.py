"""Test helpers for the administration pages: logged-in clients with CSRF enforced, as in production."""

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from quiver.core.models import AuditEntry

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def client_for(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def csrf_post(client: Client, url: str, data: dict | None = None, **kwargs):
    """POST with the CSRF token taken from a rendered form, the way a browser sends it."""
    page = client.get("/accounts/me/password/")
    match = TOKEN_RE.search(page.content.decode())
    assert match, "no CSRF token on the password page"
    return client.post(url, {**(data or {}), "csrfmiddlewaretoken": match.group(1)}, **kwargs)


def last_audit(action: str) -> AuditEntry | None:
    return AuditEntry.objects.filter(action=action).order_by("-id").first()


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)
