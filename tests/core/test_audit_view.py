import datetime

from django.db import connection
from django.utils import timezone

from quiver.accounts import services as accounts
from quiver.core import audit
from quiver.core.models import AuditEntry
from quiver.library import services as library
from tests.accounts.helpers import client_for, count_queries


def _backdate(entry, days):
    when = timezone.now() - datetime.timedelta(days=days)
    with connection.cursor() as cursor:  # entries are append-only through the ORM; a test may rewrite history
        cursor.execute("UPDATE core_auditentry SET created_at = %s WHERE id = %s", [when, entry.pk])


def test_entry_shows_who_what_when_and_a_diff_table(admin_user, viewer):
    accounts.set_role(viewer, "editor", actor=admin_user)
    html = client_for(admin_user).get("/audit/").content.decode()
    assert "user.role" in html and "ada" in html and "vera" in html
    assert '<td class="adm-before">viewer</td><td class="adm-after">editor</td>' in html
    assert f'href="/accounts/users/{viewer.pk}/"' in html


def test_filters(admin_user, editor, viewer, root):
    accounts.set_role(viewer, "editor", actor=admin_user)
    accounts.set_groups(viewer, [], actor=editor)
    asset = library.create_asset(editor, title="Pricing 2026", link_url="https://example.com/p", collections=[root])
    client = client_for(admin_user)

    def actions(query):
        page = client.get("/audit/?" + query).context["page"]
        return [e.action for e in page]

    assert set(actions("actor=eddie")) == {"user.groups", "asset.create"}
    assert actions("action=user.role") == ["user.role"]
    assert set(actions("action=user.")) == {"user.role", "user.groups", "user.create"}
    assert actions(f"object_type=asset&object_id={asset.pk}") == ["asset.create"]
    old = AuditEntry.objects.get(action="user.role")
    _backdate(old, 10)
    today = timezone.localdate()
    assert "user.role" not in actions(f"since={today.isoformat()}")
    assert actions(f"until={(today - datetime.timedelta(days=5)).isoformat()}") == ["user.role"]
    # A bad date is reported and ignored rather than failing.
    response = client.get("/audit/?since=yesterday")
    assert response.status_code == 200 and b"not understood" in response.content


def test_asset_history_link_target(admin_user, editor, root):
    asset = library.create_asset(editor, title="Deck", link_url="https://example.com/d", collections=[root])
    library.update_asset(editor, asset, title="Deck v2")
    other = library.create_asset(editor, title="Other", link_url="https://example.com/o", collections=[root])
    response = client_for(admin_user).get(f"/audit/?object_type=asset&object_id={asset.pk}")
    entries = list(response.context["page"])
    assert {e.object_id for e in entries} == {str(asset.pk)} and len(entries) == 2
    html = response.content.decode()
    assert "Deck v2" in html and f'href="/assets/{asset.pk}/"' in html and f"/assets/{other.pk}/" not in html


def test_user_text_in_entries_is_escaped(admin_user, editor, root):
    library.create_asset(
        editor, title="<script>alert('x')</script>", link_url="https://example.com/x", collections=[root]
    )
    html = client_for(admin_user).get("/audit/").content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_pagination_keeps_filters(admin_user, viewer):
    for i in range(60):
        audit.record(admin_user, "test.bulk", viewer, before={"n": i}, after={"n": i + 1})
    client = client_for(admin_user)
    first = client.get("/audit/?action=test.bulk")
    assert len(first.context["page"]) == 50 and first.context["page"].paginator.count == 60
    assert "action=test.bulk&amp;page=2" in first.content.decode()
    second = client.get("/audit/?action=test.bulk&page=2")
    assert len(second.context["page"]) == 10


def test_no_n_plus_one(admin_user, viewer):
    client = client_for(admin_user)
    accounts.set_role(viewer, "editor", actor=admin_user)
    few = count_queries(client, "/audit/")
    for i in range(40):
        audit.record(admin_user if i % 2 else viewer, f"test.a{i % 4}", viewer, before={"n": i}, after={"n": -i})
    assert count_queries(client, "/audit/") == few
