"""The admin page of lifecycle rules: approval policies and review cadences take effect."""

from django.contrib.auth.models import Group
from django.test import Client

from quiver.lifecycle import selectors
from quiver.lifecycle.models import ApprovalPolicy, ReviewCadence


def test_admin_sets_a_policy_and_cadences(admin_user, editor, published, root):
    legal = Group.objects.create(name="Legal")
    client = Client()
    client.force_login(admin_user)
    assert (
        client.post("/lifecycle/rules/", {"kind": "policy", "collection": root.pk, "approvers": legal.pk}).status_code
        == 302
    )
    assert selectors.approval_policy_for(published).approvers == legal
    client.post("/lifecycle/rules/", {"kind": "cadence", "asset_type": "document", "days": 90})
    assert selectors.cadence_days(published) == 90
    client.post("/lifecycle/rules/", {"kind": "cadence", "collection": root.pk, "days": 30})
    client.post("/lifecycle/rules/", {"kind": "cadence", "collection": root.pk, "days": 20})  # replaces
    assert selectors.cadence_days(published) == 20 and ReviewCadence.objects.count() == 2
    response = client.post(
        "/lifecycle/rules/", {"kind": "cadence", "collection": root.pk, "asset_type": "deck", "days": 5}
    )
    assert response.status_code == 200 and "one of them" in response.content.decode()
    page = client.get("/lifecycle/rules/").content.decode()
    assert "Legal" in page and "20 days" in page
    cadence = ReviewCadence.objects.get(collection=root)
    client.post(f"/lifecycle/rules/cadences/{cadence.pk}/delete/")
    assert selectors.cadence_days(published) == 90
    client.post(f"/lifecycle/rules/policies/{ApprovalPolicy.objects.get().pk}/delete/")
    assert selectors.approval_policy_for(published) is None
    other = Client()
    other.force_login(editor)
    assert other.get("/lifecycle/rules/").status_code == 403
