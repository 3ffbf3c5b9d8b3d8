"""Collection grants (Wagtail's GroupCollectionPermission): changing them, and reading effective access.

A grant gives a group `view` or `edit` on a collection and everything below it. A group holds at most one level
per collection here (setting `edit` replaces `view`). Effective access of a group on a collection is the highest
level granted on the collection or any ancestor; a user's role then caps it (viewers only ever view).
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db.models import QuerySet

from quiver.accounts.models import User
from quiver.core import audit
from quiver.core.roles import Role

from .models import Collection, CollectionGrant, GrantLevel

RANK = {GrantLevel.VIEW: 1, GrantLevel.EDIT: 2}


def _grant_list(collection: Collection) -> list[str]:
    rows = CollectionGrant.objects.filter(collection=collection).select_related("group")
    return sorted(f"{g.group.name}: {g.level}" for g in rows)


def set_grant(collection: Collection, group: Group, level: str, actor=None) -> CollectionGrant:
    level = GrantLevel(level)
    before = _grant_list(collection)
    CollectionGrant.objects.filter(collection=collection, group=group).exclude(level=level).delete()
    grant, _ = CollectionGrant.objects.get_or_create(collection=collection, group=group, level=level)
    after = _grant_list(collection)
    if after != before:
        audit.record(actor, "grant.set", collection, before={"grants": before}, after={"grants": after})
    return grant


def remove_grant(collection: Collection, group: Group, actor=None) -> bool:
    before = _grant_list(collection)
    deleted, _ = CollectionGrant.objects.filter(collection=collection, group=group).delete()
    if deleted:
        audit.record(
            actor, "grant.remove", collection, before={"grants": before}, after={"grants": _grant_list(collection)}
        )
    return bool(deleted)


@dataclass
class Access:
    group: Group
    level: str
    source: Collection  # where the deciding grant sits
    inherited: bool


@dataclass
class CollectionAccess:
    collection: Collection
    direct: list = field(default_factory=list)  # CollectionGrant rows on this collection
    effective: list = field(default_factory=list)  # Access per group, by group name


def _ancestor_ids(collection: Collection) -> list[int]:
    return [int(p) for p in collection.path.strip("/").split("/") if p]


def access_tree(collections=None) -> list[CollectionAccess]:
    """Every collection (in tree order) with its direct grants and effective group access. Two queries."""
    collections = list(collections if collections is not None else Collection.objects.order_by("path"))
    by_id = {c.pk: c for c in collections}
    grants = list(CollectionGrant.objects.select_related("group").order_by("group__name", "level"))
    direct: dict[int, list] = {}
    for g in grants:
        direct.setdefault(g.collection_id, []).append(g)
    result = []
    for c in collections:
        best: dict[int, Access] = {}
        for anc_id in _ancestor_ids(c):  # root first, so nearer grants of the same rank win
            for g in direct.get(anc_id, []):
                current = best.get(g.group_id)
                if current is None or RANK[g.level] >= RANK[current.level]:
                    source = by_id.get(anc_id) or g.collection
                    best[g.group_id] = Access(g.group, g.level, source, anc_id != c.pk)
        effective = sorted(best.values(), key=lambda a: a.group.name.lower())
        result.append(CollectionAccess(c, direct.get(c.pk, []), effective))
    return result


def collection_access(collection: Collection) -> CollectionAccess:
    chain = list(Collection.objects.filter(pk__in=_ancestor_ids(collection)).order_by("depth"))
    return next(a for a in access_tree(chain) if a.collection.pk == collection.pk)


def user_capability(user, group_level: str | None) -> str:
    """What a user can actually do given the best level its groups hold: the role caps it."""
    if user.is_superuser or user.role == Role.ADMIN:
        return "admin (everything)"
    if not user.is_active:
        return "none (inactive)"
    if group_level == GrantLevel.EDIT and user.role == Role.EDITOR:
        return "edit"
    if group_level in (GrantLevel.VIEW, GrantLevel.EDIT):
        return "view published" if user.role == Role.VIEWER else "view"
    return "none"


def members_access(access: CollectionAccess) -> list[tuple]:
    """(user, best group level, capability, via groups) for every member of a group with access. Two queries."""
    levels = {a.group.pk: a.level for a in access.effective}
    users = User.objects.filter(groups__in=list(levels)).distinct().prefetch_related("groups").order_by("username")
    rows = []
    for user in users:
        via = [g for g in user.groups.all() if g.pk in levels]
        best = max((levels[g.pk] for g in via), key=lambda lv: RANK[lv], default=None)
        rows.append((user, best, user_capability(user, best), sorted(g.name for g in via)))
    return rows


def user_access(user) -> list[tuple]:
    """(collection, best level, capability, via group names) for every collection the user's groups reach."""
    group_ids = {g.pk for g in user.groups.all()}
    rows = []
    for row in access_tree():
        mine = [a for a in row.effective if a.group.pk in group_ids]
        if not mine:
            continue
        best = max((a.level for a in mine), key=lambda lv: RANK[lv])
        rows.append((row.collection, best, user_capability(user, best), sorted(a.group.name for a in mine)))
    return rows


def group_grants(group) -> QuerySet:
    """The group's grants with their collection, by collection path (accounts' group page)."""
    return CollectionGrant.objects.filter(group=group).select_related("collection").order_by("collection__path")
