"""Queries for the administration pages. Each returns a queryset with its relations loaded (no N+1)."""

from django.contrib.auth.models import Group
from django.db.models import Count, Prefetch, Q, QuerySet

from quiver.core.roles import Role

from .models import ApiToken, User


def users_for_admin(q: str = "", role: str = "", active: str = "") -> QuerySet:
    users = User.objects.prefetch_related(Prefetch("groups", queryset=Group.objects.order_by("name")))
    if q:
        users = users.filter(
            Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q) | Q(email__icontains=q)
        )
    if role in Role.values:
        users = users.filter(role=role)
    if active in ("yes", "no"):
        users = users.filter(is_active=active == "yes")
    return users.order_by("username")


def groups_with_counts() -> QuerySet:
    return Group.objects.annotate(
        member_count=Count("user", distinct=True), grant_count=Count("collection_grants", distinct=True)
    ).order_by("name")


def group_members(group: Group) -> QuerySet:
    return group.user_set.order_by("username")


def tokens_of(user: User) -> QuerySet:
    return ApiToken.objects.filter(user=user).order_by("revoked", "-created_at")


def all_tokens(username: str = "", include_revoked: bool = False) -> QuerySet:
    tokens = ApiToken.objects.select_related("user").order_by("revoked", "-created_at")
    if username:
        tokens = tokens.filter(user__username__iexact=username)
    if not include_revoked:
        tokens = tokens.filter(revoked=False)
    return tokens
