"""Changing users, groups and tokens. Every change is audited with before/after; callers own the transaction."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from quiver.core import audit
from quiver.core.roles import Role

from .models import ApiToken, User

# New users join the group that carries their role's default grants on the library root.
DEFAULT_GROUP = {Role.ADMIN: "Marketing", Role.EDITOR: "Marketing", Role.VIEWER: "Sales"}
PROFILE_FIELDS = ["first_name", "last_name", "email"]


def _user_state(user: User) -> dict:
    return {"role": str(user.role), "is_active": user.is_active}


def _group_names(user: User) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


def active_admins():
    return User.objects.filter(is_active=True).filter(Q(role=Role.ADMIN) | Q(is_superuser=True))


def _guard_last_admin(user: User, *, role: str, is_active: bool) -> None:
    """Refuse a change that would leave no active admin (an admin demoting or deactivating the last one)."""
    was_admin = user.is_active and (user.role == Role.ADMIN or user.is_superuser)
    stays_admin = is_active and role == Role.ADMIN
    if not was_admin or stays_admin:
        return
    with transaction.atomic():
        # Lock every active admin row (in a fixed order) so two admins demoting each other at once cannot
        # both pass the check on PostgreSQL; the lock holds until the caller's transaction ends.
        admins = list(active_admins().select_for_update().order_by("pk").values_list("pk", flat=True))
    if not set(admins) - {user.pk}:
        raise ValidationError(f"{user.username} is the last active admin; make someone else admin first.")


def create_user(
    username: str,
    role: str,
    password: str | None = None,
    *,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    actor=None,
) -> User:
    role = Role(role)
    user = User(
        username=username,
        role=role,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    group, _ = Group.objects.get_or_create(name=DEFAULT_GROUP[role])
    user.groups.add(group)
    audit.record(
        actor,
        "user.create",
        user,
        after={
            "username": username,
            "role": role.value,
            "email": email,
            "first_name": first_name,
            "last_name": last_name,
            "groups": [group.name],
        },
    )
    return user


def update_profile(user: User, actor=None, **fields) -> User:
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    before = audit.snapshot(user, PROFILE_FIELDS)
    for name, value in fields.items():
        setattr(user, name, (value or "").strip())
    user.full_clean(exclude=["password"])
    after = audit.snapshot(user, PROFILE_FIELDS)
    if after != before:
        user.save(update_fields=list(fields))
        audit.record(actor, "user.update", user, before=before, after=after)
    return user


def set_role(user: User, role: str, actor=None) -> User:
    role = Role(role)
    if role == user.role and user.is_superuser == (role == Role.ADMIN):
        return user
    _guard_last_admin(user, role=role, is_active=user.is_active)
    before = {"role": str(user.role)}
    user.role = role
    user.is_staff = user.is_superuser = user.role == Role.ADMIN
    user.save(update_fields=["role", "is_staff", "is_superuser"])
    audit.record(actor, "user.role", user, before=before, after={"role": str(user.role)})
    return user


def set_active(user: User, active: bool, actor=None) -> User:
    """Deactivate or reactivate (users are never deleted: their history stays attributed)."""
    if user.is_active == active:
        return user
    if not active:
        _guard_last_admin(user, role=user.role if not user.is_superuser else Role.ADMIN, is_active=False)
    before = _user_state(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(actor, "user.activate" if active else "user.deactivate", user, before=before, after=_user_state(user))
    return user


def set_groups(user: User, groups, actor=None) -> User:
    before = _group_names(user)
    user.groups.set(list(groups))
    after = _group_names(user)
    if after != before:
        audit.record(actor, "user.groups", user, before={"groups": before}, after={"groups": after})
    return user


def record_password_change(user: User, actor=None) -> None:
    """The password itself is never logged; only that it changed."""
    audit.record(actor or user, "user.password", user, before={"password": "(old)"}, after={"password": "(changed)"})


def _clean_group_name(name: str, exclude_pk=None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("A group needs a name.")
    if len(name) > 150:
        raise ValidationError("Group names have at most 150 characters.")
    if Group.objects.filter(name__iexact=name).exclude(pk=exclude_pk).exists():
        raise ValidationError(f"A group named {name!r} already exists.")
    return name


def create_group(name: str, actor=None) -> Group:
    group = Group.objects.create(name=_clean_group_name(name))
    audit.record(actor, "group.create", group, after={"name": group.name})
    return group


def rename_group(group: Group, name: str, actor=None) -> Group:
    name = _clean_group_name(name, exclude_pk=group.pk)
    if name != group.name:
        before = {"name": group.name}
        group.name = name
        group.save(update_fields=["name"])
        audit.record(actor, "group.rename", group, before=before, after={"name": name})
    return group


def set_group_members(group: Group, users, actor=None) -> Group:
    before = sorted(group.user_set.values_list("username", flat=True))
    group.user_set.set(list(users))
    after = sorted(group.user_set.values_list("username", flat=True))
    if after != before:
        audit.record(actor, "group.members", group, before={"members": before}, after={"members": after})
    return group


def issue_token(user: User, name: str = "", actor=None) -> str:
    """Create a token and return the raw value: the caller shows it once; only its SHA-256 is kept."""
    token, raw = ApiToken.issue(user, (name or "").strip()[:100])
    audit.record(
        actor or user, "token.issue", token, after={"user": user.username, "name": token.name, "prefix": token.prefix}
    )
    return raw


def revoke_token(token: ApiToken, actor=None) -> ApiToken:
    if token.revoked:
        return token
    token.revoked = True
    token.save(update_fields=["revoked"])
    audit.record(
        actor,
        "token.revoke",
        token,
        before={"revoked": False},
        after={"revoked": True, "user": token.user.username, "prefix": token.prefix},
    )
    return token


def touch_token(token: ApiToken) -> None:
    """Note when a token was last used (at most once a minute, to keep reads cheap)."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
