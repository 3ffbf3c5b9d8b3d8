import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from quiver.accounts import services
from quiver.core.models import AuditEntry
from quiver.core.roles import Role
from quiver.library import policy

from .helpers import last_audit


def test_create_user_audited_with_default_group(admin_user):
    user = services.create_user("newbie", "editor", "pw-newbie-123", email="n@example.com", actor=admin_user)
    assert list(user.groups.values_list("name", flat=True)) == ["Marketing"]
    entry = last_audit("user.create")
    assert entry.actor == admin_user and entry.object_id == str(user.pk)
    assert entry.after["role"] == "editor" and entry.after["groups"] == ["Marketing"]
    assert "password" not in entry.after


def test_set_role_changes_admin_flags_and_audits(admin_user, viewer):
    services.set_role(viewer, "admin", actor=admin_user)
    viewer.refresh_from_db()
    assert viewer.role == Role.ADMIN and viewer.is_superuser and policy.is_admin(viewer)
    entry = last_audit("user.role")
    assert (entry.before, entry.after) == ({"role": "viewer"}, {"role": "admin"})
    services.set_role(viewer, "viewer", actor=admin_user)
    viewer.refresh_from_db()
    assert not viewer.is_superuser and not policy.is_admin(viewer)


def test_last_active_admin_cannot_be_demoted_or_deactivated(admin_user):
    with pytest.raises(ValidationError, match="last active admin"):
        services.set_role(admin_user, "editor", actor=admin_user)
    with pytest.raises(ValidationError, match="last active admin"):
        services.set_active(admin_user, False, actor=admin_user)
    admin_user.refresh_from_db()
    assert admin_user.role == Role.ADMIN and admin_user.is_active
    assert last_audit("user.role") is None and last_audit("user.deactivate") is None


def test_second_admin_lifts_the_guard(admin_user, editor):
    services.set_role(editor, "admin", actor=admin_user)
    services.set_active(admin_user, False, actor=editor)
    admin_user.refresh_from_db()
    assert not admin_user.is_active
    # Now editor (promoted) is the last active admin.
    with pytest.raises(ValidationError):
        services.set_role(editor, "viewer", actor=editor)
    entry = last_audit("user.deactivate")
    assert entry.before == {"role": "admin", "is_active": True} and entry.after["is_active"] is False


def test_deactivated_admin_does_not_count(admin_user, editor):
    other = services.create_user("other-admin", "admin", "pw-other-123")
    services.set_active(other, False, actor=admin_user)
    with pytest.raises(ValidationError):
        services.set_active(admin_user, False, actor=admin_user)
    services.set_active(other, True, actor=admin_user)
    assert last_audit("user.activate").after["is_active"] is True
    services.set_active(admin_user, False, actor=other)  # allowed now


def test_groups_and_members_audited(admin_user, viewer):
    partners = services.create_group("  Partner   team ", actor=admin_user)
    assert partners.name == "Partner team"
    assert last_audit("group.create").after == {"name": "Partner team"}
    with pytest.raises(ValidationError):
        services.create_group("partner TEAM")
    services.set_groups(viewer, [partners], actor=admin_user)
    entry = last_audit("user.groups")
    assert entry.before == {"groups": ["Sales"]} and entry.after == {"groups": ["Partner team"]}
    services.rename_group(partners, "Partners", actor=admin_user)
    assert last_audit("group.rename").before == {"name": "Partner team"}
    services.set_group_members(partners, [viewer, admin_user], actor=admin_user)
    entry = last_audit("group.members")
    assert entry.before == {"members": ["vera"]} and entry.after == {"members": ["ada", "vera"]}
    assert set(Group.objects.get(name="Partners").user_set.values_list("username", flat=True)) == {"ada", "vera"}


def test_no_audit_when_nothing_changes(admin_user, viewer):
    services.set_role(viewer, "viewer", actor=admin_user)
    services.set_groups(viewer, list(viewer.groups.all()), actor=admin_user)
    services.update_profile(viewer, actor=admin_user, first_name="")
    assert not {"user.role", "user.groups", "user.update"} & set(AuditEntry.objects.values_list("action", flat=True))


def test_update_profile_audits_before_after(admin_user, viewer):
    services.update_profile(viewer, actor=admin_user, first_name="Vera", email="vera@example.com")
    entry = last_audit("user.update")
    assert entry.before["first_name"] == "" and entry.after["first_name"] == "Vera"
    assert entry.after["email"] == "vera@example.com"
