"""The search engines' view of library.policy: which documents a user may see (visible_assets semantics)."""

from quiver.library import policy

from .engine import Permission


def permission_for(user) -> Permission:
    if policy.is_admin(user):
        return Permission.everything()
    if not (user and user.is_authenticated and user.is_active):
        return Permission.nothing()
    collections = frozenset(policy.viewable_collections(user).values_list("pk", flat=True))
    if policy.is_editor(user):
        return Permission(collection_ids=collections, statuses=None, user_id=user.pk)
    return Permission(collection_ids=collections, statuses=frozenset({"published"}))
