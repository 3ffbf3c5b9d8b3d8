"""Creating users and tokens. Callers own the transaction."""

from django.contrib.auth.models import Group

from quiver.core import audit

from .models import ApiToken, Role, User

# New users join the group that carries their role's default grants on the library root.
DEFAULT_GROUP = {Role.ADMIN: "Marketing", Role.EDITOR: "Marketing", Role.VIEWER: "Sales"}


def create_user(username: str, role: str, password: str | None = None, *, email: str = "", first_name: str = "",
                last_name: str = "", actor=None) -> User:
    role = Role(role)
    user = User(username=username, role=role, email=email, first_name=first_name, last_name=last_name,
                is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    group, _ = Group.objects.get_or_create(name=DEFAULT_GROUP[role])
    user.groups.add(group)
    audit.record(actor, "user.create", user, after={"username": username, "role": role.value})
    return user


def set_role(user: User, role: str, actor=None) -> User:
    before = {"role": user.role}
    user.role = Role(role)
    user.is_staff = user.is_superuser = user.role == Role.ADMIN
    user.save(update_fields=["role", "is_staff", "is_superuser"])
    audit.record(actor, "user.role", user, before=before, after={"role": user.role})
    return user


def issue_token(user: User, name: str = "", actor=None) -> str:
    token, raw = ApiToken.issue(user, name)
    audit.record(actor or user, "token.issue", token, after={"user": user.username, "name": name})
    return raw
