"""Who hears that an asset was submitted for review: exactly the people who may decide it (policy.can_decide_review),
with and without an approval policy, and never someone who cannot see the asset."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from quiver.accounts.services import create_user
from quiver.library import policy
from quiver.library import services as library
from quiver.library.models import AssetStatus, CollectionGrant, GrantLevel
from quiver.lifecycle import selectors
from quiver.lifecycle import services as lifecycle
from quiver.lifecycle.models import ApprovalPolicy
from quiver.notify import recipients
from quiver.notify.models import Notification

from .conftest import NOW


def _person(username, role, *grants):
    """A user in their own group only (not the default Marketing/Sales groups), with `grants`
    [(collection, level)]."""
    user = create_user(username, role, "pw-person-12345")
    user.groups.clear()
    group = Group.objects.create(name=f"g-{username}")
    user.groups.add(group)
    for collection, level in grants:
        CollectionGrant.objects.create(collection=collection, group=group, level=level)
    return user


@pytest.fixture
def world(root, admin_user):
    sales = library.create_collection(admin_user, name="Sales", parent=root)
    pricing = library.create_collection(admin_user, name="Pricing", parent=sales)
    legal = library.create_collection(admin_user, name="Legal", parent=root)
    edit, view = GrantLevel.EDIT, GrantLevel.VIEW
    people = {
        "submitter": _person("sub", "editor", (pricing, edit)),
        "peer": _person("peer", "editor", (pricing, edit)),
        "above": _person("above", "editor", (sales, edit)),  # a grant covers everything below it
        "looker": _person("looker", "editor", (sales, view)),  # sees the draft, may not edit it
        "seller": _person("seller", "viewer", (sales, view)),  # viewers see published assets only
        "seller_edit": _person("seller2", "viewer", (sales, edit)),  # a role caps what a grant gives
        "outsider": _person("outsider", "editor", (legal, edit)),  # cannot see it
        "gone": _person("gone", "editor", (pricing, edit)),
        "admin": admin_user,
    }
    people["gone"].is_active = False
    people["gone"].save(update_fields=["is_active"])
    asset = library.create_asset(
        people["submitter"],
        title="Price list",
        link_url="https://example.com/p",
        collections=[pricing],
        status=AssetStatus.DRAFT,
    )
    return asset, people, sales


def _told(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user, kind="submitted").values_list("message", flat=True))


def _brute_force(asset, submitter) -> list:
    """Every active user, asked one by one: the reference the narrowed candidate query must match."""
    users = get_user_model().objects.filter(is_active=True).order_by("pk")
    return [u for u in users if policy.can_decide_review(u, asset, submitter.pk)]


def _names(users) -> set[str]:
    return {u.username for u in users}


def test_without_a_policy_the_editors_who_may_edit_it_and_the_admins_are_told(world, committed):
    asset, people, _ = world
    submitter = people["submitter"]
    expected = [people["peer"], people["above"], people["admin"]]
    # the decision rule itself (so the test would catch a change of the rule, not only of the notification)
    assert _names(_brute_force(asset, submitter)) == _names(expected)
    assert recipients.approvers(asset, submitter.pk) == sorted(expected, key=lambda u: u.pk)

    with committed():  # notifications follow the commit
        lifecycle.submit_for_review(submitter, asset, "please", now=NOW)
    told = {name for name, user in people.items() if _told(user)}
    assert told == {"peer", "above", "admin"}
    assert _told(people["peer"]) == ["sub submitted “Price list” for review"]
    # the looker can see the asset but may not approve it; the outsider may edit elsewhere but cannot see it
    assert policy.can_view_asset(people["looker"], asset) and not policy.can_view_asset(people["outsider"], asset)
    # whoever is told has the request in their approvals inbox, and no other editor does
    for name in ("peer", "above", "looker", "outsider", "submitter"):
        in_inbox = [r.asset_id for r in selectors.approvals_inbox(people[name])] == [asset.pk]
        assert in_inbox == (name in told), name


def test_without_a_policy_an_asset_in_no_collection_is_decided_by_admins_and_its_other_owner(world, editor):
    _, people, _ = world
    asset = library.create_asset(
        people["submitter"],
        title="Loose",
        link_url="https://example.com/l",
        owner=people["looker"],
        status=AssetStatus.DRAFT,
    )
    # the looker owns it (so may edit it); Marketing's editor has no collection that holds it
    assert _names(recipients.approvers(asset, people["submitter"].pk)) == {"looker", "ada"}
    assert _names(_brute_force(asset, people["submitter"])) == {"looker", "ada"}


def test_under_a_policy_only_its_approver_group_members_who_can_see_the_asset(world, committed):
    asset, people, sales = world
    approvers = Group.objects.create(name="Pricing approvers")
    for name in ("peer", "looker", "seller", "outsider", "submitter", "gone"):
        people[name].groups.add(approvers)
    ApprovalPolicy.objects.create(collection=sales, approvers=approvers)
    submitter = people["submitter"]
    # looker: in the group, sees it (an editor with a view grant): decides under a policy (no edit right needed);
    # seller: in the group but a viewer; outsider: in the group but cannot see it; the admin is not in the group
    expected = {"peer", "looker"}
    assert _names(recipients.approvers(asset, submitter.pk)) == expected
    assert _names(u for u in _brute_force(asset, submitter) if not policy.is_admin(u)) == expected

    with committed():
        lifecycle.submit_for_review(submitter, asset, now=NOW)
    told = {name for name, user in people.items() if _told(user)}
    assert told == expected  # not "above" (may edit, not an approver), not the admin, not the submitter


def test_self_approval_puts_the_submitter_among_the_deciders_but_nobody_is_told_of_their_own_act(world, committed):
    asset, people, sales = world
    approvers = Group.objects.create(name="Pricing approvers")
    people["submitter"].groups.add(approvers)
    found = ApprovalPolicy.objects.create(collection=sales, approvers=approvers)
    submitter = people["submitter"]
    assert recipients.approvers(asset, submitter.pk) == []
    found.allow_self_approval = True
    found.save(update_fields=["allow_self_approval"])
    assert recipients.approvers(asset, submitter.pk) == [submitter]
    with committed():
        lifecycle.submit_for_review(submitter, asset, now=NOW)
    assert _told(submitter) == []  # the request is in their own inbox: no notification about their own act
    assert [r.asset_id for r in selectors.approvals_inbox(submitter)] == [asset.pk]


def test_a_submission_on_upload_under_a_policy_tells_the_approvers(world, committed):
    asset, people, sales = world
    approvers = Group.objects.create(name="Pricing approvers")
    people["peer"].groups.add(approvers)
    ApprovalPolicy.objects.create(collection=sales, approvers=approvers)
    pricing = asset.collections.get()
    with committed():
        uploaded = library.create_asset(
            people["above"], title="New sheet", link_url="https://example.com/n", collections=[pricing]
        )
    uploaded.refresh_from_db()
    assert uploaded.status == AssetStatus.IN_REVIEW
    assert _told(people["peer"]) == ["above submitted “New sheet” for review"]
    assert _told(people["submitter"]) == []  # may edit it, but is not an approver
